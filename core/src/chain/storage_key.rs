//! Storage keys built from runtime metadata: `twox128(pallet) ‖ twox128(entry) ‖ hashed keys`,
//! each key hashed with the hasher the metadata names for it, and keys read back from the
//! transparent hashers (`Blake2_128Concat`, `Twox64Concat`, `Identity`).
//!
//! Key arguments are typed ([`KeyArg`]) and checked against the metadata's key types: a runtime
//! whose `NetUid` is no longer a `u16`, or whose map gained a key, gives
//! [`ChainError::ShapeMismatch`] rather than a key that silently reads nothing.

use alloc::{format, string::String, vec::Vec};

use scale_info::{PortableRegistry, TypeDefPrimitive};
use sp_crypto_hashing::{blake2_128, blake2_256, twox_64, twox_128, twox_256};
use subxt_metadata::StorageHasher;

use super::{
    ChainError,
    decode::{TypedValue, decode, is_bytes32, is_compact, primitive_of, shape_error},
};

/// One key of a storage map, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyArg {
    /// A 32-byte account id (`AccountId32`; hotkeys and coldkeys).
    AccountId([u8; 32]),
    /// A `u16` (`NetUid`).
    U16(u16),
}

impl KeyArg {
    fn kind(&self) -> KeyKind {
        match self {
            KeyArg::AccountId(_) => KeyKind::AccountId,
            KeyArg::U16(_) => KeyKind::U16,
        }
    }

    /// SCALE encoding of the key.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            KeyArg::AccountId(a) => a.to_vec(),
            KeyArg::U16(n) => n.to_le_bytes().to_vec(),
        }
    }
}

/// The key types taolight knows how to build and read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    AccountId,
    U16,
}

impl KeyKind {
    fn encoded_len(self) -> usize {
        match self {
            KeyKind::AccountId => 32,
            KeyKind::U16 => 2,
        }
    }
}

/// Applies a storage hasher to an encoded key.
pub fn hash_key(hasher: StorageHasher, encoded: &[u8]) -> Vec<u8> {
    match hasher {
        StorageHasher::Blake2_128 => blake2_128(encoded).to_vec(),
        StorageHasher::Blake2_256 => blake2_256(encoded).to_vec(),
        StorageHasher::Blake2_128Concat => [&blake2_128(encoded)[..], encoded].concat(),
        StorageHasher::Twox128 => twox_128(encoded).to_vec(),
        StorageHasher::Twox256 => twox_256(encoded).to_vec(),
        StorageHasher::Twox64Concat => [&twox_64(encoded)[..], encoded].concat(),
        StorageHasher::Identity => encoded.to_vec(),
    }
}

/// `twox128(pallet prefix) ‖ twox128(entry name)`: the key of a plain value and the prefix of
/// every key of a map.
pub fn entry_prefix(pallet_prefix: &str, entry: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[..16].copy_from_slice(&twox_128(pallet_prefix.as_bytes()));
    out[16..].copy_from_slice(&twox_128(entry.as_bytes()));
    out
}

/// One storage entry of a runtime, resolved from its metadata
/// (see [`super::RuntimeMetadata::storage_entry`]).
#[derive(Debug, Clone)]
pub struct StorageEntry<'m> {
    item: String,
    prefix: [u8; 32],
    keys: Vec<(StorageHasher, u32)>,
    value_ty: u32,
    default: Option<&'m [u8]>,
    types: &'m PortableRegistry,
}

impl<'m> StorageEntry<'m> {
    /// Resolves `pallet.entry` in `metadata`.
    pub(crate) fn new(
        metadata: &'m subxt_metadata::Metadata,
        pallet: &str,
        entry: &str,
    ) -> Result<Self, ChainError> {
        let item = format!("{pallet}.{entry}");
        let storage = metadata
            .pallet_by_name(pallet)
            .ok_or_else(|| shape_error(&item, format!("no pallet `{pallet}`")))?
            .storage()
            .ok_or_else(|| shape_error(&item, format!("pallet `{pallet}` has no storage")))?;
        let e = storage
            .entry_by_name(entry)
            .ok_or_else(|| shape_error(&item, format!("no storage entry `{entry}`")))?;
        Ok(StorageEntry {
            prefix: entry_prefix(storage.prefix(), entry),
            keys: e.keys().map(|k| (k.hasher, k.key_id)).collect(),
            value_ty: e.value_ty(),
            default: e.default_value(),
            types: metadata.types(),
            item,
        })
    }

    /// `Pallet.Entry`, for messages.
    pub fn item(&self) -> &str {
        &self.item
    }

    /// `twox128(pallet) ‖ twox128(entry)`.
    pub fn prefix(&self) -> [u8; 32] {
        self.prefix
    }

    /// Number of keys of the map (0 for a plain value).
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Metadata type id of the values.
    pub fn value_type(&self) -> u32 {
        self.value_ty
    }

    /// The full key of one value: exactly [`StorageEntry::key_count`] arguments.
    pub fn key(&self, args: &[KeyArg]) -> Result<Vec<u8>, ChainError> {
        if args.len() != self.keys.len() {
            return Err(shape_error(
                &self.item,
                format!(
                    "the runtime's map has {} key(s), taolight passes {}",
                    self.keys.len(),
                    args.len()
                ),
            ));
        }
        self.partial_key(args)
    }

    /// The prefix of every key starting with `args` (fewer arguments than keys), for
    /// iterating with `storage_descendants`.
    pub fn partial_key(&self, args: &[KeyArg]) -> Result<Vec<u8>, ChainError> {
        if args.len() > self.keys.len() {
            return Err(shape_error(
                &self.item,
                format!(
                    "the runtime's map has {} key(s), taolight passes {}",
                    self.keys.len(),
                    args.len()
                ),
            ));
        }
        let mut key = self.prefix.to_vec();
        for (i, (arg, (hasher, ty))) in args.iter().zip(&self.keys).enumerate() {
            self.check_kind(i, *ty, arg.kind())?;
            key.extend(hash_key(*hasher, &arg.encode()));
        }
        Ok(key)
    }

    /// Reads the key arguments back from a full key of this entry, checking them against the
    /// metadata key types (`expected`, one per key). Needs transparent hashers
    /// (`Blake2_128Concat`, `Twox64Concat`, `Identity`) for every key.
    pub(crate) fn decode_key(
        &self,
        key: &[u8],
        expected: &[KeyKind],
    ) -> Result<Vec<KeyArg>, ChainError> {
        if expected.len() != self.keys.len() {
            return Err(shape_error(
                &self.item,
                format!(
                    "the runtime's map has {} key(s), taolight expects {}",
                    self.keys.len(),
                    expected.len()
                ),
            ));
        }
        let bad = |reason: String| ChainError::Decode {
            item: format!("key of {}", self.item),
            reason,
        };
        let mut rest = key
            .strip_prefix(&self.prefix[..])
            .ok_or_else(|| bad(format!("0x{} is not under this entry", hex::encode(key))))?;
        let mut out = Vec::with_capacity(expected.len());
        for (i, (want, (hasher, ty))) in expected.iter().zip(&self.keys).enumerate() {
            let kind = *want;
            self.check_kind(i, *ty, kind)?;
            if !hasher.ends_with_key() {
                return Err(shape_error(
                    &self.item,
                    format!("key {i} uses {hasher:?}, which does not keep the key readable"),
                ));
            }
            let skip = hasher.len_excluding_key();
            let len = kind.encoded_len();
            if rest.len() < skip + len {
                return Err(bad(format!("key 0x{} is too short", hex::encode(key))));
            }
            let encoded = &rest[skip..skip + len];
            if hash_key(*hasher, encoded) != rest[..skip + len] {
                return Err(bad(format!(
                    "key part {i} of 0x{} does not hash to itself",
                    hex::encode(key)
                )));
            }
            out.push(match kind {
                KeyKind::AccountId => {
                    let mut a = [0u8; 32];
                    a.copy_from_slice(encoded);
                    KeyArg::AccountId(a)
                }
                KeyKind::U16 => KeyArg::U16(u16::from_le_bytes([encoded[0], encoded[1]])),
            });
            rest = &rest[skip + len..];
        }
        if !rest.is_empty() {
            return Err(bad(format!(
                "{} bytes left over in key 0x{}",
                rest.len(),
                hex::encode(key)
            )));
        }
        Ok(out)
    }

    /// Decodes a value of this entry as its metadata type; an absent value is the entry's
    /// default (`ValueQuery`) or `None` (`OptionQuery`).
    pub(crate) fn decode_value(
        &self,
        bytes: Option<&[u8]>,
    ) -> Result<Option<TypedValue>, ChainError> {
        match bytes.or(self.default) {
            Some(b) => decode(self.types, self.value_ty, b, &self.item).map(Some),
            None => Ok(None),
        }
    }

    fn check_kind(&self, index: usize, ty: u32, kind: KeyKind) -> Result<(), ChainError> {
        match key_kind(self.types, ty) {
            Some(k) if k == kind => Ok(()),
            found => Err(shape_error(
                &self.item,
                format!("key {index} has type {found:?} in the runtime, taolight passes {kind:?}"),
            )),
        }
    }
}

/// The key kind a metadata type is, through newtypes (`NetUid(u16)`, `AccountId32([u8; 32])`).
fn key_kind(types: &PortableRegistry, ty: u32) -> Option<KeyKind> {
    if is_bytes32(types, ty) {
        return Some(KeyKind::AccountId);
    }
    match primitive_of(types, ty)? {
        // Keys are plain SCALE: a `Compact<u16>` key would encode differently.
        TypeDefPrimitive::U16 if !is_compact(types, ty) => Some(KeyKind::U16),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
