//! Native run of the same loop the wasm module exports (prints quotes/s, wall and CPU).

use std::time::Instant;

use stake_wasm_bench::{quotes_exact, quotes_fallback};

/// CPU time of this thread in seconds (Linux `/proc`, 10 ms resolution): figures stay
/// meaningful on a shared, loaded machine.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn measure(name: &str, f: extern "C" fn(u32) -> u64, n: u32) {
    let cpu0 = thread_cpu_seconds();
    let t0 = Instant::now();
    let checksum = f(n);
    let wall = t0.elapsed().as_secs_f64();
    let cpu = match (cpu0, thread_cpu_seconds()) {
        (Some(a), Some(b)) => (b - a).max(0.01),
        _ => wall,
    };
    println!(
        "native {name}: {n} quotes, {wall:.3} s wall ({:.0}/s), {cpu:.2} s CPU ({:.0}/s per core), checksum {checksum}",
        f64::from(n) / wall,
        f64::from(n) / cpu
    );
}

fn main() {
    measure("exact", quotes_exact, 300_000);
    measure("fallback", quotes_fallback, 3_000);
}
