//! Property tests of `taolight_core::stake`: the pool never pays out more than it should,
//! limits hold, rounding favours the pool, outputs are monotonic, and bad input never panics.

use num_bigint::BigUint;
use proptest::prelude::*;
use taolight_core::stake::{
    MAX_PRICE_RAO, MIN_PRICE_RAO, Pool, StakeError, SwapDirection, limit_to_fixed, max_amount_move,
    quote_move,
};

const E18: u64 = 1_000_000_000_000_000_000;

/// Quote weights on the exact power path, with their reduced buy exponent w2/w1 = p/q.
const EXACT: [(u64, u32, u32); 5] = [
    (E18 / 2, 1, 1),
    (E18 / 4, 1, 3),
    (E18 / 4 * 3, 3, 1),
    (E18 / 10 * 6, 3, 2),
    (E18 / 10 * 4, 2, 3),
];

fn weight() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(E18 / 2),
        (0usize..EXACT.len()).prop_map(|i| EXACT[i].0),
        (E18 / 100..=E18 / 100 * 99),
        (E18 / 2 - E18 / 50..E18 / 2 + E18 / 50),
    ]
}

/// A dynamic pool with realistic reserves (1e6 .. 1e17 rao) and any legal fee.
fn dynamic_pool() -> impl Strategy<Value = Pool> {
    (
        1_000_000u64..100_000_000_000_000_000,
        1_000_000u64..100_000_000_000_000_000,
        weight(),
        0u16..=10_000,
    )
        .prop_map(|(y, x, w, fee)| Pool::new(y, x, w, fee, 1).expect("valid"))
}

fn big(v: u64) -> BigUint {
    BigUint::from(v)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// Buying then selling what was bought never returns more TAO than was paid.
    #[test]
    fn round_trip_never_profits(p in dynamic_pool(), frac in 1u64..1_000_000) {
        let amount = (u128::from(p.tao_reserve) * u128::from(frac) / 10_000) as u64 + 1;
        let Ok(buy) = p.swap(SwapDirection::Buy, amount, MAX_PRICE_RAO, false) else { return Ok(()) };
        let mut after = p;
        after.apply(SwapDirection::Buy, &buy);
        if let Ok(sell) = after.swap(SwapDirection::Sell, buy.amount_paid_out, MIN_PRICE_RAO, false) {
            prop_assert!(sell.amount_paid_out <= amount, "{} > {}", sell.amount_paid_out, amount);
            prop_assert!(sell.amount_paid_out <= buy.amount_paid_in);
        }
    }

    /// Outputs never exceed the output reserve, and input consumed never exceeds the offer
    /// on a full fill.
    #[test]
    fn outputs_within_reserves(p in dynamic_pool(), amount in any::<u64>(), sell in any::<bool>(), drop in any::<bool>()) {
        let (dir, limit, reserve_out) = if sell {
            (SwapDirection::Sell, MIN_PRICE_RAO, p.tao_reserve)
        } else {
            (SwapDirection::Buy, MAX_PRICE_RAO, p.alpha_reserve)
        };
        if let Ok(r) = p.swap(dir, amount, limit, drop) {
            prop_assert!(r.amount_paid_out <= reserve_out);
            prop_assert!(r.amount_consumed() <= amount);
        }
    }

    /// A fill at a limit never moves the pool price past that limit, and never consumes more
    /// than the fill-or-kill maximum for that limit.
    #[test]
    fn partial_fill_never_crosses_limit(p in dynamic_pool(), bp in 1u64..2_000, amount in any::<u64>(), sell in any::<bool>()) {
        let spot = p.current_alpha_price();
        let (dir, limit) = if sell {
            (SwapDirection::Sell, spot * (10_000 - bp.min(9_999)) / 10_000)
        } else {
            (SwapDirection::Buy, spot / 10_000 * (10_000 + bp) + spot % 10_000 * (10_000 + bp) / 10_000 + 1)
        };
        let Ok(r) = p.swap(dir, amount, limit, false) else { return Ok(()) };
        let mut after = p;
        after.apply(dir, &r);
        let lim = limit_to_fixed(limit);
        match dir {
            SwapDirection::Buy => prop_assert!(after.price() <= lim, "price {} above limit {}", after.price(), lim),
            SwapDirection::Sell => prop_assert!(after.price() >= lim, "price {} below limit {}", after.price(), lim),
        }
        let max = match dir {
            SwapDirection::Buy => p.max_amount_add(limit),
            SwapDirection::Sell => p.max_amount_remove(limit),
        };
        if let Ok(max) = max {
            prop_assert!(r.amount_consumed() <= max.max(amount.min(max)));
        }
    }

    /// Rounding favours the pool: on exact-path weights the integer output never exceeds the
    /// real output x·(1 − (y/(y+d))^(p/q)), checked exactly in big integers.
    #[test]
    fn rounding_favours_pool_exact(i in 0usize..EXACT.len(), y in 1_000_000u64..1_000_000_000_000_000, x in 1_000_000u64..1_000_000_000_000_000, frac in 1u64..100_000, fee in 0u16..=10_000) {
        let (w, p_exp, q_exp) = EXACT[i];
        let pool = Pool::new(y, x, w, fee, 1).expect("valid");
        let d = (u128::from(y) * u128::from(frac) / 10_000) as u64 + 1;
        let out = pool.alpha_out(d);
        // out ≤ x(1 − r^(p/q)), r = y/(y+d)  ⇔  (x − out)^q · (y+d)^p ≥ x^q · y^p
        let lhs = big(x - out).pow(q_exp) * big(y + d).pow(p_exp);
        let rhs = big(x).pow(q_exp) * big(y).pow(p_exp);
        prop_assert!(lhs >= rhs, "alpha_out {} rounds against the pool", out);
        // Sell side: exponent w1/w2 = q/p.
        let t = pool.tao_out(d);
        let lhs = big(y - t).pow(p_exp) * big(x + d).pow(q_exp);
        let rhs = big(y).pow(p_exp) * big(x).pow(q_exp);
        prop_assert!(lhs >= rhs, "tao_out {} rounds against the pool", t);
    }

    /// Rounding favours the pool on any weight: the output is never better than the spot
    /// price (the marginal price only worsens along the trade).
    #[test]
    fn never_better_than_spot(p in dynamic_pool(), frac in 1u64..100_000) {
        let d = (u128::from(p.tao_reserve) * u128::from(frac) / 10_000) as u64 + 1;
        let (w1, w2) = (p.base_weight(), p.quote_weight);
        // alpha_out ≤ d / price = d·x·w2 / (y·w1)
        let out = p.alpha_out(d);
        prop_assert!(big(out) * big(p.tao_reserve) * big(w1) <= big(d) * big(p.alpha_reserve) * big(w2));
        let da = (u128::from(p.alpha_reserve) * u128::from(frac) / 10_000) as u64 + 1;
        let t = p.tao_out(da);
        prop_assert!(big(t) * big(p.alpha_reserve) * big(w2) <= big(da) * big(p.tao_reserve) * big(w1));
    }

    /// More input never gives less output.
    #[test]
    fn monotonic_in_amount(p in dynamic_pool(), a in 1u64..1_000_000_000_000_000, b in 1u64..1_000_000_000_000_000, sell in any::<bool>()) {
        let (lo, hi) = (a.min(b), a.max(b));
        let (dir, limit) = if sell { (SwapDirection::Sell, MIN_PRICE_RAO) } else { (SwapDirection::Buy, MAX_PRICE_RAO) };
        let out = |v: u64| match p.swap(dir, v, limit, false) {
            Ok(r) => Some(r.amount_paid_out),
            Err(StakeError::ReservesTooLow) => Some(0),
            Err(_) => None,
        };
        if let (Some(o_lo), Some(o_hi)) = (out(lo), out(hi)) {
            prop_assert!(o_lo <= o_hi, "out({lo}) = {o_lo} > out({hi}) = {o_hi}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    /// Arbitrary (including invalid) inputs give a value or a typed error, never a panic.
    #[test]
    fn arbitrary_input_never_panics(
        y in any::<u64>(), x in any::<u64>(), w in any::<u64>(), fee in any::<u16>(), mech in 0u16..3,
        amount in any::<u64>(), limit in any::<u64>(), drop in any::<bool>(),
    ) {
        let raw = Pool { tao_reserve: y, alpha_reserve: x, quote_weight: w, fee_rate: fee, mechanism: mech };
        match Pool::new(y, x, w, fee, mech) {
            Ok(p) => prop_assert_eq!(p, raw),
            Err(e) => prop_assert!(matches!(e, StakeError::InvalidWeight | StakeError::InvalidFeeRate)),
        }
        let _ = raw.price_bits();
        let _ = raw.current_alpha_price();
        let _ = raw.swap(SwapDirection::Buy, amount, limit, drop);
        let _ = raw.swap(SwapDirection::Sell, amount, limit, drop);
        let _ = raw.max_amount_add(limit);
        let _ = raw.max_amount_remove(limit);
        let _ = raw.sim_swap_tao_for_alpha(amount);
        let _ = raw.sim_swap_alpha_for_tao(amount);
        let _ = raw.quote_stake(amount, limit % 1_000_000_000);
        let _ = raw.quote_unstake(amount, limit % 1_000_000_000);
        let _ = max_amount_move(&raw, &Pool { mechanism: 1, ..raw }, limit);
        let _ = quote_move(&raw, &Pool { mechanism: 1, ..raw }, amount, drop, 5_000_000);
        let mut m = raw;
        let _ = m.add_stake(amount);
        let _ = m.remove_stake_limit(amount, limit, drop, false);
    }
}
