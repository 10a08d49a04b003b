//! The light client for JavaScript (a minimal surface; typed reads come later):
//! `LightClient.start(specJson, bootnodes?)`, `genesisHash()`, `waitReady()`, `storage(at, key)`,
//! `stop()`. Runs in a page, a Web Worker (recommended: background tabs throttle timers) or Node
//! 22+ (Node 20: `--experimental-websocket`). Errors are `TaolightError`s whose `code` is the
//! `ChainError` variant (`BadSpec`, `NoPeers`, `Stalled`, `ProofInvalid`, `Unsupported`, …).
use js_sys::{Object, Promise, Reflect, Uint8Array};
use taolight_core::chain::{ChainError, ChainSpec, LightClient, LightClientConfig};
use wasm_bindgen::prelude::*;

use crate::Error;

impl From<ChainError> for Error {
    fn from(e: ChainError) -> Self {
        let code = match &e {
            ChainError::BadSpec(_) => "BadSpec",
            ChainError::BadGenesis(_) => "BadGenesis",
            ChainError::GenesisMismatch { .. } => "GenesisMismatch",
            ChainError::BadCheckpoint(_) => "BadCheckpoint",
            ChainError::CheckpointWrongChain { .. } => "CheckpointWrongChain",
            ChainError::BadDatabase(_) => "BadDatabase",
            ChainError::StartFailed(_) => "StartFailed",
            ChainError::NoPeers => "NoPeers",
            ChainError::Stalled => "Stalled",
            ChainError::ProofInvalid(_) => "ProofInvalid",
            ChainError::RuntimeCallFailed { .. } => "RuntimeCallFailed",
            ChainError::TransactionInvalid(_) => "TransactionInvalid",
            ChainError::TransactionDropped(_) => "TransactionDropped",
            ChainError::Rpc { .. } => "Rpc",
            ChainError::MalformedRpc(_) => "MalformedRpc",
            ChainError::Busy => "Busy",
            ChainError::Stopped => "Stopped",
            ChainError::Unsupported(_) => "Unsupported",
            // Reads and decoding (metadata, shape checks) and anything added later.
            _ => "ChainError",
        };
        Error {
            code,
            message: e.to_string(),
        }
    }
}

/// A light client following one chain (smoldot, verifying everything it serves).
#[wasm_bindgen(js_name = LightClient)]
pub struct JsLightClient {
    inner: LightClient,
}

#[wasm_bindgen(js_class = LightClient)]
impl JsLightClient {
    /// Starts the client on a raw chain spec (JSON text). `bootnodes`, if given, replaces the
    /// spec's (each ending in `/p2p/<peer id>`; browsers need `/ws` to localhost or `/wss`).
    pub fn start(spec_json: &str, bootnodes: Option<Vec<String>>) -> Result<JsLightClient, Error> {
        let mut spec = ChainSpec::from_json(spec_json)?;
        if let Some(b) = bootnodes {
            spec.set_bootnodes(&b)?;
        }
        Ok(JsLightClient {
            inner: LightClient::start(LightClientConfig::new(spec))?,
        })
    }

    /// The chain's genesis hash (32 bytes).
    #[wasm_bindgen(js_name = genesisHash)]
    pub fn genesis_hash(&self) -> Vec<u8> {
        self.inner.genesis_hash().to_vec()
    }

    /// Resolves to the finalized block `{ number, hash }` once the client follows the chain;
    /// rejects with `NoPeers` / `Stalled` when smoldot gives up, `Stopped` after `stop()`.
    #[wasm_bindgen(js_name = waitReady, unchecked_return_type = "Promise<{ number: number; hash: Uint8Array }>")]
    pub fn wait_ready(&self) -> Promise {
        let client = self.inner.clone();
        js_sys::futures::future_to_promise(async move {
            let head = client.finalized_head().await.map_err(Error::from)?;
            let out = Object::new();
            let _ = Reflect::set(&out, &"number".into(), &(head.number as f64).into());
            let _ = Reflect::set(&out, &"hash".into(), &Uint8Array::from(&head.hash[..]));
            Ok(out.into())
        })
    }

    /// Resolves to the value at `key` in the state of block `at` (a recent finalized block),
    /// proven against its state root, or `undefined` if absent.
    #[wasm_bindgen(unchecked_return_type = "Promise<Uint8Array | undefined>")]
    pub fn storage(&self, at: Vec<u8>, key: Vec<u8>) -> Result<Promise, Error> {
        let at: [u8; 32] = at.try_into().map_err(|v: Vec<u8>| {
            Error::invalid_argument(format!("at: {} bytes, not 32", v.len()))
        })?;
        let client = self.inner.clone();
        Ok(js_sys::futures::future_to_promise(async move {
            let mut values = client.storage(&at, &[key]).await.map_err(Error::from)?;
            Ok(match values.pop().flatten() {
                Some(v) => Uint8Array::from(&v[..]).into(),
                None => JsValue::UNDEFINED,
            })
        }))
    }

    /// Stops the client; pending and later calls reject with `Stopped`.
    pub fn stop(&self) {
        self.inner.stop();
    }
}
