//! btwallet keyfile JSON (the plaintext inside every keyfile envelope), and reading/writing
//! whole keyfiles.
//!
//! Full keyfiles hold `{accountId, publicKey, privateKey, secretPhrase, secretSeed, ss58Address,
//! cryptoType}`; public files (`coldkeypub.txt`, `hotkeys/<name>pub.txt`) hold
//! `{accountId, publicKey, ss58Address, cryptoType}`.
//!
//! # Loading
//!
//! The key comes from the first present field of `secretPhrase` → `secretSeed` → `privateKey` →
//! `ss58Address` (public only) → `publicKey`/`accountId` (public only; btwallet stops at
//! `ss58Address`), exactly btwallet's precedence. A missing or `null` `cryptoType` means sr25519.
//!
//! `secretSeed` quirk: btwallet writes the seed bytes verbatim when they happen to be valid UTF-8
//! (a Python-made keypair can hold an ASCII hex seed). We accept `0x` + 64 hex digits, 64 hex
//! digits, and a string of exactly 32 bytes taken as the raw seed; we always write `0x` + hex.
//!
//! # Validation (stricter than btwallet, which checks nothing)
//!
//! After loading, every present `publicKey`, `accountId` and `ss58Address` must be the loaded
//! key's (SS58 of any prefix is accepted, compared by public key), else
//! [`KeystoreError::AddressMismatch`]. One exception, the legacy case of wallets.md §7.4: in a
//! file **without** `cryptoType` (written by btwallet ≤ 4.0) whose `ss58Address` disagrees with
//! the secret while `publicKey`/`accountId` (if present) agree, the stale `ss58Address` is
//! ignored like btwallet ignores it; the key loads and [`Keyfile::stale_ss58_address`] reports
//! the stale value so a UI can warn. Files with `cryptoType` (btwallet 4.1.x writes all fields
//! together) get no such leniency.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::Deserialize;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::envelope::{KeyfileEncryption, decrypt_keyfile_data, encrypt_keyfile_data};
use super::error::{Container, KeystoreError, json_error};
use crate::keys::{CryptoType, Keypair, PublicKey, ss58};

/// The raw JSON fields; secret strings are wiped on drop.
#[derive(Deserialize, Zeroize, ZeroizeOnDrop, Default)]
#[serde(rename_all = "camelCase")]
struct KeyfileJson {
    account_id: Option<String>,
    public_key: Option<String>,
    private_key: Option<String>,
    secret_phrase: Option<String>,
    secret_seed: Option<String>,
    ss58_address: Option<String>,
    #[zeroize(skip)]
    crypto_type: Option<serde_json::Value>,
}

/// The key held by a keyfile: a full key pair, or only a public key (`…pub.txt` files).
#[derive(Clone)]
pub struct Keyfile {
    public: PublicKey,
    crypto_type: CryptoType,
    keypair: Option<Keypair>,
    stale_ss58_address: Option<String>,
}

impl fmt::Debug for Keyfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyfile")
            .field("address", &self.public.address())
            .field("crypto_type", &self.crypto_type)
            .field("has_secret", &self.keypair.is_some())
            .finish()
    }
}

impl Keyfile {
    /// A keyfile holding `keypair` (secret and public parts).
    pub fn from_keypair(keypair: Keypair) -> Self {
        Self {
            public: keypair.public(),
            crypto_type: keypair.crypto_type(),
            keypair: Some(keypair),
            stale_ss58_address: None,
        }
    }

    /// A public-only keyfile (the shape of `coldkeypub.txt`).
    pub fn public_only(public: PublicKey, crypto_type: CryptoType) -> Self {
        Self {
            public,
            crypto_type,
            keypair: None,
            stale_ss58_address: None,
        }
    }

    /// Parses and validates plaintext keyfile JSON (see the module docs for precedence and checks).
    pub fn from_json(json: &[u8]) -> Result<Self, KeystoreError> {
        let text = core::str::from_utf8(json)
            .map_err(|_| KeystoreError::NotUtf8(Container::KeyfileJson))?;
        let raw: KeyfileJson =
            serde_json::from_str(text).map_err(|e| json_error(Container::KeyfileJson, &e))?;
        let (crypto_type, legacy) = match &raw.crypto_type {
            None | Some(serde_json::Value::Null) => (CryptoType::Sr25519, true),
            Some(serde_json::Value::Number(n)) => {
                let ct = n
                    .as_u64()
                    .and_then(|v| u8::try_from(v).ok())
                    .and_then(CryptoType::from_btwallet)
                    .ok_or_else(|| {
                        KeystoreError::UnsupportedCryptoType(alloc::format!("cryptoType {n}"))
                    })?;
                (ct, false)
            }
            Some(_) => {
                return Err(KeystoreError::InvalidField {
                    field: "cryptoType",
                    reason: "must be 0 or 1",
                });
            }
        };

        let keypair = if let Some(phrase) = &raw.secret_phrase {
            Some(Keypair::from_phrase(phrase, None, crypto_type)?)
        } else if let Some(seed) = &raw.secret_seed {
            let seed = parse_secret_seed(seed)?;
            Some(Keypair::from_mini_secret(&seed, crypto_type))
        } else if let Some(pk) = &raw.private_key {
            let bytes = decode_hex_field(pk, "privateKey")?;
            Some(match crypto_type {
                CryptoType::Sr25519 => Keypair::from_sr25519_secret(&bytes)?,
                CryptoType::Ed25519 => Keypair::from_ed25519_seed(&bytes)?,
            })
        } else {
            None
        };

        let public = match &keypair {
            Some(kp) => kp.public(),
            None => {
                if let Some(addr) = &raw.ss58_address {
                    PublicKey(ss58::decode(addr)?.1)
                } else if let Some(pk) = raw.public_key.as_ref().or(raw.account_id.as_ref()) {
                    PublicKey(decode_public_hex(pk, "publicKey")?)
                } else {
                    return Err(KeystoreError::MissingField("ss58Address"));
                }
            }
        };

        for (field, value) in [
            ("publicKey", &raw.public_key),
            ("accountId", &raw.account_id),
        ] {
            if let Some(v) = value {
                let stored = decode_public_hex(v, field)?;
                if stored != public.0 {
                    return Err(KeystoreError::AddressMismatch {
                        field,
                        stored: alloc::format!("0x{}", hex::encode(stored)),
                        derived: public.to_hex(),
                    });
                }
            }
        }
        let mut stale_ss58_address = None;
        if let Some(addr) = &raw.ss58_address {
            let stored = ss58::decode(addr)?.1;
            if stored != public.0 {
                if legacy && keypair.is_some() {
                    stale_ss58_address = Some(addr.clone());
                } else {
                    return Err(KeystoreError::AddressMismatch {
                        field: "ss58Address",
                        stored: addr.clone(),
                        derived: public.address(),
                    });
                }
            }
        }
        Ok(Self {
            public,
            crypto_type,
            keypair,
            stale_ss58_address,
        })
    }

    /// Reads a keyfile in any format (`$NACL`, Ansible Vault, Fernet, plaintext).
    ///
    /// `password` is needed for encrypted files only. `$NACL` costs seconds and 512 MiB (see
    /// [`super::nacl`]); Fernet costs 10 M PBKDF2 iterations.
    pub fn read(data: &[u8], password: Option<&str>) -> Result<Self, KeystoreError> {
        let json = decrypt_keyfile_data(data, password)?;
        Self::from_json(&json)
    }

    /// Serialises to keyfile JSON: the full shape when a secret is held, else the public shape.
    ///
    /// Field order: `accountId, publicKey, privateKey, secretPhrase, secretSeed, ss58Address,
    /// cryptoType`; absent secrets (no phrase, no seed) are omitted, as btwallet does.
    pub fn to_json(&self) -> Zeroizing<Vec<u8>> {
        let hex_pub = self.public.to_hex();
        let mut out = Zeroizing::new(String::with_capacity(600));
        out.push_str("{\"accountId\":\"");
        out.push_str(&hex_pub);
        out.push_str("\",\"publicKey\":\"");
        out.push_str(&hex_pub);
        out.push('"');
        if let Some(kp) = &self.keypair {
            out.push_str(",\"privateKey\":\"0x");
            let secret = kp.secret_bytes();
            push_hex(&mut out, &secret);
            out.push('"');
            if let Some(phrase) = kp.phrase() {
                out.push_str(",\"secretPhrase\":");
                push_json_string(&mut out, phrase);
            }
            if let Some(seed) = kp.mini_secret() {
                out.push_str(",\"secretSeed\":\"0x");
                push_hex(&mut out, seed);
                out.push('"');
            }
        }
        out.push_str(",\"ss58Address\":\"");
        out.push_str(&self.public.address());
        out.push_str("\",\"cryptoType\":");
        out.push(if self.crypto_type.to_btwallet() == 0 {
            '0'
        } else {
            '1'
        });
        out.push('}');
        Zeroizing::new(core::mem::take(&mut *out).into_bytes())
    }

    /// The public-only JSON (the content of `coldkeypub.txt` / `hotkeys/<name>pub.txt`).
    pub fn to_public_json(&self) -> Vec<u8> {
        let public = Self::public_only(self.public, self.crypto_type);
        public.to_json().to_vec()
    }

    /// Serialises and wraps in the chosen envelope (`$NACL` takes seconds and 512 MiB).
    pub fn write(&self, encryption: KeyfileEncryption<'_>) -> Result<Vec<u8>, KeystoreError> {
        encrypt_keyfile_data(&self.to_json(), encryption)
    }

    /// The public key.
    pub fn public(&self) -> PublicKey {
        self.public
    }

    /// SS58 address, prefix 42.
    pub fn address(&self) -> String {
        self.public.address()
    }

    /// sr25519 or ed25519.
    pub fn crypto_type(&self) -> CryptoType {
        self.crypto_type
    }

    /// The key pair, if the file holds a secret.
    pub fn keypair(&self) -> Option<&Keypair> {
        self.keypair.as_ref()
    }

    /// The key pair, or [`KeystoreError::PublicOnly`].
    pub fn into_keypair(self) -> Result<Keypair, KeystoreError> {
        self.keypair.ok_or(KeystoreError::PublicOnly)
    }

    /// Whether the file holds a secret key.
    pub fn has_secret(&self) -> bool {
        self.keypair.is_some()
    }

    /// The `ss58Address` of a legacy file that disagreed with its secret and was ignored.
    pub fn stale_ss58_address(&self) -> Option<&str> {
        self.stale_ss58_address.as_deref()
    }
}

fn parse_secret_seed(seed: &str) -> Result<[u8; 32], KeystoreError> {
    let hex_part = seed.strip_prefix("0x").unwrap_or(seed);
    if hex_part.len() == 64 {
        let mut out = [0u8; 32];
        if hex::decode_to_slice(hex_part, &mut out).is_ok() {
            return Ok(out);
        }
        out.zeroize();
    }
    // btwallet's UTF-8 quirk: 32 raw seed bytes written verbatim as a string.
    let bytes = seed.as_bytes();
    if bytes.len() == 32 {
        let mut out = [0u8; 32];
        out.copy_from_slice(bytes);
        return Ok(out);
    }
    Err(KeystoreError::InvalidHex("secretSeed"))
}

fn decode_hex_field(value: &str, field: &'static str) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
    let h = value.strip_prefix("0x").unwrap_or(value);
    hex::decode(h)
        .map(Zeroizing::new)
        .map_err(|_| KeystoreError::InvalidHex(field))
}

fn decode_public_hex(value: &str, field: &'static str) -> Result<[u8; 32], KeystoreError> {
    let h = value.strip_prefix("0x").unwrap_or(value);
    let mut out = [0u8; 32];
    hex::decode_to_slice(h, &mut out).map_err(|_| KeystoreError::InvalidHex(field))?;
    Ok(out)
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
}

/// JSON string literal without going through an intermediate (non-wiped) buffer.
fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                push_hex(out, &[c as u8]);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    const STOOL: &str = "stool feel open east woman high can denial forget screen trust salt";

    #[test]
    fn minimal_phrase_file_loads_as_sr25519() {
        let kf = Keyfile::from_json(alloc::format!("{{\"secretPhrase\":\"{STOOL}\"}}").as_bytes())
            .unwrap();
        assert_eq!(
            kf.address(),
            "5F7cAYCZEBz21YEjzSZPGyP7W2fva7qUXDexxXsVezSHyktz"
        );
        assert_eq!(kf.crypto_type(), CryptoType::Sr25519);
        assert!(kf.stale_ss58_address().is_none());
    }

    #[test]
    fn written_json_matches_the_wallets_md_full_coldkey() {
        // wallets.md §7.4: the 556-byte full coldkey plaintext, same key order.
        let expected = r#"{"accountId":"0x86eb46a3f42935d901acc3b8910ca301d969b76cfc2a80f0eac733a8eda7ed24","publicKey":"0x86eb46a3f42935d901acc3b8910ca301d969b76cfc2a80f0eac733a8eda7ed24","privateKey":"0x2b400f61c21cbaad4d5cb2dcbb4ef4fcdc238b98d04d48c6d2a451ebfd306c0eed845edcc69b0a19a6905afed0dd84c16ebd0f458928f2e91a6b67b95fc0b42f","secretPhrase":"stool feel open east woman high can denial forget screen trust salt","secretSeed":"0x023d5fbd7981676587a9f7232aeae1087ac7c265f9658fb643b6f5e61961dfbf","ss58Address":"5F7cAYCZEBz21YEjzSZPGyP7W2fva7qUXDexxXsVezSHyktz","cryptoType":1}"#;
        let kf =
            Keyfile::from_keypair(Keypair::from_phrase(STOOL, None, CryptoType::Sr25519).unwrap());
        let json = kf.to_json();
        assert_eq!(core::str::from_utf8(&json).unwrap(), expected);
        assert_eq!(json.len(), 556);
        let back = Keyfile::from_json(&json).unwrap();
        assert_eq!(back.public(), kf.public());
    }

    #[test]
    fn secret_seed_forms() {
        let hex64 = "023d5fbd7981676587a9f7232aeae1087ac7c265f9658fb643b6f5e61961dfbf";
        let a = Keyfile::from_json(alloc::format!("{{\"secretSeed\":\"0x{hex64}\"}}").as_bytes())
            .unwrap();
        let b = Keyfile::from_json(alloc::format!("{{\"secretSeed\":\"{hex64}\"}}").as_bytes())
            .unwrap();
        assert_eq!(
            a.address(),
            "5F7cAYCZEBz21YEjzSZPGyP7W2fva7qUXDexxXsVezSHyktz"
        );
        assert_eq!(a.public(), b.public());
        // The UTF-8 quirk: 32 raw bytes as a string are the seed itself.
        let raw = "abcdefghijklmnopqrstuvwxyz012345";
        let c =
            Keyfile::from_json(alloc::format!("{{\"secretSeed\":\"{raw}\"}}").as_bytes()).unwrap();
        let mut seed = [0u8; 32];
        seed.copy_from_slice(raw.as_bytes());
        assert_eq!(
            c.public(),
            Keypair::from_mini_secret(&seed, CryptoType::Sr25519).public()
        );
    }

    #[test]
    fn mismatched_public_key_is_rejected_even_in_legacy_files() {
        let json = alloc::format!(
            "{{\"secretPhrase\":\"{STOOL}\",\"publicKey\":\"0x{}\"}}",
            "00".repeat(32)
        );
        assert!(matches!(
            Keyfile::from_json(json.as_bytes()),
            Err(KeystoreError::AddressMismatch {
                field: "publicKey",
                ..
            })
        ));
    }
}
