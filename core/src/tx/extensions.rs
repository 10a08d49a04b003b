//! Transaction extensions (signed extensions): the runtime's list, in its order, from the
//! metadata, and the bytes each one adds to the extrinsic ("extra") and to the signed payload
//! ("additional signed" / implicit).

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use parity_scale_codec::{Compact, Encode};
use serde::{Deserialize, Serialize};

use super::era::{DEFAULT_ERA_PERIOD, Era};
use super::shape::{self, Shape};
use super::{TxError, TxMetadata};

/// Facts about the chain and its runtime that every signature commits to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainContext {
    /// Hash of block #0.
    pub genesis_hash: [u8; 32],
    /// `RuntimeVersion::spec_version` of the runtime the transaction is for.
    pub spec_version: u32,
    /// `RuntimeVersion::transaction_version`.
    pub transaction_version: u32,
}

/// How long the transaction stays valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mortality {
    /// Valid forever (only on request: a leaked immortal transaction can be replayed after a
    /// nonce reset, e.g. once the account is reaped and re-created).
    Immortal,
    /// Valid for `period` blocks (rounded up to a power of two) from the block `number` with
    /// hash `hash`, normally the current best or finalized block.
    Mortal {
        /// Requested period in blocks (4..=65536).
        period: u64,
        /// The birth block's number.
        number: u64,
        /// The birth block's hash.
        hash: [u8; 32],
    },
}

impl Mortality {
    /// The default: mortal for [`DEFAULT_ERA_PERIOD`] (64) blocks from block `number`/`hash`.
    pub fn mortal_from(number: u64, hash: [u8; 32]) -> Self {
        Mortality::Mortal {
            period: DEFAULT_ERA_PERIOD,
            number,
            hash,
        }
    }

    /// The era and the block hash the payload commits to (genesis for immortal).
    pub fn era_and_hash(&self, genesis_hash: [u8; 32]) -> Result<(Era, [u8; 32]), TxError> {
        match *self {
            Mortality::Immortal => Ok((Era::Immortal, genesis_hash)),
            Mortality::Mortal {
                period,
                number,
                hash,
            } => {
                let era = Era::mortal(period, number)?;
                let birth = era.birth(number);
                if birth != number {
                    return Err(TxError::EraBirthMismatch {
                        given: number,
                        birth,
                    });
                }
                Ok((era, hash))
            }
        }
    }
}

/// `CheckMetadataHash`: disabled (mode 0) or enabled with the RFC-0078 hash (mode 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MetadataHashMode {
    /// Mode 0: the payload commits to no metadata (`None`).
    #[default]
    Disabled,
    /// Mode 1: the payload commits to this metadata hash; the runtime rejects the transaction
    /// (bad signature) unless it equals the hash the runtime was built with.
    Enabled([u8; 32]),
}

/// What the signer chooses per transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TxParams {
    /// The account's next nonce.
    pub nonce: u32,
    /// Tip for the block author, in rao.
    pub tip: u64,
    /// Validity window.
    pub mortality: Mortality,
    /// Metadata-hash mode.
    pub metadata_hash: MetadataHashMode,
}

/// One extension's contribution: `extra` goes into the extrinsic, `additional` only into the
/// signed payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionBytes {
    /// The extension's identifier in the metadata.
    pub identifier: String,
    /// Bytes included in the extrinsic (hex in JSON).
    #[serde(with = "super::payload::hex_bytes")]
    pub extra: Vec<u8>,
    /// Bytes only signed (hex in JSON).
    #[serde(with = "super::payload::hex_bytes")]
    pub additional: Vec<u8>,
}

/// Resolved values every known extension encodes.
pub(crate) struct ExtensionValues {
    pub(crate) ctx: ChainContext,
    pub(crate) nonce: u32,
    pub(crate) tip: u64,
    pub(crate) era: Era,
    pub(crate) era_hash: [u8; 32],
    pub(crate) metadata_hash: Option<[u8; 32]>,
}

/// The bytes of a known extension, or `None` if the identifier is not one this module knows.
pub(crate) fn known_extension_bytes(
    identifier: &str,
    v: &ExtensionValues,
) -> Option<(Vec<u8>, Vec<u8>)> {
    Some(match identifier {
        "CheckNonZeroSender" | "CheckWeight" => (Vec::new(), Vec::new()),
        "CheckSpecVersion" => (Vec::new(), v.ctx.spec_version.encode()),
        "CheckTxVersion" => (Vec::new(), v.ctx.transaction_version.encode()),
        "CheckGenesis" => (Vec::new(), v.ctx.genesis_hash.to_vec()),
        "CheckMortality" | "CheckEra" => (v.era.encode(), v.era_hash.to_vec()),
        "CheckNonce" => (Compact(v.nonce).encode(), Vec::new()),
        "ChargeTransactionPayment" | "ChargeTransactionPaymentWrapper" => {
            (Compact(v.tip).encode(), Vec::new())
        }
        "CheckMetadataHash" => {
            let mode = u8::from(v.metadata_hash.is_some());
            (alloc::vec![mode], v.metadata_hash.encode())
        }
        _ => return None,
    })
}

/// The (extra, additional) shapes of a known extension.
fn known_shapes(identifier: &str) -> Option<(Shape, Shape)> {
    let compact = |s| Shape::Compact(Box::new(s));
    Some(match identifier {
        "CheckNonZeroSender" | "CheckWeight" => (Shape::Empty, Shape::Empty),
        "CheckSpecVersion" | "CheckTxVersion" => (Shape::Empty, Shape::U32),
        "CheckGenesis" => (Shape::Empty, Shape::Bytes32),
        "CheckMortality" | "CheckEra" => (Shape::Era, Shape::Bytes32),
        "CheckNonce" => (compact(Shape::U32), Shape::Empty),
        "ChargeTransactionPayment" | "ChargeTransactionPaymentWrapper" => {
            (compact(Shape::U64), Shape::Empty)
        }
        "CheckMetadataHash" => (
            Shape::UnitVariant {
                name: "Enabled",
                index: 1,
            },
            Shape::Option(Box::new(Shape::Bytes32)),
        ),
        _ => return None,
    })
}

/// The v4 extension list of the runtime as (identifier, extra type, additional type).
pub(crate) fn extension_list(md: &TxMetadata) -> Result<Vec<(String, u32, u32)>, TxError> {
    let list = md
        .inner()
        .extrinsic()
        .transaction_extensions_by_version(0)
        .ok_or(TxError::UnsupportedExtrinsicVersion)?;
    Ok(list
        .map(|e| (e.identifier().to_string(), e.extra_ty(), e.additional_ty()))
        .collect())
}

/// Checks the runtime's extension list against what this module can fill: known extensions must
/// have their expected types, unknown ones must encode to nothing.
pub fn check_extensions(md: &TxMetadata) -> Result<(), TxError> {
    for (identifier, extra_ty, additional_ty) in extension_list(md)? {
        match known_shapes(&identifier) {
            Some((extra, additional)) => {
                for (ty, want) in [(extra_ty, extra), (additional_ty, additional)] {
                    shape::check(md.types(), ty, &want).map_err(|reason| {
                        TxError::ExtensionTypeChanged {
                            identifier: identifier.clone(),
                            reason,
                        }
                    })?;
                }
            }
            None => {
                let empty = |ty| shape::is_empty(md.types(), ty).map_err(TxError::BadMetadata);
                if !(empty(extra_ty)? && empty(additional_ty)?) {
                    return Err(TxError::UnsupportedExtension(identifier));
                }
            }
        }
    }
    Ok(())
}

/// The bytes of every extension of the runtime, in the runtime's order.
pub fn encode_extensions(
    md: &TxMetadata,
    ctx: &ChainContext,
    params: &TxParams,
) -> Result<Vec<ExtensionBytes>, TxError> {
    check_extensions(md)?;
    let list = extension_list(md)?;
    let (era, era_hash) = params.mortality.era_and_hash(ctx.genesis_hash)?;
    let metadata_hash = match params.metadata_hash {
        MetadataHashMode::Disabled => None,
        MetadataHashMode::Enabled(h) => {
            if !list.iter().any(|(id, _, _)| id == "CheckMetadataHash") {
                return Err(TxError::NoMetadataHashExtension);
            }
            Some(h)
        }
    };
    let values = ExtensionValues {
        ctx: *ctx,
        nonce: params.nonce,
        tip: params.tip,
        era,
        era_hash,
        metadata_hash,
    };
    Ok(list
        .into_iter()
        .map(|(identifier, _, _)| {
            let (extra, additional) =
                known_extension_bytes(&identifier, &values).unwrap_or_default();
            ExtensionBytes {
                identifier,
                extra,
                additional,
            }
        })
        .collect())
}
