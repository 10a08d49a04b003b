//! [`Pool`]: one subnet's pool state read at one block, its price, fee and swap outputs.
//!
//! The pool is a two-asset weighted (Balancer-style) pool: base = alpha (reserve `x`,
//! weight `w1`), quote = TAO (reserve `y`, weight `w2`), `w1 + w2 = 1`. Only `w2` is stored
//! on chain (`Swap.SwapBalancer`, Perquintill parts). Price, fee and outputs below are the
//! chain's formulas with its U64F64 truncation at every step.

use substrate_fixed::types::U64F64;

use super::error::StakeError;
use super::fixed::{ONE, fdiv, fmul, fsub, fu64, fx};
use super::power::{PERQUINTILL, RESERVE_RATIO_PRECISION, ScaledPower, pow_ratio_scaled};

/// `SubnetMechanism` value of a dynamic (AMM) subnet. Any other value is stable/root: 1:1, no fee.
pub const DYNAMIC_MECHANISM: u16 = 1;
/// Smallest allowed weight, 0.01 in Perquintill parts (`MIN_WEIGHT = ACCURACY / 100`).
pub const MIN_WEIGHT: u64 = PERQUINTILL / 100;
/// Largest allowed quote weight (`1 − MIN_WEIGHT`).
pub const MAX_WEIGHT: u64 = PERQUINTILL - MIN_WEIGHT;
/// Default quote weight of a pool (`Balancer::default`, 0.5).
pub const DEFAULT_QUOTE_WEIGHT: u64 = PERQUINTILL / 2;
/// Default `Swap.FeeRate` (33 / 65535 ≈ 0.05 %).
pub const DEFAULT_FEE_RATE: u16 = 33;
/// Largest fee rate the chain accepts (`SwapMaxFeeRate`, 10000 / 65535 ≈ 15.26 %).
pub const MAX_FEE_RATE: u16 = 10_000;
/// Rao per TAO / per alpha (9 decimals).
pub const RAO_PER_UNIT: u64 = 1_000_000_000;

/// A subnet pool at one block: the five storage values the chain's swap reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pool {
    /// `SubtensorModule.SubnetTAO(netuid)`: TAO reserve `y`, rao.
    pub tao_reserve: u64,
    /// `SubtensorModule.SubnetAlphaIn(netuid)`: alpha reserve `x`, rao.
    pub alpha_reserve: u64,
    /// `Swap.SwapBalancer(netuid).quote`: TAO weight `w2` in Perquintill parts of 10^18.
    pub quote_weight: u64,
    /// `Swap.FeeRate(netuid)`: fee as parts of 65535.
    pub fee_rate: u16,
    /// `SubtensorModule.SubnetMechanism(netuid)`: 1 = dynamic AMM, anything else 1:1.
    pub mechanism: u16,
}

impl Pool {
    /// Builds a pool from chain values, checking the weight (`[0.01, 0.99]`) and the fee rate
    /// (`≤ 10000`). Zero reserves are accepted (the chain has such subnets); the swap guards
    /// reject them with the chain's error kinds.
    pub fn new(
        tao_reserve: u64,
        alpha_reserve: u64,
        quote_weight: u64,
        fee_rate: u16,
        mechanism: u16,
    ) -> Result<Pool, StakeError> {
        let pool = Pool {
            tao_reserve,
            alpha_reserve,
            quote_weight,
            fee_rate,
            mechanism,
        };
        pool.validate()?;
        Ok(pool)
    }

    /// A dynamic pool with the chain's default weight (0.5) and fee rate (33).
    pub fn with_defaults(tao_reserve: u64, alpha_reserve: u64) -> Pool {
        Pool {
            tao_reserve,
            alpha_reserve,
            quote_weight: DEFAULT_QUOTE_WEIGHT,
            fee_rate: DEFAULT_FEE_RATE,
            mechanism: DYNAMIC_MECHANISM,
        }
    }

    /// Checks the invariants [`Pool::new`] enforces (fields are public, so a pool built as a
    /// literal is re-checked by every operation).
    pub fn validate(&self) -> Result<(), StakeError> {
        if !(MIN_WEIGHT..=MAX_WEIGHT).contains(&self.quote_weight) {
            return Err(StakeError::InvalidWeight);
        }
        if self.fee_rate > MAX_FEE_RATE {
            return Err(StakeError::InvalidFeeRate);
        }
        Ok(())
    }

    /// True for a dynamic (AMM) subnet: `mechanism == 1`.
    pub fn is_dynamic(&self) -> bool {
        self.mechanism == DYNAMIC_MECHANISM
    }

    /// Base (alpha) weight `w1 = 10^18 − w2` in Perquintill parts.
    pub fn base_weight(&self) -> u64 {
        PERQUINTILL.saturating_sub(self.quote_weight)
    }

    /// Price in TAO per alpha as U64F64, as `Pallet::current_price`: 1.0 for non-dynamic
    /// subnets, else `(w1/w2)·(y/x)` with two truncating divisions and a truncating multiply
    /// (0 when `x = 0`).
    pub fn price(&self) -> U64F64 {
        if !self.is_dynamic() {
            return ONE;
        }
        self.price_at(self.alpha_reserve, self.tao_reserve)
    }

    /// [`Pool::price`] as raw U64F64 bits.
    pub fn price_bits(&self) -> u128 {
        self.price().to_bits()
    }

    /// `SwapRuntimeApi::current_alpha_price`: `floor(price · 10^9)` rao per alpha.
    pub fn current_alpha_price(&self) -> u64 {
        fu64(fmul(self.price(), fx(RAO_PER_UNIT)))
    }

    /// `Balancer::calculate_price(x, y)` with this pool's weights.
    pub(crate) fn price_at(&self, alpha_reserve: u64, tao_reserve: u64) -> U64F64 {
        let w_ratio = fdiv(fx(self.base_weight()), fx(self.quote_weight));
        fmul(w_ratio, fdiv(fx(tao_reserve), fx(alpha_reserve)))
    }

    /// Swap fee on an input amount (`calculate_fee_amount`): `floor(amount · floor(rate·2^64/65535) / 2^64)`;
    /// 0 when `drop_fees` or the subnet is not dynamic.
    pub fn fee(&self, amount: u64, drop_fees: bool) -> u64 {
        if drop_fees || !self.is_dynamic() {
            return 0;
        }
        fu64(fmul(
            fx(amount),
            fdiv(fx(self.fee_rate.into()), fx(u16::MAX.into())),
        ))
    }

    /// Fee charged when a limit price caps the fill at `delta_in` (`recalculate_fee`):
    /// `floor(delta_in · rate/(65535 − rate))` in U64F64; 0 when `drop_fees`.
    pub fn fee_on_swapped(&self, delta_in: u64, drop_fees: bool) -> u64 {
        if drop_fees || !self.is_dynamic() {
            return 0;
        }
        let rate = fx(self.fee_rate.into());
        fu64(fmul(
            fx(delta_in),
            fdiv(rate, fsub(fx(u16::MAX.into()), rate)),
        ))
    }

    /// Alpha paid out for `tao_in` TAO actually swapped (fee already removed), at this pool's
    /// reserves: `floor(x · (1 − min((y/(y+d))^(w2/w1), 1)))` with the chain's truncations.
    pub fn alpha_out(&self, tao_in: u64) -> u64 {
        let e = self.exp_quote_base(self.tao_reserve, tao_in);
        fu64(fmul(fx(self.alpha_reserve), fsub(ONE, e.min(ONE))))
    }

    /// TAO paid out for `alpha_in` alpha actually swapped (fee already removed):
    /// `floor(y · (1 − min((x/(x+d))^(w1/w2), 1)))` with the chain's truncations.
    pub fn tao_out(&self, alpha_in: u64) -> u64 {
        let e = self.exp_base_quote(self.alpha_reserve, alpha_in);
        fu64(fmul(fx(self.tao_reserve), fsub(ONE, e.min(ONE))))
    }

    /// `Balancer::exp_base_quote(x, dx)`: `(x/(x+dx))^(w1/w2)` as U64F64 (sells).
    pub fn exp_base_quote(&self, reserve: u64, delta: u64) -> U64F64 {
        exp_scaled(
            reserve,
            reserve.saturating_add(delta),
            self.base_weight(),
            self.quote_weight,
        )
    }

    /// `Balancer::exp_quote_base(y, dy)`: `(y/(y+dy))^(w2/w1)` as U64F64 (buys).
    pub fn exp_quote_base(&self, reserve: u64, delta: u64) -> U64F64 {
        exp_scaled(
            reserve,
            reserve.saturating_add(delta),
            self.quote_weight,
            self.base_weight(),
        )
    }

    /// `Balancer::get_base_needed_for_quote`: alpha to sell to take `tao_out` out of the pool,
    /// `floor(x · ((y/(y − Δy))^(w2/w1) − 1))` (0 when `Δy ≥ y`).
    pub fn base_needed_for_quote(&self, tao_out: u64) -> u64 {
        let e = exp_scaled(
            self.tao_reserve,
            self.tao_reserve.saturating_sub(tao_out),
            self.quote_weight,
            self.base_weight(),
        );
        fu64(fmul(fx(self.alpha_reserve), fsub(e, ONE)))
    }
}

/// `Balancer::exp_scaled`: `(num/den)^(en/ed)` as U64F64 via `pow_ratio_scaled` at precision
/// 256 and scale 10^18, then `/10^18` in U64F64; 0 when `den = 0`, the routine fails or the
/// scaled result does not fit in a u64.
fn exp_scaled(num: u64, den: u64, en: u64, ed: u64) -> U64F64 {
    if den == 0 {
        return fx(0);
    }
    match pow_ratio_scaled(num.into(), den.into(), en, ed, RESERVE_RATIO_PRECISION) {
        ScaledPower::Value(v) => fdiv(fx(v), fx(PERQUINTILL)),
        ScaledPower::Undefined | ScaledPower::AboveU64 => fx(0),
    }
}
