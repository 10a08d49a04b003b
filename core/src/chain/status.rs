//! What the light client reports about itself: sync phase, peers, heads, and transaction
//! progress.

use alloc::string::String;

use super::validity::TransactionValidityError;

/// Where the client is in reaching the chain's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No block is being streamed yet: connecting to bootnodes and discovering peers.
    Connecting,
    /// A GRANDPA warp sync is running.
    WarpSyncing {
        /// Highest block proven finalized by the warp proofs verified so far.
        at: u64,
        /// Highest best block advertised by a connected peer.
        target: u64,
    },
    /// Blocks are streaming in, but the finalized block is not available for reads yet (its
    /// runtime is being downloaded, or the follow subscription is being (re)established).
    Syncing,
    /// Following the head: the finalized block can be read.
    Ready,
}

/// Why smoldot considers the chain stalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stall {
    /// No peer connected for a while (30 s in smoldot-light 3.0.0).
    NoPeers,
    /// A warp sync has not advanced for a while although peers are connected.
    NoProgress,
    /// Blocks keep arriving but none is finalized: the best block is more than
    /// [`FINALITY_LAG_LIMIT`](crate::chain::FINALITY_LAG_LIMIT) blocks past the finalized one.
    /// GRANDPA justifications do not verify (a checkpoint with a wrong set id or authorities)
    /// or the chain's finality has halted.
    NoFinality,
}

/// A block, by number and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BlockRef {
    /// Block number.
    pub number: u64,
    /// Block hash.
    pub hash: [u8; 32],
}

/// A snapshot of the client's state; the status stream yields one after every change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncStatus {
    /// Sync phase.
    pub phase: Phase,
    /// Connected peers.
    pub peers: u32,
    /// `Some` while smoldot reports the chain as stalled.
    pub stalled: Option<Stall>,
    /// Best block, once known.
    pub best: Option<BlockRef>,
    /// Finalized block, once known.
    pub finalized: Option<BlockRef>,
}

impl Default for SyncStatus {
    fn default() -> Self {
        SyncStatus {
            phase: Phase::Connecting,
            peers: 0,
            stalled: None,
            best: None,
            finalized: None,
        }
    }
}

/// Progress of a submitted transaction (`transactionWatch_v1` events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransactionStatus {
    /// The transaction is valid at the best block and is being gossiped.
    Validated,
    /// Gossiped to peers (smoldot's `broadcasted` event; `peers` it was sent to so far).
    Broadcast {
        /// Number of peers the transaction was sent to.
        peers: u32,
    },
    /// Included in a block of the best chain (`index` within the block's body).
    InBlock {
        /// The block.
        hash: [u8; 32],
        /// Position in the block's extrinsics.
        index: u32,
    },
    /// The block that included it left the best chain; waiting for another inclusion.
    Retracted,
    /// Included in a finalized block. Terminal.
    Finalized {
        /// The block.
        hash: [u8; 32],
        /// Position in the block's extrinsics.
        index: u32,
    },
    /// Invalid (bad signature, nonce, funds...). Terminal.
    Invalid {
        /// smoldot's report (text).
        message: String,
        /// The runtime's typed verdict: `TaggedTransactionQueue_validate_transaction` run again
        /// through the light client at its best block when smoldot reported the transaction
        /// invalid. `None` if that call failed or the runtime accepts the transaction there.
        reason: Option<TransactionValidityError>,
    },
    /// Dropped before finalization (pool limits, no peers...). Terminal.
    Dropped(String),
    /// The watch failed for another reason. Terminal.
    Error(String),
}

impl TransactionStatus {
    /// `true` for the statuses after which no other status follows.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            TransactionStatus::Finalized { .. }
                | TransactionStatus::Invalid { .. }
                | TransactionStatus::Dropped(_)
                | TransactionStatus::Error(_)
        )
    }
}
