//! [`StateSource`]: "the chain's state at one block", the only thing typed reads need.
//!
//! [`super::LightClient`] implements it with values proven against the block's state root.
//! [`NodeRpcState`] implements it over a full node's legacy JSON-RPC (`state_getStorage`,
//! `state_getKeysPaged` + `state_queryStorageAt`, `state_call` at an explicit block hash): a
//! trusted source, used by tests as the oracle the light client is compared with, and by tools
//! that talk to a node they run themselves.

use alloc::{borrow::ToOwned as _, format, string::String, vec::Vec};
use core::future::Future;
use std::collections::HashMap;

use serde_json::{Value, json};

use super::{ChainError, LightClient, checkpoint::parse_hex, spec::hash_hex};

/// `(key, value)` pairs of a storage prefix, sorted by key.
pub type KeyValues = Vec<(Vec<u8>, Vec<u8>)>;

/// Storage and runtime calls at a given block.
pub trait StateSource {
    /// Values of `keys` at block `at`, in order; `None` for absent keys.
    fn storage(
        &self,
        at: &[u8; 32],
        keys: &[Vec<u8>],
    ) -> impl Future<Output = Result<Vec<Option<Vec<u8>>>, ChainError>>;

    /// Every `(key, value)` whose key starts with `prefix` at block `at`, sorted by key.
    fn storage_descendants(
        &self,
        at: &[u8; 32],
        prefix: &[u8],
    ) -> impl Future<Output = Result<KeyValues, ChainError>>;

    /// Calls runtime API `function` (e.g. `Core_version`) at block `at` with SCALE-encoded
    /// parameters; returns the SCALE-encoded output.
    fn runtime_call(
        &self,
        at: &[u8; 32],
        function: &str,
        params: &[u8],
    ) -> impl Future<Output = Result<Vec<u8>, ChainError>>;
}

impl<T: StateSource> StateSource for &T {
    fn storage(
        &self,
        at: &[u8; 32],
        keys: &[Vec<u8>],
    ) -> impl Future<Output = Result<Vec<Option<Vec<u8>>>, ChainError>> {
        (**self).storage(at, keys)
    }

    fn storage_descendants(
        &self,
        at: &[u8; 32],
        prefix: &[u8],
    ) -> impl Future<Output = Result<KeyValues, ChainError>> {
        (**self).storage_descendants(at, prefix)
    }

    fn runtime_call(
        &self,
        at: &[u8; 32],
        function: &str,
        params: &[u8],
    ) -> impl Future<Output = Result<Vec<u8>, ChainError>> {
        (**self).runtime_call(at, function, params)
    }
}

impl StateSource for LightClient {
    /// [`LightClient::storage`]: one key per operation, items smoldot discards refused.
    async fn storage(
        &self,
        at: &[u8; 32],
        keys: &[Vec<u8>],
    ) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        LightClient::storage(self, at, keys).await
    }

    async fn storage_descendants(
        &self,
        at: &[u8; 32],
        prefix: &[u8],
    ) -> Result<KeyValues, ChainError> {
        LightClient::storage_descendants(self, at, prefix).await
    }

    async fn runtime_call(
        &self,
        at: &[u8; 32],
        function: &str,
        params: &[u8],
    ) -> Result<Vec<u8>, ChainError> {
        LightClient::runtime_call(self, at, function, params).await
    }
}

/// Keys fetched per `state_getKeysPaged` page and values per `state_queryStorageAt` batch.
const PAGE: usize = 512;

/// A full node's legacy JSON-RPC as a [`StateSource`] (trusted: nothing is proven).
///
/// `rpc(method, params)` performs one JSON-RPC call and returns its `result` (any transport:
/// HTTP, WebSocket, a test double). Reads name the block hash explicitly, so the node must
/// still have that block's state (recent blocks, or an archive node).
pub struct NodeRpcState<F> {
    rpc: F,
}

impl<F> core::fmt::Debug for NodeRpcState<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NodeRpcState").finish_non_exhaustive()
    }
}

impl<F: Fn(&str, Value) -> Result<Value, ChainError>> NodeRpcState<F> {
    /// Wraps a JSON-RPC caller.
    pub fn new(rpc: F) -> Self {
        NodeRpcState { rpc }
    }

    fn query_storage_at(
        &self,
        at: &[u8; 32],
        keys: &[Vec<u8>],
    ) -> Result<HashMap<Vec<u8>, Vec<u8>>, ChainError> {
        let mut found = HashMap::new();
        for chunk in keys.chunks(PAGE) {
            let hex_keys: Vec<String> = chunk.iter().map(|k| hex_of(k)).collect();
            let v = (self.rpc)("state_queryStorageAt", json!([hex_keys, hash_hex(at)]))?;
            let sets = v
                .as_array()
                .ok_or_else(|| malformed("state_queryStorageAt", &v))?;
            for set in sets {
                let changes = set
                    .get("changes")
                    .and_then(Value::as_array)
                    .ok_or_else(|| malformed("state_queryStorageAt", &v))?;
                for change in changes {
                    let pair = change
                        .as_array()
                        .filter(|p| p.len() == 2)
                        .ok_or_else(|| malformed("state_queryStorageAt", change))?;
                    let key = pair[0]
                        .as_str()
                        .and_then(parse_hex)
                        .ok_or_else(|| malformed("state_queryStorageAt", change))?;
                    match &pair[1] {
                        Value::Null => {}
                        Value::String(s) => {
                            let value = parse_hex(s)
                                .ok_or_else(|| malformed("state_queryStorageAt", change))?;
                            found.insert(key, value);
                        }
                        _ => return Err(malformed("state_queryStorageAt", change)),
                    }
                }
            }
        }
        Ok(found)
    }
}

impl<F: Fn(&str, Value) -> Result<Value, ChainError>> StateSource for NodeRpcState<F> {
    async fn storage(
        &self,
        at: &[u8; 32],
        keys: &[Vec<u8>],
    ) -> Result<Vec<Option<Vec<u8>>>, ChainError> {
        let mut found = self.query_storage_at(at, keys)?;
        Ok(keys.iter().map(|k| found.remove(k)).collect())
    }

    async fn storage_descendants(
        &self,
        at: &[u8; 32],
        prefix: &[u8],
    ) -> Result<KeyValues, ChainError> {
        let mut keys: Vec<Vec<u8>> = Vec::new();
        loop {
            let start = keys.last().map(|k| Value::String(hex_of(k)));
            let v = (self.rpc)(
                "state_getKeysPaged",
                json!([hex_of(prefix), PAGE, start, hash_hex(at)]),
            )?;
            let page = v
                .as_array()
                .ok_or_else(|| malformed("state_getKeysPaged", &v))?;
            for k in page {
                keys.push(
                    k.as_str()
                        .and_then(parse_hex)
                        .ok_or_else(|| malformed("state_getKeysPaged", k))?,
                );
            }
            if page.len() < PAGE {
                break;
            }
        }
        let mut found = self.query_storage_at(at, &keys)?;
        let mut out: KeyValues = keys
            .into_iter()
            .filter_map(|k| found.remove(&k).map(|v| (k, v)))
            .collect();
        out.sort();
        Ok(out)
    }

    async fn runtime_call(
        &self,
        at: &[u8; 32],
        function: &str,
        params: &[u8],
    ) -> Result<Vec<u8>, ChainError> {
        let v = (self.rpc)(
            "state_call",
            json!([function, hex_of(params), hash_hex(at)]),
        )
        .map_err(|e| match e {
            ChainError::Rpc { message, .. } => ChainError::RuntimeCallFailed {
                method: function.to_owned(),
                reason: message,
            },
            other => other,
        })?;
        v.as_str()
            .and_then(parse_hex)
            .ok_or_else(|| malformed("state_call", &v))
    }
}

fn hex_of(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

fn malformed(method: &str, v: &Value) -> ChainError {
    ChainError::MalformedRpc(format!("{method} returned {v}"))
}

#[cfg(test)]
mod tests;
