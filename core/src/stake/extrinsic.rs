//! What one staking extrinsic does to a pool: the pool-side checks of `add_stake[_limit]`,
//! `remove_stake[_limit]` and cross-subnet moves, the swaps they execute and the resulting
//! reserves (including the sell-side fee-alpha swap to the block author).
//!
//! Account-side checks (balances, hotkey existence, subtoken switch, locks, rate limits)
//! are outside this pure module; the runtime that embeds it keeps them.

use super::error::StakeError;
use super::pool::Pool;
use super::swap::{SwapDirection, SwapResult};
use super::{MAX_PRICE_RAO, MAX_SWAP_INPUT_RESERVE_MULTIPLIER, MIN_PRICE_RAO, MIN_STAKE};

/// Result of staking TAO into a pool (`stake_into_subnet`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct StakeOutcome {
    /// The buy swap (`amount_paid_in` TAO entered the pool, `amount_paid_out` alpha credited).
    pub swap: SwapResult,
    /// TAO taken from the staker: `amount_paid_in + fee_paid`.
    pub tao_spent: u64,
    /// TAO fee transferred to the block author (never enters `SubnetTAO`).
    pub author_tao: u64,
}

/// Result of unstaking alpha from a pool (`unstake_from_subnet`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct UnstakeOutcome {
    /// The sell swap (`amount_paid_in` alpha entered the pool, `amount_paid_out` TAO to the user).
    pub swap: SwapResult,
    /// Alpha fee sold fee-less into the same pool for the block author (0 if none or if that
    /// second swap failed, in which case the fee alpha is burned).
    pub author_alpha_sold: u64,
    /// TAO the block author receives for the fee alpha.
    pub author_tao: u64,
    /// Alpha debited from the stake: `amount_paid_in + fee_paid` (a partial fill refunds the rest).
    pub alpha_spent: u64,
}

impl Pool {
    /// Pool-side checks of `add_stake` for `amount` TAO, in the chain's order:
    /// `amount ≤ SubnetTAO·1000` (`InsufficientLiquidity`), `amount ≥ 2_000_000 + fee(2_000_000)`
    /// (`AmountTooLow`), then a simulated buy must swap at least 2_000_000 rao and return alpha
    /// (`AmountTooLow`).
    pub fn validate_add_stake(&self, amount: u64) -> Result<(), StakeError> {
        self.validate()?;
        if amount
            > self
                .tao_reserve
                .saturating_mul(MAX_SWAP_INPUT_RESERVE_MULTIPLIER)
            && self.is_dynamic()
        {
            return Err(StakeError::InsufficientLiquidity);
        }
        if amount < MIN_STAKE.saturating_add(self.fee(MIN_STAKE, false)) {
            return Err(StakeError::AmountTooLow);
        }
        let sim = self.sim_swap_tao_for_alpha(amount);
        if sim.tao_amount < MIN_STAKE || sim.alpha_amount == 0 {
            return Err(StakeError::AmountTooLow);
        }
        Ok(())
    }

    /// Pool-side checks of `remove_stake` for `alpha`: non-zero (`ZeroAmount`); unless it is a
    /// full unstake, the simulated TAO out must be at least 2_000_000 (`AmountTooLow`);
    /// `alpha ≤ SubnetAlphaIn·1000` (`InsufficientLiquidity`).
    pub fn validate_remove_stake(&self, alpha: u64, full_unstake: bool) -> Result<(), StakeError> {
        self.validate()?;
        if alpha == 0 {
            return Err(StakeError::ZeroAmount);
        }
        if !full_unstake && self.sim_swap_alpha_for_tao(alpha).tao_amount < MIN_STAKE {
            return Err(StakeError::AmountTooLow);
        }
        if self.is_dynamic()
            && alpha
                > self
                    .alpha_reserve
                    .saturating_mul(MAX_SWAP_INPUT_RESERVE_MULTIPLIER)
        {
            return Err(StakeError::InsufficientLiquidity);
        }
        Ok(())
    }

    /// `stake_into_subnet`: buys alpha with `tao` at `limit_price` and updates the reserves.
    /// Zero alpha out is `AmountTooLow`.
    pub fn stake(
        &mut self,
        tao: u64,
        limit_price: u64,
        drop_fees: bool,
    ) -> Result<StakeOutcome, StakeError> {
        let swap = self.swap(SwapDirection::Buy, tao, limit_price, drop_fees)?;
        if swap.amount_paid_out == 0 {
            return Err(StakeError::AmountTooLow);
        }
        self.apply(SwapDirection::Buy, &swap);
        Ok(StakeOutcome {
            swap,
            tao_spent: swap.amount_consumed(),
            author_tao: swap.fee_to_block_author,
        })
    }

    /// `unstake_from_subnet`: sells `alpha` at `limit_price`, updates the reserves, then sells
    /// the alpha fee fee-less at the minimum price for the block author (the pool moves twice).
    pub fn unstake(
        &mut self,
        alpha: u64,
        limit_price: u64,
        drop_fees: bool,
    ) -> Result<UnstakeOutcome, StakeError> {
        let swap = self.swap(SwapDirection::Sell, alpha, limit_price, drop_fees)?;
        self.apply(SwapDirection::Sell, &swap);
        let mut outcome = UnstakeOutcome {
            swap,
            alpha_spent: swap.amount_consumed(),
            ..UnstakeOutcome::default()
        };
        if swap.fee_to_block_author > 0
            && let Ok(author) = self.swap(
                SwapDirection::Sell,
                swap.fee_to_block_author,
                MIN_PRICE_RAO,
                true,
            )
        {
            self.apply(SwapDirection::Sell, &author);
            outcome.author_alpha_sold = author.amount_paid_in;
            outcome.author_tao = author.amount_paid_out;
        }
        Ok(outcome)
    }

    /// `add_stake` (no limit): checks, then [`Pool::stake`] at the maximum price.
    pub fn add_stake(&mut self, tao: u64) -> Result<StakeOutcome, StakeError> {
        self.validate_add_stake(tao)?;
        self.stake(tao, MAX_PRICE_RAO, false)
    }

    /// `add_stake_limit`: executable amount `max = get_max_amount_add(limit)`; fill-or-kill
    /// fails with `SlippageTooHigh` when `tao > max`; otherwise stakes `min(tao, max)` at the limit.
    pub fn add_stake_limit(
        &mut self,
        tao: u64,
        limit_price: u64,
        allow_partial: bool,
    ) -> Result<StakeOutcome, StakeError> {
        let max = self.max_amount_add(limit_price)?;
        if !allow_partial && tao > max {
            return Err(StakeError::SlippageTooHigh);
        }
        let amount = tao.min(max);
        self.validate_add_stake(amount)?;
        self.stake(amount, limit_price, false)
    }

    /// `remove_stake` (no limit) of `alpha` (already capped at the live stake by the caller):
    /// checks, then [`Pool::unstake`] at the minimum price.
    pub fn remove_stake(
        &mut self,
        alpha: u64,
        full_unstake: bool,
    ) -> Result<UnstakeOutcome, StakeError> {
        self.validate_remove_stake(alpha, full_unstake)?;
        self.unstake(alpha, MIN_PRICE_RAO, false)
    }

    /// `remove_stake_limit`: `max = get_max_amount_remove(limit)`; fill-or-kill fails with
    /// `SlippageTooHigh` when `alpha > max`; otherwise unstakes `min(alpha, max)` at the limit.
    pub fn remove_stake_limit(
        &mut self,
        alpha: u64,
        limit_price: u64,
        allow_partial: bool,
        full_unstake: bool,
    ) -> Result<UnstakeOutcome, StakeError> {
        let max = self.max_amount_remove(limit_price)?;
        if !allow_partial && alpha > max {
            return Err(StakeError::SlippageTooHigh);
        }
        let amount = alpha.min(max);
        self.validate_remove_stake(amount, full_unstake)?;
        self.unstake(amount, limit_price, false)
    }
}

/// Result of a cross-subnet move (`transition_stake_internal`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct MoveOutcome {
    /// Leg 1: origin alpha sold for TAO.
    pub unstake: UnstakeOutcome,
    /// Leg 2: that TAO staked into the destination; `None` when the TAO was below
    /// 2_000_000 rao and stays as free balance (a chain quirk).
    pub stake: Option<StakeOutcome>,
}

/// A cross-subnet move of `alpha` origin alpha: leg 1 sells at the minimum price
/// (fee-less if the origin is root), leg 2 buys at the maximum price, fee-less unless the
/// origin is root, and only if leg 1 returned at least 2_000_000 rao. Exactly one leg pays.
pub fn move_stake(
    origin: &mut Pool,
    destination: &mut Pool,
    alpha: u64,
    origin_is_root: bool,
) -> Result<MoveOutcome, StakeError> {
    let unstake = origin.unstake(alpha, MIN_PRICE_RAO, origin_is_root)?;
    let tao = unstake.swap.amount_paid_out;
    let stake = if tao >= MIN_STAKE {
        Some(destination.stake(tao, MAX_PRICE_RAO, !origin_is_root)?)
    } else {
        None
    };
    Ok(MoveOutcome { unstake, stake })
}
