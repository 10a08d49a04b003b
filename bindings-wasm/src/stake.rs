//! The stake calculator: subnet pool prices, swaps, quotes and limits, bit-exact with the chain.
//!
//! ```js
//! import { quoteStake, parseRao, formatRao } from 'taolight';
//! const pool = { taoReserve: 45678912345678n, alphaReserve: 1234567890123456n,
//!                quoteWeight: 500000123456789012n, feeRate: 196, mechanism: 1 };
//! const q = quoteStake(pool, parseRao('100'), 5_000_000);   // 100 TAO, 0.5 % tolerance
//! formatRao(q.amountOut);                                     // '2688.758140345' alpha
//! q.limitPrice;                                               // rao per alpha for add_stake_limit
//! ```
//! A pool is a plain object with the five storage values of one block (`SubnetTAO`,
//! `SubnetAlphaIn`, `SwapBalancer.quote` in Perquintill parts, `FeeRate`, `SubnetMechanism`).
//! Amounts and prices are `bigint` rao (prices: rao per alpha); tolerances and price impact
//! are integer parts per billion (`10_000_000` = 1 %). Errors carry the chain's error name as
//! `code` (`"PriceLimitExceeded"`, `"ReservesTooLow"`, …). Every function is a one-line call
//! of `taolight_core::stake`.
use taolight_core::stake::{
    self, MoveQuote, Pool, SafeFloat, SimSwapResult, StakeError, SwapDirection, SwapQuote,
    SwapResult,
};
use wasm_bindgen::prelude::*;

use crate::amount::{i64_from_js, u64_from_js, u128_from_js, uint_from_js};
use crate::error::Error;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One subnet's pool at one block (all values read at the same block hash). */
export interface Pool {
  /** `SubtensorModule.SubnetTAO`: TAO reserve, rao. */
  taoReserve: bigint;
  /** `SubtensorModule.SubnetAlphaIn`: alpha reserve, rao. */
  alphaReserve: bigint;
  /** `Swap.SwapBalancer.quote`: TAO weight in Perquintill parts (5n * 10n ** 17n = 0.5). */
  quoteWeight: bigint;
  /** `Swap.FeeRate`: fee in parts of 65535 (at most 10000). */
  feeRate: number;
  /** `SubtensorModule.SubnetMechanism`: 1 = dynamic pool, anything else 1:1 without fee. */
  mechanism: number;
}
/** Swap direction: buy = TAO in, alpha out (stake); sell = alpha in, TAO out (unstake). */
export type SwapDirection = "buy" | "sell";
/** What the chain's `do_swap` returns (rao of the respective token). */
export interface SwapResult {
  /** Input swapped into the pool, fee excluded. */
  amountPaidIn: bigint;
  /** Output paid out of the pool. */
  amountPaidOut: bigint;
  /** Fee taken from the input, on top of `amountPaidIn`. */
  feePaid: bigint;
  /** Part of the fee that goes to the block author. */
  feeToBlockAuthor: bigint;
}
/** `SwapRuntimeApi::sim_swap_*` result (rao). */
export interface SimSwapResult {
  taoAmount: bigint;
  alphaAmount: bigint;
  taoFee: bigint;
  alphaFee: bigint;
  taoSlippage: bigint;
  alphaSlippage: bigint;
}
/** A stake or unstake quote (rao of the respective token; prices in rao per alpha). */
export interface SwapQuote {
  direction: SwapDirection;
  /** Amount offered, fee included. */
  amountIn: bigint;
  /** Amount swapped into the pool, fee excluded. */
  swappedIn: bigint;
  /** Swap fee, in the input token. */
  fee: bigint;
  /** Expected output. */
  amountOut: bigint;
  /** `current_alpha_price` before. */
  priceBefore: bigint;
  /** `current_alpha_price` after the extrinsic. */
  priceAfter: bigint;
  /** Output at the spot price without fee or price impact. */
  idealOut: bigint;
  /** `1 − amountOut / idealOut` in parts per billion (fee included). */
  priceImpactPpb: number;
  /** Limit price for the tolerance (for `add_stake_limit` / `remove_stake_limit`). */
  limitPrice: bigint;
  /** Largest amount executable at `limitPrice` now (fill-or-kill succeeds iff `amountIn ≤ maxAtLimit`). */
  maxAtLimit: bigint;
}
/** A cross-subnet move quote (`move_stake` / `swap_stake`). */
export interface MoveQuote {
  /** Origin alpha moved. */
  alphaIn: bigint;
  /** TAO received from the origin leg. */
  taoBetween: bigint;
  /** Destination alpha expected (0 when the TAO is below the 0.002 TAO minimum). */
  alphaOut: bigint;
  /** Fee on the origin leg, origin alpha. */
  originFee: bigint;
  /** Fee on the destination leg, TAO. */
  destinationFee: bigint;
  /** Current price ratio origin/destination, rao. */
  priceRatio: bigint;
  /** `swap_stake_limit` limit for the tolerance. */
  limitPrice: bigint;
  /** What `swap_stake_limit` would move at that limit. */
  maxAtLimit: bigint;
}
/** The chain's decimal float `mantissa · 10^exponent` (share-pool shares, SCALE `(u128, i64)`). */
export interface SafeFloat { mantissa: bigint; exponent: bigint }
"#;

impl From<StakeError> for Error {
    fn from(e: StakeError) -> Self {
        let code = match e {
            StakeError::PriceLimitExceeded => "PriceLimitExceeded",
            StakeError::SlippageTooHigh => "SlippageTooHigh",
            StakeError::ReservesTooLow => "ReservesTooLow",
            StakeError::SwapInputTooLarge => "SwapInputTooLarge",
            StakeError::AmountTooLow => "AmountTooLow",
            StakeError::InsufficientLiquidity => "InsufficientLiquidity",
            StakeError::InvalidWeight => "InvalidWeight",
            StakeError::InvalidFeeRate => "InvalidFeeRate",
            StakeError::ZeroAmount => "ZeroAmount",
            StakeError::InvalidTolerance => "InvalidTolerance",
            StakeError::Overflow => "Overflow",
            StakeError::Unreachable => "Unreachable",
        };
        Error {
            code,
            message: e.to_string(),
        }
    }
}

// --- JS ⇄ core conversions (no arithmetic here) ---

fn field(object: &JsValue, name: &str, what: &str) -> Result<JsValue, Error> {
    if !object.is_object() {
        return Err(Error::invalid_argument(format!("{what} must be an object")));
    }
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| Error::invalid_argument(format!("{what}.{name} cannot be read")))
}

/// Reads a [`Pool`] object and checks it as `Pool::new` does (weight, fee rate).
fn pool_from_js(value: &JsValue, what: &str) -> Result<Pool, Error> {
    let u64_field = |name: &str| u64_from_js(&field(value, name, what)?, &format!("{what}.{name}"));
    let u16_field = |name: &str| {
        uint_from_js(
            &field(value, name, what)?,
            &format!("{what}.{name}"),
            u64::from(u16::MAX),
        )
        .map(|n| n as u16)
    };
    Ok(Pool::new(
        u64_field("taoReserve")?,
        u64_field("alphaReserve")?,
        u64_field("quoteWeight")?,
        u16_field("feeRate")?,
        u16_field("mechanism")?,
    )?)
}

pub(crate) fn pool_to_js(pool: &Pool) -> JsValue {
    object(&[
        ("taoReserve", pool.tao_reserve.into()),
        ("alphaReserve", pool.alpha_reserve.into()),
        ("quoteWeight", pool.quote_weight.into()),
        ("feeRate", pool.fee_rate.into()),
        ("mechanism", pool.mechanism.into()),
    ])
}

/// A tolerance in parts per billion (`number` or `bigint`); the core refuses `≥ 10^9`.
fn tolerance_from_js(value: &JsValue) -> Result<u64, Error> {
    uint_from_js(value, "tolerancePpb", u64::MAX)
}

fn direction_from_js(value: &JsValue) -> Result<SwapDirection, Error> {
    match value.as_string().as_deref() {
        Some("buy") => Ok(SwapDirection::Buy),
        Some("sell") => Ok(SwapDirection::Sell),
        _ => Err(Error::invalid_argument(
            "direction must be \"buy\" or \"sell\"",
        )),
    }
}

fn direction_name(direction: SwapDirection) -> &'static str {
    match direction {
        SwapDirection::Buy => "buy",
        SwapDirection::Sell => "sell",
    }
}

fn safe_float_from_js(value: &JsValue, what: &str) -> Result<SafeFloat, Error> {
    let mantissa = u128_from_js(
        &field(value, "mantissa", what)?,
        &format!("{what}.mantissa"),
    )?;
    let exponent = i64_from_js(
        &field(value, "exponent", what)?,
        &format!("{what}.exponent"),
    )?;
    SafeFloat::new(mantissa, exponent).ok_or_else(|| {
        Error::invalid_argument(format!(
            "{what} is not a valid SafeFloat (mantissa ≤ 10^21)"
        ))
    })
}

/// A plain object from `(name, value)` pairs.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let out = js_sys::Object::new();
    for (name, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(name), value);
    }
    out.into()
}

fn swap_result_to_js(r: &SwapResult) -> JsValue {
    object(&[
        ("amountPaidIn", r.amount_paid_in.into()),
        ("amountPaidOut", r.amount_paid_out.into()),
        ("feePaid", r.fee_paid.into()),
        ("feeToBlockAuthor", r.fee_to_block_author.into()),
    ])
}

pub(crate) fn sim_swap_to_js(r: &SimSwapResult) -> JsValue {
    object(&[
        ("taoAmount", r.tao_amount.into()),
        ("alphaAmount", r.alpha_amount.into()),
        ("taoFee", r.tao_fee.into()),
        ("alphaFee", r.alpha_fee.into()),
        ("taoSlippage", r.tao_slippage.into()),
        ("alphaSlippage", r.alpha_slippage.into()),
    ])
}

pub(crate) fn swap_quote_to_js(q: &SwapQuote) -> JsValue {
    object(&[
        ("direction", direction_name(q.direction).into()),
        ("amountIn", q.amount_in.into()),
        ("swappedIn", q.swapped_in.into()),
        ("fee", q.fee.into()),
        ("amountOut", q.amount_out.into()),
        ("priceBefore", q.price_before.into()),
        ("priceAfter", q.price_after.into()),
        ("idealOut", q.ideal_out.into()),
        // At most 10^9: exact as a JS number.
        ("priceImpactPpb", (q.price_impact_ppb as f64).into()),
        ("limitPrice", q.limit_price.into()),
        ("maxAtLimit", q.max_at_limit.into()),
    ])
}

pub(crate) fn move_quote_to_js(q: &MoveQuote) -> JsValue {
    object(&[
        ("alphaIn", q.alpha_in.into()),
        ("taoBetween", q.tao_between.into()),
        ("alphaOut", q.alpha_out.into()),
        ("originFee", q.origin_fee.into()),
        ("destinationFee", q.destination_fee.into()),
        ("priceRatio", q.price_ratio.into()),
        ("limitPrice", q.limit_price.into()),
        ("maxAtLimit", q.max_at_limit.into()),
    ])
}

// --- exports ---

/// A dynamic pool with the chain's default weight (0.5) and fee rate (33).
#[wasm_bindgen(js_name = poolWithDefaults, unchecked_return_type = "Pool")]
pub fn pool_with_defaults(
    #[wasm_bindgen(js_name = taoReserve, unchecked_param_type = "bigint")] tao_reserve: JsValue,
    #[wasm_bindgen(js_name = alphaReserve, unchecked_param_type = "bigint")] alpha_reserve: JsValue,
) -> Result<JsValue, Error> {
    let pool = Pool::with_defaults(
        u64_from_js(&tao_reserve, "taoReserve")?,
        u64_from_js(&alpha_reserve, "alphaReserve")?,
    );
    Ok(pool_to_js(&pool))
}

/// The pool price as raw U64F64 bits (TAO per alpha × 2^64), as `Pallet::current_price`.
#[wasm_bindgen(js_name = priceBits)]
pub fn price_bits(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
) -> Result<u128, Error> {
    Ok(pool_from_js(&pool, "pool")?.price_bits())
}

/// `SwapRuntimeApi::current_alpha_price`: the price in rao per alpha (floored).
#[wasm_bindgen(js_name = currentAlphaPrice)]
pub fn current_alpha_price(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
) -> Result<u64, Error> {
    Ok(pool_from_js(&pool, "pool")?.current_alpha_price())
}

/// The chain's `do_swap` of `amount` (fee included) at `limitPrice` (rao per alpha), with its
/// guards, without changing anything. `dropFees` defaults to `false`.
#[wasm_bindgen(js_name = doSwap, unchecked_return_type = "SwapResult")]
pub fn do_swap(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SwapDirection")] direction: JsValue,
    #[wasm_bindgen(unchecked_param_type = "bigint")] amount: JsValue,
    #[wasm_bindgen(js_name = limitPrice, unchecked_param_type = "bigint")] limit_price: JsValue,
    #[wasm_bindgen(js_name = dropFees)] drop_fees: Option<bool>,
) -> Result<JsValue, Error> {
    let result = pool_from_js(&pool, "pool")?.swap(
        direction_from_js(&direction)?,
        u64_from_js(&amount, "amount")?,
        u64_from_js(&limit_price, "limitPrice")?,
        drop_fees.unwrap_or(false),
    )?;
    Ok(swap_result_to_js(&result))
}

/// `SwapRuntimeApi::sim_swap_tao_for_alpha`: a simulated buy at the maximum price (all zeros
/// when the chain would refuse it).
#[wasm_bindgen(js_name = simSwapTaoForAlpha, unchecked_return_type = "SimSwapResult")]
pub fn sim_swap_tao_for_alpha(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(unchecked_param_type = "bigint")] tao: JsValue,
) -> Result<JsValue, Error> {
    let pool = pool_from_js(&pool, "pool")?;
    Ok(sim_swap_to_js(
        &pool.sim_swap_tao_for_alpha(u64_from_js(&tao, "tao")?),
    ))
}

/// `SwapRuntimeApi::sim_swap_alpha_for_tao`: a simulated sell at the minimum price.
#[wasm_bindgen(js_name = simSwapAlphaForTao, unchecked_return_type = "SimSwapResult")]
pub fn sim_swap_alpha_for_tao(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
) -> Result<JsValue, Error> {
    let pool = pool_from_js(&pool, "pool")?;
    Ok(sim_swap_to_js(
        &pool.sim_swap_alpha_for_tao(u64_from_js(&alpha, "alpha")?),
    ))
}

/// Quote for staking `tao` rao (fee included) with a slippage tolerance in parts per billion.
#[wasm_bindgen(js_name = quoteStake, unchecked_return_type = "SwapQuote")]
pub fn quote_stake(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(unchecked_param_type = "bigint")] tao: JsValue,
    #[wasm_bindgen(js_name = tolerancePpb, unchecked_param_type = "number")] tolerance_ppb: JsValue,
) -> Result<JsValue, Error> {
    let quote = pool_from_js(&pool, "pool")?.quote_stake(
        u64_from_js(&tao, "tao")?,
        tolerance_from_js(&tolerance_ppb)?,
    )?;
    Ok(swap_quote_to_js(&quote))
}

/// Quote for unstaking `alpha` rao (fee included) with a slippage tolerance in ppb.
#[wasm_bindgen(js_name = quoteUnstake, unchecked_return_type = "SwapQuote")]
pub fn quote_unstake(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
    #[wasm_bindgen(js_name = tolerancePpb, unchecked_param_type = "number")] tolerance_ppb: JsValue,
) -> Result<JsValue, Error> {
    let quote = pool_from_js(&pool, "pool")?.quote_unstake(
        u64_from_js(&alpha, "alpha")?,
        tolerance_from_js(&tolerance_ppb)?,
    )?;
    Ok(swap_quote_to_js(&quote))
}

/// Quote for moving `alpha` origin alpha into `destination` (`originIsRoot`: the origin is
/// netuid 0, which changes which leg pays the fee).
#[wasm_bindgen(js_name = quoteMove, unchecked_return_type = "MoveQuote")]
pub fn quote_move(
    #[wasm_bindgen(unchecked_param_type = "Pool")] origin: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Pool")] destination: JsValue,
    #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
    #[wasm_bindgen(js_name = originIsRoot)] origin_is_root: bool,
    #[wasm_bindgen(js_name = tolerancePpb, unchecked_param_type = "number")] tolerance_ppb: JsValue,
) -> Result<JsValue, Error> {
    let quote = stake::quote_move(
        &pool_from_js(&origin, "origin")?,
        &pool_from_js(&destination, "destination")?,
        u64_from_js(&alpha, "alpha")?,
        origin_is_root,
        tolerance_from_js(&tolerance_ppb)?,
    )?;
    Ok(move_quote_to_js(&quote))
}

/// Smallest TAO (fee included) whose stake returns at least `alpha` alpha.
#[wasm_bindgen(js_name = taoNeededForAlpha)]
pub fn tao_needed_for_alpha(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
) -> Result<u64, Error> {
    Ok(pool_from_js(&pool, "pool")?.tao_needed_for_alpha(u64_from_js(&alpha, "alpha")?)?)
}

/// Smallest alpha (fee included) whose unstake returns at least `tao` TAO.
#[wasm_bindgen(js_name = alphaNeededForTao)]
pub fn alpha_needed_for_tao(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(unchecked_param_type = "bigint")] tao: JsValue,
) -> Result<u64, Error> {
    Ok(pool_from_js(&pool, "pool")?.alpha_needed_for_tao(u64_from_js(&tao, "tao")?)?)
}

/// Buy limit price (rao per alpha) for a tolerance in ppb: `floor(spot·(1+tol))`, above spot.
#[wasm_bindgen(js_name = buyLimitForTolerance)]
pub fn buy_limit_for_tolerance(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(js_name = tolerancePpb, unchecked_param_type = "number")] tolerance_ppb: JsValue,
) -> Result<u64, Error> {
    Ok(pool_from_js(&pool, "pool")?.buy_limit_for_tolerance(tolerance_from_js(&tolerance_ppb)?)?)
}

/// Sell limit price (rao per alpha) for a tolerance in ppb: `floor(spot·(1−tol))`, below spot.
#[wasm_bindgen(js_name = sellLimitForTolerance)]
pub fn sell_limit_for_tolerance(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(js_name = tolerancePpb, unchecked_param_type = "number")] tolerance_ppb: JsValue,
) -> Result<u64, Error> {
    Ok(
        pool_from_js(&pool, "pool")?
            .sell_limit_for_tolerance(tolerance_from_js(&tolerance_ppb)?)?,
    )
}

/// `get_max_amount_add`: the TAO (fee included) `add_stake_limit` can execute at `limitPrice`.
#[wasm_bindgen(js_name = maxAmountAdd)]
pub fn max_amount_add(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(js_name = limitPrice, unchecked_param_type = "bigint")] limit_price: JsValue,
) -> Result<u64, Error> {
    Ok(pool_from_js(&pool, "pool")?.max_amount_add(u64_from_js(&limit_price, "limitPrice")?)?)
}

/// `get_max_amount_remove`: the alpha (fee included) `remove_stake_limit` can execute at
/// `limitPrice`.
#[wasm_bindgen(js_name = maxAmountRemove)]
pub fn max_amount_remove(
    #[wasm_bindgen(unchecked_param_type = "Pool")] pool: JsValue,
    #[wasm_bindgen(js_name = limitPrice, unchecked_param_type = "bigint")] limit_price: JsValue,
) -> Result<u64, Error> {
    Ok(pool_from_js(&pool, "pool")?.max_amount_remove(u64_from_js(&limit_price, "limitPrice")?)?)
}

/// `get_max_amount_move`: the origin alpha `swap_stake_limit` moves at `limitPrice` (rao of
/// origin price / destination price).
#[wasm_bindgen(js_name = maxAmountMove)]
pub fn max_amount_move(
    #[wasm_bindgen(unchecked_param_type = "Pool")] origin: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Pool")] destination: JsValue,
    #[wasm_bindgen(js_name = limitPrice, unchecked_param_type = "bigint")] limit_price: JsValue,
) -> Result<u64, Error> {
    Ok(stake::max_amount_move(
        &pool_from_js(&origin, "origin")?,
        &pool_from_js(&destination, "destination")?,
        u64_from_js(&limit_price, "limitPrice")?,
    )?)
}

/// The price ratio origin/destination in rao, as `swap_stake_limit` reads its limit.
#[wasm_bindgen(js_name = priceRatio)]
pub fn price_ratio(
    #[wasm_bindgen(unchecked_param_type = "Pool")] origin: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Pool")] destination: JsValue,
) -> Result<u64, Error> {
    Ok(stake::price_ratio(
        &pool_from_js(&origin, "origin")?,
        &pool_from_js(&destination, "destination")?,
    ))
}

/// Value in alpha rao of a stake position: `floor(totalHotkeyAlpha · share / totalShares)`
/// with the chain's `SafeFloat` arithmetic, capped at `totalHotkeyAlpha`.
#[wasm_bindgen(js_name = stakeValue)]
pub fn stake_value(
    #[wasm_bindgen(js_name = totalHotkeyAlpha, unchecked_param_type = "bigint")]
    total_hotkey_alpha: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SafeFloat")] share: JsValue,
    #[wasm_bindgen(js_name = totalShares, unchecked_param_type = "SafeFloat")]
    total_shares: JsValue,
) -> Result<u64, Error> {
    Ok(stake::stake_value(
        u64_from_js(&total_hotkey_alpha, "totalHotkeyAlpha")?,
        safe_float_from_js(&share, "share")?,
        safe_float_from_js(&total_shares, "totalShares")?,
    ))
}

/// A v1 share (U64F64 raw bits, storage `Alpha` / `TotalHotkeyShares`) as a `SafeFloat`.
#[wasm_bindgen(js_name = safeFloatFromU64f64Bits, unchecked_return_type = "SafeFloat")]
pub fn safe_float_from_u64f64_bits(
    #[wasm_bindgen(unchecked_param_type = "bigint")] bits: JsValue,
) -> Result<JsValue, Error> {
    let f = SafeFloat::from_u64f64_bits(u128_from_js(&bits, "bits")?);
    Ok(object(&[
        ("mantissa", f.mantissa.into()),
        ("exponent", f.exponent.into()),
    ]))
}
