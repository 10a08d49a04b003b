//! Amount guards run before anything is signed. Pure functions of values read at the plan's
//! block, so a refusal names the exact amounts.

use crate::chain::AccountInfo;
use crate::stake::{MIN_STAKE, Pool, StakeError};

use super::{WalletConfig, WalletError, Warning};

/// The free balance must cover `spend + fee + tip`; with `keep_alive` the existential deposit
/// (or the frozen part, if larger) must remain. Without `keep_alive` a balance left below the
/// existential deposit gives [`Warning::AccountReaped`].
pub fn check_spendable(
    account: &AccountInfo,
    existential_deposit: u64,
    spend: u64,
    fee_and_tip: u64,
    keep_alive: bool,
) -> Result<Option<Warning>, WalletError> {
    let needed = spend.saturating_add(fee_and_tip);
    let kept = if keep_alive {
        account.frozen.max(existential_deposit)
    } else {
        account.frozen
    };
    let available = account.free.saturating_sub(kept);
    if needed > available {
        return Err(WalletError::InsufficientBalance { needed, available });
    }
    let remaining = account.free - needed;
    Ok((!keep_alive && remaining < existential_deposit)
        .then_some(Warning::AccountReaped { remaining }))
}

/// Unstaking or moving `requested` alpha from a position holding `available`.
pub fn check_position(requested: u64, available: u64) -> Result<(), WalletError> {
    if requested == 0 {
        return Err(WalletError::ZeroAmount);
    }
    if requested > available {
        return Err(WalletError::InsufficientStake {
            requested,
            available,
        });
    }
    Ok(())
}

/// The chain's minimum for staking `tao` into `pool`: at least `2_000_000 + fee(2_000_000)`,
/// and the swap must put at least 2_000_000 rao into the pool and return alpha.
pub fn check_stake_minimum(pool: &Pool, tao: u64) -> Result<(), WalletError> {
    if tao == 0 {
        return Err(WalletError::ZeroAmount);
    }
    match pool.validate_add_stake(tao) {
        Err(StakeError::AmountTooLow) => Err(WalletError::BelowMinimumStake {
            amount: tao,
            minimum: MIN_STAKE.saturating_add(pool.fee(MIN_STAKE, false)),
        }),
        other => Ok(other?),
    }
}

/// The chain's minimum for unstaking `alpha` (not a full unstake): the TAO out must be at
/// least 2_000_000 rao. Reported with that TAO amount.
pub fn check_unstake_minimum(
    pool: &Pool,
    alpha: u64,
    full_unstake: bool,
) -> Result<(), WalletError> {
    if alpha == 0 {
        return Err(WalletError::ZeroAmount);
    }
    match pool.validate_remove_stake(alpha, full_unstake) {
        Err(StakeError::AmountTooLow) => Err(WalletError::BelowMinimumStake {
            amount: pool.sim_swap_alpha_for_tao(alpha).tao_amount,
            minimum: MIN_STAKE,
        }),
        other => Ok(other?),
    }
}

/// A fill-or-kill order must be executable at its limit now; a partial one warns when it
/// will be cut to `max_at_limit`.
pub fn check_fill(
    amount: u64,
    max_at_limit: u64,
    allow_partial: bool,
) -> Result<Option<Warning>, WalletError> {
    if amount <= max_at_limit {
        return Ok(None);
    }
    if allow_partial {
        return Ok(Some(Warning::PartialFill { max_at_limit }));
    }
    Err(WalletError::LimitExceeded {
        amount,
        max_at_limit,
    })
}

/// Thin-pool and price-impact warnings for a swap on `netuid`.
pub fn pool_warnings(
    config: &WalletConfig,
    netuid: u16,
    pool: &Pool,
    impact_ppb: u64,
) -> alloc::vec::Vec<Warning> {
    let mut out = alloc::vec::Vec::new();
    if pool.is_dynamic() && pool.tao_reserve < config.thin_pool_tao {
        out.push(Warning::ThinPool {
            netuid,
            tao_reserve: pool.tao_reserve,
        });
    }
    if impact_ppb > config.high_impact_ppb {
        out.push(Warning::HighPriceImpact { netuid, impact_ppb });
    }
    out
}
