//! The one error type of the `keys` module.

/// Everything that can go wrong in [`crate::keys`].
///
/// Messages name the problem and, where useful, a position or a length; they never contain key
/// material, mnemonic words, passwords or derivation paths.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeysError {
    /// A mnemonic must have 12, 15, 18, 21 or 24 words.
    #[error("a mnemonic must have 12, 15, 18, 21 or 24 words, got {0}")]
    InvalidWordCount(usize),
    /// A word of the mnemonic is not in the BIP39 English list (`position` counts from 1).
    #[error("word {position} of the mnemonic is not in the BIP39 English word list")]
    UnknownWord {
        /// 1-based position of the first unknown word.
        position: usize,
    },
    /// The words are all valid but the BIP39 checksum does not match.
    #[error("the mnemonic checksum does not match (a word is wrong or words are out of order)")]
    InvalidMnemonicChecksum,
    /// BIP39 entropy must be 16, 20, 24, 28 or 32 bytes.
    #[error("mnemonic entropy must be 16, 20, 24, 28 or 32 bytes, got {0}")]
    InvalidEntropyLength(usize),
    /// The operating system's random number generator is unavailable.
    #[error("the operating system random number generator failed")]
    RandomnessUnavailable,
    /// Byte input that must be text is not valid UTF-8.
    #[error("input is not valid UTF-8")]
    NotUtf8,
    /// A secret URI has no phrase or seed (and does not start with `/`, which implies the dev phrase).
    #[error("the secret URI has no phrase or seed")]
    EmptyPhrase,
    /// A secret URI or derivation path has an empty junction (`//`, `/` at the end, `///` missing a `/`).
    #[error("derivation junction {position} is empty")]
    EmptyJunction {
        /// 1-based position of the empty junction in the path.
        position: usize,
    },
    /// A derivation path does not start with `/`.
    #[error("a derivation path must start with `/` or `//`")]
    InvalidPath,
    /// `Keypair::derive` was given a `///password` part, which only makes sense in a full secret URI.
    #[error("a derivation path cannot carry a `///password`")]
    PasswordInPath,
    /// The `0x…` seed of a secret URI is not valid hex.
    #[error("the hex seed is not valid hexadecimal")]
    InvalidHexSeed,
    /// The `0x…` seed of a secret URI is not 32 bytes.
    #[error("a hex seed must be 32 bytes, got {0}")]
    InvalidSeedLength(usize),
    /// ed25519 keys can only be derived with hard junctions (`//`).
    #[error("ed25519 supports only hard derivation (`//`), not soft (`/`)")]
    SoftDerivationNotSupported,
    /// A secret key or seed has the wrong length.
    #[error("{what} must be {expected} bytes, got {actual}")]
    InvalidSecretLength {
        /// Which secret was expected.
        what: &'static str,
        /// Its required length.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// The bytes have the right length but are not a valid sr25519 secret key (non-canonical scalar).
    #[error("the bytes are not a valid sr25519 secret key")]
    InvalidSecretKey,
    /// A signature must be 64 bytes.
    #[error("a signature must be 64 bytes, got {0}")]
    InvalidSignatureLength(usize),
    /// An SS58 address contains characters outside the base58 alphabet.
    #[error("the address is not valid base58")]
    InvalidBase58,
    /// An SS58 address has a wrong checksum (typo or truncated copy).
    #[error("the address checksum does not match")]
    InvalidSs58Checksum,
    /// An SS58 address does not decode to a 32-byte account (35 or 36 bytes with prefix and checksum).
    #[error("the address decodes to {0} bytes; a 32-byte account address has 35 or 36")]
    InvalidSs58Length(usize),
    /// The SS58 prefix is outside 0..=16383 or not in canonical form.
    #[error("the SS58 prefix is invalid (valid prefixes are 0..=16383, in their shortest form)")]
    InvalidSs58Prefix,
    /// SS58 prefixes 46 and 47 are reserved and never name a network.
    #[error("SS58 prefix {0} is reserved")]
    ReservedSs58Prefix(u16),
}
