//! Quotes a wallet shows before staking, unstaking or moving: expected output, fee, price
//! before/after, price impact and the limit price for a slippage tolerance; and the inverse
//! ("TAO needed to receive at least A alpha").
//!
//! Tolerances and price impact are parts per billion (`1_000_000_000` = 100 %), so no
//! floating point is involved anywhere.

use super::error::StakeError;
use super::extrinsic::move_stake;
use super::fixed::{fdiv, fmul, fu64, fx};
use super::limit::max_amount_move;
use super::pool::{Pool, RAO_PER_UNIT};
use super::swap::{SwapDirection, SwapResult};
use super::{MAX_PRICE_RAO, MAX_SWAP_INPUT_RESERVE_MULTIPLIER, MIN_PRICE_RAO};

/// Parts per billion: 100 % as a tolerance or price impact.
pub const PPB: u64 = 1_000_000_000;

/// A stake or unstake quote. Amounts in rao of the respective token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwapQuote {
    /// Direction (buy = stake, sell = unstake).
    pub direction: SwapDirection,
    /// Amount the user offers (fee included).
    pub amount_in: u64,
    /// Amount actually swapped into the pool (fee excluded).
    pub swapped_in: u64,
    /// Swap fee, in the input token.
    pub fee: u64,
    /// Expected output.
    pub amount_out: u64,
    /// `current_alpha_price` before, rao per alpha.
    pub price_before: u64,
    /// `current_alpha_price` after the extrinsic (for unstakes including the fee-alpha swap).
    pub price_after: u64,
    /// Output without price impact or fee (`amount_in` at the spot price), as the runtime
    /// API's "no-slippage" amount.
    pub ideal_out: u64,
    /// `1 − amount_out/ideal_out` in parts per billion (includes the fee, as `sim_swap`).
    pub price_impact_ppb: u64,
    /// Limit price (rao per alpha) for the requested tolerance, strictly on the executable
    /// side of the current price.
    pub limit_price: u64,
    /// Largest amount executable at `limit_price` right now (`get_max_amount_add/remove`);
    /// a fill-or-kill order succeeds iff `amount_in ≤ max_at_limit` at execution.
    pub max_at_limit: u64,
}

/// A cross-subnet move quote (`move_stake`/`swap_stake` between two pools).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoveQuote {
    /// Origin alpha moved.
    pub alpha_in: u64,
    /// TAO received from the origin leg.
    pub tao_between: u64,
    /// Destination alpha expected (0 when the TAO is below the 2_000_000 rao minimum and stays
    /// as free balance).
    pub alpha_out: u64,
    /// Fee on the origin leg, in origin alpha.
    pub origin_fee: u64,
    /// Fee on the destination leg, in TAO.
    pub destination_fee: u64,
    /// Current price ratio `origin/destination` in rao (what `swap_stake_limit` compares to).
    pub price_ratio: u64,
    /// `swap_stake_limit` limit for the tolerance: `floor(ratio·(1 − tol))`.
    pub limit_price: u64,
    /// The amount `swap_stake_limit` would move at that limit (the chain's v2 sizing).
    pub max_at_limit: u64,
}

fn check_tolerance(tolerance_ppb: u64) -> Result<(), StakeError> {
    if tolerance_ppb >= PPB {
        return Err(StakeError::InvalidTolerance);
    }
    Ok(())
}

/// `floor(value · factor_ppb / 10^9)` without overflow (saturating at u64::MAX).
fn scale_ppb(value: u64, factor_ppb: u64) -> u64 {
    let scaled = u128::from(value) * u128::from(factor_ppb) / u128::from(PPB);
    u64::try_from(scaled).unwrap_or(u64::MAX)
}

/// A swap's output, with "buys nothing" (`ReservesTooLow` on a non-zero input) read as 0.
fn output_or_zero(r: Result<SwapResult, StakeError>) -> Result<u64, StakeError> {
    match r {
        Ok(r) => Ok(r.amount_paid_out),
        Err(StakeError::ReservesTooLow) => Ok(0),
        Err(e) => Err(e),
    }
}

fn impact_ppb(ideal: u64, actual: u64) -> u64 {
    if ideal == 0 || actual >= ideal {
        return 0;
    }
    let lost = u128::from(ideal - actual) * u128::from(PPB) / u128::from(ideal);
    u64::try_from(lost).unwrap_or(PPB)
}

impl Pool {
    /// Buy limit price for a tolerance: `floor(spot·(1+tol))`, at least `spot + 1` so the
    /// strict `price < limit` check passes, capped at the maximum price.
    pub fn buy_limit_for_tolerance(&self, tolerance_ppb: u64) -> Result<u64, StakeError> {
        check_tolerance(tolerance_ppb)?;
        let spot = self.current_alpha_price();
        let limit = scale_ppb(spot, PPB + tolerance_ppb).max(spot.saturating_add(1));
        Ok(limit.min(MAX_PRICE_RAO))
    }

    /// Sell limit price for a tolerance: `floor(spot·(1−tol))`, at most `spot − 1`.
    pub fn sell_limit_for_tolerance(&self, tolerance_ppb: u64) -> Result<u64, StakeError> {
        check_tolerance(tolerance_ppb)?;
        let spot = self.current_alpha_price();
        Ok(scale_ppb(spot, PPB - tolerance_ppb).min(spot.saturating_sub(1)))
    }

    fn check_quotable(&self, amount: u64) -> Result<(), StakeError> {
        self.validate()?;
        if amount == 0 {
            return Err(StakeError::ZeroAmount);
        }
        if self.is_dynamic() && (self.tao_reserve == 0 || self.alpha_reserve == 0) {
            return Err(StakeError::ReservesTooLow);
        }
        Ok(())
    }

    /// Quote for staking `tao` (fee included) with a slippage tolerance in ppb.
    pub fn quote_stake(&self, tao: u64, tolerance_ppb: u64) -> Result<SwapQuote, StakeError> {
        self.check_quotable(tao)?;
        let limit_price = self.buy_limit_for_tolerance(tolerance_ppb)?;
        let mut after = *self;
        let outcome = after.stake(tao, MAX_PRICE_RAO, false)?;
        let ideal_out = fu64(fdiv(fx(tao), self.price()));
        let swap = outcome.swap;
        Ok(SwapQuote {
            direction: SwapDirection::Buy,
            amount_in: tao,
            swapped_in: swap.amount_paid_in,
            fee: swap.fee_paid,
            amount_out: swap.amount_paid_out,
            price_before: self.current_alpha_price(),
            price_after: after.current_alpha_price(),
            ideal_out,
            price_impact_ppb: impact_ppb(ideal_out, swap.amount_paid_out),
            limit_price,
            max_at_limit: self.max_amount_add(limit_price).unwrap_or(0),
        })
    }

    /// Quote for unstaking `alpha` (fee included) with a slippage tolerance in ppb.
    pub fn quote_unstake(&self, alpha: u64, tolerance_ppb: u64) -> Result<SwapQuote, StakeError> {
        self.check_quotable(alpha)?;
        let limit_price = self.sell_limit_for_tolerance(tolerance_ppb)?;
        let mut after = *self;
        let outcome = after.unstake(alpha, MIN_PRICE_RAO, false)?;
        let ideal_out = fu64(fmul(fx(alpha), self.price()));
        let swap = outcome.swap;
        Ok(SwapQuote {
            direction: SwapDirection::Sell,
            amount_in: alpha,
            swapped_in: swap.amount_paid_in,
            fee: swap.fee_paid,
            amount_out: swap.amount_paid_out,
            price_before: self.current_alpha_price(),
            price_after: after.current_alpha_price(),
            ideal_out,
            price_impact_ppb: impact_ppb(ideal_out, swap.amount_paid_out),
            limit_price,
            max_at_limit: self.max_amount_remove(limit_price).unwrap_or(0),
        })
    }

    /// Smallest TAO amount (fee included) whose stake at the maximum price returns at least
    /// `alpha` (binary search over the monotonic swap). `Unreachable` if no amount up to
    /// `SubnetTAO · 1000` does.
    pub fn tao_needed_for_alpha(&self, alpha: u64) -> Result<u64, StakeError> {
        self.check_quotable(alpha)?;
        let out_for = |tao: u64| -> Result<u64, StakeError> {
            output_or_zero(self.swap(SwapDirection::Buy, tao, MAX_PRICE_RAO, false))
        };
        let max_amount = if self.is_dynamic() {
            self.tao_reserve
                .saturating_mul(MAX_SWAP_INPUT_RESERVE_MULTIPLIER)
        } else {
            u64::MAX
        };
        if out_for(max_amount)? < alpha {
            return Err(StakeError::Unreachable);
        }
        let (mut low, mut high) = (0u64, max_amount);
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            if out_for(mid)? >= alpha {
                high = mid;
            } else {
                low = mid;
            }
        }
        Ok(high)
    }

    /// Smallest alpha amount (fee included) whose unstake at the minimum price returns at
    /// least `tao`. `Unreachable` if no amount up to `SubnetAlphaIn · 1000` does.
    pub fn alpha_needed_for_tao(&self, tao: u64) -> Result<u64, StakeError> {
        self.check_quotable(tao)?;
        let out_for = |alpha: u64| -> Result<u64, StakeError> {
            output_or_zero(self.swap(SwapDirection::Sell, alpha, MIN_PRICE_RAO, false))
        };
        let max_amount = if self.is_dynamic() {
            self.alpha_reserve
                .saturating_mul(MAX_SWAP_INPUT_RESERVE_MULTIPLIER)
        } else {
            u64::MAX
        };
        if out_for(max_amount)? < tao {
            return Err(StakeError::Unreachable);
        }
        let (mut low, mut high) = (0u64, max_amount);
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            if out_for(mid)? >= tao {
                high = mid;
            } else {
                low = mid;
            }
        }
        Ok(high)
    }
}

/// Price ratio `origin/destination` in rao, as `swap_stake_limit` interprets its limit.
pub fn price_ratio(origin: &Pool, destination: &Pool) -> u64 {
    fu64(fmul(
        fdiv(origin.price(), destination.price()),
        fx(RAO_PER_UNIT),
    ))
}

/// Quote for moving `alpha` origin alpha into `destination` (origin leg sells with fee unless
/// the origin is root; destination leg buys fee-less unless the origin is root).
pub fn quote_move(
    origin: &Pool,
    destination: &Pool,
    alpha: u64,
    origin_is_root: bool,
    tolerance_ppb: u64,
) -> Result<MoveQuote, StakeError> {
    check_tolerance(tolerance_ppb)?;
    origin.check_quotable(alpha)?;
    destination.validate()?;
    let (mut o, mut d) = (*origin, *destination);
    let outcome = move_stake(&mut o, &mut d, alpha, origin_is_root)?;
    let ratio = price_ratio(origin, destination);
    let limit_price = scale_ppb(ratio, PPB - tolerance_ppb);
    let (alpha_out, destination_fee) = match outcome.stake {
        Some(s) => (s.swap.amount_paid_out, s.swap.fee_paid),
        None => (0, 0),
    };
    Ok(MoveQuote {
        alpha_in: alpha,
        tao_between: outcome.unstake.swap.amount_paid_out,
        alpha_out,
        origin_fee: outcome.unstake.swap.fee_paid,
        destination_fee,
        price_ratio: ratio,
        limit_price,
        max_at_limit: max_amount_move(origin, destination, limit_price).unwrap_or(0),
    })
}
