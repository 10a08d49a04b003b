//! One swap as the chain executes it (`do_swap` → swap step), with its guards, and the
//! `SwapRuntimeApi::sim_swap_*` result shape.

use substrate_fixed::types::U64F64;

use super::error::StakeError;
use super::fixed::{fdiv, fmul, fu64, fx};
use super::limit::{base_delta_in, quote_delta_in};
use super::pool::{Pool, RAO_PER_UNIT};
use super::{MAX_PRICE_RAO, MAX_SWAP_INPUT_RESERVE_MULTIPLIER, MIN_PRICE_RAO, MINIMUM_RESERVE};

/// Direction of a swap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SwapDirection {
    /// TAO in, alpha out (staking).
    Buy,
    /// Alpha in, TAO out (unstaking).
    Sell,
}

/// What `do_swap` returns (all rao of the respective token).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SwapResult {
    /// Input actually swapped into the pool, fee excluded (`d`).
    pub amount_paid_in: u64,
    /// Output paid out of the pool.
    pub amount_paid_out: u64,
    /// Fee taken from the input, on top of `amount_paid_in`.
    pub fee_paid: u64,
    /// Part of the fee that goes to the block author (all of it when `amount_paid_in > 0`).
    pub fee_to_block_author: u64,
}

impl SwapResult {
    /// Total input consumed: `amount_paid_in + fee_paid` (saturating).
    pub fn amount_consumed(&self) -> u64 {
        self.amount_paid_in.saturating_add(self.fee_paid)
    }
}

/// `SwapRuntimeApi::sim_swap_tao_for_alpha` / `sim_swap_alpha_for_tao` result (all rao).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SimSwapResult {
    /// TAO side: paid in excluding the fee (buy) or paid out (sell).
    pub tao_amount: u64,
    /// Alpha side: paid out (buy) or paid in excluding the fee (sell).
    pub alpha_amount: u64,
    /// Fee in TAO (buys).
    pub tao_fee: u64,
    /// Fee in alpha (sells).
    pub alpha_fee: u64,
    /// Sells: `floor(alpha · price) − tao out` (saturating), price impact incl. fee.
    pub tao_slippage: u64,
    /// Buys: `floor(tao / price) − alpha out` (saturating), price impact incl. fee.
    pub alpha_slippage: u64,
}

/// Chain parameters a swap depends on besides the pool (runtime constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwapParams {
    /// `SwapMinimumReserve`: the output reserve must be at least this (runtime: 1_000_000;
    /// the chain's unit-test mock uses 100).
    pub minimum_reserve: u64,
    /// `true` for a simulated swap (`sim_swap`, `get_max_amount_*`), which skips the
    /// `InsufficientLiquidity` check of executed swaps.
    pub simulate: bool,
}

impl Default for SwapParams {
    fn default() -> Self {
        SwapParams {
            minimum_reserve: MINIMUM_RESERVE,
            simulate: false,
        }
    }
}

impl Pool {
    /// `Pallet::do_swap` without state change: the swap of `amount` (fee included) in
    /// direction `dir` with a limit price in rao per alpha, including the chain's guards in
    /// its order. Non-dynamic subnets swap 1:1 without fee (as `stake_utils` does).
    pub fn swap(
        &self,
        dir: SwapDirection,
        amount: u64,
        limit_price: u64,
        drop_fees: bool,
    ) -> Result<SwapResult, StakeError> {
        self.swap_with(dir, amount, limit_price, drop_fees, SwapParams::default())
    }

    /// [`Pool::swap`] with explicit runtime parameters (minimum reserve, simulation).
    pub fn swap_with(
        &self,
        dir: SwapDirection,
        amount: u64,
        limit_price: u64,
        drop_fees: bool,
        params: SwapParams,
    ) -> Result<SwapResult, StakeError> {
        self.validate()?;
        if !self.is_dynamic() {
            return Ok(SwapResult {
                amount_paid_in: amount,
                amount_paid_out: amount,
                fee_paid: 0,
                fee_to_block_author: 0,
            });
        }
        let limit = limit_to_fixed(limit_price);
        let (reserve_in, reserve_out) = match dir {
            SwapDirection::Buy => (self.tao_reserve, self.alpha_reserve),
            SwapDirection::Sell => (self.alpha_reserve, self.tao_reserve),
        };
        let fee = self.fee(amount, drop_fees);
        let requested = amount.saturating_sub(fee);
        if requested > reserve_in.saturating_mul(MAX_SWAP_INPUT_RESERVE_MULTIPLIER) {
            return Err(StakeError::SwapInputTooLarge);
        }
        if reserve_out < params.minimum_reserve {
            return Err(StakeError::ReservesTooLow);
        }
        let current = self.price();
        let on_right_side = match dir {
            SwapDirection::Buy => current < limit,
            SwapDirection::Sell => current > limit,
        };
        if !on_right_side {
            return Err(StakeError::PriceLimitExceeded);
        }

        let (delta_in, fee, delta_out) = match dir {
            SwapDirection::Buy => {
                let out = self.alpha_out(requested);
                let target = self.price_at(
                    self.alpha_reserve.saturating_sub(out),
                    self.tao_reserve.saturating_add(requested),
                );
                if target <= limit {
                    (requested, fee, out)
                } else {
                    let d = quote_delta_in(self, current, limit, self.tao_reserve);
                    (d, self.fee_on_swapped(d, drop_fees), self.alpha_out(d))
                }
            }
            SwapDirection::Sell => {
                let out = self.tao_out(requested);
                let target = self.price_at(
                    self.alpha_reserve.saturating_add(requested),
                    self.tao_reserve.saturating_sub(out),
                );
                if target >= limit {
                    (requested, fee, out)
                } else {
                    let d = base_delta_in(self, current, limit, self.alpha_reserve);
                    (d, self.fee_on_swapped(d, drop_fees), self.tao_out(d))
                }
            }
        };
        if delta_in > 0 && delta_out == 0 {
            return Err(StakeError::ReservesTooLow);
        }
        if !params.simulate && delta_out > reserve_out {
            return Err(StakeError::InsufficientLiquidity);
        }
        Ok(SwapResult {
            amount_paid_in: delta_in,
            amount_paid_out: delta_out,
            fee_paid: fee,
            fee_to_block_author: if delta_in > 0 { fee } else { 0 },
        })
    }

    /// Reserve updates after an executed swap, as `stake_utils` writes them:
    /// buy: `SubnetAlphaIn −= out`, `SubnetTAO += paid_in` (the TAO fee goes to the author);
    /// sell: `SubnetAlphaIn += paid_in`, `SubnetTAO −= out`. Saturating.
    /// (A `remove_stake` then also sells the alpha fee fee-less: see [`Pool::unstake`].)
    pub fn apply(&mut self, dir: SwapDirection, result: &SwapResult) {
        match dir {
            SwapDirection::Buy => {
                self.alpha_reserve = self.alpha_reserve.saturating_sub(result.amount_paid_out);
                self.tao_reserve = self.tao_reserve.saturating_add(result.amount_paid_in);
            }
            SwapDirection::Sell => {
                self.alpha_reserve = self.alpha_reserve.saturating_add(result.amount_paid_in);
                self.tao_reserve = self.tao_reserve.saturating_sub(result.amount_paid_out);
            }
        }
    }

    /// `SwapRuntimeApi::sim_swap_tao_for_alpha(tao)`: a simulated buy at the maximum price.
    /// Errors give all zeros, as the chain; non-dynamic subnets give 1:1 without fee.
    pub fn sim_swap_tao_for_alpha(&self, tao: u64) -> SimSwapResult {
        let params = SwapParams {
            simulate: true,
            ..SwapParams::default()
        };
        match self.swap_with(SwapDirection::Buy, tao, MAX_PRICE_RAO, false, params) {
            Ok(r) => SimSwapResult {
                tao_amount: r.amount_paid_in,
                alpha_amount: r.amount_paid_out,
                tao_fee: r.fee_paid,
                alpha_fee: 0,
                tao_slippage: 0,
                alpha_slippage: fu64(fdiv(fx(tao), self.price())).saturating_sub(r.amount_paid_out),
            },
            Err(_) => SimSwapResult::default(),
        }
    }

    /// `SwapRuntimeApi::sim_swap_alpha_for_tao(alpha)`: a simulated sell at the minimum price
    /// (no fee-alpha author swap). Errors give all zeros; non-dynamic subnets 1:1.
    pub fn sim_swap_alpha_for_tao(&self, alpha: u64) -> SimSwapResult {
        let params = SwapParams {
            simulate: true,
            ..SwapParams::default()
        };
        match self.swap_with(SwapDirection::Sell, alpha, MIN_PRICE_RAO, false, params) {
            Ok(r) => SimSwapResult {
                tao_amount: r.amount_paid_out,
                alpha_amount: r.amount_paid_in,
                tao_fee: 0,
                alpha_fee: r.fee_paid,
                tao_slippage: fu64(fmul(fx(alpha), self.price())).saturating_sub(r.amount_paid_out),
                alpha_slippage: 0,
            },
            Err(_) => SimSwapResult::default(),
        }
    }
}

/// A rao-per-alpha limit as the swap engine sees it: `fdiv(fx(limit), fx(10^9))`.
pub fn limit_to_fixed(limit_price: u64) -> U64F64 {
    fdiv(fx(limit_price), fx(RAO_PER_UNIT))
}
