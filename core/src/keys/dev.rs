//! Well-known development accounts (`//Alice` … `//Ferdie` of the dev phrase).
//!
//! These keys are public knowledge: use them only on local chains and in tests.

use super::{CryptoType, Keypair};

/// Substrate's development mnemonic; a secret URI starting with `/` is derived from it.
pub const DEV_PHRASE: &str =
    "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// The six standard development accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DevAccount {
    /// `//Alice`
    Alice,
    /// `//Bob`
    Bob,
    /// `//Charlie`
    Charlie,
    /// `//Dave`
    Dave,
    /// `//Eve`
    Eve,
    /// `//Ferdie`
    Ferdie,
}

impl DevAccount {
    /// All six, in the conventional order.
    pub const ALL: [DevAccount; 6] = [
        Self::Alice,
        Self::Bob,
        Self::Charlie,
        Self::Dave,
        Self::Eve,
        Self::Ferdie,
    ];

    /// The capitalised name (`"Alice"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Alice => "Alice",
            Self::Bob => "Bob",
            Self::Charlie => "Charlie",
            Self::Dave => "Dave",
            Self::Eve => "Eve",
            Self::Ferdie => "Ferdie",
        }
    }

    /// The secret URI (`"//Alice"`).
    pub fn uri(self) -> &'static str {
        match self {
            Self::Alice => "//Alice",
            Self::Bob => "//Bob",
            Self::Charlie => "//Charlie",
            Self::Dave => "//Dave",
            Self::Eve => "//Eve",
            Self::Ferdie => "//Ferdie",
        }
    }

    /// The account's keypair for `crypto`.
    pub fn keypair(self, crypto: CryptoType) -> Keypair {
        // A constant, valid URI with hard junctions only: this cannot fail.
        Keypair::from_uri(self.uri(), crypto).expect("dev account URIs are valid")
    }
}

/// sr25519 `//Alice`.
pub fn alice() -> Keypair {
    DevAccount::Alice.keypair(CryptoType::Sr25519)
}

/// sr25519 `//Bob`.
pub fn bob() -> Keypair {
    DevAccount::Bob.keypair(CryptoType::Sr25519)
}

/// sr25519 `//Charlie`.
pub fn charlie() -> Keypair {
    DevAccount::Charlie.keypair(CryptoType::Sr25519)
}

/// sr25519 `//Dave`.
pub fn dave() -> Keypair {
    DevAccount::Dave.keypair(CryptoType::Sr25519)
}

/// sr25519 `//Eve`.
pub fn eve() -> Keypair {
    DevAccount::Eve.keypair(CryptoType::Sr25519)
}

/// sr25519 `//Ferdie`.
pub fn ferdie() -> Keypair {
    DevAccount::Ferdie.keypair(CryptoType::Sr25519)
}
