//! Randomness for salts and nonces, from the platform RNG (getrandom).
//!
//! On `wasm32-unknown-unknown` the bindings crate enables getrandom's JavaScript backend; core
//! itself does no platform I/O.

use super::KeystoreError;

/// Returns `N` random bytes from the platform RNG.
pub(crate) fn random_array<const N: usize>() -> Result<[u8; N], KeystoreError> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|_| KeystoreError::Random)?;
    Ok(out)
}
