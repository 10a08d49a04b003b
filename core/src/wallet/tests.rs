//! Node-free tests of the wallet's pure parts: tolerance → limit price, guards, reasons.

use crate::chain::AccountInfo;
use crate::stake::{MIN_STAKE, Pool};

use super::guards::*;
use super::{InvalidReason, Slippage, WalletConfig, WalletError, Warning};

fn account(free: u64, frozen: u64) -> AccountInfo {
    AccountInfo {
        free,
        frozen,
        ..AccountInfo::default()
    }
}

#[test]
fn tolerance_converts_to_ppb_and_refuses_100_percent() {
    let s = Slippage::default();
    assert_eq!((s.tolerance_bps, s.allow_partial), (50, false));
    assert_eq!(s.tolerance_ppb(), Ok(5_000_000)); // 0.5 % of 1e9
    let max = Slippage {
        tolerance_bps: 9_999,
        allow_partial: false,
    };
    assert_eq!(max.tolerance_ppb(), Ok(999_900_000));
    let full = Slippage {
        tolerance_bps: 10_000,
        allow_partial: false,
    };
    assert_eq!(
        full.tolerance_ppb(),
        Err(WalletError::InvalidTolerance(10_000))
    );
}

#[test]
fn limit_price_from_default_tolerance() {
    // 10 TAO against 20 alpha at weight 0.5: spot 0.5 TAO/α = 500_000_000 rao.
    let pool = Pool::with_defaults(10_000_000_000, 20_000_000_000);
    assert_eq!(pool.current_alpha_price(), 500_000_000);
    let ppb = Slippage::default().tolerance_ppb().unwrap();
    // Buy: floor(spot·1.005); sell: floor(spot·0.995).
    assert_eq!(pool.buy_limit_for_tolerance(ppb), Ok(502_500_000));
    assert_eq!(pool.sell_limit_for_tolerance(ppb), Ok(497_500_000));
    // Zero tolerance still gives a limit strictly on the executable side.
    assert_eq!(pool.buy_limit_for_tolerance(0), Ok(500_000_001));
    assert_eq!(pool.sell_limit_for_tolerance(0), Ok(499_999_999));
}

#[test]
fn balance_guard_keeps_the_existential_deposit_unless_allowed_to_die() {
    let ed = 500;
    let a = account(10_000, 0);
    // keep-alive: 10_000 − 500 = 9_500 spendable for amount + fee.
    assert_eq!(check_spendable(&a, ed, 9_000, 500, true), Ok(None));
    assert_eq!(
        check_spendable(&a, ed, 9_001, 500, true),
        Err(WalletError::InsufficientBalance {
            needed: 9_501,
            available: 9_500
        })
    );
    // allow-death: everything is spendable, with a warning when the rest is below ED.
    assert_eq!(
        check_spendable(&a, ed, 9_001, 500, false),
        Ok(Some(Warning::AccountReaped { remaining: 499 }))
    );
    assert_eq!(check_spendable(&a, ed, 9_000, 500, false), Ok(None));
    assert_eq!(
        check_spendable(&a, ed, 10_000, 1, false),
        Err(WalletError::InsufficientBalance {
            needed: 10_001,
            available: 10_000
        })
    );
    // Frozen funds larger than the ED are kept instead.
    let f = account(10_000, 2_000);
    assert_eq!(
        check_spendable(&f, ed, 8_001, 0, true),
        Err(WalletError::InsufficientBalance {
            needed: 8_001,
            available: 8_000
        })
    );
}

#[test]
fn position_and_fill_guards() {
    assert_eq!(check_position(0, 5), Err(WalletError::ZeroAmount));
    assert_eq!(check_position(5, 5), Ok(()));
    assert_eq!(
        check_position(6, 5),
        Err(WalletError::InsufficientStake {
            requested: 6,
            available: 5
        })
    );
    assert_eq!(check_fill(10, 10, false), Ok(None));
    assert_eq!(
        check_fill(11, 10, false),
        Err(WalletError::LimitExceeded {
            amount: 11,
            max_at_limit: 10
        })
    );
    assert_eq!(
        check_fill(11, 10, true),
        Ok(Some(Warning::PartialFill { max_at_limit: 10 }))
    );
}

#[test]
fn minimum_stake_guard_matches_the_chain_threshold() {
    let pool = Pool::with_defaults(10_000_000_000, 20_000_000_000);
    // 2_000_000 + fee(2_000_000) at fee rate 33/65535 = 2_001_007 (subtensor-staking.md §1.9).
    let minimum = MIN_STAKE + pool.fee(MIN_STAKE, false);
    assert_eq!(minimum, 2_001_007);
    assert_eq!(check_stake_minimum(&pool, minimum), Ok(()));
    assert_eq!(
        check_stake_minimum(&pool, minimum - 1),
        Err(WalletError::BelowMinimumStake {
            amount: minimum - 1,
            minimum
        })
    );
    assert_eq!(check_stake_minimum(&pool, 0), Err(WalletError::ZeroAmount));
    // Unstake: the TAO out must reach 2_000_000 rao (alpha at 0.5 TAO/α: ~4_000_000 alpha).
    let err = check_unstake_minimum(&pool, 3_000_000, false).unwrap_err();
    assert!(
        matches!(err, WalletError::BelowMinimumStake { amount, minimum: MIN_STAKE } if amount < MIN_STAKE),
        "{err:?}"
    );
    assert_eq!(check_unstake_minimum(&pool, 3_000_000, true), Ok(()));
    assert_eq!(check_unstake_minimum(&pool, 4_100_000, false), Ok(()));
}

#[test]
fn warnings_for_thin_pools_and_high_impact() {
    let config = WalletConfig::default();
    let thin = Pool::with_defaults(1_000_000_000, 2_000_000_000);
    assert_eq!(
        pool_warnings(&config, 3, &thin, 20_000_000),
        vec![
            Warning::ThinPool {
                netuid: 3,
                tao_reserve: 1_000_000_000
            },
            Warning::HighPriceImpact {
                netuid: 3,
                impact_ppb: 20_000_000
            }
        ]
    );
    let deep = Pool::with_defaults(100_000_000_000, 200_000_000_000);
    assert_eq!(pool_warnings(&config, 3, &deep, 10_000_000), vec![]);
}

#[test]
fn invalid_reasons_have_stable_names() {
    use crate::chain::{InvalidTransaction, TransactionValidityError, UnknownTransaction};
    let invalid = |r| InvalidReason::Runtime(TransactionValidityError::Invalid(r));
    assert_eq!(invalid(InvalidTransaction::Stale).name(), "Stale");
    assert_eq!(invalid(InvalidTransaction::BadProof).name(), "BadProof");
    assert_eq!(invalid(InvalidTransaction::Custom(12)).name(), "Custom(12)");
    assert_eq!(
        InvalidReason::Runtime(TransactionValidityError::Unknown(
            UnknownTransaction::CannotLookup
        ))
        .name(),
        "Unknown(CannotLookup)"
    );
    assert_eq!(
        InvalidReason::Other("peer said no".into()).name(),
        "peer said no"
    );
}
