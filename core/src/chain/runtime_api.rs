//! Typed runtime API calls on [`ChainReader`]: `SwapRuntimeApi` (`sim_swap_*`,
//! `current_alpha_price`), `StakeInfoRuntimeApi::get_stake_info_for_coldkey` and
//! `TransactionPaymentApi::query_info`.
//!
//! Each call is looked up in the runtime's metadata at the block: the argument types are
//! checked before encoding and the output is decoded as the metadata's output type, then read
//! into our structs with width checks ([`ChainError::ShapeMismatch`] if the runtime changed).

use alloc::{format, string::String, vec::Vec};

use crate::stake::SimSwapResult;

use super::{
    ChainError, ChainReader, RuntimeApiMethod, RuntimeMetadata, StateSource,
    decode::{
        Reader, TypedValue, decode, is_bytes32, is_compact, primitive_of, same_width, shape_error,
    },
};

/// `StakeInfoRuntimeApi` `StakeInfo`: one stake position as the chain reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StakeInfo {
    /// Hotkey.
    pub hotkey: [u8; 32],
    /// Coldkey.
    pub coldkey: [u8; 32],
    /// Subnet.
    pub netuid: u16,
    /// Alpha value of the position, rao.
    pub stake: u64,
    /// Locked alpha.
    pub locked: u64,
    /// Emission.
    pub emission: u64,
    /// TAO emission.
    pub tao_emission: u64,
    /// Drain.
    pub drain: u64,
    /// Whether the hotkey is registered.
    pub is_registered: bool,
}

/// The fee estimate types are the transaction module's: one definition for both.
pub use crate::tx::runtime_api::{DispatchClass, FeeInfo};

/// An argument of a runtime API call, typed for checking against the metadata.
#[derive(Debug, Clone, Copy)]
enum Arg<'a> {
    U16(u16),
    U32(u32),
    U64(u64),
    AccountId(&'a [u8; 32]),
    /// Already SCALE-encoded (an extrinsic); its type is not checked.
    Encoded(&'a [u8]),
}

impl<S: StateSource> ChainReader<S> {
    /// `SwapRuntimeApi::sim_swap_tao_for_alpha(netuid, tao)`: the chain's own quote for
    /// staking `tao` rao (fee included) at this block.
    pub async fn sim_swap_tao_for_alpha(
        &self,
        at: &[u8; 32],
        netuid: u16,
        tao: u64,
    ) -> Result<SimSwapResult, ChainError> {
        self.sim_swap(at, "sim_swap_tao_for_alpha", netuid, tao)
            .await
    }

    /// `SwapRuntimeApi::sim_swap_alpha_for_tao(netuid, alpha)`: the chain's own quote for
    /// unstaking `alpha` rao (fee included) at this block.
    pub async fn sim_swap_alpha_for_tao(
        &self,
        at: &[u8; 32],
        netuid: u16,
        alpha: u64,
    ) -> Result<SimSwapResult, ChainError> {
        self.sim_swap(at, "sim_swap_alpha_for_tao", netuid, alpha)
            .await
    }

    /// `SwapRuntimeApi::current_alpha_price(netuid)`: `floor(price · 10^9)` rao per alpha.
    pub async fn current_alpha_price(&self, at: &[u8; 32], netuid: u16) -> Result<u64, ChainError> {
        let (md, method, v) = self
            .call(
                at,
                "SwapRuntimeApi",
                "current_alpha_price",
                &[Arg::U16(netuid)],
            )
            .await?;
        reader(&md, &method).u64(&v)
    }

    /// `StakeInfoRuntimeApi::get_stake_info_for_coldkey(coldkey)`: the chain's list of the
    /// coldkey's positions.
    pub async fn stake_info_for_coldkey(
        &self,
        at: &[u8; 32],
        coldkey: &[u8; 32],
    ) -> Result<Vec<StakeInfo>, ChainError> {
        let (md, method, v) = self
            .call(
                at,
                "StakeInfoRuntimeApi",
                "get_stake_info_for_coldkey",
                &[Arg::AccountId(coldkey)],
            )
            .await?;
        let r = reader(&md, &method);
        r.seq(&v)?
            .into_iter()
            .map(|s| {
                let u64_field = |name: &str| r.u64(r.field(s, name)?);
                Ok(StakeInfo {
                    hotkey: r.account_id(r.field(s, "hotkey")?)?,
                    coldkey: r.account_id(r.field(s, "coldkey")?)?,
                    netuid: r.u16(r.field(s, "netuid")?)?,
                    stake: u64_field("stake")?,
                    locked: u64_field("locked")?,
                    emission: u64_field("emission")?,
                    tao_emission: u64_field("tao_emission")?,
                    drain: u64_field("drain")?,
                    is_registered: r.bool(r.field(s, "is_registered")?)?,
                })
            })
            .collect()
    }

    /// `TransactionPaymentApi::query_info(extrinsic, len)`: weight, class and fee of a signed
    /// extrinsic, given as submitted (SCALE, with its length prefix); `len` is its byte length.
    /// The signature is not checked by this call.
    pub async fn query_info(&self, at: &[u8; 32], extrinsic: &[u8]) -> Result<FeeInfo, ChainError> {
        let len = u32::try_from(extrinsic.len()).map_err(|_| ChainError::Decode {
            item: "TransactionPaymentApi_query_info".into(),
            reason: "extrinsic longer than 4 GiB".into(),
        })?;
        let (md, method, v) = self
            .call(
                at,
                "TransactionPaymentApi",
                "query_info",
                &[Arg::Encoded(extrinsic), Arg::U32(len)],
            )
            .await?;
        let r = reader(&md, &method);
        let weight = r.field(&v, "weight")?;
        let class = match r.variant_name(r.field(&v, "class")?)? {
            "Normal" => DispatchClass::Normal,
            "Operational" => DispatchClass::Operational,
            "Mandatory" => DispatchClass::Mandatory,
            other => {
                return Err(shape_error(
                    &method.function,
                    format!("unknown dispatch class `{other}`"),
                ));
            }
        };
        Ok(FeeInfo {
            ref_time: r.u64(r.field(weight, "ref_time")?)?,
            proof_size: r.u64(r.field(weight, "proof_size")?)?,
            class,
            partial_fee: r.u64(r.field(&v, "partial_fee")?)?,
        })
    }

    async fn sim_swap(
        &self,
        at: &[u8; 32],
        method: &str,
        netuid: u16,
        amount: u64,
    ) -> Result<SimSwapResult, ChainError> {
        let (md, method, v) = self
            .call(
                at,
                "SwapRuntimeApi",
                method,
                &[Arg::U16(netuid), Arg::U64(amount)],
            )
            .await?;
        let r = reader(&md, &method);
        let f = |name: &str| r.u64(r.field(&v, name)?);
        Ok(SimSwapResult {
            tao_amount: f("tao_amount")?,
            alpha_amount: f("alpha_amount")?,
            tao_fee: f("tao_fee")?,
            alpha_fee: f("alpha_fee")?,
            tao_slippage: f("tao_slippage")?,
            alpha_slippage: f("alpha_slippage")?,
        })
    }

    /// Checks `args` against the method's inputs, calls it, decodes the output.
    async fn call(
        &self,
        at: &[u8; 32],
        api: &str,
        method: &str,
        args: &[Arg<'_>],
    ) -> Result<
        (
            alloc::sync::Arc<RuntimeMetadata>,
            RuntimeApiMethod,
            TypedValue,
        ),
        ChainError,
    > {
        let md = self.metadata(at).await?;
        let m = md.runtime_api(api, method)?;
        let params = encode_args(&md, &m, args)?;
        let out = self.source().runtime_call(at, &m.function, &params).await?;
        let v = decode(md.types(), m.output, &out, &m.function)?;
        Ok((md, m, v))
    }
}

fn reader<'a>(md: &'a RuntimeMetadata, m: &'a RuntimeApiMethod) -> Reader<'a> {
    Reader {
        types: md.types(),
        item: &m.function,
    }
}

/// Encodes arguments after checking each against the metadata input type.
fn encode_args(
    md: &RuntimeMetadata,
    m: &RuntimeApiMethod,
    args: &[Arg<'_>],
) -> Result<Vec<u8>, ChainError> {
    if m.inputs.len() != args.len() {
        let names: Vec<&str> = m.inputs.iter().map(|(n, _)| n.as_str()).collect();
        return Err(shape_error(
            &m.function,
            format!(
                "the runtime takes {} argument(s) ({}), taolight passes {}",
                m.inputs.len(),
                names.join(", "),
                args.len()
            ),
        ));
    }
    let types = md.types();
    let mut out = Vec::new();
    for ((name, ty), arg) in m.inputs.iter().zip(args) {
        let mismatch = |want: &str| {
            shape_error(
                &m.function,
                format!(
                    "argument `{name}` has type {:?} in the runtime, taolight passes {want}",
                    describe(types, *ty)
                ),
            )
        };
        let width_ok = |w| {
            primitive_of(types, *ty).is_some_and(|p| same_width(&p, w)) && !is_compact(types, *ty)
        };
        use super::decode::UInt;
        match arg {
            Arg::U16(n) => {
                if !width_ok(UInt::U16) {
                    return Err(mismatch("u16"));
                }
                out.extend(n.to_le_bytes());
            }
            Arg::U32(n) => {
                if !width_ok(UInt::U32) {
                    return Err(mismatch("u32"));
                }
                out.extend(n.to_le_bytes());
            }
            Arg::U64(n) => {
                if !width_ok(UInt::U64) {
                    return Err(mismatch("u64"));
                }
                out.extend(n.to_le_bytes());
            }
            Arg::AccountId(a) => {
                if !is_bytes32(types, *ty) {
                    return Err(mismatch("a 32-byte account id"));
                }
                out.extend(a.iter());
            }
            Arg::Encoded(bytes) => out.extend(bytes.iter()),
        }
    }
    Ok(out)
}

fn describe(types: &scale_info::PortableRegistry, ty: u32) -> String {
    match types.resolve(ty) {
        Some(t) if !t.path.segments.is_empty() => t.path.segments.join("::"),
        Some(t) => match &t.type_def {
            scale_info::TypeDef::Primitive(p) => format!("{p:?}"),
            other => format!("{other:?}"),
        },
        None => format!("unknown type {ty}"),
    }
}
