//! Limit prices: the input that moves the price to a limit (`calculate_{quote,base}_delta_in`),
//! the largest amount executable at a limit (`get_max_amount_add/remove`) and the sizing rule
//! of `swap_stake_limit` (`get_max_amount_move`).

use substrate_fixed::types::U64F64;

use super::error::StakeError;
use super::fixed::{ONE, fadd, fdiv, fmul, fsub, fu64, fx};
use super::pool::{Pool, RAO_PER_UNIT};
use super::power::{LIMIT_DELTA_PRECISION, PERQUINTILL, ScaledPower, pow_ratio_scaled};
use super::swap::{SwapDirection, SwapParams, limit_to_fixed};
use super::{MAX_SWAP_INPUT_RESERVE_MULTIPLIER, MINIMUM_RESERVE};

/// `reserve · (R/10^18 − 1)` with the chain's conversions of the power result `R`.
fn scaled_delta(power: ScaledPower, reserve: u64) -> u64 {
    let r = match power {
        ScaledPower::Undefined => return 0,
        ScaledPower::Value(v) => fx(v),
        ScaledPower::AboveU64 => fx(u64::MAX),
    };
    fu64(fmul(fx(reserve), fsub(fdiv(r, fx(PERQUINTILL)), ONE)))
}

/// TAO to swap in (fee excluded) to raise the price from `current` to `target`
/// (`calculate_quote_delta_in`): `Δy = y·((target/current)^w1 − 1)`, 0 in the wrong direction.
pub fn quote_delta_in(pool: &Pool, current: U64F64, target: U64F64, tao_reserve: u64) -> u64 {
    let r = pow_ratio_scaled(
        target.to_bits(),
        current.to_bits(),
        pool.base_weight(),
        PERQUINTILL,
        LIMIT_DELTA_PRECISION,
    );
    scaled_delta(r, tao_reserve)
}

/// Alpha to swap in (fee excluded) to lower the price from `current` to `target`
/// (`calculate_base_delta_in`): `Δx = x·((current/target)^w2 − 1)`, 0 in the wrong direction.
pub fn base_delta_in(pool: &Pool, current: U64F64, target: U64F64, alpha_reserve: u64) -> u64 {
    let r = pow_ratio_scaled(
        current.to_bits(),
        target.to_bits(),
        pool.quote_weight,
        PERQUINTILL,
        LIMIT_DELTA_PRECISION,
    );
    scaled_delta(r, alpha_reserve)
}

impl Pool {
    /// `get_max_amount_add(netuid, limit)`: the TAO (fee included) `add_stake_limit` can
    /// execute at `limit_price` (rao per alpha). Dynamic: `paid_in + fee` of a simulated buy of
    /// `SubnetTAO · 1000` at the limit, errors propagated (e.g. `PriceLimitExceeded`). Root/stable:
    /// `u64::MAX` if `limit ≥ 10^9`, else 0.
    pub fn max_amount_add(&self, limit_price: u64) -> Result<u64, StakeError> {
        self.max_amount_add_with(limit_price, MINIMUM_RESERVE)
    }

    /// [`Pool::max_amount_add`] with an explicit `SwapMinimumReserve`.
    pub fn max_amount_add_with(
        &self,
        limit_price: u64,
        minimum_reserve: u64,
    ) -> Result<u64, StakeError> {
        self.max_amount(SwapDirection::Buy, limit_price, minimum_reserve)
    }

    /// `get_max_amount_remove(netuid, limit)`: the alpha (fee included) `remove_stake_limit`
    /// can execute at `limit_price`. Dynamic: `paid_in + fee` of a simulated sell of
    /// `SubnetAlphaIn · 1000`. Root/stable: `u64::MAX` if `limit ≤ 10^9`, else 0.
    pub fn max_amount_remove(&self, limit_price: u64) -> Result<u64, StakeError> {
        self.max_amount_remove_with(limit_price, MINIMUM_RESERVE)
    }

    /// [`Pool::max_amount_remove`] with an explicit `SwapMinimumReserve`.
    pub fn max_amount_remove_with(
        &self,
        limit_price: u64,
        minimum_reserve: u64,
    ) -> Result<u64, StakeError> {
        self.max_amount(SwapDirection::Sell, limit_price, minimum_reserve)
    }

    fn max_amount(
        &self,
        dir: SwapDirection,
        limit_price: u64,
        minimum_reserve: u64,
    ) -> Result<u64, StakeError> {
        self.validate()?;
        if !self.is_dynamic() {
            let fills = match dir {
                SwapDirection::Buy => limit_price >= RAO_PER_UNIT,
                SwapDirection::Sell => limit_price <= RAO_PER_UNIT,
            };
            return Ok(if fills { u64::MAX } else { 0 });
        }
        let reserve_in = match dir {
            SwapDirection::Buy => self.tao_reserve,
            SwapDirection::Sell => self.alpha_reserve,
        };
        let amount = reserve_in.saturating_mul(MAX_SWAP_INPUT_RESERVE_MULTIPLIER);
        let params = SwapParams {
            minimum_reserve,
            simulate: true,
        };
        let r = self.swap_with(dir, amount, limit_price, false, params)?;
        Ok(r.amount_consumed())
    }
}

/// `get_max_amount_move(origin, destination, limit)`: the origin alpha `swap_stake_limit`
/// moves, where `limit_price` is rao of (origin price / destination price).
///
/// Root/stable combinations reduce to [`Pool::max_amount_add`] / [`Pool::max_amount_remove`]
/// (both stable: `u64::MAX` if `limit ≤ 10^9`, else 0). Dynamic ↔ dynamic uses the chain's
/// constant-product closed form, which ignores weights and fees:
/// `α2·(τ1/(τ1+τ2))/L − α1·(τ2/(τ1+τ2))` with U64F64 truncation; 0 if a reserve is 0 or the
/// limit is above the current price ratio; `u64::MAX` for a zero limit.
pub fn max_amount_move(
    origin: &Pool,
    destination: &Pool,
    limit_price: u64,
) -> Result<u64, StakeError> {
    origin.validate()?;
    destination.validate()?;
    match (origin.is_dynamic(), destination.is_dynamic()) {
        (false, false) => Ok(if limit_price > RAO_PER_UNIT {
            0
        } else {
            u64::MAX
        }),
        (false, true) => {
            if limit_price == 0 {
                return Ok(u64::MAX);
            }
            // limit = origin/destination price; the destination price is its inverse.
            let one_tao = fx(RAO_PER_UNIT);
            let destination_price = fu64(fmul(fdiv(one_tao, fx(limit_price)), one_tao));
            destination.max_amount_add(destination_price)
        }
        (true, false) => origin.max_amount_remove(limit_price),
        (true, true) => {
            let (tao_1, tao_2) = (origin.tao_reserve, destination.tao_reserve);
            let (alpha_1, alpha_2) = (origin.alpha_reserve, destination.alpha_reserve);
            if tao_1 == 0 || tao_2 == 0 || alpha_1 == 0 || alpha_2 == 0 {
                return Ok(0);
            }
            let limit = limit_to_fixed(limit_price);
            let current_ratio = fdiv(origin.price(), destination.price());
            if limit > current_ratio {
                return Ok(0);
            }
            if limit_price == 0 {
                return Ok(u64::MAX);
            }
            let tao_sum = fadd(fx(tao_1), fx(tao_2));
            let t1_share = fdiv(fx(tao_1), tao_sum);
            let t2_share = fdiv(fx(tao_2), tao_sum);
            Ok(fu64(fsub(
                fdiv(fmul(fx(alpha_2), t1_share), limit),
                fmul(fx(alpha_1), t2_share),
            )))
        }
    }
}
