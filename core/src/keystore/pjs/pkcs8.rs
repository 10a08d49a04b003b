//! The 117-byte PKCS8 body of polkadot.js keystores (and the 85-byte generation 1–2 form).
//!
//! ```text
//! 30 53 02 01 01 30 05 06 03 2b 65 70 04 22 04 20   header (16; the ed25519 OID even for sr25519)
//! secret (64)                                        sr25519: (scalar × 8) ‖ nonce; ed25519: seed ‖ public
//! a1 23 03 21 00                                     divider (5)
//! public key (32)
//! ```
//!
//! Generations 1–2 stored a 32-byte seed instead of the 64-byte secret; like polkadot.js
//! (`decodePair`) we recognise them by where the divider sits.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use crate::keystore::{Container, KeystoreError};

/// The PKCS8 header polkadot.js writes.
pub const PKCS8_HEADER: [u8; 16] = [
    0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];
/// The divider between secret and public key.
pub const PKCS8_DIVIDER: [u8; 5] = [0xa1, 0x23, 0x03, 0x21, 0x00];
/// Length of a generation-3 body.
pub const PKCS8_LEN: usize = 16 + 64 + 5 + 32;
/// Length of a generation 1–2 body (32-byte seed).
pub const PKCS8_SEED_LEN: usize = 16 + 32 + 5 + 32;

/// The secret part of a decoded PKCS8 body.
pub enum Pkcs8Secret {
    /// Generation 3: the 64-byte secret (see the module docs for its per-curve layout).
    Secret(Zeroizing<[u8; 64]>),
    /// Generations 1–2: a 32-byte seed (mini-secret).
    Seed(Zeroizing<[u8; 32]>),
}

/// A decoded PKCS8 body.
pub struct Pkcs8 {
    /// The secret (wiped on drop).
    pub secret: Pkcs8Secret,
    /// The public key stored after the divider.
    pub public: [u8; 32],
}

impl core::fmt::Debug for Pkcs8 {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Pkcs8")
            .field("public", &hex::encode(self.public))
            .finish_non_exhaustive()
    }
}

fn malformed(reason: &'static str) -> KeystoreError {
    KeystoreError::Malformed {
        container: Container::Pkcs8,
        reason,
    }
}

/// Decodes a PKCS8 body (generation 3, or 1–2 by divider position).
pub fn decode(bytes: &[u8]) -> Result<Pkcs8, KeystoreError> {
    if bytes.len() < PKCS8_SEED_LEN {
        return Err(KeystoreError::Truncated {
            container: Container::Pkcs8,
            len: bytes.len(),
            min: PKCS8_SEED_LEN,
        });
    }
    if bytes[..16] != PKCS8_HEADER {
        return Err(malformed("invalid header"));
    }
    let mut public = [0u8; 32];
    if bytes.len() >= PKCS8_LEN && bytes[80..85] == PKCS8_DIVIDER {
        if bytes.len() != PKCS8_LEN {
            return Err(malformed("trailing bytes after the public key"));
        }
        let mut secret = Zeroizing::new([0u8; 64]);
        secret.copy_from_slice(&bytes[16..80]);
        public.copy_from_slice(&bytes[85..117]);
        return Ok(Pkcs8 {
            secret: Pkcs8Secret::Secret(secret),
            public,
        });
    }
    if bytes[48..53] == PKCS8_DIVIDER {
        if bytes.len() != PKCS8_SEED_LEN {
            return Err(malformed("wrong length for a generation 1-2 (seed) body"));
        }
        let mut seed = Zeroizing::new([0u8; 32]);
        seed.copy_from_slice(&bytes[16..48]);
        public.copy_from_slice(&bytes[53..85]);
        return Ok(Pkcs8 {
            secret: Pkcs8Secret::Seed(seed),
            public,
        });
    }
    Err(malformed(
        "divider not found after a 64-byte secret or a 32-byte seed",
    ))
}

/// Encodes a generation-3 body.
pub fn encode(secret: &[u8; 64], public: &[u8; 32]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(PKCS8_LEN));
    out.extend_from_slice(&PKCS8_HEADER);
    out.extend_from_slice(secret);
    out.extend_from_slice(&PKCS8_DIVIDER);
    out.extend_from_slice(public);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations_are_told_apart_by_divider_position() {
        let g3 = encode(&[1u8; 64], &[2u8; 32]);
        assert_eq!(g3.len(), 117);
        let d = decode(&g3).unwrap();
        assert!(matches!(d.secret, Pkcs8Secret::Secret(ref s) if **s == [1u8; 64]));
        assert_eq!(d.public, [2u8; 32]);

        let mut g2 = PKCS8_HEADER.to_vec();
        g2.extend_from_slice(&[3u8; 32]);
        g2.extend_from_slice(&PKCS8_DIVIDER);
        g2.extend_from_slice(&[4u8; 32]);
        let d = decode(&g2).unwrap();
        assert!(matches!(d.secret, Pkcs8Secret::Seed(ref s) if **s == [3u8; 32]));
        assert_eq!(d.public, [4u8; 32]);
    }

    #[test]
    fn bad_bodies() {
        let g3 = encode(&[1u8; 64], &[2u8; 32]);
        assert!(matches!(
            decode(&g3[..100]),
            Err(KeystoreError::Malformed { .. })
        ));
        assert!(matches!(
            decode(&g3[..40]),
            Err(KeystoreError::Truncated { .. })
        ));
        let mut bad = g3.to_vec();
        bad[0] = 0x31;
        assert!(matches!(
            decode(&bad),
            Err(KeystoreError::Malformed {
                reason: "invalid header",
                ..
            })
        ));
        let mut bad = g3.to_vec();
        bad[80] = 0;
        assert!(matches!(decode(&bad), Err(KeystoreError::Malformed { .. })));
    }
}
