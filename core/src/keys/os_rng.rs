//! Operating-system randomness (getrandom), and the adapter schnorrkel signs with.

use super::KeysError;

/// Fills `dest` from the OS random number generator.
pub(crate) fn fill(dest: &mut [u8]) -> Result<(), KeysError> {
    getrandom::fill(dest).map_err(|_| KeysError::RandomnessUnavailable)
}

/// A `rand_core` 0.6 generator backed by [`fill`], handed to schnorrkel for signing and soft derivation.
///
/// schnorrkel only uses it to *hedge*: its witness (signature nonce, derived-key nonce) is a transcript
/// hash over the secret nonce plus these bytes. If the OS generator fails, the bytes stay zero and the
/// result is still a valid, secret-dependent (deterministic) value; nothing panics.
pub(crate) struct OsRandom;

impl rand_core::RngCore for OsRandom {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }

    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        if fill(dest).is_err() {
            dest.fill(0);
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl rand_core::CryptoRng for OsRandom {}
