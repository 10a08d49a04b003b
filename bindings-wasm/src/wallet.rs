//! Wallet flows for JavaScript: `new Wallet(lightClient)`, plans (quote, call, fee, guards)
//! and submission with a status stream. Thin translations of `taolight_core::wallet`.
//!
//! ```js
//! import { LightClient, Wallet, Keypair, parseRao } from 'taolight';
//! const client = await LightClient.start(specJson, { bootnodes });
//! const wallet = new Wallet(client);
//! const plan = await wallet.stake(alice.address, hotkey, 1, parseRao('10'), { toleranceBps: 50 });
//! plan.expectedOut; plan.limitPrice; plan.fee.partialFee;          // bigint rao
//! const submission = await wallet.submit(plan, alice);
//! for await (const s of submission) {                             // or submission.watch(cb)
//!   if (s.type === 'finalized') console.log(s.success, s.error, s.events);
//! }
//! ```
//! Flows reject before anything is signed with `TaolightError`s whose `code` is the
//! `WalletError` variant (`LimitExceeded`, `InsufficientBalance`, `BelowMinimumStake`,
//! `UnknownSubnet`, `NoPosition`, …; chain/tx/quote errors keep their own codes). Statuses are
//! plain objects `{ type: "broadcast" | "inBlock" | "retracted" | "finalized" | "dropped" |
//! "invalid" | "error", … }`; a dispatch error is named in `error` (`"SubtensorModule.AmountTooLow"`).
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use taolight_core::chain::BlockRef;
use taolight_core::keys::PublicKey;
use taolight_core::wallet::{
    self, Action, Inclusion, InvalidReason, PlanQuote, Slippage, TxStatus, WalletConfig,
    WalletError, Warning,
};
use wasm_bindgen::prelude::*;

use crate::chain::JsLightClient;
use crate::error::Error;
use crate::keys::Keypair;
use crate::tx::{SigningPayload, fee_info_to_js, set};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Slippage of a limit order: tolerance in basis points (default 50 = 0.5 %), fill-or-kill unless `allowPartial`. */
export interface SlippageParam { toleranceBps?: number; allowPartial?: boolean }
/** Wallet options (defaults: 64-block era, metadata hash on, no tip). */
export interface WalletOptions {
  eraPeriod?: number | null; metadataHash?: boolean; tip?: bigint;
  thinPoolTao?: bigint; highImpactPpb?: bigint;
}
/** What a plan will do (`kind` names the flow; other fields as the call's arguments). */
export interface PlanAction { kind: string; [field: string]: unknown }
/** A warning shown with a plan (`kind` names it). */
export interface PlanWarning { kind: string; [field: string]: unknown }
/** An event of an included extrinsic; `fields` rendered as text. */
export interface TxEvent { pallet: string; name: string; fields: string }
/** A transaction in a block and what it did. */
export interface TxInclusion {
  blockHash: Uint8Array; blockNumber: number; index: number; success: boolean;
  /** Dispatch error by name, e.g. "SubtensorModule.SlippageTooHigh". */
  error?: string; feePaid?: bigint; events: TxEvent[];
}
/** Progress of a submitted transaction. */
export type TxStatus =
  | { type: "broadcast"; peers: number }
  | ({ type: "inBlock" } & TxInclusion)
  | { type: "retracted" }
  | ({ type: "finalized" } & TxInclusion)
  | { type: "dropped"; reason: string }
  | { type: "invalid"; reason: string }
  | { type: "error"; message: string };
"#;

impl From<WalletError> for Error {
    fn from(e: WalletError) -> Self {
        let code = match &e {
            WalletError::Chain(inner) => return Error::from(inner.clone()),
            WalletError::Tx(inner) => return Error::from(inner.clone()),
            WalletError::Quote(inner) => return Error::from(*inner),
            WalletError::UnknownSubnet(_) => "UnknownSubnet",
            WalletError::ZeroAmount => "ZeroAmount",
            WalletError::InvalidTolerance(_) => "InvalidTolerance",
            WalletError::BelowMinimumStake { .. } => "BelowMinimumStake",
            WalletError::InsufficientBalance { .. } => "InsufficientBalance",
            WalletError::InsufficientStake { .. } => "InsufficientStake",
            WalletError::NoPosition { .. } => "NoPosition",
            WalletError::LimitExceeded { .. } => "LimitExceeded",
            WalletError::RootNotAllowed => "RootNotAllowed",
            WalletError::EraExpired { .. } => "EraExpired",
            WalletError::NonceChanged { .. } => "NonceChanged",
            WalletError::RuntimeChanged { .. } => "RuntimeChanged",
            WalletError::Rejected(_) => "Rejected",
            WalletError::Runtime(_) => "Runtime",
            WalletError::Unsupported(_) => "Unsupported",
        };
        Error {
            code,
            message: e.to_string(),
        }
    }
}

fn address(value: &str, what: &str) -> Result<PublicKey, Error> {
    PublicKey::from_ss58(value).map_err(|e| {
        let mut err = Error::from(e);
        err.message = format!("{what}: {}", err.message);
        err
    })
}

fn field(value: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(value, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn slippage_from_js(value: &JsValue) -> Result<Slippage, Error> {
    let mut s = Slippage::default();
    if value.is_undefined() || value.is_null() {
        return Ok(s);
    }
    if !value.is_object() {
        return Err(Error::invalid_argument("slippage must be an object"));
    }
    if let Some(t) = field(value, "toleranceBps") {
        s.tolerance_bps =
            crate::amount::uint_from_js(&t, "slippage.toleranceBps", u32::MAX.into())? as u32;
    }
    if let Some(p) = field(value, "allowPartial") {
        s.allow_partial = p
            .as_bool()
            .ok_or_else(|| Error::invalid_argument("slippage.allowPartial must be a boolean"))?;
    }
    Ok(s)
}

fn config_from_js(value: &JsValue) -> Result<WalletConfig, Error> {
    let mut c = WalletConfig::default();
    if value.is_undefined() || value.is_null() {
        return Ok(c);
    }
    if !value.is_object() {
        return Err(Error::invalid_argument("options must be an object"));
    }
    match Reflect::get(value, &"eraPeriod".into()) {
        Ok(v) if v.is_null() => c.era_period = None,
        Ok(v) if !v.is_undefined() => {
            c.era_period = Some(crate::amount::uint_from_js(
                &v,
                "options.eraPeriod",
                u64::MAX,
            )?)
        }
        _ => {}
    }
    if let Some(v) = field(value, "metadataHash") {
        c.metadata_hash = v
            .as_bool()
            .ok_or_else(|| Error::invalid_argument("options.metadataHash must be a boolean"))?;
    }
    if let Some(v) = field(value, "tip") {
        c.tip = crate::amount::u64_from_js(&v, "options.tip")?;
    }
    if let Some(v) = field(value, "thinPoolTao") {
        c.thin_pool_tao = crate::amount::u64_from_js(&v, "options.thinPoolTao")?;
    }
    if let Some(v) = field(value, "highImpactPpb") {
        c.high_impact_ppb = crate::amount::u64_from_js(&v, "options.highImpactPpb")?;
    }
    Ok(c)
}

fn ss58(key: &PublicKey) -> String {
    key.to_ss58(taolight_core::keys::ss58::DEFAULT_PREFIX)
}

fn block_to_js(b: &BlockRef) -> JsValue {
    let out = Object::new();
    set(&out, "number", b.number as f64);
    set(&out, "hash", Uint8Array::from(&b.hash[..]));
    out.into()
}

fn action_to_js(a: &Action) -> JsValue {
    let o = Object::new();
    match a {
        Action::Stake {
            hotkey,
            netuid,
            tao,
            limit_price,
            allow_partial,
        } => {
            set(&o, "kind", "stake");
            set(&o, "hotkey", ss58(hotkey));
            set(&o, "netuid", *netuid);
            set(&o, "tao", *tao);
            set(&o, "limitPrice", *limit_price);
            set(&o, "allowPartial", *allow_partial);
        }
        Action::Unstake {
            hotkey,
            netuid,
            alpha,
            limit_price,
            allow_partial,
        } => {
            set(&o, "kind", "unstake");
            set(&o, "hotkey", ss58(hotkey));
            set(&o, "netuid", *netuid);
            set(&o, "alpha", *alpha);
            set(&o, "limitPrice", *limit_price);
            set(&o, "allowPartial", *allow_partial);
        }
        Action::UnstakeFull {
            hotkey,
            netuid,
            alpha,
            limit_price,
        } => {
            set(&o, "kind", "unstakeFull");
            set(&o, "hotkey", ss58(hotkey));
            set(&o, "netuid", *netuid);
            set(&o, "alpha", *alpha);
            if let Some(p) = limit_price {
                set(&o, "limitPrice", *p);
            }
        }
        Action::UnstakeAll { hotkey } => {
            set(&o, "kind", "unstakeAll");
            set(&o, "hotkey", ss58(hotkey));
        }
        Action::UnstakeAllAlpha { hotkey } => {
            set(&o, "kind", "unstakeAllAlpha");
            set(&o, "hotkey", ss58(hotkey));
        }
        Action::MoveStake {
            origin_hotkey,
            destination_hotkey,
            origin_netuid,
            destination_netuid,
            alpha,
        } => {
            set(&o, "kind", "moveStake");
            set(&o, "originHotkey", ss58(origin_hotkey));
            set(&o, "destinationHotkey", ss58(destination_hotkey));
            set(&o, "originNetuid", *origin_netuid);
            set(&o, "destinationNetuid", *destination_netuid);
            set(&o, "alpha", *alpha);
        }
        Action::TransferStake {
            destination_coldkey,
            hotkey,
            origin_netuid,
            destination_netuid,
            alpha,
        } => {
            set(&o, "kind", "transferStake");
            set(&o, "destinationColdkey", ss58(destination_coldkey));
            set(&o, "hotkey", ss58(hotkey));
            set(&o, "originNetuid", *origin_netuid);
            set(&o, "destinationNetuid", *destination_netuid);
            set(&o, "alpha", *alpha);
        }
        Action::SwapStake {
            hotkey,
            origin_netuid,
            destination_netuid,
            alpha,
            limit,
        } => {
            set(&o, "kind", "swapStake");
            set(&o, "hotkey", ss58(hotkey));
            set(&o, "originNetuid", *origin_netuid);
            set(&o, "destinationNetuid", *destination_netuid);
            set(&o, "alpha", *alpha);
            if let Some((price, partial)) = limit {
                set(&o, "limitPrice", *price);
                set(&o, "allowPartial", *partial);
            }
        }
        Action::Transfer {
            dest,
            rao,
            keep_alive,
        } => {
            set(&o, "kind", "transfer");
            set(&o, "dest", ss58(dest));
            set(&o, "rao", *rao);
            set(&o, "keepAlive", *keep_alive);
        }
    }
    o.into()
}

fn warning_to_js(w: &Warning) -> JsValue {
    let o = Object::new();
    match w {
        Warning::ThinPool {
            netuid,
            tao_reserve,
        } => {
            set(&o, "kind", "thinPool");
            set(&o, "netuid", *netuid);
            set(&o, "taoReserve", *tao_reserve);
        }
        Warning::HighPriceImpact { netuid, impact_ppb } => {
            set(&o, "kind", "highPriceImpact");
            set(&o, "netuid", *netuid);
            set(&o, "impactPpb", *impact_ppb);
        }
        Warning::PartialFill { max_at_limit } => {
            set(&o, "kind", "partialFill");
            set(&o, "maxAtLimit", *max_at_limit);
        }
        Warning::AccountReaped { remaining } => {
            set(&o, "kind", "accountReaped");
            set(&o, "remaining", *remaining);
        }
        Warning::MoveLeavesFreeTao { tao } => {
            set(&o, "kind", "moveLeavesFreeTao");
            set(&o, "tao", *tao);
        }
        Warning::NoPriceProtection => set(&o, "kind", "noPriceProtection"),
    }
    o.into()
}

fn quote_to_js(q: &PlanQuote) -> JsValue {
    match q {
        PlanQuote::None => JsValue::UNDEFINED,
        PlanQuote::Swap(s) => crate::stake::swap_quote_to_js(s),
        PlanQuote::Move(m) => crate::stake::move_quote_to_js(m),
        PlanQuote::Positions(list) => list
            .iter()
            .map(|p| {
                let o = Object::new();
                set(&o, "netuid", p.netuid);
                set(&o, "alpha", p.alpha);
                set(
                    &o,
                    "quote",
                    p.quote
                        .as_ref()
                        .map_or(JsValue::UNDEFINED, crate::stake::swap_quote_to_js),
                );
                set(&o, "taoOut", p.tao_out);
                JsValue::from(o)
            })
            .collect::<Array>()
            .into(),
    }
}

fn inclusion_to_js(kind: &str, i: &Inclusion) -> JsValue {
    let o = Object::new();
    set(&o, "type", kind);
    set(&o, "blockHash", Uint8Array::from(&i.block[..]));
    set(&o, "blockNumber", i.block_number as f64);
    set(&o, "index", i.index);
    set(&o, "success", i.success);
    if let Some(e) = &i.error {
        set(&o, "error", e.as_str());
    }
    if let Some(f) = i.fee_paid {
        set(&o, "feePaid", f);
    }
    let events: Array = i
        .events
        .iter()
        .map(|e| {
            let ev = Object::new();
            set(&ev, "pallet", e.pallet.as_str());
            set(&ev, "name", e.name.as_str());
            set(&ev, "fields", e.fields.to_string());
            JsValue::from(ev)
        })
        .collect();
    set(&o, "events", events);
    o.into()
}

fn invalid_reason(r: &InvalidReason) -> String {
    r.name()
}

/// A status as the JS object described by the `TxStatus` type.
fn status_to_js(s: &TxStatus) -> JsValue {
    let simple = |kind: &str, pairs: &[(&str, JsValue)]| {
        let o = Object::new();
        set(&o, "type", kind);
        for (k, v) in pairs {
            set(&o, k, v.clone());
        }
        JsValue::from(o)
    };
    match s {
        TxStatus::Broadcast { peers } => simple("broadcast", &[("peers", (*peers).into())]),
        TxStatus::InBlock(i) => inclusion_to_js("inBlock", i),
        TxStatus::Retracted => simple("retracted", &[]),
        TxStatus::Finalized(i) => inclusion_to_js("finalized", i),
        TxStatus::Dropped { reason } => simple("dropped", &[("reason", reason.as_str().into())]),
        TxStatus::Invalid { reason } => {
            simple("invalid", &[("reason", invalid_reason(reason).into())])
        }
        TxStatus::Error { message } => simple("error", &[("message", message.as_str().into())]),
    }
}

/// A plan: what a flow will do, shown before signing (all amounts `bigint` rao).
#[wasm_bindgen]
pub struct Plan {
    inner: wallet::Plan,
}

#[wasm_bindgen]
impl Plan {
    /// What the plan does (`{ kind: "stake", hotkey, netuid, tao, limitPrice, allowPartial }`, …).
    #[wasm_bindgen(getter, unchecked_return_type = "PlanAction")]
    pub fn action(&self) -> JsValue {
        action_to_js(&self.inner.action)
    }

    /// The signing account (SS58).
    #[wasm_bindgen(getter)]
    pub fn signer(&self) -> String {
        ss58(&self.inner.signer)
    }

    /// The finalized block the quote was computed at.
    #[wasm_bindgen(getter, unchecked_return_type = "{ number: number; hash: Uint8Array }")]
    pub fn at(&self) -> JsValue {
        block_to_js(&self.inner.at)
    }

    /// The quote: `SwapQuote` (stake/unstake), `MoveQuote` (move/swap), a list of per-subnet
    /// quotes (unstake all), or `undefined` (transfer).
    #[wasm_bindgen(
        getter,
        unchecked_return_type = "SwapQuote | MoveQuote | Array<{ netuid: number; alpha: bigint; quote?: SwapQuote; taoOut: bigint }> | undefined"
    )]
    pub fn quote(&self) -> JsValue {
        quote_to_js(&self.inner.quote)
    }

    /// What the account should receive (alpha for stakes, TAO for unstakes), rao.
    #[wasm_bindgen(getter, js_name = expectedOut)]
    pub fn expected_out(&self) -> u64 {
        self.inner.expected_out
    }

    /// The swap fee, rao of the input token.
    #[wasm_bindgen(getter, js_name = swapFee)]
    pub fn swap_fee(&self) -> u64 {
        self.inner.swap_fee
    }

    /// Price impact in parts per billion (fee included).
    #[wasm_bindgen(getter, js_name = priceImpactPpb)]
    pub fn price_impact_ppb(&self) -> u64 {
        self.inner.price_impact_ppb
    }

    /// The limit price in the call (rao per alpha), if any.
    #[wasm_bindgen(getter, js_name = limitPrice)]
    pub fn limit_price(&self) -> Option<u64> {
        self.inner.limit_price
    }

    /// The network fee of the extrinsic as it will be signed (`TransactionPaymentApi_query_info`).
    #[wasm_bindgen(getter, unchecked_return_type = "FeeInfo")]
    pub fn fee(&self) -> JsValue {
        fee_info_to_js(&self.inner.fee)
    }

    /// The tip, rao.
    #[wasm_bindgen(getter)]
    pub fn tip(&self) -> u64 {
        self.inner.tip
    }

    /// Warnings to show before signing.
    #[wasm_bindgen(getter, unchecked_return_type = "PlanWarning[]")]
    pub fn warnings(&self) -> Array {
        self.inner.warnings.iter().map(warning_to_js).collect()
    }

    /// The call decoded for display.
    #[wasm_bindgen(getter, js_name = callSummary)]
    pub fn call_summary(&self) -> String {
        self.inner.call_summary.clone()
    }

    /// The account nonce the plan signs with.
    #[wasm_bindgen(getter)]
    pub fn nonce(&self) -> u32 {
        self.inner.nonce()
    }

    /// The encoded call.
    #[wasm_bindgen(getter)]
    pub fn call(&self) -> Vec<u8> {
        self.inner.call().to_vec()
    }

    /// The signing payload, for an offline signer (`JSON.stringify(plan.payload)`); come back
    /// with `wallet.submitSigned(plan, signature)`.
    #[wasm_bindgen(getter)]
    pub fn payload(&self) -> SigningPayload {
        self.inner.payload.clone().into()
    }
}

/// A submitted transaction: an async iterator of `TxStatus` (ends after a terminal one), or
/// `watch(callback)`, or `finalized()`.
#[wasm_bindgen]
pub struct Submission {
    cell: Rc<RefCell<Option<wallet::Submission>>>,
    ended: Rc<Cell<bool>>,
    hash: [u8; 32],
    nonce: u32,
    extrinsic: Vec<u8>,
}

impl Submission {
    fn into_js(s: wallet::Submission) -> JsValue {
        let value = JsValue::from(Submission {
            hash: s.hash(),
            nonce: s.nonce(),
            extrinsic: s.extrinsic().encode(),
            cell: Rc::new(RefCell::new(Some(s))),
            ended: Rc::new(Cell::new(false)),
        });
        crate::chain::make_async_iterable(&value);
        value
    }

    /// The next status, or `None` once ended.
    async fn next_status(
        cell: Rc<RefCell<Option<wallet::Submission>>>,
        ended: Rc<Cell<bool>>,
    ) -> Result<Option<TxStatus>, Error> {
        if ended.get() {
            return Ok(None);
        }
        let Some(mut sub) = cell.borrow_mut().take() else {
            return Err(Error {
                code: "Busy",
                message: "next() called while another next() is pending".into(),
            });
        };
        let status = sub.next().await;
        match status {
            Some(s) => {
                if s.is_terminal() {
                    ended.set(true);
                } else {
                    *cell.borrow_mut() = Some(sub);
                }
                Ok(Some(s))
            }
            None => {
                ended.set(true);
                Ok(None)
            }
        }
    }
}

fn iter_result(value: JsValue, done: bool) -> JsValue {
    let o = Object::new();
    set(&o, "value", value);
    set(&o, "done", done);
    o.into()
}

#[wasm_bindgen]
impl Submission {
    /// The transaction hash (32 bytes).
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> Vec<u8> {
        self.hash.to_vec()
    }

    /// The nonce it was signed with.
    #[wasm_bindgen(getter)]
    pub fn nonce(&self) -> u32 {
        self.nonce
    }

    /// The submitted extrinsic's bytes.
    #[wasm_bindgen(getter)]
    pub fn extrinsic(&self) -> Vec<u8> {
        self.extrinsic.clone()
    }

    /// The next status (`done` after a terminal one: finalized, dropped, invalid, error).
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<TxStatus, undefined>>")]
    pub fn next(&self) -> Promise {
        let (cell, ended) = (self.cell.clone(), self.ended.clone());
        js_sys::futures::future_to_promise(async move {
            Ok(match Submission::next_status(cell, ended).await? {
                Some(s) => iter_result(status_to_js(&s), false),
                None => iter_result(JsValue::UNDEFINED, true),
            })
        })
    }

    /// Stops iterating (what `break` in `for await` calls); the transaction itself goes on.
    #[wasm_bindgen(
        js_name = "return",
        unchecked_return_type = "Promise<IteratorResult<TxStatus, undefined>>"
    )]
    pub fn finish(&self) -> Promise {
        self.ended.set(true);
        self.cell.borrow_mut().take();
        Promise::resolve(&iter_result(JsValue::UNDEFINED, true))
    }

    /// Calls `onStatus` with every status; resolves to the terminal one.
    #[wasm_bindgen(unchecked_return_type = "Promise<TxStatus>")]
    pub fn watch(
        &self,
        #[wasm_bindgen(js_name = onStatus, unchecked_param_type = "(status: TxStatus) => void")]
        on_status: Function,
    ) -> Promise {
        let (cell, ended) = (self.cell.clone(), self.ended.clone());
        js_sys::futures::future_to_promise(async move {
            let mut last = JsValue::UNDEFINED;
            while let Some(s) = Submission::next_status(cell.clone(), ended.clone()).await? {
                last = status_to_js(&s);
                let _ = on_status.call1(&JsValue::UNDEFINED, &last);
            }
            Ok(last)
        })
    }

    /// Resolves to the `finalized` status; rejects with code `TxDropped`, `TxInvalid` or
    /// `TxError` (message says why) when it ends otherwise. A dispatch error is not a
    /// rejection: check `success` / `error`.
    #[wasm_bindgen(unchecked_return_type = "Promise<TxStatus & { type: \"finalized\" }>")]
    pub fn finalized(&self) -> Promise {
        let (cell, ended) = (self.cell.clone(), self.ended.clone());
        js_sys::futures::future_to_promise(async move {
            while let Some(s) = Submission::next_status(cell.clone(), ended.clone()).await? {
                let (code, message) = match &s {
                    TxStatus::Finalized(_) => return Ok(status_to_js(&s)),
                    TxStatus::Dropped { reason } => ("TxDropped", reason.clone()),
                    TxStatus::Invalid { reason } => ("TxInvalid", invalid_reason(reason)),
                    TxStatus::Error { message } => ("TxError", message.clone()),
                    _ => continue,
                };
                return Err(Error { code, message }.into());
            }
            Err(Error {
                code: "TxError",
                message: "the status stream ended before finalization".into(),
            }
            .into())
        })
    }
}

/// The wallet: staking flows over a `LightClient` (reads proven at one finalized block).
#[wasm_bindgen]
pub struct Wallet {
    inner: wallet::Wallet,
}

fn plan_promise(
    f: impl std::future::Future<Output = Result<wallet::Plan, WalletError>> + 'static,
) -> Promise {
    js_sys::futures::future_to_promise(async move {
        let plan = f.await.map_err(Error::from)?;
        Ok(Plan { inner: plan }.into())
    })
}

fn settle<T>(r: Result<T, Error>, f: impl FnOnce(T) -> Promise) -> Promise {
    match r {
        Ok(v) => f(v),
        Err(e) => Promise::reject(&e.into()),
    }
}

#[wasm_bindgen]
impl Wallet {
    /// A wallet over `client` (which stays usable for reads). `options`: era, metadata hash,
    /// tip and warning thresholds.
    #[wasm_bindgen(constructor)]
    pub fn new(
        client: &JsLightClient,
        #[wasm_bindgen(unchecked_optional_param_type = "WalletOptions")] options: Option<JsValue>,
    ) -> Result<Wallet, Error> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        Ok(Wallet {
            inner: wallet::Wallet::new(client.core().clone(), config_from_js(&options)?),
        })
    }

    /// Plan a stake of `tao` rao (swap fee included) with `add_stake_limit` (root: `add_stake`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Plan>")]
    pub fn stake(
        &self,
        coldkey: &str,
        hotkey: &str,
        netuid: u16,
        #[wasm_bindgen(unchecked_param_type = "bigint")] tao: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SlippageParam")] slippage: Option<JsValue>,
    ) -> Promise {
        let slippage = slippage.unwrap_or(JsValue::UNDEFINED);
        let w = self.inner.clone();
        settle(
            (|| {
                Ok((
                    address(coldkey, "coldkey")?,
                    address(hotkey, "hotkey")?,
                    crate::amount::u64_from_js(&tao, "tao")?,
                    slippage_from_js(&slippage)?,
                ))
            })(),
            |(c, h, tao, s)| plan_promise(async move { w.stake(&c, &h, netuid, tao, s).await }),
        )
    }

    /// Plan an unstake of `alpha` rao with `remove_stake_limit` (root: `remove_stake`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Plan>")]
    pub fn unstake(
        &self,
        coldkey: &str,
        hotkey: &str,
        netuid: u16,
        #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SlippageParam")] slippage: Option<JsValue>,
    ) -> Promise {
        let slippage = slippage.unwrap_or(JsValue::UNDEFINED);
        let w = self.inner.clone();
        settle(
            (|| {
                Ok((
                    address(coldkey, "coldkey")?,
                    address(hotkey, "hotkey")?,
                    crate::amount::u64_from_js(&alpha, "alpha")?,
                    slippage_from_js(&slippage)?,
                ))
            })(),
            |(c, h, a, s)| plan_promise(async move { w.unstake(&c, &h, netuid, a, s).await }),
        )
    }

    /// Plan unstaking the whole position on `netuid` (`remove_stake_full_limit`).
    #[wasm_bindgen(js_name = unstakeFull, unchecked_return_type = "Promise<Plan>")]
    pub fn unstake_full(
        &self,
        coldkey: &str,
        hotkey: &str,
        netuid: u16,
        #[wasm_bindgen(unchecked_optional_param_type = "SlippageParam")] slippage: Option<JsValue>,
    ) -> Promise {
        let slippage = slippage.unwrap_or(JsValue::UNDEFINED);
        let w = self.inner.clone();
        settle(
            (|| {
                Ok((
                    address(coldkey, "coldkey")?,
                    address(hotkey, "hotkey")?,
                    slippage_from_js(&slippage)?,
                ))
            })(),
            |(c, h, s)| plan_promise(async move { w.unstake_full(&c, &h, netuid, s).await }),
        )
    }

    /// Plan `unstake_all` (every subnet, to free TAO).
    #[wasm_bindgen(js_name = unstakeAll, unchecked_return_type = "Promise<Plan>")]
    pub fn unstake_all(&self, coldkey: &str, hotkey: &str) -> Promise {
        let w = self.inner.clone();
        settle(
            (|| Ok((address(coldkey, "coldkey")?, address(hotkey, "hotkey")?)))(),
            |(c, h)| plan_promise(async move { w.unstake_all(&c, &h).await }),
        )
    }

    /// Plan `unstake_all_alpha` (every non-root subnet, into root).
    #[wasm_bindgen(js_name = unstakeAllAlpha, unchecked_return_type = "Promise<Plan>")]
    pub fn unstake_all_alpha(&self, coldkey: &str, hotkey: &str) -> Promise {
        let w = self.inner.clone();
        settle(
            (|| Ok((address(coldkey, "coldkey")?, address(hotkey, "hotkey")?)))(),
            |(c, h)| plan_promise(async move { w.unstake_all_alpha(&c, &h).await }),
        )
    }

    /// Plan `move_stake` of `alpha` rao between hotkeys and subnets.
    #[wasm_bindgen(js_name = moveStake, unchecked_return_type = "Promise<Plan>")]
    pub fn move_stake(
        &self,
        coldkey: &str,
        #[wasm_bindgen(js_name = originHotkey)] origin_hotkey: &str,
        #[wasm_bindgen(js_name = destinationHotkey)] destination_hotkey: &str,
        #[wasm_bindgen(js_name = originNetuid)] origin_netuid: u16,
        #[wasm_bindgen(js_name = destinationNetuid)] destination_netuid: u16,
        #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
    ) -> Promise {
        let w = self.inner.clone();
        settle(
            (|| {
                Ok((
                    address(coldkey, "coldkey")?,
                    address(origin_hotkey, "originHotkey")?,
                    address(destination_hotkey, "destinationHotkey")?,
                    crate::amount::u64_from_js(&alpha, "alpha")?,
                ))
            })(),
            |(c, o, d, a)| {
                plan_promise(async move {
                    w.move_stake(&c, &o, &d, origin_netuid, destination_netuid, a)
                        .await
                })
            },
        )
    }

    /// Plan `transfer_stake` of `alpha` rao to another coldkey.
    #[wasm_bindgen(js_name = transferStake, unchecked_return_type = "Promise<Plan>")]
    pub fn transfer_stake(
        &self,
        coldkey: &str,
        #[wasm_bindgen(js_name = destinationColdkey)] destination_coldkey: &str,
        hotkey: &str,
        #[wasm_bindgen(js_name = originNetuid)] origin_netuid: u16,
        #[wasm_bindgen(js_name = destinationNetuid)] destination_netuid: u16,
        #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
    ) -> Promise {
        let w = self.inner.clone();
        settle(
            (|| {
                Ok((
                    address(coldkey, "coldkey")?,
                    address(destination_coldkey, "destinationColdkey")?,
                    address(hotkey, "hotkey")?,
                    crate::amount::u64_from_js(&alpha, "alpha")?,
                ))
            })(),
            |(c, d, h, a)| {
                plan_promise(async move {
                    w.transfer_stake(&c, &d, &h, origin_netuid, destination_netuid, a)
                        .await
                })
            },
        )
    }

    /// Plan a swap between subnets: `swap_stake_limit` with `slippage`, `swap_stake` when
    /// `slippage` is `null` (no price protection).
    #[wasm_bindgen(js_name = swapStake, unchecked_return_type = "Promise<Plan>")]
    pub fn swap_stake(
        &self,
        coldkey: &str,
        hotkey: &str,
        #[wasm_bindgen(js_name = originNetuid)] origin_netuid: u16,
        #[wasm_bindgen(js_name = destinationNetuid)] destination_netuid: u16,
        #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SlippageParam | null")] slippage: JsValue,
    ) -> Promise {
        let w = self.inner.clone();
        settle(
            (|| {
                Ok((
                    address(coldkey, "coldkey")?,
                    address(hotkey, "hotkey")?,
                    crate::amount::u64_from_js(&alpha, "alpha")?,
                    if slippage.is_null() {
                        None
                    } else {
                        Some(slippage_from_js(&slippage)?)
                    },
                ))
            })(),
            |(c, h, a, s)| {
                plan_promise(async move {
                    w.swap_stake(&c, &h, origin_netuid, destination_netuid, a, s)
                        .await
                })
            },
        )
    }

    /// Plan a TAO transfer of `rao` (`transfer_keep_alive` unless `keepAlive` is `false`).
    #[wasm_bindgen(unchecked_return_type = "Promise<Plan>")]
    pub fn transfer(
        &self,
        coldkey: &str,
        dest: &str,
        #[wasm_bindgen(unchecked_param_type = "bigint")] rao: JsValue,
        #[wasm_bindgen(js_name = keepAlive)] keep_alive: Option<bool>,
    ) -> Promise {
        let w = self.inner.clone();
        settle(
            (|| {
                Ok((
                    address(coldkey, "coldkey")?,
                    address(dest, "dest")?,
                    crate::amount::u64_from_js(&rao, "rao")?,
                ))
            })(),
            |(c, d, r)| {
                plan_promise(async move { w.transfer(&c, &d, r, keep_alive.unwrap_or(true)).await })
            },
        )
    }

    /// Signs `plan` with `key` (its signer) and submits it through the light client; resolves
    /// to the `Submission` once the pool accepted it (rejects with `Rejected`, `NonceChanged`,
    /// `EraExpired`, `RuntimeChanged`, … otherwise).
    #[wasm_bindgen(unchecked_return_type = "Promise<Submission>")]
    pub fn submit(&self, plan: &Plan, key: &Keypair) -> Promise {
        let (w, plan, key) = (self.inner.clone(), plan.inner.clone(), key.inner().clone());
        js_sys::futures::future_to_promise(async move {
            let s = w.submit(&plan, &key).await.map_err(Error::from)?;
            Ok(Submission::into_js(s))
        })
    }

    /// Submits `plan` with a signature made elsewhere over `plan.payload` (verified first).
    #[wasm_bindgen(js_name = submitSigned, unchecked_return_type = "Promise<Submission>")]
    pub fn submit_signed(
        &self,
        plan: &Plan,
        #[wasm_bindgen(unchecked_param_type = "PayloadSignature")] signature: JsValue,
    ) -> Promise {
        let (w, plan) = (self.inner.clone(), plan.inner.clone());
        settle(crate::tx::payload_signature_from_js(&signature), |sig| {
            js_sys::futures::future_to_promise(async move {
                let s = w.submit_signed(&plan, &sig).await.map_err(Error::from)?;
                Ok(Submission::into_js(s))
            })
        })
    }
}
