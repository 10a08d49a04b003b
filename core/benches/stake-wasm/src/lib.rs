//! The measured loop: `n` `sim_swap_tao_for_alpha` quotes with pseudo-random amounts on a pool
//! whose power routine takes the exact path (w2 = 0.5) or the ln/exp series (arbitrary w2).
//! Exported to wasm as `quotes_exact(n)` / `quotes_fallback(n)`; returns a checksum so the
//! work cannot be optimized away and native and wasm results can be compared.

use taolight_core::stake::Pool;

fn run(pool: Pool, n: u32) -> u64 {
    let mut amount = 1_000_000_000u64;
    let mut checksum = 0u64;
    for _ in 0..n {
        amount = amount.wrapping_mul(6364136223846793005).wrapping_add(1) % 100_000_000_000_000
            + 2_000_000;
        checksum = checksum.wrapping_add(pool.sim_swap_tao_for_alpha(amount).alpha_amount);
    }
    checksum
}

/// Pool on the exact power path (w2 = 0.5).
pub fn exact_pool() -> Pool {
    Pool::with_defaults(1_000_000_000_000, 4_000_000_000_000)
}

/// Pool on the series fallback path (w2 = 0.499123456789012345).
pub fn fallback_pool() -> Pool {
    Pool {
        quote_weight: 499_123_456_789_012_345,
        ..Pool::with_defaults(123_456_789_012_345, 987_654_321_098_765)
    }
}

/// `n` quotes on the exact path; returns the checksum of the alpha outputs.
#[unsafe(no_mangle)]
pub extern "C" fn quotes_exact(n: u32) -> u64 {
    run(exact_pool(), n)
}

/// `n` quotes on the fallback path; returns the checksum of the alpha outputs.
#[unsafe(no_mangle)]
pub extern "C" fn quotes_fallback(n: u32) -> u64 {
    run(fallback_pool(), n)
}
