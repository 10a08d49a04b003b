//! The stake calculator: subnet pool prices, swaps, quotes and limits, bit-exact with the chain.
//!
//! A [`Pool`] record holds the five storage values of one block. Amounts and prices are `u64`
//! rao (prices: rao per alpha); tolerances and price impact are parts per billion
//! (`10_000_000` = 1 %). U64F64 values and `SafeFloat` mantissas (128-bit) cross the boundary as
//! decimal strings of their raw integer. Every function is a one-line call of
//! `taolight_core::stake`; errors carry the chain's error names.
use taolight_core::stake::{
    self, MoveQuote, Pool, SimSwapResult, StakeError, SwapDirection, SwapQuote, SwapResult,
};

use crate::TaolightError;

/// One subnet's pool at one block (the core's `Pool`, exported as is).
#[uniffi::remote(Record)]
pub struct Pool {
    /// `SubtensorModule.SubnetTAO`: TAO reserve, rao.
    pub tao_reserve: u64,
    /// `SubtensorModule.SubnetAlphaIn`: alpha reserve, rao.
    pub alpha_reserve: u64,
    /// `Swap.SwapBalancer.quote`: TAO weight in Perquintill parts of 10^18.
    pub quote_weight: u64,
    /// `Swap.FeeRate`: fee in parts of 65535 (at most 10000).
    pub fee_rate: u16,
    /// `SubtensorModule.SubnetMechanism`: 1 = dynamic pool, anything else 1:1 without fee.
    pub mechanism: u16,
}

/// Swap direction (the core's `SwapDirection`).
#[uniffi::remote(Enum)]
pub enum SwapDirection {
    /// TAO in, alpha out (staking).
    Buy,
    /// Alpha in, TAO out (unstaking).
    Sell,
}

/// What the chain's `do_swap` returns (the core's `SwapResult`).
#[uniffi::remote(Record)]
pub struct SwapResult {
    /// Input swapped into the pool, fee excluded.
    pub amount_paid_in: u64,
    /// Output paid out of the pool.
    pub amount_paid_out: u64,
    /// Fee taken from the input, on top of `amount_paid_in`.
    pub fee_paid: u64,
    /// Part of the fee that goes to the block author.
    pub fee_to_block_author: u64,
}

/// `SwapRuntimeApi::sim_swap_*` result (the core's `SimSwapResult`).
#[uniffi::remote(Record)]
pub struct SimSwapResult {
    /// TAO side: paid in excluding the fee (buy) or paid out (sell).
    pub tao_amount: u64,
    /// Alpha side: paid out (buy) or paid in excluding the fee (sell).
    pub alpha_amount: u64,
    /// Fee in TAO (buys).
    pub tao_fee: u64,
    /// Fee in alpha (sells).
    pub alpha_fee: u64,
    /// Sells: price impact incl. fee, TAO.
    pub tao_slippage: u64,
    /// Buys: price impact incl. fee, alpha.
    pub alpha_slippage: u64,
}

/// A stake or unstake quote (the core's `SwapQuote`).
#[uniffi::remote(Record)]
pub struct SwapQuote {
    /// Buy = stake, sell = unstake.
    pub direction: SwapDirection,
    /// Amount offered, fee included.
    pub amount_in: u64,
    /// Amount swapped into the pool, fee excluded.
    pub swapped_in: u64,
    /// Swap fee, in the input token.
    pub fee: u64,
    /// Expected output.
    pub amount_out: u64,
    /// `current_alpha_price` before, rao per alpha.
    pub price_before: u64,
    /// `current_alpha_price` after the extrinsic.
    pub price_after: u64,
    /// Output at the spot price without fee or price impact.
    pub ideal_out: u64,
    /// `1 − amount_out / ideal_out` in parts per billion (fee included).
    pub price_impact_ppb: u64,
    /// Limit price for the tolerance (for `add_stake_limit` / `remove_stake_limit`).
    pub limit_price: u64,
    /// Largest amount executable at `limit_price` now.
    pub max_at_limit: u64,
}

/// A cross-subnet move quote (the core's `MoveQuote`).
#[uniffi::remote(Record)]
pub struct MoveQuote {
    /// Origin alpha moved.
    pub alpha_in: u64,
    /// TAO received from the origin leg.
    pub tao_between: u64,
    /// Destination alpha expected (0 when the TAO is below the 0.002 TAO minimum).
    pub alpha_out: u64,
    /// Fee on the origin leg, origin alpha.
    pub origin_fee: u64,
    /// Fee on the destination leg, TAO.
    pub destination_fee: u64,
    /// Current price ratio origin/destination, rao.
    pub price_ratio: u64,
    /// `swap_stake_limit` limit for the tolerance.
    pub limit_price: u64,
    /// What `swap_stake_limit` would move at that limit.
    pub max_at_limit: u64,
}

/// The chain's decimal float `mantissa · 10^exponent` (share-pool shares). The 128-bit
/// mantissa is a decimal string.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SafeFloat {
    /// Mantissa as a decimal integer string (at most 10^21).
    pub mantissa: String,
    /// Decimal exponent.
    pub exponent: i64,
}

impl From<StakeError> for TaolightError {
    fn from(e: StakeError) -> Self {
        let m = e.to_string();
        match e {
            StakeError::PriceLimitExceeded => Self::PriceLimitExceeded(m),
            StakeError::SlippageTooHigh => Self::SlippageTooHigh(m),
            StakeError::ReservesTooLow => Self::ReservesTooLow(m),
            StakeError::SwapInputTooLarge => Self::SwapInputTooLarge(m),
            StakeError::AmountTooLow => Self::AmountTooLow(m),
            StakeError::InsufficientLiquidity => Self::InsufficientLiquidity(m),
            StakeError::InvalidWeight => Self::InvalidWeight(m),
            StakeError::InvalidFeeRate => Self::InvalidFeeRate(m),
            StakeError::ZeroAmount => Self::ZeroAmount(m),
            StakeError::InvalidTolerance => Self::InvalidTolerance(m),
            StakeError::Overflow => Self::Overflow(m),
            StakeError::Unreachable => Self::Unreachable(m),
        }
    }
}

/// The pool after the core's checks (weight, fee rate), as every core operation starts.
fn checked(pool: Pool) -> Result<Pool, TaolightError> {
    pool.validate()?;
    Ok(pool)
}

fn safe_float_from_ffi(f: &SafeFloat, what: &str) -> Result<stake::SafeFloat, TaolightError> {
    let mantissa: u128 = f.mantissa.parse().map_err(|_| {
        TaolightError::InvalidArgument(format!("{what}.mantissa must be a decimal integer"))
    })?;
    stake::SafeFloat::new(mantissa, f.exponent).ok_or_else(|| {
        TaolightError::InvalidArgument(format!(
            "{what} is not a valid SafeFloat (mantissa ≤ 10^21)"
        ))
    })
}

/// A dynamic pool with the chain's default weight (0.5) and fee rate (33).
#[uniffi::export]
pub fn pool_with_defaults(tao_reserve: u64, alpha_reserve: u64) -> Pool {
    Pool::with_defaults(tao_reserve, alpha_reserve)
}

/// The pool price as raw U64F64 bits (TAO per alpha × 2^64), as a decimal string.
#[uniffi::export]
pub fn price_bits(pool: Pool) -> Result<String, TaolightError> {
    Ok(checked(pool)?.price_bits().to_string())
}

/// `SwapRuntimeApi::current_alpha_price`: the price in rao per alpha (floored).
#[uniffi::export]
pub fn current_alpha_price(pool: Pool) -> Result<u64, TaolightError> {
    Ok(checked(pool)?.current_alpha_price())
}

/// The chain's `do_swap` of `amount` (fee included) at `limit_price` (rao per alpha), with
/// its guards, without changing anything.
#[uniffi::export]
pub fn do_swap(
    pool: Pool,
    direction: SwapDirection,
    amount: u64,
    limit_price: u64,
    drop_fees: bool,
) -> Result<SwapResult, TaolightError> {
    Ok(pool.swap(direction, amount, limit_price, drop_fees)?)
}

/// `SwapRuntimeApi::sim_swap_tao_for_alpha`: a simulated buy at the maximum price (all zeros
/// when the chain would refuse it).
#[uniffi::export]
pub fn sim_swap_tao_for_alpha(pool: Pool, tao: u64) -> Result<SimSwapResult, TaolightError> {
    Ok(checked(pool)?.sim_swap_tao_for_alpha(tao))
}

/// `SwapRuntimeApi::sim_swap_alpha_for_tao`: a simulated sell at the minimum price.
#[uniffi::export]
pub fn sim_swap_alpha_for_tao(pool: Pool, alpha: u64) -> Result<SimSwapResult, TaolightError> {
    Ok(checked(pool)?.sim_swap_alpha_for_tao(alpha))
}

/// Quote for staking `tao` rao (fee included) with a slippage tolerance in ppb.
#[uniffi::export]
pub fn quote_stake(pool: Pool, tao: u64, tolerance_ppb: u64) -> Result<SwapQuote, TaolightError> {
    Ok(pool.quote_stake(tao, tolerance_ppb)?)
}

/// Quote for unstaking `alpha` rao (fee included) with a slippage tolerance in ppb.
#[uniffi::export]
pub fn quote_unstake(
    pool: Pool,
    alpha: u64,
    tolerance_ppb: u64,
) -> Result<SwapQuote, TaolightError> {
    Ok(pool.quote_unstake(alpha, tolerance_ppb)?)
}

/// Quote for moving `alpha` origin alpha into `destination` (`origin_is_root`: the origin is
/// netuid 0, which changes which leg pays the fee).
#[uniffi::export]
pub fn quote_move(
    origin: Pool,
    destination: Pool,
    alpha: u64,
    origin_is_root: bool,
    tolerance_ppb: u64,
) -> Result<MoveQuote, TaolightError> {
    Ok(stake::quote_move(
        &origin,
        &destination,
        alpha,
        origin_is_root,
        tolerance_ppb,
    )?)
}

/// Smallest TAO (fee included) whose stake returns at least `alpha` alpha.
#[uniffi::export]
pub fn tao_needed_for_alpha(pool: Pool, alpha: u64) -> Result<u64, TaolightError> {
    Ok(pool.tao_needed_for_alpha(alpha)?)
}

/// Smallest alpha (fee included) whose unstake returns at least `tao` TAO.
#[uniffi::export]
pub fn alpha_needed_for_tao(pool: Pool, tao: u64) -> Result<u64, TaolightError> {
    Ok(pool.alpha_needed_for_tao(tao)?)
}

/// Buy limit price (rao per alpha) for a tolerance in ppb: `floor(spot·(1+tol))`, above spot.
#[uniffi::export]
pub fn buy_limit_for_tolerance(pool: Pool, tolerance_ppb: u64) -> Result<u64, TaolightError> {
    Ok(checked(pool)?.buy_limit_for_tolerance(tolerance_ppb)?)
}

/// Sell limit price (rao per alpha) for a tolerance in ppb: `floor(spot·(1−tol))`, below spot.
#[uniffi::export]
pub fn sell_limit_for_tolerance(pool: Pool, tolerance_ppb: u64) -> Result<u64, TaolightError> {
    Ok(checked(pool)?.sell_limit_for_tolerance(tolerance_ppb)?)
}

/// `get_max_amount_add`: the TAO (fee included) `add_stake_limit` can execute at `limit_price`.
#[uniffi::export]
pub fn max_amount_add(pool: Pool, limit_price: u64) -> Result<u64, TaolightError> {
    Ok(pool.max_amount_add(limit_price)?)
}

/// `get_max_amount_remove`: the alpha (fee included) `remove_stake_limit` can execute.
#[uniffi::export]
pub fn max_amount_remove(pool: Pool, limit_price: u64) -> Result<u64, TaolightError> {
    Ok(pool.max_amount_remove(limit_price)?)
}

/// `get_max_amount_move`: the origin alpha `swap_stake_limit` moves at `limit_price` (rao of
/// origin price / destination price).
#[uniffi::export]
pub fn max_amount_move(
    origin: Pool,
    destination: Pool,
    limit_price: u64,
) -> Result<u64, TaolightError> {
    Ok(stake::max_amount_move(&origin, &destination, limit_price)?)
}

/// The price ratio origin/destination in rao, as `swap_stake_limit` reads its limit.
#[uniffi::export]
pub fn price_ratio(origin: Pool, destination: Pool) -> Result<u64, TaolightError> {
    Ok(stake::price_ratio(
        &checked(origin)?,
        &checked(destination)?,
    ))
}

/// Value in alpha rao of a stake position: `floor(total_hotkey_alpha · share / total_shares)`
/// with the chain's `SafeFloat` arithmetic, capped at `total_hotkey_alpha`.
#[uniffi::export]
pub fn stake_value(
    total_hotkey_alpha: u64,
    share: SafeFloat,
    total_shares: SafeFloat,
) -> Result<u64, TaolightError> {
    Ok(stake::stake_value(
        total_hotkey_alpha,
        safe_float_from_ffi(&share, "share")?,
        safe_float_from_ffi(&total_shares, "total_shares")?,
    ))
}

/// A v1 share (U64F64 raw bits as a decimal string, storage `Alpha` / `TotalHotkeyShares`)
/// as a `SafeFloat`.
#[uniffi::export]
pub fn safe_float_from_u64f64_bits(bits: String) -> Result<SafeFloat, TaolightError> {
    let bits: u128 = bits.parse().map_err(|_| {
        TaolightError::InvalidArgument("bits must be a decimal integer below 2^128".into())
    })?;
    let f = stake::SafeFloat::from_u64f64_bits(bits);
    Ok(SafeFloat {
        mantissa: f.mantissa.to_string(),
        exponent: f.exponent,
    })
}
