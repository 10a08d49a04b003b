//! The light client: an embedded smoldot, patched for Bittensor, following the chain trustlessly.
//!
//! - [`ChainSpec`]: load any raw chain spec, sanitize it for smoldot, override bootnodes, compute
//!   the genesis hash.
//! - [`Checkpoint`]: taolight's trusted Aura + GRANDPA starting point (Finney cannot be
//!   warp-synced from genesis), converted to smoldot's database format.
//! - [`SavedDatabase`]: smoldot's own database, saved on shutdown and reused on restart.
//! - [`LightClient`]: start, status stream, heads, verified storage reads and runtime calls,
//!   transaction submission and watching, database export, stop.
//! - [`ChainReader`]: typed reads at one block over any [`StateSource`] (the light client, or a
//!   node's RPC via [`NodeRpcState`]): accounts, stake positions, subnet pools and prices,
//!   `sim_swap_*`, stake info, fees; keys and types from the runtime's [`RuntimeMetadata`].
//!
//! smoldot is the only source of chain data. The smoldot crates are the published ones with the
//! minimal patches in `patches/` (why: docs/adr/0001-light-client.md). Everything
//! platform-specific sits in the private `platform` module (native: threads, TCP, ws; wasm32:
//! browser window, Web Worker or Node: WebSocket `ws`/`wss`, `setTimeout`, `spawn_local`).

mod chain_head;
mod checkpoint;
mod client;
mod database;
mod decode;
mod error;
mod metadata;
mod platform;
mod reads;
mod rpc;
mod runtime_api;
mod spec;
mod state;
mod status;
mod storage_key;
#[cfg(test)]
mod test_metadata;
mod validity;

pub use checkpoint::{CHECKPOINT_FORMAT, Checkpoint, CheckpointParts, checkpoint_from_node};
pub use client::{
    FINALITY_LAG_LIMIT, LightClient, LightClientConfig, StatusStream, TransactionWatch,
};
pub use database::SavedDatabase;
pub use error::ChainError;
pub use metadata::{METADATA_VERSION, MetadataCache, RuntimeApiMethod, RuntimeMetadata};
pub use reads::{
    AccountInfo, ChainReader, SUBTENSOR_PALLET, SWAP_PALLET, StakePosition, SubnetPool,
    SubnetSummary,
};
pub use runtime_api::{DispatchClass, FeeInfo, StakeInfo};
pub use spec::ChainSpec;
pub use state::{KeyValues, NodeRpcState, StateSource};
pub use status::{BlockRef, Phase, Stall, SyncStatus, TransactionStatus};
pub use storage_key::{KeyArg, StorageEntry, entry_prefix, hash_key};
pub use validity::{
    InvalidTransaction, TransactionValidityError, UnknownTransaction, VALIDATE_TRANSACTION,
    ValidTransaction, ValidityDecodeError, decode_validate_transaction,
};
