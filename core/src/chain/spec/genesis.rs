//! The genesis block hash of a spec, computed without running its runtime.
//!
//! The genesis header is fully determined by the genesis state root (parent hash zero, number
//! zero, empty extrinsics root and digest). The root depends on the trie entry version, which is
//! the `state_version` of the genesis runtime's version. Substrate runtimes embed that version in
//! a `runtime_version` custom section, so it is read from there (decompressing `:code` first if
//! it is zstd-compressed); only a runtime without the section is instantiated to call
//! `Core_version`. This is how smoldot's own genesis code picks the version, so both agree, at a
//! tenth of the cost of building the genesis chain information (which validates the whole module
//! and calls the consensus runtime APIs; smoldot does that anyway when the chain is added).

use alloc::{borrow::Cow, format, string::ToString as _, vec::Vec};

use smoldot::{
    chain_spec::{ChainSpec, GenesisStorage, GenesisStorageItems},
    executor::{self, host::runtime_version::find_embedded_runtime_version},
    trie::{self, TrieEntryVersion, calculate_root},
};

use crate::chain::ChainError;

/// Prefix of a zstd-compressed runtime (Substrate's `sp-maybe-compressed-blob`).
const ZSTD_PREFIX: [u8; 8] = [82, 188, 83, 118, 70, 219, 142, 5];

/// Largest decompressed runtime accepted; the same bound smoldot applies, so a runtime refused
/// here would be refused by the light client too.
const MAX_RUNTIME_BYTES: usize = 50 * 1024 * 1024;

/// The genesis block hash of a spec parsed by smoldot.
pub(super) fn genesis_hash(parsed: &ChainSpec) -> Result<[u8; 32], ChainError> {
    let state_root = match parsed.genesis_storage() {
        GenesisStorage::Items(items) => state_root(&items)?,
        GenesisStorage::TrieRootHash(root) => *root,
    };
    Ok(header_hash(
        state_root,
        usize::from(parsed.block_number_bytes()),
    ))
}

/// Hash of the genesis header whose state root is `state_root`.
fn header_hash(state_root: [u8; 32], block_number_bytes: usize) -> [u8; 32] {
    smoldot::header::Header {
        parent_hash: [0; 32],
        number: 0,
        state_root,
        extrinsics_root: trie::EMPTY_BLAKE2_TRIE_MERKLE_VALUE,
        digest: smoldot::header::DigestRef::empty().into(),
    }
    .hash(block_number_bytes)
}

/// The state root of genesis storage `items`.
fn state_root(items: &GenesisStorageItems<'_>) -> Result<[u8; 32], ChainError> {
    let code = items
        .value(b":code")
        .ok_or_else(|| ChainError::BadGenesis("genesis storage has no `:code`".to_string()))?;
    let version = state_version(code, items.value(b":heappages"))?;
    let mut calculation = calculate_root::root_merkle_value(trie::HashFunction::Blake2);
    loop {
        calculation = match calculation {
            calculate_root::RootMerkleValueCalculation::Finished { hash, .. } => return Ok(hash),
            calculate_root::RootMerkleValueCalculation::NextKey(request) => {
                let next = items
                    .next_key(request.key_before(), request.or_equal(), request.prefix())
                    .map(|key| key.collect::<Vec<_>>().into_iter());
                request.inject_key(next)
            }
            calculate_root::RootMerkleValueCalculation::StorageValue(request) => {
                let key: Vec<u8> = request.key().collect();
                let value = items.value(&key);
                request.inject(value.map(|v| (v, version)))
            }
        };
    }
}

/// The trie entry version of the runtime `code` (`state_version`, V0 when absent).
fn state_version(code: &[u8], heap_pages: Option<&[u8]>) -> Result<TrieEntryVersion, ChainError> {
    let wasm = decompress(code)?;
    let embedded = find_embedded_runtime_version(&wasm)
        .map_err(|e| ChainError::BadGenesis(format!("runtime version section: {e}")))?;
    let version = match embedded {
        Some(version) => version,
        // No embedded version: instantiate the runtime, which calls `Core_version`.
        None => {
            let heap_pages = executor::storage_heap_pages_to_value(heap_pages)
                .map_err(|e| ChainError::BadGenesis(format!("`:heappages`: {e}")))?;
            executor::host::HostVmPrototype::new(executor::host::Config {
                module: &wasm[..],
                heap_pages,
                exec_hint: executor::vm::ExecHint::ValidateAndExecuteOnce,
                allow_unresolved_imports: true,
            })
            .map_err(|e| ChainError::BadGenesis(format!("genesis runtime: {e}")))?
            .runtime_version()
            .clone()
        }
    };
    Ok(version
        .decode()
        .state_version
        .unwrap_or(TrieEntryVersion::V0))
}

/// `code` itself if it is plain wasm, decompressed if it carries the zstd prefix.
fn decompress(code: &[u8]) -> Result<Cow<'_, [u8]>, ChainError> {
    let Some(mut compressed) = code.strip_prefix(&ZSTD_PREFIX[..]) else {
        return Ok(Cow::Borrowed(code));
    };
    let bad = |what: &str| ChainError::BadGenesis(format!("compressed runtime: {what}"));
    let mut decoder = ruzstd::decoding::FrameDecoder::new();
    decoder
        .init(&mut compressed)
        .map_err(|e| bad(&e.to_string()))?;
    let complete = decoder
        .decode_blocks(
            &mut compressed,
            ruzstd::decoding::BlockDecodingStrategy::UptoBytes(MAX_RUNTIME_BYTES),
        )
        .map_err(|e| bad(&e.to_string()))?;
    if !complete {
        return Err(bad("larger than 50 MiB once decompressed"));
    }
    decoder
        .collect()
        .map(Cow::Owned)
        .ok_or_else(|| bad("truncated"))
}
