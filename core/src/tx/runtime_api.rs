//! Parameters and results of the runtime calls a wallet makes about a transaction before
//! submitting it: the fee estimate (`TransactionPaymentApi_query_info`) and the pool's verdict
//! (`TaggedTransactionQueue_validate_transaction`). The transport (a light-client runtime call
//! or a node's `state_call`) is the caller's; outputs are decoded with the metadata's types.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use parity_scale_codec::Encode;
use scale_value::{Composite, Primitive, Value, ValueDef};

use super::{TxError, TxMetadata};

/// Runtime call name of the fee estimate.
pub const QUERY_INFO: &str = "TransactionPaymentApi_query_info";
/// Runtime call name of transaction validation.
pub const VALIDATE_TRANSACTION: &str = "TaggedTransactionQueue_validate_transaction";

/// `TransactionPaymentApi_query_info(uxt, len)` parameters for an encoded extrinsic (with its
/// length prefix, as [`super::SignedExtrinsic::encode`] returns it).
pub fn query_info_params(extrinsic: &[u8]) -> Vec<u8> {
    let mut out = extrinsic.to_vec();
    out.extend((extrinsic.len() as u32).encode());
    out
}

/// Dispatch class of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DispatchClass {
    /// Normal user transactions.
    Normal,
    /// Operational (fee ×5 on Bittensor's weight-to-fee multiplier for operational calls).
    Operational,
    /// Inherents.
    Mandatory,
}

/// `RuntimeDispatchInfo`: the weight, class and fee (rao) the runtime would charge, tip excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeInfo {
    /// Weight: reference time (picoseconds).
    pub ref_time: u64,
    /// Weight: proof size (bytes).
    pub proof_size: u64,
    /// Dispatch class.
    pub class: DispatchClass,
    /// The fee before the tip, in rao.
    pub partial_fee: u64,
}

fn runtime_api_output(md: &TxMetadata, api: &str, method: &str) -> Result<u32, TxError> {
    md.inner()
        .runtime_api_trait_by_name(api)
        .and_then(|t| t.method_by_name(method))
        .map(|m| m.output_ty())
        .ok_or_else(|| TxError::BadRuntimeApiOutput(format!("the runtime has no {api}.{method}")))
}

fn decode_all(md: &TxMetadata, ty: u32, bytes: &[u8]) -> Result<Value<u32>, TxError> {
    let mut input = bytes;
    let v = scale_value::scale::decode_as_type(&mut input, ty, md.types())
        .map_err(|e| TxError::BadRuntimeApiOutput(e.to_string()))?;
    if !input.is_empty() {
        return Err(TxError::BadRuntimeApiOutput(format!(
            "{} bytes left over",
            input.len()
        )));
    }
    Ok(v)
}

fn field<'v>(v: &'v Value<u32>, name: &str) -> Result<&'v Value<u32>, TxError> {
    match &v.value {
        ValueDef::Composite(Composite::Named(fields)) => fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
            .ok_or_else(|| TxError::BadRuntimeApiOutput(format!("no field `{name}`"))),
        _ => Err(TxError::BadRuntimeApiOutput(format!(
            "expected a struct with `{name}`"
        ))),
    }
}

fn as_u64(v: &Value<u32>) -> Result<u64, TxError> {
    match &v.value {
        ValueDef::Primitive(Primitive::U128(n)) => {
            u64::try_from(*n).map_err(|_| TxError::BadRuntimeApiOutput("value exceeds u64".into()))
        }
        // Newtypes (e.g. a balance wrapper) hold their number in one field.
        ValueDef::Composite(c) if c.len() == 1 => as_u64(c.values().next().expect("one value")),
        _ => Err(TxError::BadRuntimeApiOutput(
            "expected an unsigned integer".into(),
        )),
    }
}

fn variant(v: &Value<u32>) -> Result<(&str, &Composite<u32>), TxError> {
    match &v.value {
        ValueDef::Variant(var) => Ok((var.name.as_str(), &var.values)),
        _ => Err(TxError::BadRuntimeApiOutput("expected an enum".into())),
    }
}

/// Decodes the output of [`QUERY_INFO`] with the runtime's `RuntimeDispatchInfo` type.
pub fn decode_query_info(md: &TxMetadata, bytes: &[u8]) -> Result<FeeInfo, TxError> {
    let ty = runtime_api_output(md, "TransactionPaymentApi", "query_info")?;
    let v = decode_all(md, ty, bytes)?;
    let weight = field(&v, "weight")?;
    let class = match variant(field(&v, "class")?)?.0 {
        "Normal" => DispatchClass::Normal,
        "Operational" => DispatchClass::Operational,
        "Mandatory" => DispatchClass::Mandatory,
        other => {
            return Err(TxError::BadRuntimeApiOutput(format!(
                "unknown dispatch class `{other}`"
            )));
        }
    };
    Ok(FeeInfo {
        ref_time: as_u64(field(weight, "ref_time")?)?,
        proof_size: as_u64(field(weight, "proof_size")?)?,
        class,
        partial_fee: as_u64(field(&v, "partial_fee")?)?,
    })
}

/// Where a transaction comes from, for [`validate_transaction_params`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionSource {
    /// Already in a block.
    InBlock = 0,
    /// Submitted by the local node's user.
    Local = 1,
    /// Received from the network (what a light client's peer does with ours).
    External = 2,
}

/// `TaggedTransactionQueue_validate_transaction(source, tx, block_hash)` parameters.
pub fn validate_transaction_params(
    source: TransactionSource,
    extrinsic: &[u8],
    block_hash: [u8; 32],
) -> Vec<u8> {
    let mut out = alloc::vec![source as u8];
    out.extend_from_slice(extrinsic);
    out.extend_from_slice(&block_hash);
    out
}

/// The runtime's verdict on a transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validity {
    /// Valid: would enter the pool.
    Valid {
        /// Pool priority.
        priority: u64,
        /// Blocks it stays valid.
        longevity: u64,
    },
    /// `InvalidTransaction::<reason>`: `Stale` (nonce used), `Future`, `BadProof` (signature,
    /// including a wrong genesis, era block, spec version or metadata hash), `AncientBirthBlock`,
    /// `Payment` (cannot pay the fee), `ExhaustsResources`, `Call`, `Custom(n)`, ...
    Invalid(String),
    /// `UnknownTransaction::<reason>` (`CannotLookup`, `NoUnsignedValidator`, `Custom(n)`).
    Unknown(String),
}

fn reason(name: &str, values: &Composite<u32>) -> Result<String, TxError> {
    Ok(match values.values().next() {
        Some(v) => format!("{name}({})", as_u64(v)?),
        None => name.to_string(),
    })
}

/// Decodes the output of [`VALIDATE_TRANSACTION`] (`TransactionValidity`) with the runtime's types.
pub fn decode_validity(md: &TxMetadata, bytes: &[u8]) -> Result<Validity, TxError> {
    let ty = runtime_api_output(md, "TaggedTransactionQueue", "validate_transaction")?;
    let v = decode_all(md, ty, bytes)?;
    let (name, values) = variant(&v)?;
    let inner = values
        .values()
        .next()
        .ok_or_else(|| TxError::BadRuntimeApiOutput("empty Result".into()))?;
    match name {
        "Ok" => Ok(Validity::Valid {
            priority: as_u64(field(inner, "priority")?)?,
            longevity: as_u64(field(inner, "longevity")?)?,
        }),
        "Err" => {
            let (kind, kv) = variant(inner)?;
            let reason_value = kv
                .values()
                .next()
                .ok_or_else(|| TxError::BadRuntimeApiOutput("empty error".into()))?;
            let (rname, rvalues) = variant(reason_value)?;
            let r = reason(rname, rvalues)?;
            match kind {
                "Invalid" => Ok(Validity::Invalid(r)),
                "Unknown" => Ok(Validity::Unknown(r)),
                other => Err(TxError::BadRuntimeApiOutput(format!(
                    "unknown validity error `{other}`"
                ))),
            }
        }
        other => Err(TxError::BadRuntimeApiOutput(format!(
            "unexpected `{other}`"
        ))),
    }
}
