//! scrypt parameters of polkadot.js keystores, and the decrypt-side whitelist.
//!
//! polkadot.js 14.0.3 (`scryptFromU8a`) first rejects `N > 2^20 || p > 4 || r > 16`, then requires
//! `(N, p, r)` to be one of `ALLOWED_PARAMS` = {(2^13,10,8), (2^14,5,8), (2^15,3,8), (2^15,1,8),
//! (2^16,2,8), (2^17,1,8)}. Two of those six legacy entries, (2^13,10,8) and (2^14,5,8), have
//! p > 4, so the first check always rejects them: they can never pass, and files written with
//! them cannot be opened by polkadot.js (nor by us). Only the four in [`ScryptParams::ALLOWED`]
//! pass. Applying the same rule caps the work (≤ 2^17 · 8 · 128 B = 128 MiB per lane) so a
//! crafted file cannot make a wasm host allocate gigabytes.

use zeroize::Zeroizing;

use crate::keystore::KeystoreError;

/// scrypt cost parameters as stored in a polkadot.js `encoded` header (u32 little-endian each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScryptParams {
    /// CPU/memory cost N (a power of two).
    pub n: u32,
    /// Parallelism p.
    pub p: u32,
    /// Block size r.
    pub r: u32,
}

impl ScryptParams {
    /// polkadot.js `DEFAULT_PARAMS`: N = 2^17, p = 1, r = 8.
    pub const DEFAULT: ScryptParams = ScryptParams {
        n: 1 << 17,
        p: 1,
        r: 8,
    };

    /// The parameter sets polkadot.js can actually decrypt (see the module docs).
    pub const ALLOWED: [ScryptParams; 4] = [
        ScryptParams {
            n: 1 << 15,
            p: 3,
            r: 8,
        },
        ScryptParams {
            n: 1 << 15,
            p: 1,
            r: 8,
        },
        ScryptParams {
            n: 1 << 16,
            p: 2,
            r: 8,
        },
        ScryptParams {
            n: 1 << 17,
            p: 1,
            r: 8,
        },
    ];

    /// The legacy `ALLOWED_PARAMS` entries that the `p > 4` limit always rejects.
    pub const NEVER_PASSING_LEGACY: [ScryptParams; 2] = [
        ScryptParams {
            n: 1 << 13,
            p: 10,
            r: 8,
        },
        ScryptParams {
            n: 1 << 14,
            p: 5,
            r: 8,
        },
    ];

    /// Applies polkadot.js's decrypt-side rule.
    pub fn check_allowed(&self) -> Result<(), KeystoreError> {
        let unsupported = KeystoreError::UnsupportedScryptParams {
            n: self.n,
            p: self.p,
            r: self.r,
        };
        if self.n > 1 << 20 || self.p > 4 || self.r > 16 {
            return Err(unsupported);
        }
        if Self::ALLOWED.contains(self) {
            Ok(())
        } else {
            Err(unsupported)
        }
    }

    /// Derives the 32-byte secretbox key (the first 32 bytes of polkadot.js's 64-byte scrypt output).
    pub(crate) fn derive_key(
        &self,
        password: &[u8],
        salt: &[u8],
    ) -> Result<Zeroizing<[u8; 32]>, KeystoreError> {
        self.check_allowed()?;
        let log_n = self.n.trailing_zeros() as u8;
        let params = scrypt::Params::new(log_n, self.r, self.p)
            .map_err(|_| KeystoreError::Kdf("invalid scrypt parameters"))?;
        let mut key = Zeroizing::new([0u8; 32]);
        scrypt::scrypt(password, salt, &params, key.as_mut())
            .map_err(|_| KeystoreError::Kdf("scrypt failed"))?;
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitelist_matches_polkadot_js() {
        for p in ScryptParams::ALLOWED {
            assert!(p.check_allowed().is_ok());
        }
        for p in ScryptParams::NEVER_PASSING_LEGACY {
            assert!(p.check_allowed().is_err());
        }
        for (n, p, r) in [
            (1 << 14, 1, 8),
            (1 << 21, 1, 8),
            (1 << 17, 1, 16),
            (1 << 17, 2, 8),
            (3, 1, 8),
            (0, 0, 0),
        ] {
            assert!(matches!(
                ScryptParams { n, p, r }.check_allowed(),
                Err(KeystoreError::UnsupportedScryptParams { .. })
            ));
        }
    }

    #[test]
    fn default_params_key_vector_from_wallets_md() {
        // wallets.md §7.5: password testing123!, N=2^17 p=1 r=8.
        let salt = hex::decode("2e62ca652c299ac80547a287314bbc0a611925e649060f57fc40a0883e37bca2")
            .unwrap();
        let key = ScryptParams::DEFAULT
            .derive_key(b"testing123!", &salt)
            .unwrap();
        assert_eq!(
            hex::encode(*key),
            "4fd0a247795e2dfdae388b15f1a082f7dc3f36b93cf32eeb277212ff007d7174"
        );
    }
}
