//! 32-byte public keys (= Bittensor `AccountId32`).

use alloc::string::String;
use core::fmt;

use super::{KeysError, ss58};

/// A 32-byte sr25519 or ed25519 public key; on chain it is the `AccountId32`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    /// SS58 address for a network prefix (42 for Bittensor); see [`ss58::encode`] for out-of-range prefixes.
    pub fn to_ss58(&self, prefix: u16) -> String {
        ss58::encode(&self.0, prefix)
    }

    /// SS58 address with the Bittensor/Substrate generic prefix 42.
    pub fn address(&self) -> String {
        ss58::encode(&self.0, ss58::DEFAULT_PREFIX)
    }

    /// The raw 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Decodes an SS58 address of any valid prefix to its public key.
    pub fn from_ss58(address: &str) -> Result<Self, KeysError> {
        ss58::decode(address).map(|(_, key)| Self(key))
    }

    /// `0x`-prefixed lower-case hex, as btwallet's `publicKey` field.
    pub fn to_hex(&self) -> String {
        let mut s = String::with_capacity(66);
        s.push_str("0x");
        s.push_str(&hex::encode(self.0));
        s
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl From<[u8; 32]> for PublicKey {
    fn from(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}
