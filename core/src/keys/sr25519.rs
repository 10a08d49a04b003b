//! sr25519 (schnorrkel) operations as Substrate uses them.
//!
//! - mini-secret → keypair: `MiniSecretKey::expand_to_keypair(ExpansionMode::Ed25519)`;
//! - canonical secret (btwallet `privateKey`): scalar (LE, reduced) ‖ nonce, 64 bytes;
//! - polkadot.js secret: (scalar × 8 mod 2^256) ‖ nonce ("ed25519 format"), 64 bytes;
//! - hard junction: `hard_derive_mini_secret_key(chain_code, b"")` then expand (Ed25519 mode);
//! - soft junction: `derived_key_simple(chain_code, b"")` (the child's nonce is randomised, as in sp-core);
//! - signatures: signing context `b"substrate"`, randomised, with schnorrkel's marker bit.

use schnorrkel::derive::{ChainCode, Derivation};
use schnorrkel::{
    ExpansionMode, Keypair, MiniSecretKey, PublicKey, SecretKey, Signature, signing_context,
};
use zeroize::Zeroizing;

use super::KeysError;
use super::os_rng::OsRandom;

/// Substrate's sr25519 signing context.
pub const SIGNING_CONTEXT: &[u8] = b"substrate";

/// Length of an sr25519 secret key (scalar ‖ nonce) in either format.
pub const SECRET_LENGTH: usize = 64;

/// The keypair of a 32-byte mini-secret (substrate-bip39 seed).
pub(crate) fn from_mini_secret(seed: &[u8; 32]) -> Keypair {
    // `from_bytes` fails only for a length other than 32, which the type rules out.
    MiniSecretKey::from_bytes(seed)
        .expect("a [u8; 32] is a valid mini-secret")
        .expand_to_keypair(ExpansionMode::Ed25519)
}

/// From the canonical 64-byte secret (scalar ‖ nonce), as btwallet stores it.
pub(crate) fn from_canonical(secret: &[u8]) -> Result<Keypair, KeysError> {
    check_len(secret)?;
    SecretKey::from_bytes(secret)
        .map(SecretKey::to_keypair)
        .map_err(|_| KeysError::InvalidSecretKey)
}

/// From the polkadot.js 64-byte secret ((scalar × 8) ‖ nonce).
///
/// A multiple of 8 always has its 3 low bits clear; bytes with any of them set are not a pjs secret
/// (schnorrkel would silently drop them), so they are rejected.
pub(crate) fn from_pjs(secret: &[u8]) -> Result<Keypair, KeysError> {
    check_len(secret)?;
    if secret[0] & 0b111 != 0 {
        return Err(KeysError::InvalidSecretKey);
    }
    SecretKey::from_ed25519_bytes(secret)
        .map(SecretKey::to_keypair)
        .map_err(|_| KeysError::InvalidSecretKey)
}

fn check_len(secret: &[u8]) -> Result<(), KeysError> {
    if secret.len() == SECRET_LENGTH {
        Ok(())
    } else {
        Err(KeysError::InvalidSecretLength {
            what: "an sr25519 secret key",
            expected: SECRET_LENGTH,
            actual: secret.len(),
        })
    }
}

/// The canonical secret (scalar ‖ nonce).
pub(crate) fn to_canonical(pair: &Keypair) -> Zeroizing<[u8; 64]> {
    Zeroizing::new(pair.secret.to_bytes())
}

/// The polkadot.js secret ((scalar × 8) ‖ nonce).
pub(crate) fn to_pjs(pair: &Keypair) -> Zeroizing<[u8; 64]> {
    Zeroizing::new(pair.secret.to_ed25519_bytes())
}

/// Hard derivation with a 32-byte chain code.
pub(crate) fn derive_hard(pair: &Keypair, chain_code: &[u8; 32]) -> Keypair {
    pair.secret
        .hard_derive_mini_secret_key(Some(ChainCode(*chain_code)), b"")
        .0
        .expand_to_keypair(ExpansionMode::Ed25519)
}

/// Soft derivation with a 32-byte chain code.
pub(crate) fn derive_soft(pair: &Keypair, chain_code: &[u8; 32]) -> Keypair {
    pair.derived_key_simple_rng(ChainCode(*chain_code), b"", OsRandom)
        .0
}

/// Signs `message` in the `substrate` context.
pub(crate) fn sign(pair: &Keypair, message: &[u8]) -> [u8; 64] {
    let transcript =
        schnorrkel::context::attach_rng(signing_context(SIGNING_CONTEXT).bytes(message), OsRandom);
    pair.sign(transcript).to_bytes()
}

/// Verifies a `substrate`-context signature; malformed keys or signatures simply fail.
pub(crate) fn verify(public: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let Ok(public) = PublicKey::from_bytes(public) else {
        return false;
    };
    let Ok(signature) = Signature::from_bytes(signature) else {
        return false;
    };
    public
        .verify_simple(SIGNING_CONTEXT, message, &signature)
        .is_ok()
}
