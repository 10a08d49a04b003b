//! polkadot.js JSON keystores (encoding version 3; versions 1–2 with the same layout are read too).
//!
//! ```jsonc
//! { "encoded": "<base64, or 0x-hex>",
//!   "encoding": { "content": ["pkcs8", "sr25519" | "ed25519"],
//!                 "type": ["scrypt", "xsalsa20-poly1305"] | ["xsalsa20-poly1305"] | ["none"],
//!                 "version": "3" },
//!   "address": "<SS58, any prefix>", "meta": { free-form } }
//! ```
//!
//! - scrypt: `encoded` = salt (32) ‖ N ‖ p ‖ r (u32 LE) ‖ nonce (24) ‖ secretbox(PKCS8); key = the
//!   first 32 bytes of scrypt(password, salt, N, r, p); parameters must pass
//!   [`ScryptParams::check_allowed`] (checked by [`PjsKeystore::parse`], before any work).
//! - non-scrypt legacy: `encoded` = nonce ‖ secretbox; key = UTF-8 password zero-padded or
//!   truncated to 32 bytes.
//! - `none`: `encoded` is the raw PKCS8 ([`pkcs8`]).
//!
//! Unlike polkadot.js and btwallet, decryption checks that the key derived from the secret, the
//! PKCS8 public key and `address` all agree ([`KeystoreError::AddressMismatch`] otherwise).
//! `meta` is kept as given; a missing `name` is fine.

pub mod pkcs8;
mod scrypt_params;

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Key, Nonce, XSalsa20Poly1305};
use serde::Deserialize;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

pub use self::pkcs8::{Pkcs8, Pkcs8Secret};
pub use self::scrypt_params::ScryptParams;
use super::error::{Container, KeystoreError, json_error};
use super::random::random_array;
use crate::keys::{CryptoType, Keypair, PublicKey, ss58};

const E: Container = Container::PolkadotJson;
const SCRYPT_HEADER: usize = 44;
const NONCE: usize = 24;
const TAG: usize = 16;

const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// How the `encoded` payload is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PjsEncryption {
    /// scrypt key derivation + XSalsa20-Poly1305 (the current format).
    Scrypt(ScryptParams),
    /// XSalsa20-Poly1305 with the zero-padded password as key (old exports).
    LegacyPassword,
    /// Not encrypted (`type: ["none"]`).
    None,
}

#[derive(Deserialize)]
struct RawJson {
    encoded: Option<String>,
    encoding: Option<RawEncoding>,
    address: Option<String>,
    #[serde(default)]
    meta: Value,
}

#[derive(Deserialize)]
struct RawEncoding {
    content: Option<Value>,
    #[serde(rename = "type")]
    kind: Option<Value>,
    version: Option<Value>,
}

/// A parsed, structurally valid polkadot.js keystore (nothing decrypted yet).
#[derive(Clone)]
pub struct PjsKeystore {
    encoded: Vec<u8>,
    encryption: PjsEncryption,
    crypto_type: CryptoType,
    address: String,
    address_public: PublicKey,
    meta: Value,
}

impl core::fmt::Debug for PjsKeystore {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PjsKeystore")
            .field("address", &self.address)
            .field("crypto_type", &self.crypto_type)
            .field("encryption", &self.encryption)
            .finish_non_exhaustive()
    }
}

/// A decrypted polkadot.js account.
#[derive(Clone, Debug)]
pub struct PjsAccount {
    /// The key pair (sr25519 secrets are held canonically, converted from the ×8 form).
    pub keypair: Keypair,
    /// The `address` as stored in the file (any SS58 prefix).
    pub address: String,
    /// The SS58 prefix of `address` (`None` when it was hex).
    pub ss58_prefix: Option<u16>,
    /// `meta`, as stored.
    pub meta: Value,
}

fn string_list(v: &Value, field: &'static str) -> Result<Vec<String>, KeystoreError> {
    match v {
        Value::String(s) => Ok(alloc::vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(String::from))
            .collect::<Option<Vec<_>>>()
            .ok_or(KeystoreError::InvalidField {
                field,
                reason: "must be a string or a list of strings",
            }),
        _ => Err(KeystoreError::InvalidField {
            field,
            reason: "must be a string or a list of strings",
        }),
    }
}

impl PjsKeystore {
    /// Parses and checks everything that needs no password: JSON shape, version, content and
    /// type, `encoded` encoding and length, scrypt whitelist, `address`. Cheap.
    pub fn parse(json: &[u8]) -> Result<Self, KeystoreError> {
        let text = core::str::from_utf8(json).map_err(|_| KeystoreError::NotUtf8(E))?;
        let raw: RawJson = serde_json::from_str(text).map_err(|e| json_error(E, &e))?;
        let encoding = raw
            .encoding
            .ok_or(KeystoreError::MissingField("encoding"))?;
        let version = match encoding.version {
            Some(Value::String(s)) => s,
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                return Err(KeystoreError::InvalidField {
                    field: "encoding.version",
                    reason: "must be a string",
                });
            }
            None => return Err(KeystoreError::MissingField("encoding.version")),
        };
        if !matches!(version.as_str(), "1" | "2" | "3") {
            return Err(KeystoreError::UnsupportedEncoding(alloc::format!(
                "version {version}"
            )));
        }
        let content = string_list(
            &encoding
                .content
                .ok_or(KeystoreError::MissingField("encoding.content"))?,
            "encoding.content",
        )?;
        if content.first().map(String::as_str) != Some("pkcs8") {
            return Err(KeystoreError::UnsupportedEncoding(String::from(
                "content is not pkcs8",
            )));
        }
        let crypto_type = match content.get(1).map(String::as_str) {
            Some("sr25519") => CryptoType::Sr25519,
            Some("ed25519") => CryptoType::Ed25519,
            Some(other) => return Err(KeystoreError::UnsupportedCryptoType(String::from(other))),
            None => return Err(KeystoreError::MissingField("encoding.content[1]")),
        };
        let kind = string_list(
            &encoding
                .kind
                .ok_or(KeystoreError::MissingField("encoding.type"))?,
            "encoding.type",
        )?;
        for k in &kind {
            if !matches!(k.as_str(), "scrypt" | "xsalsa20-poly1305" | "none") {
                return Err(KeystoreError::UnsupportedEncoding(alloc::format!(
                    "type {k}"
                )));
            }
        }
        let has = |s: &str| kind.iter().any(|k| k == s);
        let encrypted = has("xsalsa20-poly1305");
        if !encrypted && (has("scrypt") || !has("none")) {
            return Err(KeystoreError::UnsupportedEncoding(String::from(
                "type without xsalsa20-poly1305 or none",
            )));
        }

        let encoded_str = raw.encoded.ok_or(KeystoreError::MissingField("encoded"))?;
        let encoded = if let Some(h) = encoded_str.strip_prefix("0x") {
            hex::decode(h).map_err(|_| KeystoreError::InvalidHex("encoded"))?
        } else {
            STANDARD_LENIENT
                .decode(encoded_str.trim())
                .map_err(|_| KeystoreError::InvalidBase64("encoded"))?
        };
        let encryption = if !encrypted {
            PjsEncryption::None
        } else if has("scrypt") {
            let min = SCRYPT_HEADER + NONCE + TAG;
            if encoded.len() < min {
                return Err(KeystoreError::Truncated {
                    container: E,
                    len: encoded.len(),
                    min,
                });
            }
            let u32_at = |i: usize| {
                u32::from_le_bytes([encoded[i], encoded[i + 1], encoded[i + 2], encoded[i + 3]])
            };
            let params = ScryptParams {
                n: u32_at(32),
                p: u32_at(36),
                r: u32_at(40),
            };
            params.check_allowed()?;
            PjsEncryption::Scrypt(params)
        } else {
            if encoded.len() < NONCE + TAG {
                return Err(KeystoreError::Truncated {
                    container: E,
                    len: encoded.len(),
                    min: NONCE + TAG,
                });
            }
            PjsEncryption::LegacyPassword
        };

        let address = raw.address.ok_or(KeystoreError::MissingField("address"))?;
        let address_public = parse_address(&address)?.1;
        Ok(Self {
            encoded,
            encryption,
            crypto_type,
            address,
            address_public,
            meta: raw.meta,
        })
    }

    /// How `encoded` is protected.
    pub fn encryption(&self) -> PjsEncryption {
        self.encryption
    }

    /// sr25519 or ed25519 (from `encoding.content`).
    pub fn crypto_type(&self) -> CryptoType {
        self.crypto_type
    }

    /// The `address` field as stored.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The public key the `address` field encodes.
    pub fn address_public_key(&self) -> PublicKey {
        self.address_public
    }

    /// `meta` as stored (may be `null` or lack `name`).
    pub fn meta(&self) -> &Value {
        &self.meta
    }

    /// Decrypts (scrypt: ~0.3 s and 128 MiB at the default N = 2^17) and validates the key.
    ///
    /// `password` is ignored for `type: ["none"]`; an empty password on an encrypted keystore
    /// is [`KeystoreError::PasswordRequired`], as in polkadot.js.
    pub fn decrypt(&self, password: &str) -> Result<PjsAccount, KeystoreError> {
        let plain = match self.encryption {
            PjsEncryption::None => Zeroizing::new(self.encoded.clone()),
            _ if password.is_empty() => return Err(KeystoreError::PasswordRequired(E)),
            PjsEncryption::Scrypt(params) => {
                let key = params.derive_key(password.as_bytes(), &self.encoded[..32])?;
                open(&key, &self.encoded[SCRYPT_HEADER..])?
            }
            PjsEncryption::LegacyPassword => {
                let mut key = Zeroizing::new([0u8; 32]);
                let pw = password.as_bytes();
                let n = pw.len().min(32);
                key[..n].copy_from_slice(&pw[..n]);
                open(&key, &self.encoded)?
            }
        };
        self.account_from_pkcs8(&plain)
    }

    fn account_from_pkcs8(&self, plain: &[u8]) -> Result<PjsAccount, KeystoreError> {
        let decoded = pkcs8::decode(plain)?;
        let keypair = match (&decoded.secret, self.crypto_type) {
            (Pkcs8Secret::Secret(s), CryptoType::Sr25519) => {
                Keypair::from_sr25519_pjs_secret(&s[..])?
            }
            (Pkcs8Secret::Secret(s), CryptoType::Ed25519) => {
                let kp = Keypair::from_ed25519_seed(&s[..32])?;
                if s[32..] != kp.public().0 {
                    return Err(KeystoreError::AddressMismatch {
                        field: "PKCS8 secret (public half)",
                        stored: alloc::format!("0x{}", hex::encode(&s[32..])),
                        derived: kp.public().to_hex(),
                    });
                }
                kp
            }
            (Pkcs8Secret::Seed(seed), ct) => Keypair::from_mini_secret(seed, ct),
        };
        let derived = keypair.public();
        if decoded.public != derived.0 {
            return Err(KeystoreError::AddressMismatch {
                field: "PKCS8 public key",
                stored: alloc::format!("0x{}", hex::encode(decoded.public)),
                derived: derived.to_hex(),
            });
        }
        if self.address_public != derived {
            return Err(KeystoreError::AddressMismatch {
                field: "address",
                stored: self.address.clone(),
                derived: derived.address(),
            });
        }
        let ss58_prefix = parse_address(&self.address)?.0;
        Ok(PjsAccount {
            keypair,
            address: self.address.clone(),
            ss58_prefix,
            meta: self.meta.clone(),
        })
    }
}

fn parse_address(address: &str) -> Result<(Option<u16>, PublicKey), KeystoreError> {
    if let Some(h) = address.strip_prefix("0x") {
        let mut pk = [0u8; 32];
        hex::decode_to_slice(h, &mut pk).map_err(|_| KeystoreError::InvalidHex("address"))?;
        Ok((None, PublicKey(pk)))
    } else {
        let (prefix, pk) = ss58::decode(address)?;
        Ok((Some(prefix), PublicKey(pk)))
    }
}

fn open(key: &[u8; 32], nonce_and_box: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
    let (nonce, sealed) = nonce_and_box.split_at(NONCE);
    XSalsa20Poly1305::new(Key::from_slice(key))
        .decrypt(Nonce::from_slice(nonce), sealed)
        .map(Zeroizing::new)
        .map_err(|_| KeystoreError::WrongPassword(E))
}

/// Parses and decrypts a polkadot.js keystore in one step.
pub fn import(json: &[u8], password: &str) -> Result<PjsAccount, KeystoreError> {
    PjsKeystore::parse(json)?.decrypt(password)
}

/// Options for [`export`]. Build with [`PjsExportOptions::new`]; core reads no clock, so the
/// caller passes `whenCreated`.
#[derive(Debug, Clone)]
pub struct PjsExportOptions {
    /// `meta.whenCreated`, milliseconds since the Unix epoch.
    pub when_created_ms: u64,
    /// Further `meta` fields (`name`, `genesisHash`, …); `whenCreated` is always set from above.
    pub meta: Map<String, Value>,
    /// SS58 prefix of `address` (default 42).
    pub ss58_prefix: u16,
    /// scrypt parameters (default N = 2^17, p = 1, r = 8; must be in [`ScryptParams::ALLOWED`]).
    pub scrypt: ScryptParams,
}

impl PjsExportOptions {
    /// Defaults: no extra meta, prefix 42, polkadot.js default scrypt parameters.
    pub fn new(when_created_ms: u64) -> Self {
        Self {
            when_created_ms,
            meta: Map::new(),
            ss58_prefix: 42,
            scrypt: ScryptParams::DEFAULT,
        }
    }

    /// Sets `meta.name`.
    pub fn with_name(mut self, name: &str) -> Self {
        self.meta
            .insert(String::from("name"), Value::String(String::from(name)));
        self
    }
}

/// Exports `keypair` as polkadot.js JSON (random salt and nonce).
///
/// `password: None` writes an unencrypted `type: ["none"]` keystore, whose `encoded` field *is*
/// the secret; `Some("")` is refused (polkadot.js would silently write it unencrypted).
pub fn export(
    keypair: &Keypair,
    password: Option<&str>,
    options: &PjsExportOptions,
) -> Result<String, KeystoreError> {
    let public = keypair.public();
    let secret = keypair.pjs_secret();
    let body = pkcs8::encode(&secret, &public.0);
    let (encoded, kind) = match password {
        None => (Zeroizing::new(body.to_vec()), alloc::vec!["none"]),
        Some("") => {
            return Err(KeystoreError::InvalidField {
                field: "password",
                reason: "empty; pass no password for an unencrypted export",
            });
        }
        Some(pw) => {
            let salt = random_array::<32>()?;
            let nonce = random_array::<24>()?;
            let key = options.scrypt.derive_key(pw.as_bytes(), &salt)?;
            let sealed = XSalsa20Poly1305::new(Key::from_slice(&*key))
                .encrypt(Nonce::from_slice(&nonce), body.as_slice())
                .map_err(|_| KeystoreError::Kdf("secretbox failed"))?;
            let mut out = Vec::with_capacity(SCRYPT_HEADER + NONCE + sealed.len());
            out.extend_from_slice(&salt);
            for v in [options.scrypt.n, options.scrypt.p, options.scrypt.r] {
                out.extend_from_slice(&v.to_le_bytes());
            }
            out.extend_from_slice(&nonce);
            out.extend_from_slice(&sealed);
            (
                Zeroizing::new(out),
                alloc::vec!["scrypt", "xsalsa20-poly1305"],
            )
        }
    };
    let address = ss58::try_encode(&public.0, options.ss58_prefix)?;
    let mut meta = options.meta.clone();
    meta.insert(
        String::from("whenCreated"),
        Value::from(options.when_created_ms),
    );
    let json = serde_json::json!({
        "encoded": base64::engine::general_purpose::STANDARD.encode(&*encoded),
        "encoding": {
            "content": ["pkcs8", keypair.crypto_type().name()],
            "type": kind,
            "version": "3",
        },
        "address": address,
        "meta": meta,
    });
    Ok(json.to_string())
}
