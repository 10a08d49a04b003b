//! The one error type of [`crate::tx`].

use alloc::string::String;

/// Why a call, a signing payload or an extrinsic could not be built, decoded or checked.
///
/// Messages name pallets, calls, arguments and extensions; they never contain key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TxError {
    /// The metadata bytes could not be decoded (or are a version this module cannot use).
    #[error("metadata: {0}")]
    BadMetadata(String),
    /// The metadata has no pallet of this name (or the pallet has no calls).
    #[error("the runtime has no pallet `{0}` with calls")]
    UnknownPallet(String),
    /// The pallet has no call of this name.
    #[error("pallet `{pallet}` has no call `{call}`")]
    UnknownCall {
        /// Pallet name.
        pallet: String,
        /// Call name.
        call: String,
    },
    /// The call in the metadata has an argument list other than the one expected
    /// (a runtime upgrade renamed, added or removed an argument).
    #[error("`{pallet}.{call}` takes ({found}) in this runtime, expected ({expected})")]
    CallSignatureChanged {
        /// Pallet name.
        pallet: String,
        /// Call name.
        call: String,
        /// The argument names the metadata declares.
        found: String,
        /// The argument names this module was written for.
        expected: String,
    },
    /// An argument the call needs was not given.
    #[error("`{call}` needs argument `{argument}`")]
    MissingArgument {
        /// `Pallet.call`.
        call: String,
        /// Argument name.
        argument: String,
    },
    /// An argument was given that the call does not take.
    #[error("`{call}` has no argument `{argument}`")]
    UnexpectedArgument {
        /// `Pallet.call`.
        call: String,
        /// Argument name.
        argument: String,
    },
    /// An argument's value does not fit the argument's type in the metadata (or the type in the
    /// metadata is not the one this module was written for).
    #[error("argument `{argument}` of `{call}`: {reason}")]
    ArgumentType {
        /// `Pallet.call`.
        call: String,
        /// Argument name.
        argument: String,
        /// What does not match.
        reason: String,
    },
    /// Call bytes do not decode as a call of this runtime.
    #[error("call bytes do not decode with this metadata: {0}")]
    BadCall(String),
    /// The runtime declares a transaction extension this module does not know and whose
    /// payload is not empty: signing would be guesswork, so it is refused.
    #[error("unsupported transaction extension `{0}` (it carries data this wallet cannot fill)")]
    UnsupportedExtension(String),
    /// A known transaction extension has another type than expected in this runtime.
    #[error("transaction extension `{identifier}`: {reason}")]
    ExtensionTypeChanged {
        /// Extension identifier.
        identifier: String,
        /// What does not match.
        reason: String,
    },
    /// The runtime supports no v4 signed extrinsics.
    #[error("the runtime does not accept v4 extrinsics")]
    UnsupportedExtrinsicVersion,
    /// A mortal era needs a period of 4..=65536 blocks (a power of two after rounding up).
    #[error("invalid mortal era period {0} (4..=65536)")]
    BadEraPeriod(u64),
    /// The mortality checkpoint is not the birth block of the era.
    #[error("the mortality checkpoint #{given} is not the era's birth block #{birth}")]
    EraBirthMismatch {
        /// The block number given with the hash.
        given: u64,
        /// The era's birth block for that number.
        birth: u64,
    },
    /// The transaction's era is over (or not yet started) at this block.
    #[error("the transaction's era is over: valid for blocks {birth}..{death}, now at #{current}")]
    EraExpired {
        /// First block of validity.
        birth: u64,
        /// First block no longer valid.
        death: u64,
        /// The block it was checked at.
        current: u64,
    },
    /// The runtime has `CheckMetadataHash` but its hash cannot be computed (no V15 metadata, no
    /// `System.SS58Prefix` constant).
    #[error("metadata hash: {0}")]
    MetadataHash(String),
    /// `CheckMetadataHash` mode 1 was requested but the runtime has no such extension.
    #[error("the runtime has no CheckMetadataHash extension")]
    NoMetadataHashExtension,
    /// The key that signs is not the account the payload was built for.
    #[error("the signing key is not the payload's signer")]
    WrongSigner,
    /// The signature does not verify over the payload.
    #[error("the signature does not verify")]
    BadSignature,
    /// A signing payload (e.g. received from another device) is malformed or inconsistent.
    #[error("signing payload: {0}")]
    BadPayload(String),
    /// Extrinsic bytes are malformed or of a kind this module does not handle.
    #[error("extrinsic: {0}")]
    BadExtrinsic(String),
    /// A runtime API's output (fee query, validation) does not decode.
    #[error("runtime API output: {0}")]
    BadRuntimeApiOutput(String),
}
