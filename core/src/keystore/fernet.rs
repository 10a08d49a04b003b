//! The oldest btwallet keyfile format: a Fernet token (`gAAAAA…`).
//!
//! Key = PBKDF2-HMAC-SHA256(password, [`FERNET_SALT`], 10 000 000 iterations, 32 bytes), used as
//! the Fernet key (its base64url form is what old bittensor passed to `cryptography.Fernet`).
//! Token = base64url(0x80 ‖ timestamp u64 BE ‖ IV 16 ‖ AES-128-CBC ciphertext ‖ HMAC-SHA256 32),
//! with signing key = key\[0..16\] and encryption key = key\[16..32\]. The HMAC covers everything
//! before it and is verified in constant time before decrypting.
//!
//! btwallet 4.x cannot decrypt these files (it replaces the derived key by a random one,
//! RaoFoundation/btwallet#185); this implementation can.

use alloc::vec::Vec;

use aes::Aes128;
use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::error::{Container, KeystoreError};

/// The fixed PBKDF2 salt of old bittensor's Fernet keyfiles.
pub const FERNET_SALT: &[u8] = b"Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins";
/// PBKDF2 iterations (ten million: several seconds).
pub const FERNET_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// The marker every Fernet keyfile starts with (base64url of 0x80 and the high timestamp bytes).
pub const FERNET_PREFIX: &[u8] = b"gAAAAA";

const E: Container = Container::Fernet;
/// version 1 + timestamp 8 + IV 16 + one block 16 + HMAC 32.
const MIN_TOKEN: usize = 1 + 8 + 16 + 16 + 32;

const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Derives the raw 32-byte Fernet key from a password (PBKDF2, 10 M iterations, seconds).
pub fn derive_key(password: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<Sha256>(
        password,
        FERNET_SALT,
        FERNET_PBKDF2_ITERATIONS,
        key.as_mut(),
    );
    key
}

/// A parsed Fernet token (nothing decrypted yet).
#[derive(Debug, Clone)]
pub struct FernetToken {
    raw: Vec<u8>,
}

impl FernetToken {
    /// Decodes the base64url token and checks its layout. Cheap: no key derivation.
    pub fn parse(data: &[u8]) -> Result<Self, KeystoreError> {
        let text = data.trim_ascii();
        let raw = URL_SAFE_LENIENT
            .decode(text)
            .map_err(|_| KeystoreError::InvalidBase64("Fernet token"))?;
        if raw.len() < MIN_TOKEN {
            return Err(KeystoreError::Truncated {
                container: E,
                len: raw.len(),
                min: MIN_TOKEN,
            });
        }
        if raw[0] != 0x80 {
            return Err(KeystoreError::Malformed {
                container: E,
                reason: "unknown Fernet version byte",
            });
        }
        if !(raw.len() - MIN_TOKEN).is_multiple_of(16) {
            return Err(KeystoreError::Malformed {
                container: E,
                reason: "ciphertext length is not a multiple of 16",
            });
        }
        Ok(Self { raw })
    }

    /// The token's creation time (seconds since the Unix epoch), as written by the encryptor.
    pub fn timestamp(&self) -> u64 {
        let mut ts = [0u8; 8];
        ts.copy_from_slice(&self.raw[1..9]);
        u64::from_be_bytes(ts)
    }

    /// Derives the key from `password` (10 M PBKDF2 iterations) and decrypts.
    pub fn decrypt(&self, password: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
        let key = derive_key(password);
        self.decrypt_with_key(&key)
    }

    /// Decrypts with the raw 32-byte Fernet key; the HMAC is checked in constant time first.
    pub fn decrypt_with_key(&self, key: &[u8; 32]) -> Result<Zeroizing<Vec<u8>>, KeystoreError> {
        let (signed, tag) = self.raw.split_at(self.raw.len() - 32);
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key[..16])
            .map_err(|_| KeystoreError::Kdf("HMAC key"))?;
        mac.update(signed);
        mac.verify_slice(tag)
            .map_err(|_| KeystoreError::WrongPassword(E))?;
        let iv = &signed[9..25];
        let mut buf = Zeroizing::new(signed[25..].to_vec());
        let dec = cbc::Decryptor::<Aes128>::new_from_slices(&key[16..], iv)
            .map_err(|_| KeystoreError::Kdf("AES key"))?;
        let len = dec
            .decrypt_padded::<Pkcs7>(&mut buf)
            .map_err(|_| KeystoreError::Malformed {
                container: E,
                reason: "bad PKCS#7 padding",
            })?
            .len();
        buf.truncate(len);
        Ok(buf)
    }
}

/// Builds a Fernet token with a caller-chosen key, IV and timestamp (core reads no clock).
/// Used by tests; new keyfiles should be written as `$NACL`.
pub fn encrypt_with_key(
    plaintext: &[u8],
    key: &[u8; 32],
    iv: &[u8; 16],
    timestamp: u64,
) -> Vec<u8> {
    let mut buf = Zeroizing::new(Vec::with_capacity(plaintext.len() + 16));
    buf.extend_from_slice(plaintext);
    buf.resize(plaintext.len() + 16, 0);
    let enc =
        cbc::Encryptor::<Aes128>::new_from_slices(&key[16..], iv).expect("fixed key/IV lengths");
    let ct_len = enc
        .encrypt_padded::<Pkcs7>(&mut buf, plaintext.len())
        .expect("buffer has room for one padding block")
        .len();
    let mut token = Vec::with_capacity(1 + 8 + 16 + ct_len + 32);
    token.push(0x80);
    token.extend_from_slice(&timestamp.to_be_bytes());
    token.extend_from_slice(iv);
    token.extend_from_slice(&buf[..ct_len]);
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key[..16]).expect("16-byte HMAC key");
    mac.update(&token);
    token.extend_from_slice(&mac.finalize().into_bytes());
    base64::engine::general_purpose::URL_SAFE
        .encode(token)
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_raw_key() {
        let key = [3u8; 32];
        let pt = br#"{"secretPhrase":"stool feel open east woman high can denial forget screen trust salt"}"#;
        let token = encrypt_with_key(pt, &key, &[4u8; 16], 1_700_000_000);
        assert!(token.starts_with(FERNET_PREFIX));
        let parsed = FernetToken::parse(&token).unwrap();
        assert_eq!(parsed.timestamp(), 1_700_000_000);
        assert_eq!(parsed.decrypt_with_key(&key).unwrap().as_slice(), pt);
        // A different signing half (a different password's key) fails the MAC.
        let mut wrong_sig = key;
        wrong_sig[0] ^= 1;
        assert!(matches!(
            parsed.decrypt_with_key(&wrong_sig),
            Err(KeystoreError::WrongPassword(_))
        ));
    }

    #[test]
    fn garbled_tokens() {
        assert!(matches!(
            FernetToken::parse(b"gAAAAA!!"),
            Err(KeystoreError::InvalidBase64(_))
        ));
        assert!(matches!(
            FernetToken::parse(b"gAAAAABk"),
            Err(KeystoreError::Truncated { .. })
        ));
    }
}
