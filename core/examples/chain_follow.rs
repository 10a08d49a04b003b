//! Starts the light client on a chain spec, follows it until its finalized block reaches a
//! given number and it is `Ready` there, and prints what happened as one JSON line:
//! milliseconds from start to the first finalized block reported at or past the target
//! (`ms_to_finalized`), to `Ready` with such a block (`ms_to_ready`) and to `Ready` at any
//! finalized block (`ms_to_first_ready`: a warm start is ready at the database's block, or one
//! a little newer, before the chain's next GRANDPA commit reaches it), the time spent before
//! the client runs (`ms_spec_parsed`: spec read, parsed and re-pointed; `ms_to_started`:
//! [`LightClient::start`] returned), the statuses seen, the peak resident memory of the process.
//! Used by `scripts/bench/lightclient.sh` (cold vs warm start, native vs npm smoldot).
//!
//! ```sh
//! cargo run --release -p taolight-core --example chain_follow -- \
//!   chain-specs/devnet-plain.json /ip4/127.0.0.1/tcp/30333/p2p/12D3Koo... \
//!   [--until N] [--database IN] [--save-database OUT]
//! ```
//!
//! `--until N` (default 1): the finalized block number to wait for. `--database IN`: start from
//! a database saved by `--save-database OUT` on an earlier run. `CHAIN_FOLLOW_LOG=debug` (or
//! `info`, `trace`) prints smoldot's own log lines to stderr, each with the milliseconds since
//! start, to see where a start spends its time.

use std::{process::ExitCode, time::Instant};

use futures_executor::block_on;
use taolight_core::chain::{ChainSpec, LightClient, LightClientConfig, Phase, SavedDatabase};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: chain_follow SPEC.json BOOTNODE [--until N] [--database IN] \
                 [--save-database OUT]";
    let (spec_path, bootnode) = match args.as_slice() {
        [s, b, ..] => (s.clone(), b.clone()),
        _ => return Err(usage.into()),
    };
    let mut until = 1u64;
    let mut database_in = None;
    let mut database_out = None;
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or(usage)?;
        match flag.as_str() {
            "--until" => until = value.parse().map_err(|e| format!("--until: {e}"))?,
            "--database" => database_in = Some(value.clone()),
            "--save-database" => database_out = Some(value.clone()),
            _ => return Err(usage.into()),
        }
    }

    let started = Instant::now();
    if let Ok(level) = std::env::var("CHAIN_FOLLOW_LOG") {
        let level: log::LevelFilter = level.parse().map_err(|_| "CHAIN_FOLLOW_LOG: bad level")?;
        log::set_logger(Box::leak(Box::new(StderrLogger { started })))
            .map_err(|e| format!("logger: {e}"))?;
        log::set_max_level(level);
    }
    let text = std::fs::read_to_string(&spec_path).map_err(|e| format!("{spec_path}: {e}"))?;
    let mut spec = ChainSpec::from_json(&text).map_err(|e| e.to_string())?;
    spec.set_bootnodes([bootnode.as_str()])
        .map_err(|e| e.to_string())?;
    let mut config = LightClientConfig::new(spec);
    if let Some(path) = &database_in {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        config.database = Some(SavedDatabase::parse(&text).map_err(|e| e.to_string())?);
    }
    let spec_ms = started.elapsed().as_micros() as f64 / 1000.0;
    let client = LightClient::start(config).map_err(|e| e.to_string())?;
    let start_ms = started.elapsed().as_micros() as f64 / 1000.0;
    eprintln!("spec parsed at {spec_ms:.1} ms, LightClient::start returned at {start_ms:.1} ms");
    let mut status = client.status();
    let mut ready_ms = None;
    let mut first_ready_ms = None;
    let mut first_finalized = None;
    let mut warp_syncing = false;
    let mut events = 0u32;
    let mut reached: Option<(u128, u64)> = None;
    let reached = loop {
        let s = block_on(status.next()).ok_or("client stopped")?;
        events += 1;
        let ms = started.elapsed().as_millis();
        eprintln!("{ms:>7} ms {s:?}");
        if let Phase::WarpSyncing { .. } = s.phase {
            warp_syncing = true;
        }
        if s.phase == Phase::Ready && s.finalized.is_some() && first_ready_ms.is_none() {
            first_ready_ms = Some(ms);
        }
        if s.phase == Phase::Ready
            && s.finalized.is_some_and(|f| f.number >= until)
            && ready_ms.is_none()
        {
            ready_ms = Some(ms);
        }
        if let Some(f) = s.finalized {
            first_finalized.get_or_insert(f.number);
            if f.number >= until && reached.is_none() {
                reached = Some((ms, f.number));
            }
        }
        // Done once the target is finalized and the client is ready (reads possible).
        if let (Some(r), Some(_)) = (reached, ready_ms) {
            break r;
        }
    };
    if let Some(path) = &database_out {
        let db = block_on(client.save_database(usize::MAX)).map_err(|e| e.to_string())?;
        std::fs::write(path, db.as_str()).map_err(|e| format!("{path}: {e}"))?;
    }
    client.stop();
    println!(
        "{}",
        serde_json::json!({
            "client": "taolight",
            "ms_to_finalized": reached.0,
            "finalized": reached.1,
            "until": until,
            "ms_to_ready": ready_ms,
            "ms_to_first_ready": first_ready_ms,
            "ms_spec_parsed": spec_ms,
            "ms_to_started": start_ms,
            "first_finalized_reported": first_finalized,
            "warp_syncing_seen": warp_syncing,
            "status_events": events,
            "database": database_in.is_some(),
            "peak_rss_kib": peak_rss_kib(),
        })
    );
    Ok(())
}

/// Prints log records to stderr with the milliseconds since start.
struct StderrLogger {
    started: Instant,
}

impl log::Log for StderrLogger {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let ms = self.started.elapsed().as_millis();
        eprintln!(
            "{ms:>7} ms [{}] {} {}",
            record.level(),
            record.target(),
            record.args()
        );
    }

    fn flush(&self) {}
}

/// Peak resident set size of this process (`VmHWM` in /proc/self/status), KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
