//! The signature scheme of a key.

/// The signature scheme of a key: Bittensor coldkeys and hotkeys default to sr25519.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum CryptoType {
    /// Schnorr signatures over Ristretto25519 (schnorrkel), context `b"substrate"`.
    #[default]
    Sr25519,
    /// RFC 8032 Ed25519 with a 32-byte seed.
    Ed25519,
}

impl CryptoType {
    /// From btwallet's keyfile `cryptoType` field: 1 is sr25519, 0 is ed25519, anything else `None`.
    pub fn from_btwallet(v: u8) -> Option<Self> {
        match v {
            1 => Some(Self::Sr25519),
            0 => Some(Self::Ed25519),
            _ => None,
        }
    }

    /// To btwallet's keyfile `cryptoType` field (1 sr25519, 0 ed25519).
    pub fn to_btwallet(self) -> u8 {
        match self {
            Self::Sr25519 => 1,
            Self::Ed25519 => 0,
        }
    }

    /// The lower-case name used by polkadot.js (`"sr25519"`, `"ed25519"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Sr25519 => "sr25519",
            Self::Ed25519 => "ed25519",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn btwallet_codes_round_trip_and_reject_unknown() {
        assert_eq!(CryptoType::from_btwallet(1), Some(CryptoType::Sr25519));
        assert_eq!(CryptoType::from_btwallet(0), Some(CryptoType::Ed25519));
        assert_eq!(CryptoType::from_btwallet(2), None);
        assert_eq!(CryptoType::from_btwallet(255), None);
        for c in [CryptoType::Sr25519, CryptoType::Ed25519] {
            assert_eq!(CryptoType::from_btwallet(c.to_btwallet()), Some(c));
        }
    }
}
