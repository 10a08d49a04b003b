//! [`RuntimeMetadata`]: the runtime's metadata at a block, fetched with a runtime call
//! (`Metadata_metadata_at_version(15)`, falling back to `Metadata_metadata`), decoded with
//! `subxt-metadata`, and cached per runtime version by [`MetadataCache`].
//!
//! The raw bytes stay available ([`RuntimeMetadata::bytes`], [`RuntimeMetadata::frame_metadata`]):
//! transaction code computes the RFC-0078 metadata hash from them.

use alloc::{
    borrow::ToOwned as _,
    format,
    string::{String, ToString as _},
    sync::Arc,
    vec::Vec,
};
use std::{collections::HashMap, sync::Mutex};

use parity_scale_codec::{Compact, Decode as _};

use super::{ChainError, StateSource, decode::shape_error, storage_key::StorageEntry};

/// The metadata version asked for first (V15 has runtime APIs and outer enums).
pub const METADATA_VERSION: u32 = 15;

/// A runtime's metadata, decoded, with its raw bytes and version.
#[derive(Debug)]
pub struct RuntimeMetadata {
    bytes: Vec<u8>,
    metadata: subxt_metadata::Metadata,
    spec_name: String,
    spec_version: u32,
}

impl RuntimeMetadata {
    /// Decodes metadata bytes (`RuntimeMetadataPrefixed`: `"meta"`, version, body; V14–V16).
    /// `spec_name`/`spec_version` are informational (from `Core_version`).
    pub fn from_bytes(
        bytes: Vec<u8>,
        spec_name: String,
        spec_version: u32,
    ) -> Result<Self, ChainError> {
        let metadata = subxt_metadata::Metadata::decode_from(&bytes)
            .map_err(|e| ChainError::Metadata(format!("cannot decode: {e}")))?;
        Ok(RuntimeMetadata {
            bytes,
            metadata,
            spec_name,
            spec_version,
        })
    }

    /// The SCALE bytes as the runtime returned them (`RuntimeMetadataPrefixed`).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes decoded as `frame-metadata`'s own types (for the metadata hash).
    pub fn frame_metadata(&self) -> Result<frame_metadata::RuntimeMetadataPrefixed, ChainError> {
        frame_metadata::RuntimeMetadataPrefixed::decode(&mut &self.bytes[..])
            .map_err(|e| ChainError::Metadata(format!("cannot decode: {e}")))
    }

    /// The decoded metadata (pallets, storage, calls, runtime APIs, types).
    pub fn metadata(&self) -> &subxt_metadata::Metadata {
        &self.metadata
    }

    /// The type registry.
    pub fn types(&self) -> &scale_info::PortableRegistry {
        self.metadata.types()
    }

    /// `spec_name` of the runtime (`Core_version`).
    pub fn spec_name(&self) -> &str {
        &self.spec_name
    }

    /// `spec_version` of the runtime (`Core_version`).
    pub fn spec_version(&self) -> u32 {
        self.spec_version
    }

    /// A storage entry by pallet and entry name, with its hashers and types.
    pub fn storage_entry(&self, pallet: &str, entry: &str) -> Result<StorageEntry<'_>, ChainError> {
        StorageEntry::new(&self.metadata, pallet, entry)
    }

    /// A runtime API method by trait and method name (e.g. `SwapRuntimeApi`,
    /// `sim_swap_tao_for_alpha`): its input type ids and output type id.
    pub fn runtime_api(&self, api: &str, method: &str) -> Result<RuntimeApiMethod, ChainError> {
        let item = format!("{api}_{method}");
        let m = self
            .metadata
            .runtime_api_trait_by_name(api)
            .ok_or_else(|| shape_error(&item, format!("the runtime has no API `{api}`")))?
            .method_by_name(method)
            .ok_or_else(|| shape_error(&item, format!("`{api}` has no method `{method}`")))?;
        Ok(RuntimeApiMethod {
            function: item,
            inputs: m.inputs().map(|i| (i.name.to_string(), i.id)).collect(),
            output: m.output_ty(),
        })
    }
}

/// A runtime API method's signature from metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeApiMethod {
    /// The function name to call: `{Api}_{method}`.
    pub function: String,
    /// Input names and type ids, in order.
    pub inputs: Vec<(String, u32)>,
    /// Output type id.
    pub output: u32,
}

/// The parts of `Core_version` used to key the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionKey {
    /// blake2-256 of the whole `Core_version` output (spec and impl versions, API list).
    pub(crate) hash: [u8; 32],
    pub(crate) spec_name: String,
    pub(crate) spec_version: u32,
}

/// Parses a `Core_version` output (`RuntimeVersion`: spec_name, impl_name, authoring_version,
/// spec_version, ...).
pub(crate) fn parse_version(out: &[u8]) -> Result<VersionKey, ChainError> {
    let mut input = out;
    let bad = |e: parity_scale_codec::Error| ChainError::Decode {
        item: "Core_version".to_owned(),
        reason: e.to_string(),
    };
    let spec_name = String::decode(&mut input).map_err(bad)?;
    let _impl_name = String::decode(&mut input).map_err(bad)?;
    let _authoring_version = u32::decode(&mut input).map_err(bad)?;
    let spec_version = u32::decode(&mut input).map_err(bad)?;
    Ok(VersionKey {
        hash: sp_crypto_hashing::blake2_256(out),
        spec_name,
        spec_version,
    })
}

/// Extracts the metadata bytes from `Metadata_metadata_at_version`'s output
/// (`Option<OpaqueMetadata>`; `None` if the version is not supported).
pub(crate) fn parse_metadata_at_version(out: &[u8]) -> Result<Option<Vec<u8>>, ChainError> {
    let bad = |e: parity_scale_codec::Error| {
        ChainError::Metadata(format!("Metadata_metadata_at_version output: {e}"))
    };
    let opt = Option::<Vec<u8>>::decode(&mut &out[..]).map_err(bad)?;
    Ok(opt)
}

/// Extracts the metadata bytes from `Metadata_metadata`'s output (`OpaqueMetadata`).
pub(crate) fn parse_metadata(out: &[u8]) -> Result<Vec<u8>, ChainError> {
    let mut input = out;
    let len = Compact::<u32>::decode(&mut input)
        .map_err(|e| ChainError::Metadata(format!("Metadata_metadata output: {e}")))?;
    if input.len() != len.0 as usize {
        return Err(ChainError::Metadata(format!(
            "Metadata_metadata output: length {} but {} bytes",
            len.0,
            input.len()
        )));
    }
    Ok(input.to_vec())
}

/// Blocks remembered by [`MetadataCache`] before it forgets them (runtimes stay cached).
const MAX_BLOCKS: usize = 256;

/// Metadata per runtime version, and the runtime version of recently seen blocks.
///
/// A block's runtime is identified by its `Core_version` output (hashed): one runtime call per
/// new block, and the metadata itself is fetched and decoded once per runtime.
#[derive(Debug, Default)]
pub struct MetadataCache {
    by_version: Mutex<HashMap<[u8; 32], Arc<RuntimeMetadata>>>,
    by_block: Mutex<HashMap<[u8; 32], Arc<RuntimeMetadata>>>,
}

impl MetadataCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The metadata of the runtime at block `at`.
    pub async fn at<S: StateSource>(
        &self,
        source: &S,
        at: &[u8; 32],
    ) -> Result<Arc<RuntimeMetadata>, ChainError> {
        if let Some(m) = lock(&self.by_block).get(at) {
            return Ok(m.clone());
        }
        let version = parse_version(&source.runtime_call(at, "Core_version", &[]).await?)?;
        let cached = lock(&self.by_version).get(&version.hash).cloned();
        let metadata = match cached {
            Some(m) => m,
            None => {
                let m = Arc::new(fetch(source, at, &version).await?);
                lock(&self.by_version).insert(version.hash, m.clone());
                m
            }
        };
        let mut blocks = lock(&self.by_block);
        if blocks.len() >= MAX_BLOCKS {
            blocks.clear();
        }
        blocks.insert(*at, metadata.clone());
        Ok(metadata)
    }
}

/// Fetches and decodes the metadata at `at` (V15, else whatever `Metadata_metadata` gives).
async fn fetch<S: StateSource>(
    source: &S,
    at: &[u8; 32],
    version: &VersionKey,
) -> Result<RuntimeMetadata, ChainError> {
    let at_version = source
        .runtime_call(
            at,
            "Metadata_metadata_at_version",
            &METADATA_VERSION.to_le_bytes(),
        )
        .await;
    let bytes = match at_version {
        Ok(out) => parse_metadata_at_version(&out)?,
        // Runtimes without `metadata_at_version` (Metadata API v1).
        Err(ChainError::RuntimeCallFailed { .. }) => None,
        Err(e) => return Err(e),
    };
    let bytes = match bytes {
        Some(b) => b,
        None => parse_metadata(&source.runtime_call(at, "Metadata_metadata", &[]).await?)?,
    };
    RuntimeMetadata::from_bytes(bytes, version.spec_name.clone(), version.spec_version)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
