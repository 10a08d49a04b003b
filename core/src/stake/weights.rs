//! Weight updates when the protocol injects liquidity (`update_weights_for_added_liquidity`).
//!
//! Emission injection grows both reserves every block and moves the quote weight so the price
//! stays put. A wallet does not need this to quote (it reads the stored weight); the devnet
//! runtime uses it to evolve pools the way the chain does.

use num_bigint::BigUint;
use num_traits::ToPrimitive;

use super::error::StakeError;
use super::pool::{MAX_WEIGHT, MIN_WEIGHT, Pool};
use super::power::PERQUINTILL;

/// `mul_perquintill_round(p, v)`: `round_half_up(v · p / 10^18)` in 256-bit arithmetic,
/// saturating at u128::MAX.
pub fn mul_perquintill_round(parts: u64, value: u128) -> u128 {
    let num = BigUint::from(value) * BigUint::from(parts) + BigUint::from(PERQUINTILL / 2);
    (num / BigUint::from(PERQUINTILL))
        .to_u128()
        .unwrap_or(u128::MAX)
}

/// Perquintill `from_rational(p, q)` rounding down (sp-arithmetic 27.0.0), in parts of 10^18.
pub fn perquintill_from_rational_down(p: u128, q: u128) -> u64 {
    if q == 0 {
        return PERQUINTILL;
    }
    let parts = BigUint::from(p.min(q)) * BigUint::from(PERQUINTILL) / BigUint::from(q);
    parts.to_u64().unwrap_or(PERQUINTILL)
}

impl Pool {
    /// New quote weight after adding `tao_delta` / `alpha_delta` to the reserves (reserves
    /// themselves are not changed here): `q1 = round(w1·y·(x+Δx))`, `q2 = round(w2·x·(y+Δy))`,
    /// `w2' = from_rational(q2, q1+q2)` (0.5 if both are 0). `InvalidWeight` if `w2'` leaves
    /// `[0.01, 0.99]` (the chain then drops the injection).
    pub fn weight_after_added_liquidity(
        &self,
        tao_delta: u64,
        alpha_delta: u64,
    ) -> Result<u64, StakeError> {
        let y = u128::from(self.tao_reserve);
        let x = u128::from(self.alpha_reserve);
        let new_y = y.saturating_add(u128::from(tao_delta));
        let new_x = x.saturating_add(u128::from(alpha_delta));
        let q1 = mul_perquintill_round(self.base_weight(), y.saturating_mul(new_x));
        let q2 = mul_perquintill_round(self.quote_weight, x.saturating_mul(new_y));
        let sum = q1.saturating_add(q2);
        let w = if sum == 0 {
            PERQUINTILL / 2
        } else {
            perquintill_from_rational_down(q2, sum)
        };
        if (MIN_WEIGHT..=MAX_WEIGHT).contains(&w) {
            Ok(w)
        } else {
            Err(StakeError::InvalidWeight)
        }
    }
}
