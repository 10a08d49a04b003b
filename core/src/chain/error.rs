//! The one error type of [`crate::chain`].

use alloc::string::String;

/// Everything that can go wrong in the light client, its chain specs, checkpoints and JSON-RPC.
///
/// Messages name the problem and, where useful, the offending value (hashes, numbers, method
/// names); never key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    /// The chain spec is not valid JSON, lacks a required field, or smoldot rejects it.
    #[error("invalid chain spec: {0}")]
    BadSpec(String),
    /// The chain spec's genesis storage does not produce a usable genesis block (no runtime,
    /// runtime that cannot be run, unsupported consensus, ...).
    #[error("invalid genesis in chain spec: {0}")]
    BadGenesis(String),
    /// The chain spec describes a different chain than expected (genesis hash mismatch).
    #[error("genesis hash mismatch: expected {expected}, chain spec gives {actual}")]
    GenesisMismatch {
        /// The genesis hash the caller expected, `0x`-hex.
        expected: String,
        /// The genesis hash computed from the chain spec, `0x`-hex.
        actual: String,
    },
    /// A checkpoint is malformed or internally inconsistent.
    #[error("invalid checkpoint: {0}")]
    BadCheckpoint(String),
    /// A checkpoint belongs to another chain than the chain spec.
    #[error("checkpoint is for genesis {checkpoint}, chain spec has genesis {spec}")]
    CheckpointWrongChain {
        /// Genesis hash bound in the checkpoint, `0x`-hex.
        checkpoint: String,
        /// Genesis hash of the chain spec, `0x`-hex.
        spec: String,
    },
    /// A saved database could not be used (corrupt, or for another chain).
    #[error("invalid saved database: {0}")]
    BadDatabase(String),
    /// smoldot refused to add the chain.
    #[error("light client could not start the chain: {0}")]
    StartFailed(String),
    /// No peer could be reached for long enough that smoldot declared the chain stalled.
    #[error("no peers: none of the bootnodes or discovered nodes could be reached")]
    NoPeers,
    /// Syncing stopped making progress although peers are connected.
    #[error("sync stalled: peers are connected but no progress is being made")]
    Stalled,
    /// A value could not be proven against the block's state root (bad proof, or the block
    /// became inaccessible while reading).
    #[error("proof invalid or block inaccessible: {0}")]
    ProofInvalid(String),
    /// A runtime call failed (trapped, or returned an error).
    #[error("runtime call {method} failed: {reason}")]
    RuntimeCallFailed {
        /// The runtime API function, e.g. `SwapRuntimeApi_current_alpha_price`.
        method: String,
        /// What smoldot or the runtime reported.
        reason: String,
    },
    /// A transaction was rejected as invalid by the chain.
    #[error("transaction invalid: {0}")]
    TransactionInvalid(String),
    /// A transaction was dropped (pool full, no peer, ...) before being finalized.
    #[error("transaction dropped: {0}")]
    TransactionDropped(String),
    /// The JSON-RPC server (smoldot) answered with an error object.
    #[error("JSON-RPC error {code} for {method}: {message}")]
    Rpc {
        /// The method that was called.
        method: String,
        /// JSON-RPC error code.
        code: i64,
        /// JSON-RPC error message.
        message: String,
    },
    /// A JSON-RPC message from smoldot did not have the expected shape.
    #[error("malformed JSON-RPC message: {0}")]
    MalformedRpc(String),
    /// The JSON-RPC queue of the light client is full; retry later.
    #[error("light client is busy (JSON-RPC queue full)")]
    Busy,
    /// The client was stopped, or the chain was removed, while an operation was in flight.
    #[error("light client stopped")]
    Stopped,
    /// This build has no light-client platform for the current target.
    #[error("unsupported on this platform: {0}")]
    Unsupported(&'static str),
    /// The runtime's metadata could not be fetched or decoded.
    #[error("runtime metadata: {0}")]
    Metadata(String),
    /// The runtime lacks a storage entry, runtime API or type taolight reads, or has it with
    /// another shape (hashers, key or value types, field names or widths): the runtime changed.
    #[error("runtime shape changed for {item}: {reason}")]
    ShapeMismatch {
        /// What was looked up, e.g. `SubtensorModule.SubnetTAO`.
        item: String,
        /// How it differs from what taolight expects.
        reason: String,
    },
    /// Bytes read from the chain do not decode as their metadata type, or hold a value the
    /// chain cannot have (e.g. a pool weight outside [0.01, 0.99]).
    #[error("cannot decode {item}: {reason}")]
    Decode {
        /// What was decoded, e.g. `System.Account` or `SwapRuntimeApi_sim_swap_tao_for_alpha`.
        item: String,
        /// Why it failed.
        reason: String,
    },
}
