//! ed25519 (RFC 8032) operations as Substrate uses them.
//!
//! The 32-byte seed is the mini-secret itself. Hard derivation: `seed' = blake2b-256(SCALE("Ed25519HDKD")
//! ‖ seed ‖ chain_code)`; soft derivation does not exist for ed25519. Verification uses
//! ed25519-dalek's default (cofactorless, non-strict) rules.

use blake2::{Blake2b256, Digest};
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use zeroize::Zeroizing;

use super::KeysError;

/// SCALE encoding of the string `"Ed25519HDKD"`: compact length 11 (`0x2c`) then the bytes.
const HDKD_PREFIX: &[u8] = b"\x2cEd25519HDKD";

/// Length of an ed25519 seed.
pub const SEED_LENGTH: usize = 32;

/// The signing key of a 32-byte seed.
pub(crate) fn from_seed(seed: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(seed)
}

/// From a seed slice, checking its length.
pub(crate) fn from_seed_slice(seed: &[u8]) -> Result<SigningKey, KeysError> {
    let seed: &[u8; 32] = seed
        .try_into()
        .map_err(|_| KeysError::InvalidSecretLength {
            what: "an ed25519 seed",
            expected: SEED_LENGTH,
            actual: seed.len(),
        })?;
    Ok(from_seed(seed))
}

/// The seed (btwallet `privateKey` for ed25519).
pub(crate) fn seed(key: &SigningKey) -> Zeroizing<[u8; 32]> {
    Zeroizing::new(key.to_bytes())
}

/// The polkadot.js secret: seed ‖ public key.
pub(crate) fn to_pjs(key: &SigningKey) -> Zeroizing<[u8; 64]> {
    let mut out = Zeroizing::new([0u8; 64]);
    out[..32].copy_from_slice(&*seed(key));
    out[32..].copy_from_slice(key.verifying_key().as_bytes());
    out
}

/// Hard derivation with a 32-byte chain code.
pub(crate) fn derive_hard(key: &SigningKey, chain_code: &[u8; 32]) -> SigningKey {
    let mut hasher = Blake2b256::new();
    hasher.update(HDKD_PREFIX);
    let parent = seed(key);
    hasher.update(parent.as_slice());
    hasher.update(chain_code);
    let mut child = Zeroizing::new([0u8; 32]);
    child.copy_from_slice(&hasher.finalize());
    from_seed(&child)
}

/// Deterministic RFC 8032 signature.
pub(crate) fn sign(key: &SigningKey, message: &[u8]) -> [u8; 64] {
    key.sign(message).to_bytes()
}

/// Verifies an RFC 8032 signature; malformed keys or signatures simply fail.
pub(crate) fn verify(public: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let Ok(public) = VerifyingKey::from_bytes(public) else {
        return false;
    };
    public
        .verify(message, &ed25519_dalek::Signature::from_bytes(signature))
        .is_ok()
}
