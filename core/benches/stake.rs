//! Native benchmarks of `taolight_core::stake`: quotes per second on the exact power path
//! (w2 = 0.5) and on the ln/exp series fallback (arbitrary weight), plus a full wallet quote
//! and limit sizing.
//!
//! Run: `cargo bench -p taolight-core --bench stake`. Results go in BENCHMARKS.md ("stake").

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use taolight_core::stake::Pool;

fn exact_pool() -> Pool {
    Pool::new(
        1_000_000_000_000,
        4_000_000_000_000,
        500_000_000_000_000_000,
        33,
        1,
    )
    .unwrap()
}

fn fallback_pool() -> Pool {
    Pool::new(
        123_456_789_012_345,
        987_654_321_098_765,
        499_123_456_789_012_345,
        33,
        1,
    )
    .unwrap()
}

fn bench_stake(c: &mut Criterion) {
    let mut g = c.benchmark_group("stake");
    g.throughput(Throughput::Elements(1));
    for (name, pool) in [("exact_w0.5", exact_pool()), ("fallback", fallback_pool())] {
        let mut amount = 1_000_000_000u64;
        g.bench_function(format!("sim_swap_tao_for_alpha/{name}"), |b| {
            b.iter(|| {
                amount = amount.wrapping_mul(6364136223846793005).wrapping_add(1)
                    % 100_000_000_000_000
                    + 2_000_000;
                black_box(pool.sim_swap_tao_for_alpha(black_box(amount)))
            })
        });
        g.bench_function(format!("sim_swap_alpha_for_tao/{name}"), |b| {
            b.iter(|| {
                amount = amount.wrapping_mul(6364136223846793005).wrapping_add(1)
                    % 100_000_000_000_000
                    + 2_000_000;
                black_box(pool.sim_swap_alpha_for_tao(black_box(amount)))
            })
        });
        let limit = pool.current_alpha_price() / 100 * 101;
        g.bench_function(format!("max_amount_add/{name}"), |b| {
            b.iter(|| black_box(pool.max_amount_add(black_box(limit))))
        });
        g.bench_function(format!("quote_stake/{name}"), |b| {
            b.iter(|| black_box(pool.quote_stake(black_box(10_000_000_000), 5_000_000)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_stake);
criterion_main!(benches);
