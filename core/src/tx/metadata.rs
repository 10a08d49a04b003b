//! The runtime metadata a transaction is built against, and its RFC-0078 metadata hash.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;

use frame_metadata::{RuntimeMetadata, v15::RuntimeMetadataV15};
use parity_scale_codec::Decode;
use scale_info::PortableRegistry;

use super::TxError;

/// Decoded runtime metadata (V14, V15 or V16) with what [`crate::tx`] needs from it.
///
/// Built from the bytes of `Metadata_metadata_at_version(15)` (preferably: only V15 can be
/// merkleized for `CheckMetadataHash`) or `state_getMetadata`.
#[derive(Clone)]
pub struct TxMetadata {
    inner: Arc<subxt_metadata::Metadata>,
    v15: Option<Arc<RuntimeMetadataV15>>,
}

impl core::fmt::Debug for TxMetadata {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TxMetadata")
            .field("pallets", &self.inner.pallets().len())
            .field("v15", &self.v15.is_some())
            .finish()
    }
}

/// The chain facts RFC-0078 hashes next to the types (the runtime's `spec_name`/`spec_version`
/// and the token the chain spec advertises; the SS58 prefix is read from `System.SS58Prefix`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MetadataHashInfo {
    /// `RuntimeVersion::spec_name`.
    pub spec_name: String,
    /// `RuntimeVersion::spec_version`.
    pub spec_version: u32,
    /// Decimals of the native token (9 for TAO).
    pub decimals: u8,
    /// Symbol of the native token as the runtime was built with (`TAO`, `testTAO`).
    pub token_symbol: String,
}

impl TxMetadata {
    /// Decodes `RuntimeMetadataPrefixed` bytes (also accepts them wrapped as `OpaqueMetadata`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, TxError> {
        // `OpaqueMetadata` (a SCALE `Vec<u8>` around the prefixed bytes), as polkadot-api's
        // `signTx` may hand it: unwrap it first (subxt's decoder reads its length as a magic).
        if !bytes.starts_with(b"meta") {
            let mut input = bytes;
            if let Ok(inner) = Vec::<u8>::decode(&mut input)
                && input.is_empty()
                && inner.starts_with(b"meta")
            {
                return Self::from_bytes(&inner);
            }
        }
        let decoded = subxt_metadata::decode_runtime_metadata(bytes)
            .map_err(|e| TxError::BadMetadata(e.to_string()))?;
        let v15 = match &decoded {
            RuntimeMetadata::V15(m) => Some(Arc::new(m.clone())),
            _ => None,
        };
        let inner = match decoded {
            RuntimeMetadata::V14(m) => subxt_metadata::Metadata::from_v14(m)
                .map_err(|e| TxError::BadMetadata(e.to_string()))?,
            RuntimeMetadata::V15(m) => subxt_metadata::Metadata::from_v15(m)
                .map_err(|e| TxError::BadMetadata(e.to_string()))?,
            RuntimeMetadata::V16(m) => subxt_metadata::Metadata::from_v16(m)
                .map_err(|e| TxError::BadMetadata(e.to_string()))?,
            other => {
                return Err(TxError::BadMetadata(format!(
                    "metadata version {} is not supported",
                    other.version()
                )));
            }
        };
        Ok(Self {
            inner: Arc::new(inner),
            v15,
        })
    }

    /// Decodes the output of the runtime call `Metadata_metadata_at_version`
    /// (`Option<OpaqueMetadata>`); `None` (version not offered) is an error.
    pub fn from_metadata_at_version_output(bytes: &[u8]) -> Result<Self, TxError> {
        let opaque = Option::<Vec<u8>>::decode(&mut &*bytes)
            .map_err(|e| TxError::BadMetadata(e.to_string()))?
            .ok_or_else(|| {
                TxError::BadMetadata("the runtime does not offer this metadata version".into())
            })?;
        Self::from_bytes(&opaque)
    }

    /// The subxt-metadata view (pallets, calls, runtime APIs, types).
    pub fn inner(&self) -> &subxt_metadata::Metadata {
        &self.inner
    }

    /// The type registry.
    pub fn types(&self) -> &PortableRegistry {
        self.inner.types()
    }

    /// True when the metadata was V15, the version RFC-0078 merkleizes.
    pub fn is_v15(&self) -> bool {
        self.v15.is_some()
    }

    /// `System.SS58Prefix`, the address prefix the runtime declares.
    pub fn ss58_prefix(&self) -> Result<u16, TxError> {
        let c = self
            .inner
            .pallet_by_name("System")
            .and_then(|p| p.constant_by_name("SS58Prefix"))
            .ok_or_else(|| TxError::MetadataHash("no System.SS58Prefix constant".into()))?;
        u16::decode(&mut c.value())
            .map_err(|e| TxError::MetadataHash(format!("System.SS58Prefix: {e}")))
    }

    /// True when the runtime's extension list has `CheckMetadataHash`.
    pub fn has_metadata_hash_extension(&self) -> bool {
        self.inner
            .extrinsic()
            .transaction_extensions_by_version(0)
            .is_some_and(|mut it| it.any(|e| e.identifier() == "CheckMetadataHash"))
    }

    /// The RFC-0078 metadata hash (`blake3(SCALE(MetadataDigest::V1))`), what `CheckMetadataHash`
    /// compares in mode 1. Computed with the `merkleized-metadata` crate from V15 metadata.
    pub fn metadata_hash(&self, info: &MetadataHashInfo) -> Result<[u8; 32], TxError> {
        let v15 = self.v15.as_deref().cloned().ok_or_else(|| {
            TxError::MetadataHash(
                "RFC-0078 needs V15 metadata (Metadata_metadata_at_version(15))".into(),
            )
        })?;
        let extra = merkleized_metadata::ExtraInfo {
            spec_version: info.spec_version,
            spec_name: info.spec_name.clone(),
            base58_prefix: self.ss58_prefix()?,
            decimals: info.decimals,
            token_symbol: info.token_symbol.clone(),
        };
        let digest =
            merkleized_metadata::generate_metadata_digest(&RuntimeMetadata::V15(v15), extra)
                .map_err(TxError::MetadataHash)?;
        Ok(digest.hash())
    }
}
