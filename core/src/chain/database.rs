//! The light client's saved database: what smoldot exports with
//! `chainHead_unstable_finalizedDatabase` and takes back as `database_content`.
//!
//! The format is smoldot's (pinned with the crate version). This module only reads the two
//! things taolight needs to decide how to start: which chain the database belongs to and how far
//! its finalized block is; and it merges a [`Checkpoint`] with a saved database, keeping
//! whichever finalized block is newer (the same rule smoldot applies to `lightSyncState`).

use alloc::{format, string::String};

use super::{
    ChainError, Checkpoint,
    checkpoint::DatabaseJson,
    spec::{hash_hex, parse_hash},
};

/// A saved light-client database (opaque text from [`crate::chain::LightClient::save_database`]).
#[derive(Clone, PartialEq, Eq)]
pub struct SavedDatabase {
    text: String,
    genesis_hash: [u8; 32],
    finalized_number: Option<u64>,
}

impl core::fmt::Debug for SavedDatabase {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SavedDatabase")
            .field("genesis_hash", &hash_hex(&self.genesis_hash))
            .field("finalized_number", &self.finalized_number)
            .field("len", &self.text.len())
            .finish()
    }
}

/// Block number width of Bittensor-shaped chains (`u32`).
const BLOCK_NUMBER_BYTES: usize = 4;

impl SavedDatabase {
    /// Parses a saved database. Fails with [`ChainError::BadDatabase`] if it is not smoldot's
    /// format or its chain information is corrupt.
    pub fn parse(text: &str) -> Result<Self, ChainError> {
        let db: DatabaseJson = serde_json::from_str(text)
            .map_err(|e| ChainError::BadDatabase(format!("not a smoldot database: {e}")))?;
        let genesis_hash = parse_hash(&format!("0x{}", db.genesis_hash))
            .ok_or_else(|| ChainError::BadDatabase("`genesisHash` is not a hash".into()))?;
        let finalized_number = match &db.chain {
            None => None,
            Some(chain) => Some(
                smoldot::database::finalized_serialize::decode_chain(
                    chain.get(),
                    BLOCK_NUMBER_BYTES,
                )
                .map_err(|e| ChainError::BadDatabase(format!("corrupt chain information: {e}")))?
                .chain_information
                .as_ref()
                .finalized_block_header
                .number,
            ),
        };
        Ok(SavedDatabase {
            text: text.into(),
            genesis_hash,
            finalized_number,
        })
    }

    /// Genesis hash of the chain the database belongs to.
    pub fn genesis_hash(&self) -> [u8; 32] {
        self.genesis_hash
    }

    /// Number of the finalized block stored in the database, if it stores one.
    pub fn finalized_number(&self) -> Option<u64> {
        self.finalized_number
    }

    /// The database text, as smoldot produced it.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Decides the `database_content` to start smoldot with, for a chain whose genesis hash is
/// `genesis`: the saved database if its finalized block is at least as new as the checkpoint's,
/// otherwise the checkpoint (keeping the saved database's known peers). Empty if neither is given.
///
/// Fails if the checkpoint or the database belongs to another chain.
pub(crate) fn start_database(
    genesis: &[u8; 32],
    checkpoint: Option<&Checkpoint>,
    saved: Option<&SavedDatabase>,
) -> Result<String, ChainError> {
    if let Some(cp) = checkpoint {
        cp.check_chain(genesis)?;
    }
    if let Some(db) = saved.filter(|db| &db.genesis_hash != genesis) {
        return Err(ChainError::BadDatabase(format!(
            "database is for genesis {}, chain spec has genesis {}",
            hash_hex(&db.genesis_hash),
            hash_hex(genesis)
        )));
    }
    match (checkpoint, saved) {
        (None, None) => Ok(String::new()),
        (None, Some(db)) => Ok(db.text.clone()),
        (Some(cp), Some(db)) if db.finalized_number.is_some_and(|n| n >= cp.block_number()) => {
            Ok(db.text.clone())
        }
        (Some(cp), None) => cp.to_database_content(),
        (Some(cp), Some(db)) => {
            // Checkpoint is newer: its chain information, the database's peers.
            let mut from_cp: DatabaseJson = serde_json::from_str(&cp.to_database_content()?)
                .map_err(|e| ChainError::BadCheckpoint(e.to_string()))?;
            let saved: DatabaseJson = serde_json::from_str(&db.text)
                .map_err(|e| ChainError::BadDatabase(e.to_string()))?;
            from_cp.nodes = saved.nodes;
            serde_json::to_string(&from_cp).map_err(|e| ChainError::BadDatabase(e.to_string()))
        }
    }
}
