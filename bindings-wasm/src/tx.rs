//! Transactions for JavaScript: metadata, the wallet's calls by name, signing payloads (offline
//! flow), signed extrinsics and the fee query's codec. Thin translations of `taolight_core::tx`.
//!
//! ```js
//! import { TxMetadata, Call, SigningPayload, Keypair } from 'taolight';
//! const md = TxMetadata.fromBytes(metadataBytes);                 // state_getMetadata / metadata_at_version
//! const call = Call.build(md, 'add_stake_limit', { hotkey, netuid: 1, amountStaked: 10n ** 9n,
//!                                                   limitPrice: 1_000_000n, allowPartial: false });
//! const payload = SigningPayload.create(md, call, alice.address,
//!   { genesisHash, specVersion, transactionVersion },
//!   { nonce: 0, mortality: { blockNumber: 120, blockHash } });
//! const json = JSON.stringify(payload);                             // to the signing device …
//! const signature = SigningPayload.fromJSON(json).sign(alice);     // … which needs no metadata
//! const extrinsic = payload.assemble(signature);                   // verifies, then builds
//! extrinsic.encode();                                              // submit these bytes
//! ```
//! Errors are `TaolightError`s whose `code` is the `TxError` variant (`UnknownCall`,
//! `ArgumentType`, `BadPayload`, `WrongSigner`, `BadSignature`, `EraExpired`, …).
use js_sys::{Array, Object, Reflect, Uint8Array};
use taolight_core::keys::PublicKey;
use taolight_core::tx::{
    self, ChainContext, MetadataHashMode, Mortality, PayloadSignature, TxError, TxParams,
    runtime_api::DispatchClass,
};
use wasm_bindgen::prelude::*;

use crate::amount::{u64_from_js, uint_from_js};
use crate::error::Error;
use crate::keys::Keypair;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** The calls `Call.build` knows, by their name in the runtime. */
export type CallName =
  | "transfer_allow_death" | "transfer_keep_alive" | "transfer_all"
  | "add_stake" | "remove_stake" | "add_stake_limit" | "remove_stake_limit"
  | "remove_stake_full_limit" | "unstake_all" | "unstake_all_alpha"
  | "move_stake" | "transfer_stake" | "swap_stake" | "swap_stake_limit";
/**
 * Arguments of `Call.build`, camelCase of the runtime's argument names. Accounts are SS58
 * strings, amounts and limit prices `bigint` rao, netuids numbers.
 */
export interface CallArgs {
  dest?: string; value?: bigint; keepAlive?: boolean;
  hotkey?: string; netuid?: number;
  amountStaked?: bigint; amountUnstaked?: bigint;
  /** rao per alpha (`remove_stake_full_limit`: optional, fill-or-kill when given). */
  limitPrice?: bigint; allowPartial?: boolean;
  originHotkey?: string; destinationHotkey?: string; destinationColdkey?: string;
  originNetuid?: number; destinationNetuid?: number; alphaAmount?: bigint;
}
/** What every signature commits to about the chain. */
export interface ChainContext { genesisHash: Uint8Array; specVersion: number; transactionVersion: number }
/** Validity window: mortal from a recent block (64 blocks unless `period` says), or `"immortal"`. */
export type MortalityParam = "immortal" | { blockNumber: number | bigint; blockHash: Uint8Array; period?: number };
/** Per-transaction choices. */
export interface TxParams {
  nonce: number;
  /** Tip in rao (default 0n). */
  tip?: bigint;
  mortality: MortalityParam;
  /** `CheckMetadataHash` mode 1 with this RFC-0078 hash; absent = mode 0. */
  metadataHash?: Uint8Array;
}
/** Facts for the RFC-0078 metadata hash. */
export interface MetadataHashInfo { specName: string; specVersion: number; decimals: number; tokenSymbol: string }
/** A signature over a `SigningPayload`, as the signing device returns it. */
export interface PayloadSignature { cryptoType: CryptoType; publicKey: Uint8Array; signature: Uint8Array }
/** One transaction extension's bytes in a signing payload (hex). */
export interface ExtensionBytesJson { identifier: string; extra: string; additional: string }
/** The transport form of a signing payload (`format` = "taolight-signing-payload/1"; hex strings). */
export interface SigningPayloadJson {
  format: string; signer: string; call: string; summary: string; genesis_hash: string;
  spec_version: number; transaction_version: number; nonce: number; tip: number;
  era: string; era_block_hash: string; era_block_number: number | null;
  metadata_hash: string | null; extensions: ExtensionBytesJson[];
}
/** `TransactionPaymentApi_query_info`: weight, class and the fee before tip (rao). */
export interface FeeInfo { refTime: bigint; proofSize: bigint; class: "normal" | "operational" | "mandatory"; partialFee: bigint }
"#;

impl From<TxError> for Error {
    fn from(e: TxError) -> Self {
        Error {
            code: tx_code(&e),
            message: e.to_string(),
        }
    }
}

/// The stable code of a tx error: its variant name.
pub(crate) fn tx_code(e: &TxError) -> &'static str {
    match e {
        TxError::BadMetadata(_) => "BadMetadata",
        TxError::UnknownPallet(_) => "UnknownPallet",
        TxError::UnknownCall { .. } => "UnknownCall",
        TxError::CallSignatureChanged { .. } => "CallSignatureChanged",
        TxError::MissingArgument { .. } => "MissingArgument",
        TxError::UnexpectedArgument { .. } => "UnexpectedArgument",
        TxError::ArgumentType { .. } => "ArgumentType",
        TxError::BadCall(_) => "BadCall",
        TxError::UnsupportedExtension(_) => "UnsupportedExtension",
        TxError::ExtensionTypeChanged { .. } => "ExtensionTypeChanged",
        TxError::UnsupportedExtrinsicVersion => "UnsupportedExtrinsicVersion",
        TxError::BadEraPeriod(_) => "BadEraPeriod",
        TxError::EraBirthMismatch { .. } => "EraBirthMismatch",
        TxError::EraExpired { .. } => "EraExpired",
        TxError::MetadataHash(_) => "MetadataHash",
        TxError::NoMetadataHashExtension => "NoMetadataHashExtension",
        TxError::WrongSigner => "WrongSigner",
        TxError::BadSignature => "BadSignature",
        TxError::BadPayload(_) => "BadPayload",
        TxError::BadExtrinsic(_) => "BadExtrinsic",
        TxError::BadRuntimeApiOutput(_) => "BadRuntimeApiOutput",
    }
}

// --- JS ⇄ core conversions (no logic here) ---

pub(crate) fn get(object: &JsValue, name: &str, what: &str) -> Result<JsValue, Error> {
    if !object.is_object() {
        return Err(Error::invalid_argument(format!("{what} must be an object")));
    }
    Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| Error::invalid_argument(format!("{what}.{name} cannot be read")))
}

pub(crate) fn set(object: &Object, name: &str, value: impl Into<JsValue>) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(name), &value.into());
}

pub(crate) fn bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, Error> {
    value
        .dyn_ref::<Uint8Array>()
        .map(Uint8Array::to_vec)
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be a Uint8Array")))
}

pub(crate) fn hash32(value: &JsValue, what: &str) -> Result<[u8; 32], Error> {
    let v = bytes(value, what)?;
    v.try_into()
        .map_err(|v: Vec<u8>| Error::invalid_argument(format!("{what}: {} bytes, not 32", v.len())))
}

pub(crate) fn account(value: &JsValue, what: &str) -> Result<PublicKey, Error> {
    let s = value
        .as_string()
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be an SS58 string")))?;
    Ok(PublicKey::from_ss58(&s)?)
}

fn netuid(value: &JsValue, what: &str) -> Result<u16, Error> {
    Ok(uint_from_js(value, what, u16::MAX.into())? as u16)
}

fn boolean(value: &JsValue, what: &str) -> Result<bool, Error> {
    value
        .as_bool()
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be a boolean")))
}

pub(crate) fn chain_context_from_js(value: &JsValue) -> Result<ChainContext, Error> {
    let what = "chain";
    Ok(ChainContext {
        genesis_hash: hash32(&get(value, "genesisHash", what)?, "chain.genesisHash")?,
        spec_version: uint_from_js(
            &get(value, "specVersion", what)?,
            "chain.specVersion",
            u32::MAX.into(),
        )? as u32,
        transaction_version: uint_from_js(
            &get(value, "transactionVersion", what)?,
            "chain.transactionVersion",
            u32::MAX.into(),
        )? as u32,
    })
}

fn mortality_from_js(value: &JsValue) -> Result<Mortality, Error> {
    if value.as_string().as_deref() == Some("immortal") {
        return Ok(Mortality::Immortal);
    }
    let what = "params.mortality";
    if !value.is_object() {
        return Err(Error::invalid_argument(
            "params.mortality must be \"immortal\" or { blockNumber, blockHash, period? }",
        ));
    }
    let period = get(value, "period", what)?;
    Ok(Mortality::Mortal {
        period: if period.is_undefined() {
            tx::DEFAULT_ERA_PERIOD
        } else {
            uint_from_js(&period, "params.mortality.period", u64::MAX)?
        },
        number: uint_from_js(
            &get(value, "blockNumber", what)?,
            "params.mortality.blockNumber",
            u64::MAX,
        )?,
        hash: hash32(
            &get(value, "blockHash", what)?,
            "params.mortality.blockHash",
        )?,
    })
}

fn params_from_js(value: &JsValue) -> Result<TxParams, Error> {
    let what = "params";
    let tip = get(value, "tip", what)?;
    let metadata_hash = get(value, "metadataHash", what)?;
    Ok(TxParams {
        nonce: uint_from_js(&get(value, "nonce", what)?, "params.nonce", u32::MAX.into())? as u32,
        tip: if tip.is_undefined() {
            0
        } else {
            u64_from_js(&tip, "params.tip")?
        },
        mortality: mortality_from_js(&get(value, "mortality", what)?)?,
        metadata_hash: if metadata_hash.is_undefined() || metadata_hash.is_null() {
            MetadataHashMode::Disabled
        } else {
            MetadataHashMode::Enabled(hash32(&metadata_hash, "params.metadataHash")?)
        },
    })
}

pub(crate) fn payload_signature_to_js(s: &PayloadSignature) -> JsValue {
    let out = Object::new();
    set(&out, "cryptoType", s.crypto.as_str());
    set(&out, "publicKey", Uint8Array::from(&s.public[..]));
    set(&out, "signature", Uint8Array::from(&s.signature[..]));
    out.into()
}

pub(crate) fn payload_signature_from_js(value: &JsValue) -> Result<PayloadSignature, Error> {
    let what = "signature";
    let crypto = get(value, "cryptoType", what)?
        .as_string()
        .ok_or_else(|| Error::invalid_argument("signature.cryptoType must be a string"))?;
    Ok(PayloadSignature {
        crypto,
        public: hash32(&get(value, "publicKey", what)?, "signature.publicKey")?,
        signature: bytes(&get(value, "signature", what)?, "signature.signature")?,
    })
}

pub(crate) fn fee_info_to_js(fee: &tx::runtime_api::FeeInfo) -> JsValue {
    let out = Object::new();
    set(&out, "refTime", fee.ref_time);
    set(&out, "proofSize", fee.proof_size);
    set(
        &out,
        "class",
        match fee.class {
            DispatchClass::Normal => "normal",
            DispatchClass::Operational => "operational",
            DispatchClass::Mandatory => "mandatory",
        },
    );
    set(&out, "partialFee", fee.partial_fee);
    out.into()
}

// --- exports ---

/// A runtime's metadata, decoded once and shared by calls, payloads and extrinsics.
#[wasm_bindgen]
pub struct TxMetadata {
    inner: tx::TxMetadata,
}

impl TxMetadata {
    /// The core metadata.
    pub fn inner(&self) -> &tx::TxMetadata {
        &self.inner
    }
}

impl From<tx::TxMetadata> for TxMetadata {
    fn from(inner: tx::TxMetadata) -> Self {
        TxMetadata { inner }
    }
}

#[wasm_bindgen]
impl TxMetadata {
    /// From `RuntimeMetadataPrefixed` bytes (`state_getMetadata`), also accepted wrapped as
    /// `OpaqueMetadata`. V14, V15 and V16; only V15 gives the RFC-0078 hash.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<TxMetadata, Error> {
        Ok(tx::TxMetadata::from_bytes(bytes)?.into())
    }

    /// From the output of the runtime call `Metadata_metadata_at_version` (`Option<OpaqueMetadata>`).
    #[wasm_bindgen(js_name = fromMetadataAtVersionOutput)]
    pub fn from_metadata_at_version_output(bytes: &[u8]) -> Result<TxMetadata, Error> {
        Ok(tx::TxMetadata::from_metadata_at_version_output(bytes)?.into())
    }

    /// Whether the metadata was V15 (the version RFC-0078 merkleizes).
    #[wasm_bindgen(getter, js_name = isV15)]
    pub fn is_v15(&self) -> bool {
        self.inner.is_v15()
    }

    /// `System.SS58Prefix` of the runtime (42 on Bittensor).
    #[wasm_bindgen(js_name = ss58Prefix)]
    pub fn ss58_prefix(&self) -> Result<u16, Error> {
        Ok(self.inner.ss58_prefix()?)
    }

    /// Whether the runtime has the `CheckMetadataHash` extension.
    #[wasm_bindgen(getter, js_name = hasMetadataHashExtension)]
    pub fn has_metadata_hash_extension(&self) -> bool {
        self.inner.has_metadata_hash_extension()
    }

    /// The RFC-0078 metadata hash (32 bytes) for `CheckMetadataHash` mode 1.
    #[wasm_bindgen(js_name = metadataHash)]
    pub fn metadata_hash(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MetadataHashInfo")] info: JsValue,
    ) -> Result<Vec<u8>, Error> {
        let what = "info";
        let info = tx::MetadataHashInfo {
            spec_name: get(&info, "specName", what)?
                .as_string()
                .ok_or_else(|| Error::invalid_argument("info.specName must be a string"))?,
            spec_version: uint_from_js(
                &get(&info, "specVersion", what)?,
                "info.specVersion",
                u32::MAX.into(),
            )? as u32,
            decimals: uint_from_js(
                &get(&info, "decimals", what)?,
                "info.decimals",
                u8::MAX.into(),
            )? as u8,
            token_symbol: get(&info, "tokenSymbol", what)?
                .as_string()
                .ok_or_else(|| Error::invalid_argument("info.tokenSymbol must be a string"))?,
        };
        Ok(self.inner.metadata_hash(&info)?.to_vec())
    }
}

/// An encoded runtime call, built from the metadata (pallet and call indices follow the runtime;
/// argument names and types are checked first).
#[wasm_bindgen]
pub struct Call {
    inner: tx::Call,
}

impl Call {
    /// The core call.
    pub fn inner(&self) -> &tx::Call {
        &self.inner
    }
}

impl From<tx::Call> for Call {
    fn from(inner: tx::Call) -> Self {
        Call { inner }
    }
}

#[wasm_bindgen]
impl Call {
    /// Builds one of the wallet's calls by its runtime name (see `CallName`) with `args`
    /// (camelCase argument names; accounts SS58, amounts `bigint` rao, netuids numbers).
    pub fn build(
        md: &TxMetadata,
        #[wasm_bindgen(unchecked_param_type = "CallName")] name: &str,
        #[wasm_bindgen(unchecked_param_type = "CallArgs")] args: JsValue,
    ) -> Result<Call, Error> {
        let md = &md.inner;
        let arg = |n: &str| get(&args, n, "args");
        let acc = |n: &str| account(&arg(n)?, &format!("args.{n}"));
        let amount = |n: &str| u64_from_js(&arg(n)?, &format!("args.{n}"));
        let net = |n: &str| netuid(&arg(n)?, &format!("args.{n}"));
        let flag = |n: &str| boolean(&arg(n)?, &format!("args.{n}"));
        use tx::calls;
        let call = match name {
            "transfer_allow_death" => {
                calls::transfer_allow_death(md, &acc("dest")?, amount("value")?)
            }
            "transfer_keep_alive" => {
                calls::transfer_keep_alive(md, &acc("dest")?, amount("value")?)
            }
            "transfer_all" => calls::transfer_all(md, &acc("dest")?, flag("keepAlive")?),
            "add_stake" => {
                calls::add_stake(md, &acc("hotkey")?, net("netuid")?, amount("amountStaked")?)
            }
            "remove_stake" => calls::remove_stake(
                md,
                &acc("hotkey")?,
                net("netuid")?,
                amount("amountUnstaked")?,
            ),
            "add_stake_limit" => calls::add_stake_limit(
                md,
                &acc("hotkey")?,
                net("netuid")?,
                amount("amountStaked")?,
                amount("limitPrice")?,
                flag("allowPartial")?,
            ),
            "remove_stake_limit" => calls::remove_stake_limit(
                md,
                &acc("hotkey")?,
                net("netuid")?,
                amount("amountUnstaked")?,
                amount("limitPrice")?,
                flag("allowPartial")?,
            ),
            "remove_stake_full_limit" => {
                let limit = arg("limitPrice")?;
                let limit = if limit.is_undefined() || limit.is_null() {
                    None
                } else {
                    Some(u64_from_js(&limit, "args.limitPrice")?)
                };
                calls::remove_stake_full_limit(md, &acc("hotkey")?, net("netuid")?, limit)
            }
            "unstake_all" => calls::unstake_all(md, &acc("hotkey")?),
            "unstake_all_alpha" => calls::unstake_all_alpha(md, &acc("hotkey")?),
            "move_stake" => calls::move_stake(
                md,
                &acc("originHotkey")?,
                &acc("destinationHotkey")?,
                net("originNetuid")?,
                net("destinationNetuid")?,
                amount("alphaAmount")?,
            ),
            "transfer_stake" => calls::transfer_stake(
                md,
                &acc("destinationColdkey")?,
                &acc("hotkey")?,
                net("originNetuid")?,
                net("destinationNetuid")?,
                amount("alphaAmount")?,
            ),
            "swap_stake" => calls::swap_stake(
                md,
                &acc("hotkey")?,
                net("originNetuid")?,
                net("destinationNetuid")?,
                amount("alphaAmount")?,
            ),
            "swap_stake_limit" => calls::swap_stake_limit(
                md,
                &acc("hotkey")?,
                net("originNetuid")?,
                net("destinationNetuid")?,
                amount("alphaAmount")?,
                amount("limitPrice")?,
                flag("allowPartial")?,
            ),
            other => {
                return Err(Error {
                    code: "UnknownCall",
                    message: format!("`{other}` is not a call Call.build knows (see CallName)"),
                });
            }
        }?;
        Ok(call.into())
    }

    /// `Utility.batch_all(calls)`: all or none. `calls` are `Call`s or encoded call bytes; each
    /// must decode with `md`.
    #[wasm_bindgen(js_name = batchAll)]
    pub fn batch_all(
        md: &TxMetadata,
        #[wasm_bindgen(unchecked_param_type = "Array<Call | Uint8Array>")] calls: Array,
    ) -> Result<Call, Error> {
        let calls = calls
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let what = format!("calls[{i}]");
                let raw = if c.is_instance_of::<Uint8Array>() {
                    bytes(&c, &what)?
                } else {
                    bytes(&get(&c, "bytes", &what)?, &what)?
                };
                Ok(tx::Call::decode(&md.inner, &raw)?)
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(tx::calls::batch_all(&md.inner, &calls)?.into())
    }

    /// Decodes encoded call bytes with `md` (`BadCall` if they are not a call of this runtime).
    pub fn decode(md: &TxMetadata, bytes: &[u8]) -> Result<Call, Error> {
        Ok(tx::Call::decode(&md.inner, bytes)?.into())
    }

    /// The pallet's name, e.g. `"SubtensorModule"`.
    #[wasm_bindgen(getter)]
    pub fn pallet(&self) -> String {
        self.inner.pallet().to_string()
    }

    /// The call's name, e.g. `"add_stake_limit"`.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The encoded call (pallet index, call index, arguments).
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> Vec<u8> {
        self.inner.bytes().to_vec()
    }

    /// A human-readable rendering decoded with `md` (accounts as SS58, batches expanded).
    pub fn summary(&self, md: &TxMetadata) -> Result<String, Error> {
        Ok(self.inner.summary(&md.inner)?)
    }
}

/// Everything a signature commits to, serializable so that one device builds it (with the
/// metadata) and another signs it (with only the key). `JSON.stringify(payload)` gives the
/// transport form; `SigningPayload.fromJSON` reads it back and checks it.
#[wasm_bindgen]
pub struct SigningPayload {
    inner: tx::SigningPayload,
}

impl SigningPayload {
    /// The core payload.
    pub fn inner(&self) -> &tx::SigningPayload {
        &self.inner
    }
}

impl From<tx::SigningPayload> for SigningPayload {
    fn from(inner: tx::SigningPayload) -> Self {
        SigningPayload { inner }
    }
}

#[wasm_bindgen]
impl SigningPayload {
    /// Builds the payload of `call` signed by `signer` (SS58) with the runtime's extension list.
    pub fn create(
        md: &TxMetadata,
        call: &Call,
        signer: &str,
        #[wasm_bindgen(unchecked_param_type = "ChainContext")] chain: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TxParams")] params: JsValue,
    ) -> Result<SigningPayload, Error> {
        let signer = PublicKey::from_ss58(signer)?;
        Ok(tx::SigningPayload::new(
            &md.inner,
            &call.inner,
            &signer,
            &chain_context_from_js(&chain)?,
            &params_from_js(&params)?,
        )?
        .into())
    }

    /// Reads a payload from its JSON text or the object `toJSON()` gave, and checks that every
    /// extension's bytes are what its listed values give (`BadPayload` otherwise).
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | SigningPayloadJson")] json: JsValue,
    ) -> Result<SigningPayload, Error> {
        let text = match json.as_string() {
            Some(s) => s,
            None if json.is_object() => js_sys::JSON::stringify(&json)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| Error::invalid_argument("payload object cannot be serialized"))?,
            None => {
                return Err(Error::invalid_argument(
                    "payload must be a JSON string or object",
                ));
            }
        };
        Ok(tx::SigningPayload::from_json(&text)?.into())
    }

    /// The transport form as a plain object (so `JSON.stringify(payload)` works).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "SigningPayloadJson")]
    pub fn to_json(&self) -> Result<JsValue, Error> {
        js_sys::JSON::parse(&self.inner.to_json())
            .map_err(|_| Error::invalid_argument("payload JSON does not parse"))
    }

    /// The signer (SS58).
    #[wasm_bindgen(getter)]
    pub fn signer(&self) -> String {
        self.inner.signer.clone()
    }

    /// The call decoded for display.
    #[wasm_bindgen(getter)]
    pub fn summary(&self) -> String {
        self.inner.summary.clone()
    }

    /// The encoded call.
    #[wasm_bindgen(getter)]
    pub fn call(&self) -> Vec<u8> {
        self.inner.call.clone()
    }

    /// The account nonce.
    #[wasm_bindgen(getter)]
    pub fn nonce(&self) -> u32 {
        self.inner.nonce
    }

    /// The tip, rao.
    #[wasm_bindgen(getter)]
    pub fn tip(&self) -> u64 {
        self.inner.tip
    }

    /// The era's birth block number (`undefined` if immortal).
    #[wasm_bindgen(getter, js_name = eraBlockNumber)]
    pub fn era_block_number(&self) -> Option<f64> {
        self.inner.era_block_number.map(|n| n as f64)
    }

    /// The RFC-0078 hash signed in mode 1 (`undefined` in mode 0).
    #[wasm_bindgen(getter, js_name = metadataHash)]
    pub fn metadata_hash(&self) -> Option<Vec<u8>> {
        self.inner.metadata_hash.map(|h| h.to_vec())
    }

    /// `call ‖ extra ‖ additional`, the payload as the runtime rebuilds it.
    #[wasm_bindgen(js_name = payloadBytes)]
    pub fn payload_bytes(&self) -> Vec<u8> {
        self.inner.payload_bytes()
    }

    /// The additional-signed bytes (for `SignedExtrinsic.verify`).
    pub fn additional(&self) -> Vec<u8> {
        self.inner.additional()
    }

    /// What is signed: the payload, blake2b-256 hashed if longer than 256 bytes.
    pub fn message(&self) -> Vec<u8> {
        self.inner.message()
    }

    /// Throws `EraExpired` unless the era covers block `blockNumber`.
    #[wasm_bindgen(js_name = checkEraAt)]
    pub fn check_era_at(
        &self,
        #[wasm_bindgen(js_name = blockNumber, unchecked_param_type = "number | bigint")]
        block_number: JsValue,
    ) -> Result<(), Error> {
        Ok(self
            .inner
            .check_era_at(uint_from_js(&block_number, "blockNumber", u64::MAX)?)?)
    }

    /// Signs with `key` (no metadata needed): checks the payload and that `key` is its signer.
    #[wasm_bindgen(unchecked_return_type = "PayloadSignature")]
    pub fn sign(&self, key: &Keypair) -> Result<JsValue, Error> {
        Ok(payload_signature_to_js(&self.inner.sign(key.inner())?))
    }

    /// Verifies `signature` and builds the signed extrinsic.
    pub fn assemble(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PayloadSignature")] signature: JsValue,
    ) -> Result<SignedExtrinsic, Error> {
        Ok(self
            .inner
            .assemble(&payload_signature_from_js(&signature)?)?
            .into())
    }
}

/// A signed v4 extrinsic.
#[wasm_bindgen]
pub struct SignedExtrinsic {
    inner: tx::SignedExtrinsic,
}

impl SignedExtrinsic {
    /// The core extrinsic.
    pub fn inner(&self) -> &tx::SignedExtrinsic {
        &self.inner
    }
}

impl From<tx::SignedExtrinsic> for SignedExtrinsic {
    fn from(inner: tx::SignedExtrinsic) -> Self {
        SignedExtrinsic { inner }
    }
}

#[wasm_bindgen]
impl SignedExtrinsic {
    /// Decodes extrinsic bytes (with their length prefix) using the runtime's extension types.
    pub fn decode(md: &TxMetadata, bytes: &[u8]) -> Result<SignedExtrinsic, Error> {
        Ok(tx::SignedExtrinsic::decode(&md.inner, bytes)?.into())
    }

    /// The bytes to submit (compact length prefix included).
    pub fn encode(&self) -> Vec<u8> {
        self.inner.encode()
    }

    /// The transaction hash (blake2b-256 of the encoding), as nodes report it.
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> Vec<u8> {
        self.inner.hash().to_vec()
    }

    /// The signer's address (SS58, prefix 42).
    #[wasm_bindgen(getter)]
    pub fn signer(&self) -> String {
        self.inner
            .signer
            .to_ss58(taolight_core::keys::ss58::DEFAULT_PREFIX)
    }

    /// `"sr25519"` or `"ed25519"`.
    #[wasm_bindgen(getter, js_name = cryptoType, unchecked_return_type = "CryptoType")]
    pub fn crypto_type(&self) -> String {
        self.inner.crypto.name().to_string()
    }

    /// The 64-byte signature.
    #[wasm_bindgen(getter)]
    pub fn signature(&self) -> Vec<u8> {
        self.inner.signature.0.to_vec()
    }

    /// The extensions' extra bytes.
    #[wasm_bindgen(getter)]
    pub fn extra(&self) -> Vec<u8> {
        self.inner.extra.clone()
    }

    /// The encoded call.
    #[wasm_bindgen(getter)]
    pub fn call(&self) -> Vec<u8> {
        self.inner.call.clone()
    }

    /// Throws `BadSignature` unless the signature verifies over `call ‖ extra ‖ additional`
    /// (`additional`: e.g. `SigningPayload.additional()`).
    pub fn verify(&self, additional: &[u8]) -> Result<(), Error> {
        Ok(self.inner.verify(additional)?)
    }
}

/// The parameter bytes of `TransactionPaymentApi_query_info` for an encoded extrinsic.
#[wasm_bindgen(js_name = queryInfoParams)]
pub fn query_info_params(extrinsic: &[u8]) -> Vec<u8> {
    tx::runtime_api::query_info_params(extrinsic)
}

/// Decodes the output of `TransactionPaymentApi_query_info` with the metadata's types: the fee
/// estimate (`partialFee`, rao, before tip), weight and class.
#[wasm_bindgen(js_name = decodeQueryInfo, unchecked_return_type = "FeeInfo")]
pub fn decode_query_info(md: &TxMetadata, output: &[u8]) -> Result<JsValue, Error> {
    Ok(fee_info_to_js(&tx::runtime_api::decode_query_info(
        &md.inner, output,
    )?))
}
