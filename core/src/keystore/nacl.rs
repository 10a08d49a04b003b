//! btwallet `$NACL` keyfiles: Argon2i-derived key + XSalsa20-Poly1305 secretbox.
//!
//! Layout: `b"$NACL"` ‖ nonce (24) ‖ Poly1305 tag (16) ‖ ciphertext, so a file is 45 bytes longer
//! than its plaintext. The key is Argon2i v1.3 with t = 8 passes, m = 524 288 KiB (512 MiB),
//! p = 1 lane, a 32-byte output and the **fixed** salt [`NACL_SALT`] (libsodium's
//! `OPSLIMIT_SENSITIVE`/`MEMLIMIT_SENSITIVE`, as btwallet uses them).
//!
//! # Memory
//!
//! The key derivation makes exactly one 512 MiB allocation (argon2's own zeroed block array,
//! allocated fallibly: an out-of-memory host gets [`KeystoreError::Kdf`] instead of an abort)
//! and wipes it before freeing (argon2 `zeroize` feature). No other copy of the block memory
//! exists, so the peak is 512 MiB plus a few KiB; on wasm32 the linear memory grows to about
//! 513 MiB and, as wasm memory never shrinks, stays there for the instance's lifetime.

use alloc::vec::Vec;

use argon2::{Algorithm, Argon2, Params, Version};
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Key, Nonce, XSalsa20Poly1305};
use zeroize::Zeroizing;

use super::error::{Container, KeystoreError};
use super::random::random_array;

/// The 5-byte marker every `$NACL` keyfile starts with.
pub const NACL_PREFIX: &[u8] = b"$NACL";
/// The salt btwallet uses for every `$NACL` keyfile (`137183dff15a09bc9c90b5518739e9b1`).
pub const NACL_SALT: [u8; 16] = [
    0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc, 0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1,
];
/// Argon2 memory cost in KiB (512 MiB).
pub const NACL_ARGON2_M_KIB: u32 = 524_288;
/// Argon2 passes.
pub const NACL_ARGON2_T: u32 = 8;
/// Fixed overhead of a `$NACL` file: prefix 5 + nonce 24 + tag 16.
pub const NACL_OVERHEAD: usize = 5 + 24 + 16;

/// Derives the 32-byte secretbox key from a password (Argon2i, 512 MiB, several seconds).
pub fn derive_key(password: &[u8]) -> Result<Zeroizing<[u8; 32]>, KeystoreError> {
    let params = Params::new(NACL_ARGON2_M_KIB, NACL_ARGON2_T, 1, Some(32))
        .map_err(|_| KeystoreError::Kdf("invalid Argon2 parameters"))?;
    let argon = Argon2::new(Algorithm::Argon2i, Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(password, &NACL_SALT, key.as_mut())
        .map_err(|e| match e {
            argon2::Error::OutOfMemory => {
                KeystoreError::Kdf("out of memory (Argon2 needs 512 MiB)")
            }
            _ => KeystoreError::Kdf("Argon2 failed"),
        })?;
    Ok(key)
}

/// A parsed `$NACL` keyfile (nothing decrypted yet).
#[derive(Debug, Clone, Copy)]
pub struct NaclKeyfile<'a> {
    nonce: [u8; 24],
    sealed: &'a [u8],
}

impl<'a> NaclKeyfile<'a> {
    /// Splits a `$NACL` file into nonce and sealed box. Cheap: no key derivation.
    pub fn parse(data: &'a [u8]) -> Result<Self, KeystoreError> {
        if !data.starts_with(NACL_PREFIX) {
            return Err(KeystoreError::Malformed {
                container: Container::Nacl,
                reason: "missing $NACL prefix",
            });
        }
        if data.len() < NACL_OVERHEAD {
            return Err(KeystoreError::Truncated {
                container: Container::Nacl,
                len: data.len(),
                min: NACL_OVERHEAD,
            });
        }
        let mut nonce = [0u8; 24];
        nonce.copy_from_slice(&data[5..29]);
        Ok(Self {
            nonce,
            sealed: &data[29..],
        })
    }

    /// The 24-byte nonce.
    pub fn nonce(&self) -> &[u8; 24] {
        &self.nonce
    }

    /// Derives the key from `password` (Argon2i, see the module docs) and opens the box.
    pub fn decrypt(&self, password: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
        let key = derive_key(password)?;
        self.decrypt_with_key(&key)
    }

    /// Opens the box with an already derived key (MAC checked in constant time by the AEAD).
    pub fn decrypt_with_key(&self, key: &[u8; 32]) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
        let cipher = XSalsa20Poly1305::new(Key::from_slice(key));
        cipher
            .decrypt(Nonce::from_slice(&self.nonce), self.sealed)
            .map(Zeroizing::new)
            .map_err(|_| KeystoreError::WrongPassword(Container::Nacl))
    }
}

/// Encrypts `plaintext` as a `$NACL` keyfile with a fresh random nonce (Argon2i, several seconds).
pub fn encrypt(plaintext: &[u8], password: &[u8]) -> Result<Vec<u8>, KeystoreError> {
    let nonce = random_array::<24>()?;
    let key = derive_key(password)?;
    Ok(encrypt_with_key(plaintext, &key, &nonce))
}

/// Encrypts with an already derived key and a caller-chosen nonce (never reuse a nonce with a key).
pub fn encrypt_with_key(plaintext: &[u8], key: &[u8; 32], nonce: &[u8; 24]) -> Vec<u8> {
    let cipher = XSalsa20Poly1305::new(Key::from_slice(key));
    let sealed = cipher
        .encrypt(Nonce::from_slice(nonce), plaintext)
        .expect("XSalsa20-Poly1305 encryption of an in-memory buffer cannot fail");
    let mut out = Vec::with_capacity(NACL_OVERHEAD + plaintext.len());
    out.extend_from_slice(NACL_PREFIX);
    out.extend_from_slice(nonce);
    out.extend_from_slice(&sealed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_fixed_key_and_size_is_45_plus_len() {
        let key = [7u8; 32];
        let nonce = [9u8; 24];
        let pt = br#"{"secretPhrase":"stool feel open east woman high can denial forget screen trust salt"}"#;
        let file = encrypt_with_key(pt, &key, &nonce);
        assert_eq!(file.len(), 45 + pt.len());
        assert!(file.starts_with(b"$NACL"));
        let parsed = NaclKeyfile::parse(&file).unwrap();
        assert_eq!(parsed.nonce(), &nonce);
        assert_eq!(parsed.decrypt_with_key(&key).unwrap().as_slice(), pt);
        let mut wrong = key;
        wrong[0] ^= 1;
        assert!(matches!(
            parsed.decrypt_with_key(&wrong),
            Err(KeystoreError::WrongPassword(Container::Nacl))
        ));
    }

    #[test]
    fn flipped_ciphertext_bit_fails_authentication() {
        let key = [1u8; 32];
        let mut file = encrypt_with_key(b"{}", &key, &[2u8; 24]);
        let last = file.len() - 1;
        file[last] ^= 0x80;
        let parsed = NaclKeyfile::parse(&file).unwrap();
        assert!(matches!(
            parsed.decrypt_with_key(&key),
            Err(KeystoreError::WrongPassword(_))
        ));
    }

    #[test]
    fn truncated_file_is_rejected_before_any_kdf() {
        let err = NaclKeyfile::parse(b"$NACL0123456789").unwrap_err();
        assert!(matches!(
            err,
            KeystoreError::Truncated {
                container: Container::Nacl,
                len: 15,
                min: 45
            }
        ));
    }
}
