//! Chain specifications: load any raw spec, sanitize it for smoldot, override its bootnodes and
//! compute its genesis hash.
//!
//! Sanitizing keeps only the top-level keys smoldot understands (its parser rejects unknown ones,
//! so a future `grandpaWarpSyncCheckpoint` extension in Bittensor's specs would otherwise break
//! the client) and drops `codeSubstitutes`, which smoldot parses but never uses (Finney's is a
//! whole runtime: most of its 12.1 MB raw spec). Every spec is checked by smoldot's own parser,
//! so a spec that smoldot would reject is rejected here, with a [`ChainError`]. The genesis hash
//! is computed from the genesis state root without running the runtime ([`genesis`]).

use alloc::{
    borrow::ToOwned as _,
    boxed::Box,
    collections::BTreeMap,
    format,
    string::{String, ToString as _},
    vec::Vec,
};

use serde_json::value::RawValue;

use super::ChainError;

/// Top-level keys the light client keeps: smoldot's `ClientSpec` fields (camelCase, plus the two
/// snake_case parachain aliases) except `codeSubstitutes`, which smoldot parses but never uses.
const KNOWN_KEYS: &[&str] = &[
    "name",
    "id",
    "chainType",
    "bootNodes",
    "telemetryEndpoints",
    "protocolId",
    "forkId",
    "blockNumberBytes",
    "properties",
    "forkBlocks",
    "badBlocks",
    "consensusEngine",
    "genesis",
    "lightSyncState",
    "relayChain",
    "relay_chain",
    "paraId",
    "para_id",
];

/// A chain specification, sanitized for the light client.
///
/// Holds the spec as raw JSON pieces (the genesis storage is not re-parsed into a tree, which
/// matters for Finney's multi-megabyte spec).
#[derive(Clone)]
pub struct ChainSpec {
    /// Top-level entries kept after sanitizing, in key order.
    entries: BTreeMap<String, Box<RawValue>>,
    /// Top-level keys that were removed, in key order.
    removed: Vec<String>,
    /// Chain name (`name`).
    name: String,
    /// Chain id (`id`).
    id: String,
    /// The genesis block hash, or why it cannot be computed; worked out while smoldot's parse
    /// of the spec is at hand (bootnode changes cannot alter it).
    genesis: Result<[u8; 32], ChainError>,
}

impl core::fmt::Debug for ChainSpec {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ChainSpec")
            .field("name", &self.name)
            .field("id", &self.id)
            .field("keys", &self.entries.keys().collect::<Vec<_>>())
            .field("removed", &self.removed)
            .finish()
    }
}

impl ChainSpec {
    /// Parses a raw chain spec (JSON text) and sanitizes it.
    ///
    /// Fails with [`ChainError::BadSpec`] if the text is not a JSON object, lacks `name`, `id`,
    /// `bootNodes` or `genesis`, or if smoldot's parser rejects the sanitized result.
    pub fn from_json(json: &str) -> Result<Self, ChainError> {
        let top: BTreeMap<String, Box<RawValue>> = serde_json::from_str(json)
            .map_err(|e| ChainError::BadSpec(format!("not a JSON object: {e}")))?;
        let mut entries = BTreeMap::new();
        let mut removed = Vec::new();
        for (key, value) in top {
            if KNOWN_KEYS.contains(&key.as_str()) {
                entries.insert(key, value);
            } else {
                removed.push(key);
            }
        }
        for key in ["name", "id", "bootNodes", "genesis"] {
            if !entries.contains_key(key) {
                return Err(ChainError::BadSpec(format!("missing `{key}`")));
            }
        }
        let name = string_entry(&entries, "name")?;
        let id = string_entry(&entries, "id")?;
        // Let smoldot's own parser judge the result (field types, genesis shape, bootnodes...).
        let parsed = smoldot::chain_spec::ChainSpec::from_json_bytes(to_json(&entries))
            .map_err(|e| ChainError::BadSpec(e.to_string()))?;
        Ok(ChainSpec {
            genesis: genesis::genesis_hash(&parsed),
            entries,
            removed,
            name,
            id,
        })
    }

    /// The chain's human-readable name (`name`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The chain's id (`id`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Top-level keys removed by sanitizing (unknown keys and `codeSubstitutes`), sorted.
    pub fn removed_keys(&self) -> &[String] {
        &self.removed
    }

    /// The bootnode multiaddresses (`bootNodes`).
    pub fn bootnodes(&self) -> Result<Vec<String>, ChainError> {
        let raw = self
            .entries
            .get("bootNodes")
            .map(|v| v.get())
            .unwrap_or("[]");
        serde_json::from_str(raw)
            .map_err(|e| ChainError::BadSpec(format!("`bootNodes` is not a list of strings: {e}")))
    }

    /// Replaces the bootnodes, e.g. to point a spec at a local node or at a `wss` proxy for
    /// browsers. Each address must end in `/p2p/<peer id>`.
    pub fn set_bootnodes<S: AsRef<str>>(
        &mut self,
        bootnodes: impl IntoIterator<Item = S>,
    ) -> Result<(), ChainError> {
        let list: Vec<String> = bootnodes
            .into_iter()
            .map(|b| b.as_ref().to_owned())
            .collect();
        if let Some(bad) = list.iter().find(|b| !b.contains("/p2p/")) {
            return Err(ChainError::BadSpec(format!(
                "bootnode {bad:?} does not end in /p2p/<peer id>"
            )));
        }
        let raw = serde_json::to_string(&list)
            .and_then(RawValue::from_string)
            .map_err(|e| ChainError::BadSpec(e.to_string()))?;
        // smoldot parses bootnodes lazily: let its parser judge them in an otherwise empty spec
        // (re-parsing the whole spec would cost as much as loading it).
        let probe = format!(
            r#"{{"name":"","id":"","bootNodes":{},"genesis":{{"stateRootHash":"0x{}"}}}}"#,
            raw.get(),
            "00".repeat(32)
        );
        let parsed = smoldot::chain_spec::ChainSpec::from_json_bytes(probe)
            .map_err(|e| ChainError::BadSpec(e.to_string()))?;
        if let Some(bad) = parsed.boot_nodes().find_map(|b| match b {
            smoldot::chain_spec::Bootnode::UnrecognizedFormat(s) => Some(s.to_owned()),
            _ => None,
        }) {
            return Err(ChainError::BadSpec(format!(
                "bootnode {bad:?} is not a multiaddress"
            )));
        }
        self.entries.insert("bootNodes".to_owned(), raw);
        Ok(())
    }

    /// The sanitized spec as JSON text, ready for smoldot.
    pub fn to_json(&self) -> String {
        // Serializing a map of raw values cannot fail.
        serde_json::to_string(&self.entries).unwrap_or_default()
    }

    /// The genesis block hash.
    ///
    /// Computed when the spec is loaded: the hash of the genesis header built from the genesis
    /// state root, with the trie version of the genesis runtime (read from its embedded
    /// version, see [`genesis`]). The runtime's consensus parameters are not checked here:
    /// smoldot checks them when the chain is added, and
    /// [`LightClient::start`](super::LightClient::start) reports a runtime it cannot use as
    /// [`ChainError::BadGenesis`].
    pub fn genesis_hash(&self) -> Result<[u8; 32], ChainError> {
        self.genesis.clone()
    }

    /// Checks that the spec's genesis hash is `expected` (e.g. a known network's).
    pub fn expect_genesis_hash(&self, expected: &[u8; 32]) -> Result<(), ChainError> {
        let actual = self.genesis_hash()?;
        if &actual == expected {
            Ok(())
        } else {
            Err(ChainError::GenesisMismatch {
                expected: format!("0x{}", hex::encode(expected)),
                actual: format!("0x{}", hex::encode(actual)),
            })
        }
    }

    /// Number of bytes of a block number in this chain's headers (`blockNumberBytes`, default 4).
    pub fn block_number_bytes(&self) -> usize {
        self.entries
            .get("blockNumberBytes")
            .and_then(|v| v.get().parse::<usize>().ok())
            .unwrap_or(4)
    }
}

/// Top-level entries as JSON text.
fn to_json(entries: &BTreeMap<String, Box<RawValue>>) -> String {
    // Serializing a map of raw values cannot fail.
    serde_json::to_string(entries).unwrap_or_default()
}

/// Reads a top-level entry that must be a JSON string.
fn string_entry(
    entries: &BTreeMap<String, Box<RawValue>>,
    key: &str,
) -> Result<String, ChainError> {
    let raw = entries.get(key).map(|v| v.get()).unwrap_or("null");
    serde_json::from_str(raw).map_err(|_| ChainError::BadSpec(format!("`{key}` is not a string")))
}

/// Formats a 32-byte hash as `0x`-hex.
pub(crate) fn hash_hex(hash: &[u8; 32]) -> String {
    format!("0x{}", hex::encode(hash))
}

/// Parses a `0x`-hex 32-byte hash.
pub(crate) fn parse_hash(s: &str) -> Option<[u8; 32]> {
    let bytes = hex::decode(s.strip_prefix("0x")?).ok()?;
    <[u8; 32]>::try_from(bytes).ok()
}

mod genesis;

#[cfg(test)]
mod tests;
