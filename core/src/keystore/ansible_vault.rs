//! btwallet legacy `$ANSIBLE_VAULT;1.1;AES256` keyfiles.
//!
//! ```text
//! $ANSIBLE_VAULT;1.1;AES256\n
//! hex( hex(salt) ‖ "\n" ‖ hex(hmac) ‖ "\n" ‖ hex(ciphertext) ), wrapped at 80 columns
//! ```
//!
//! PBKDF2-HMAC-SHA256(password, salt, 10 000 iterations) gives 80 bytes = AES-256 key ‖ HMAC key ‖
//! counter block. The ciphertext is AES-256-CTR (128-bit big-endian counter) over the
//! PKCS#7-padded plaintext; the MAC is HMAC-SHA256 over the ciphertext and is checked in
//! constant time before anything is decrypted.

use alloc::string::String;
use alloc::vec::Vec;

use aes::Aes256;
use ctr::Ctr128BE;
use ctr::cipher::{KeyIvInit, StreamCipher};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::error::{Container, KeystoreError};
use super::random::random_array;

/// The header line btwallet writes (without the newline).
pub const ANSIBLE_HEADER: &str = "$ANSIBLE_VAULT;1.1;AES256";
/// The marker every Ansible Vault file starts with.
pub const ANSIBLE_PREFIX: &[u8] = b"$ANSIBLE_VAULT";
/// PBKDF2 iterations.
pub const ANSIBLE_PBKDF2_ITERATIONS: u32 = 10_000;

const E: Container = Container::AnsibleVault;

fn malformed(reason: &'static str) -> KeystoreError {
    KeystoreError::Malformed {
        container: E,
        reason,
    }
}

/// A parsed Ansible Vault (nothing decrypted yet).
#[derive(Debug, Clone)]
pub struct AnsibleVault {
    salt: Vec<u8>,
    hmac: [u8; 32],
    ciphertext: Vec<u8>,
}

impl AnsibleVault {
    /// Parses the header and the hex-of-hex body. Cheap: no key derivation.
    pub fn parse(data: &[u8]) -> Result<Self, KeystoreError> {
        if !data.starts_with(ANSIBLE_PREFIX) {
            return Err(malformed("missing $ANSIBLE_VAULT header"));
        }
        let text = core::str::from_utf8(data).map_err(|_| KeystoreError::NotUtf8(E))?;
        let (header, body) = text.split_once('\n').ok_or(KeystoreError::Truncated {
            container: E,
            len: data.len(),
            min: ANSIBLE_HEADER.len() + 1,
        })?;
        let mut fields = header.trim_end().split(';');
        let _marker = fields.next();
        match fields.next() {
            Some("1.1") | Some("1.2") => {}
            _ => return Err(malformed("unsupported vault version (expected 1.1 or 1.2)")),
        }
        if fields.next() != Some("AES256") {
            return Err(malformed("unsupported vault cipher (expected AES256)"));
        }
        let body: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        if body.is_empty() {
            return Err(KeystoreError::Truncated {
                container: E,
                len: data.len(),
                min: header.len() + 2,
            });
        }
        let inner = hex::decode(&body).map_err(|_| KeystoreError::InvalidHex("vault body"))?;
        let inner =
            core::str::from_utf8(&inner).map_err(|_| malformed("vault body is not hex text"))?;
        let mut parts = inner.split('\n');
        let (Some(salt), Some(mac), Some(ct), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed(
                "vault body must have three lines (salt, hmac, ciphertext)",
            ));
        };
        let salt = hex::decode(salt.trim()).map_err(|_| KeystoreError::InvalidHex("vault salt"))?;
        let hmac: [u8; 32] = hex::decode(mac.trim())
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or(KeystoreError::InvalidHex("vault hmac"))?;
        let ciphertext =
            hex::decode(ct.trim()).map_err(|_| KeystoreError::InvalidHex("vault ciphertext"))?;
        if salt.is_empty() {
            return Err(malformed("empty salt"));
        }
        if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(16) {
            return Err(malformed(
                "ciphertext length is not a positive multiple of 16",
            ));
        }
        Ok(Self {
            salt,
            hmac,
            ciphertext,
        })
    }

    /// Derives the keys from `password`, checks the HMAC (constant time) and decrypts.
    pub fn decrypt(&self, password: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
        let keys = derive_keys(password, &self.salt);
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&keys[32..64])
            .map_err(|_| KeystoreError::Kdf("HMAC key"))?;
        mac.update(&self.ciphertext);
        mac.verify_slice(&self.hmac)
            .map_err(|_| KeystoreError::WrongPassword(E))?;
        let mut buf = Zeroizing::new(self.ciphertext.clone());
        ctr_apply(&keys, &mut buf)?;
        let pad = *buf.last().ok_or(malformed("empty plaintext"))? as usize;
        if pad == 0
            || pad > 16
            || pad > buf.len()
            || buf[buf.len() - pad..].iter().any(|&b| b as usize != pad)
        {
            return Err(malformed("bad PKCS#7 padding"));
        }
        let len = buf.len() - pad;
        buf.truncate(len);
        Ok(buf)
    }
}

fn derive_keys(password: &[u8], salt: &[u8]) -> Zeroizing<[u8; 80]> {
    let mut keys = Zeroizing::new([0u8; 80]);
    pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, ANSIBLE_PBKDF2_ITERATIONS, keys.as_mut());
    keys
}

fn ctr_apply(keys: &[u8; 80], buf: &mut [u8]) -> Result<(), KeystoreError> {
    let mut cipher = Ctr128BE::<Aes256>::new_from_slices(&keys[..32], &keys[64..80])
        .map_err(|_| KeystoreError::Kdf("AES key"))?;
    cipher.apply_keystream(buf);
    Ok(())
}

/// Encrypts `plaintext` as an Ansible Vault 1.1 file with a random 32-byte salt (as btwallet's
/// `legacy_encrypt_keyfile_data` does).
pub fn encrypt(plaintext: &[u8], password: &[u8]) -> Result<Vec<u8>, KeystoreError> {
    let salt = random_array::<32>()?;
    encrypt_with_salt(plaintext, password, &salt)
}

/// Encrypts with a caller-chosen salt (tests; never reuse a salt with a password).
pub fn encrypt_with_salt(
    plaintext: &[u8],
    password: &[u8],
    salt: &[u8],
) -> Result<Vec<u8>, KeystoreError> {
    let keys = derive_keys(password, salt);
    let pad = 16 - plaintext.len() % 16;
    let mut buf = Zeroizing::new(Vec::with_capacity(plaintext.len() + pad));
    buf.extend_from_slice(plaintext);
    buf.extend(core::iter::repeat_n(pad as u8, pad));
    ctr_apply(&keys, &mut buf)?;
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&keys[32..64])
        .map_err(|_| KeystoreError::Kdf("HMAC key"))?;
    mac.update(&buf);
    let tag = mac.finalize().into_bytes();
    let inner = alloc::format!(
        "{}\n{}\n{}",
        hex::encode(salt),
        hex::encode(tag),
        hex::encode(&*buf)
    );
    let outer = hex::encode(inner.as_bytes());
    let mut out = String::with_capacity(outer.len() + outer.len() / 80 + ANSIBLE_HEADER.len() + 2);
    out.push_str(ANSIBLE_HEADER);
    for line in outer.as_bytes().chunks(80) {
        out.push('\n');
        out.push_str(core::str::from_utf8(line).unwrap_or_default());
    }
    out.push('\n');
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_layout() {
        let pt = br#"{"secretPhrase":"stool feel open east woman high can denial forget screen trust salt"}"#;
        let file = encrypt_with_salt(pt, b"ansible_password", &[5u8; 32]).unwrap();
        let text = core::str::from_utf8(&file).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(ANSIBLE_HEADER));
        assert!(lines.all(|l| l.len() <= 80 && l.bytes().all(|b| b.is_ascii_hexdigit())));
        let vault = AnsibleVault::parse(&file).unwrap();
        assert_eq!(vault.decrypt(b"ansible_password").unwrap().as_slice(), pt);
        assert!(matches!(
            vault.decrypt(b"ansible_passwore"),
            Err(KeystoreError::WrongPassword(_))
        ));
    }

    #[test]
    fn plaintext_of_exact_block_size_gets_a_full_padding_block() {
        let pt = [b'x'; 32];
        let file = encrypt_with_salt(&pt, b"pw", &[1u8; 32]).unwrap();
        let vault = AnsibleVault::parse(&file).unwrap();
        assert_eq!(vault.ciphertext.len(), 48);
        assert_eq!(vault.decrypt(b"pw").unwrap().as_slice(), &pt);
    }

    #[test]
    fn bad_bodies_are_typed_errors() {
        assert!(matches!(
            AnsibleVault::parse(b"$ANSIBLE_VAULT;1.1;AES256"),
            Err(KeystoreError::Truncated { .. })
        ));
        assert!(matches!(
            AnsibleVault::parse(b"$ANSIBLE_VAULT;1.0;AES\nab"),
            Err(KeystoreError::Malformed { .. })
        ));
        assert!(matches!(
            AnsibleVault::parse(b"$ANSIBLE_VAULT;1.1;AES256\nzz"),
            Err(KeystoreError::InvalidHex("vault body"))
        ));
        let one_line = hex::encode(b"00\n11");
        assert!(matches!(
            AnsibleVault::parse(alloc::format!("$ANSIBLE_VAULT;1.1;AES256\n{one_line}").as_bytes()),
            Err(KeystoreError::Malformed { .. })
        ));
    }
}
