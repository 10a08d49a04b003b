//! The one error type of the foreign API.
//!
//! A flat enum: foreign code sees the variant (Kotlin `TaolightException.InvalidSs58Checksum`,
//! Python `TaolightError.InvalidSs58Checksum`, Swift `TaolightError.InvalidSs58Checksum`) and a
//! message from the core error's `Display`, which never contains secrets. Variant names are
//! the core variants' names and equal the `code` of the JavaScript package's errors.
use taolight_core::chain::ChainError;
use taolight_core::keys::KeysError;
use taolight_core::keystore::KeystoreError;
use taolight_core::tx::TxError;

/// Everything a taolight call can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum TaolightError {
    /// A bad argument caught while converting it (wrong length, …).
    #[error("{0}")]
    InvalidArgument(String),
    /// A mnemonic must have 12, 15, 18, 21 or 24 words.
    #[error("{0}")]
    InvalidWordCount(String),
    /// A mnemonic word is not in the BIP39 English list.
    #[error("{0}")]
    UnknownWord(String),
    /// The mnemonic's BIP39 checksum does not match.
    #[error("{0}")]
    InvalidMnemonicChecksum(String),
    /// BIP39 entropy has the wrong length.
    #[error("{0}")]
    InvalidEntropyLength(String),
    /// The system random number generator failed.
    #[error("{0}")]
    RandomnessUnavailable(String),
    /// Input that must be UTF-8 text is not.
    #[error("{0}")]
    NotUtf8(String),
    /// A secret URI has no phrase or seed.
    #[error("{0}")]
    EmptyPhrase(String),
    /// A derivation path has an empty junction.
    #[error("{0}")]
    EmptyJunction(String),
    /// A derivation path does not start with `/`.
    #[error("{0}")]
    InvalidPath(String),
    /// A derivation path carries a `///password`.
    #[error("{0}")]
    PasswordInPath(String),
    /// The `0x…` seed of a secret URI is not hex.
    #[error("{0}")]
    InvalidHexSeed(String),
    /// The `0x…` seed of a secret URI is not 32 bytes.
    #[error("{0}")]
    InvalidSeedLength(String),
    /// ed25519 keys support only hard (`//`) derivation.
    #[error("{0}")]
    SoftDerivationNotSupported(String),
    /// A secret key or seed has the wrong length.
    #[error("{0}")]
    InvalidSecretLength(String),
    /// The bytes are not a valid sr25519 secret key.
    #[error("{0}")]
    InvalidSecretKey(String),
    /// A signature must be 64 bytes.
    #[error("{0}")]
    InvalidSignatureLength(String),
    /// An SS58 address is not valid base58.
    #[error("{0}")]
    InvalidBase58(String),
    /// An SS58 address has a wrong checksum.
    #[error("{0}")]
    InvalidSs58Checksum(String),
    /// An SS58 address does not hold a 32-byte account.
    #[error("{0}")]
    InvalidSs58Length(String),
    /// The SS58 prefix is out of range or not canonical.
    #[error("{0}")]
    InvalidSs58Prefix(String),
    /// SS58 prefixes 46 and 47 are reserved.
    #[error("{0}")]
    ReservedSs58Prefix(String),
    /// A keys error this version of the bindings does not name yet.
    #[error("{0}")]
    Keys(String),
    /// The password does not open the keyfile or keystore.
    #[error("{0}")]
    WrongPassword(String),
    /// The data is shorter than its format's fixed parts.
    #[error("{0}")]
    Truncated(String),
    /// The container's structure is broken.
    #[error("{0}")]
    Malformed(String),
    /// A field that must be hex is not.
    #[error("{0}")]
    InvalidHex(String),
    /// A field that must be base64 is not.
    #[error("{0}")]
    InvalidBase64(String),
    /// The JSON could not be parsed.
    #[error("{0}")]
    InvalidJson(String),
    /// A required field is absent.
    #[error("{0}")]
    MissingField(String),
    /// A field has the wrong type or an unusable value.
    #[error("{0}")]
    InvalidField(String),
    /// The file names a key type taolight does not support.
    #[error("{0}")]
    UnsupportedCryptoType(String),
    /// The polkadot.js encoding is not supported.
    #[error("{0}")]
    UnsupportedEncoding(String),
    /// scrypt parameters outside the polkadot.js whitelist.
    #[error("{0}")]
    UnsupportedScryptParams(String),
    /// The secret does not match the public key or address stored next to it.
    #[error("{0}")]
    AddressMismatch(String),
    /// The keyfile holds only a public key.
    #[error("{0}")]
    PublicOnly(String),
    /// The file is encrypted and no password was given.
    #[error("{0}")]
    PasswordRequired(String),
    /// Key derivation (Argon2, scrypt, PBKDF2) could not run.
    #[error("{0}")]
    Kdf(String),
    /// The system random number generator failed.
    #[error("{0}")]
    Random(String),
    /// An invalid wallet or hotkey name.
    #[error("{0}")]
    InvalidName(String),
    /// The key to be written exists already.
    #[error("{0}")]
    AlreadyExists(String),
    /// The requested key or wallet does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A storage backend failed.
    #[error("{0}")]
    Storage(String),
    /// A keystore error this version of the bindings does not name yet.
    #[error("{0}")]
    Keystore(String),
    // --- stake (chain error names; see `stake.rs`) ---
    /// The pool price is not strictly on the executable side of the limit price.
    #[error("{0}")]
    PriceLimitExceeded(String),
    /// A fill-or-kill order cannot be filled within its limit price.
    #[error("{0}")]
    SlippageTooHigh(String),
    /// The pool's output reserve is too low, or a non-zero input would buy nothing.
    #[error("{0}")]
    ReservesTooLow(String),
    /// The swap input exceeds 1000 times the input reserve.
    #[error("{0}")]
    SwapInputTooLarge(String),
    /// The amount is below the chain's minimum stake (or would receive nothing).
    #[error("{0}")]
    AmountTooLow(String),
    /// The pool cannot pay the output.
    #[error("{0}")]
    InsufficientLiquidity(String),
    /// The pool's quote weight is outside [0.01, 0.99].
    #[error("{0}")]
    InvalidWeight(String),
    /// The pool's fee rate is above the chain maximum (10000).
    #[error("{0}")]
    InvalidFeeRate(String),
    /// A zero amount where the chain requires a non-zero one.
    #[error("{0}")]
    ZeroAmount(String),
    /// A slippage tolerance outside 0 ..< 1_000_000_000 ppb.
    #[error("{0}")]
    InvalidTolerance(String),
    /// An amount does not fit in a u64 of rao.
    #[error("{0}")]
    Overflow(String),
    /// No input amount reaches the requested output.
    #[error("{0}")]
    Unreachable(String),
    // --- amount (decimal strings; see `amount.rs`) ---
    /// An empty amount string.
    #[error("{0}")]
    Empty(String),
    /// An amount string has a character other than digits and one `.`.
    #[error("{0}")]
    InvalidCharacter(String),
    /// A negative amount.
    #[error("{0}")]
    Negative(String),
    /// More decimals than the token has (9).
    #[error("{0}")]
    TooManyDecimals(String),
    // --- chain (light client; see `chain.rs`) ---
    /// The chain spec is not valid JSON, lacks a field, or smoldot rejects it.
    #[error("{0}")]
    BadSpec(String),
    /// The chain spec's genesis storage does not produce a usable genesis block.
    #[error("{0}")]
    BadGenesis(String),
    /// The chain spec describes another chain than expected (genesis hash).
    #[error("{0}")]
    GenesisMismatch(String),
    /// A checkpoint is malformed or internally inconsistent.
    #[error("{0}")]
    BadCheckpoint(String),
    /// A checkpoint belongs to another chain than the chain spec.
    #[error("{0}")]
    CheckpointWrongChain(String),
    /// A saved database is corrupt or for another chain.
    #[error("{0}")]
    BadDatabase(String),
    /// smoldot refused to add the chain.
    #[error("{0}")]
    StartFailed(String),
    /// No peer could be reached (smoldot declared the chain stalled).
    #[error("{0}")]
    NoPeers(String),
    /// Syncing stopped making progress (or finality halted) although peers are connected.
    #[error("{0}")]
    Stalled(String),
    /// A value could not be proven against the block's state root, or the block is not pinned.
    #[error("{0}")]
    ProofInvalid(String),
    /// A runtime API call failed.
    #[error("{0}")]
    RuntimeCallFailed(String),
    /// The chain rejected a transaction as invalid.
    #[error("{0}")]
    TransactionInvalid(String),
    /// A transaction was dropped before being finalized.
    #[error("{0}")]
    TransactionDropped(String),
    /// smoldot answered a JSON-RPC request with an error.
    #[error("{0}")]
    Rpc(String),
    /// A JSON-RPC message from smoldot had an unexpected shape.
    #[error("{0}")]
    MalformedRpc(String),
    /// The light client's request queue is full; retry later.
    #[error("{0}")]
    Busy(String),
    /// The light client was stopped while (or before) the operation ran.
    #[error("{0}")]
    Stopped(String),
    /// Not available on this platform.
    #[error("{0}")]
    Unsupported(String),
    /// The runtime metadata could not be fetched or decoded.
    #[error("{0}")]
    Metadata(String),
    /// The runtime lacks, or changed the shape of, something taolight reads.
    #[error("{0}")]
    ShapeMismatch(String),
    /// Bytes read from the chain do not decode as their metadata type.
    #[error("{0}")]
    Decode(String),
    /// A chain error this version of the bindings does not name yet.
    #[error("{0}")]
    Chain(String),
    // --- tx (calls, signing payloads, extrinsics; see `tx.rs`) ---
    /// Metadata bytes could not be decoded.
    #[error("{0}")]
    BadMetadata(String),
    /// The runtime has no such pallet (with calls).
    #[error("{0}")]
    UnknownPallet(String),
    /// The pallet has no such call.
    #[error("{0}")]
    UnknownCall(String),
    /// The runtime's call takes other arguments than taolight expects (runtime upgrade).
    #[error("{0}")]
    CallSignatureChanged(String),
    /// A call argument is missing.
    #[error("{0}")]
    MissingArgument(String),
    /// A call argument the call does not take.
    #[error("{0}")]
    UnexpectedArgument(String),
    /// A call argument does not fit its metadata type.
    #[error("{0}")]
    ArgumentType(String),
    /// Call bytes do not decode with this metadata.
    #[error("{0}")]
    BadCall(String),
    /// The runtime has a transaction extension with data taolight cannot fill.
    #[error("{0}")]
    UnsupportedExtension(String),
    /// A known transaction extension changed type.
    #[error("{0}")]
    ExtensionTypeChanged(String),
    /// The runtime accepts no v4 signed extrinsics.
    #[error("{0}")]
    UnsupportedExtrinsicVersion(String),
    /// A mortal era period outside 4..=65536.
    #[error("{0}")]
    BadEraPeriod(String),
    /// The mortality block is not the era's birth block.
    #[error("{0}")]
    EraBirthMismatch(String),
    /// The transaction's validity window is over.
    #[error("{0}")]
    EraExpired(String),
    /// The RFC-0078 metadata hash cannot be computed.
    #[error("{0}")]
    MetadataHash(String),
    /// Metadata-hash mode 1 requested but the runtime has no `CheckMetadataHash`.
    #[error("{0}")]
    NoMetadataHashExtension(String),
    /// The signing key is not the payload's signer.
    #[error("{0}")]
    WrongSigner(String),
    /// A signature does not verify.
    #[error("{0}")]
    BadSignature(String),
    /// A signing payload is malformed or inconsistent.
    #[error("{0}")]
    BadPayload(String),
    /// Extrinsic bytes are malformed or unsupported.
    #[error("{0}")]
    BadExtrinsic(String),
    /// A runtime API output does not decode.
    #[error("{0}")]
    BadRuntimeApiOutput(String),
    /// A transaction error this version of the bindings does not name yet.
    #[error("{0}")]
    Tx(String),
    // --- wallet (flows and guards; see `wallet.rs`) ---
    /// The subnet does not exist.
    #[error("{0}")]
    UnknownSubnet(String),
    /// Below the chain's minimum for this operation.
    #[error("{0}")]
    BelowMinimumStake(String),
    /// The free balance does not cover amount, fee and existential deposit.
    #[error("{0}")]
    InsufficientBalance(String),
    /// More alpha than the position holds.
    #[error("{0}")]
    InsufficientStake(String),
    /// No stake position there.
    #[error("{0}")]
    NoPosition(String),
    /// A fill-or-kill order larger than what its limit price allows now.
    #[error("{0}")]
    LimitExceeded(String),
    /// Limit orders are refused on the root subnet.
    #[error("{0}")]
    RootNotAllowed(String),
    /// The plan's nonce is no longer the account's next: plan again.
    #[error("{0}")]
    NonceChanged(String),
    /// The runtime upgraded since the plan: plan again.
    #[error("{0}")]
    RuntimeChanged(String),
    /// The transaction pool refuses the transaction (stale nonce, cannot pay, bad proof, ...).
    #[error("{0}")]
    Rejected(String),
    /// The runtime lacks something the flow needs.
    #[error("{0}")]
    Runtime(String),
    /// A wallet error this version of the bindings does not name yet.
    #[error("{0}")]
    Wallet(String),
    // --- the binding itself ---
    /// A bug: taolight panicked; the operation was abandoned (no panic crosses the boundary).
    #[error("{0}")]
    Internal(String),
}

impl From<KeystoreError> for TaolightError {
    fn from(e: KeystoreError) -> Self {
        let m = e.to_string();
        match e {
            KeystoreError::WrongPassword(_) => Self::WrongPassword(m),
            KeystoreError::Truncated { .. } => Self::Truncated(m),
            KeystoreError::Malformed { .. } => Self::Malformed(m),
            KeystoreError::InvalidHex(_) => Self::InvalidHex(m),
            KeystoreError::InvalidBase64(_) => Self::InvalidBase64(m),
            KeystoreError::NotUtf8(_) => Self::NotUtf8(m),
            KeystoreError::InvalidJson { .. } => Self::InvalidJson(m),
            KeystoreError::MissingField(_) => Self::MissingField(m),
            KeystoreError::InvalidField { .. } => Self::InvalidField(m),
            KeystoreError::UnsupportedCryptoType(_) => Self::UnsupportedCryptoType(m),
            KeystoreError::UnsupportedEncoding(_) => Self::UnsupportedEncoding(m),
            KeystoreError::UnsupportedScryptParams { .. } => Self::UnsupportedScryptParams(m),
            KeystoreError::AddressMismatch { .. } => Self::AddressMismatch(m),
            KeystoreError::PublicOnly => Self::PublicOnly(m),
            KeystoreError::PasswordRequired(_) => Self::PasswordRequired(m),
            KeystoreError::Kdf(_) => Self::Kdf(m),
            KeystoreError::Random => Self::Random(m),
            // A keys error inside a keystore error keeps its own variant.
            KeystoreError::Keys(inner) => inner.into(),
            KeystoreError::InvalidName => Self::InvalidName(m),
            KeystoreError::AlreadyExists(_) => Self::AlreadyExists(m),
            KeystoreError::NotFound(_) => Self::NotFound(m),
            KeystoreError::Storage(_) => Self::Storage(m),
            _ => Self::Keystore(m),
        }
    }
}

impl From<KeysError> for TaolightError {
    fn from(e: KeysError) -> Self {
        let m = e.to_string();
        match e {
            KeysError::InvalidWordCount(_) => Self::InvalidWordCount(m),
            KeysError::UnknownWord { .. } => Self::UnknownWord(m),
            KeysError::InvalidMnemonicChecksum => Self::InvalidMnemonicChecksum(m),
            KeysError::InvalidEntropyLength(_) => Self::InvalidEntropyLength(m),
            KeysError::RandomnessUnavailable => Self::RandomnessUnavailable(m),
            KeysError::NotUtf8 => Self::NotUtf8(m),
            KeysError::EmptyPhrase => Self::EmptyPhrase(m),
            KeysError::EmptyJunction { .. } => Self::EmptyJunction(m),
            KeysError::InvalidPath => Self::InvalidPath(m),
            KeysError::PasswordInPath => Self::PasswordInPath(m),
            KeysError::InvalidHexSeed => Self::InvalidHexSeed(m),
            KeysError::InvalidSeedLength(_) => Self::InvalidSeedLength(m),
            KeysError::SoftDerivationNotSupported => Self::SoftDerivationNotSupported(m),
            KeysError::InvalidSecretLength { .. } => Self::InvalidSecretLength(m),
            KeysError::InvalidSecretKey => Self::InvalidSecretKey(m),
            KeysError::InvalidSignatureLength(_) => Self::InvalidSignatureLength(m),
            KeysError::InvalidBase58 => Self::InvalidBase58(m),
            KeysError::InvalidSs58Checksum => Self::InvalidSs58Checksum(m),
            KeysError::InvalidSs58Length(_) => Self::InvalidSs58Length(m),
            KeysError::InvalidSs58Prefix => Self::InvalidSs58Prefix(m),
            KeysError::ReservedSs58Prefix(_) => Self::ReservedSs58Prefix(m),
            // `KeysError` is non-exhaustive: a variant added later maps here until it is listed.
            _ => Self::Keys(m),
        }
    }
}

impl From<ChainError> for TaolightError {
    fn from(e: ChainError) -> Self {
        let m = e.to_string();
        match e {
            ChainError::BadSpec(_) => Self::BadSpec(m),
            ChainError::BadGenesis(_) => Self::BadGenesis(m),
            ChainError::GenesisMismatch { .. } => Self::GenesisMismatch(m),
            ChainError::BadCheckpoint(_) => Self::BadCheckpoint(m),
            ChainError::CheckpointWrongChain { .. } => Self::CheckpointWrongChain(m),
            ChainError::BadDatabase(_) => Self::BadDatabase(m),
            ChainError::StartFailed(_) => Self::StartFailed(m),
            ChainError::NoPeers => Self::NoPeers(m),
            ChainError::Stalled => Self::Stalled(m),
            ChainError::ProofInvalid(_) => Self::ProofInvalid(m),
            ChainError::RuntimeCallFailed { .. } => Self::RuntimeCallFailed(m),
            ChainError::TransactionInvalid(_) => Self::TransactionInvalid(m),
            ChainError::TransactionDropped(_) => Self::TransactionDropped(m),
            ChainError::Rpc { .. } => Self::Rpc(m),
            ChainError::MalformedRpc(_) => Self::MalformedRpc(m),
            ChainError::Busy => Self::Busy(m),
            ChainError::Stopped => Self::Stopped(m),
            ChainError::Unsupported(_) => Self::Unsupported(m),
            ChainError::Metadata(_) => Self::Metadata(m),
            ChainError::ShapeMismatch { .. } => Self::ShapeMismatch(m),
            ChainError::Decode { .. } => Self::Decode(m),
            #[allow(unreachable_patterns)]
            _ => Self::Chain(m),
        }
    }
}

impl From<TxError> for TaolightError {
    fn from(e: TxError) -> Self {
        let m = e.to_string();
        match e {
            TxError::BadMetadata(_) => Self::BadMetadata(m),
            TxError::UnknownPallet(_) => Self::UnknownPallet(m),
            TxError::UnknownCall { .. } => Self::UnknownCall(m),
            TxError::CallSignatureChanged { .. } => Self::CallSignatureChanged(m),
            TxError::MissingArgument { .. } => Self::MissingArgument(m),
            TxError::UnexpectedArgument { .. } => Self::UnexpectedArgument(m),
            TxError::ArgumentType { .. } => Self::ArgumentType(m),
            TxError::BadCall(_) => Self::BadCall(m),
            TxError::UnsupportedExtension(_) => Self::UnsupportedExtension(m),
            TxError::ExtensionTypeChanged { .. } => Self::ExtensionTypeChanged(m),
            TxError::UnsupportedExtrinsicVersion => Self::UnsupportedExtrinsicVersion(m),
            TxError::BadEraPeriod(_) => Self::BadEraPeriod(m),
            TxError::EraBirthMismatch { .. } => Self::EraBirthMismatch(m),
            TxError::EraExpired { .. } => Self::EraExpired(m),
            TxError::MetadataHash(_) => Self::MetadataHash(m),
            TxError::NoMetadataHashExtension => Self::NoMetadataHashExtension(m),
            TxError::WrongSigner => Self::WrongSigner(m),
            TxError::BadSignature => Self::BadSignature(m),
            TxError::BadPayload(_) => Self::BadPayload(m),
            TxError::BadExtrinsic(_) => Self::BadExtrinsic(m),
            TxError::BadRuntimeApiOutput(_) => Self::BadRuntimeApiOutput(m),
            #[allow(unreachable_patterns)]
            _ => Self::Tx(m),
        }
    }
}
