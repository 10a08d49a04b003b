//! Keystore unlock costs. `$NACL` (Argon2i, 512 MiB) dominates: a few samples only.
//!
//!   cargo bench -p taolight-core --bench keystore
//!
//! After the criterion groups, the same `$NACL` file is unlocked by bittensor-wallet 4.1.1
//! (tests/interop/bench_btwallet_unlock.py through the project venv, if present) so both numbers
//! come from one run on the same machine. Results: BENCHMARKS.md, "keystore (native)".

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, criterion_group};
use taolight_core::keystore::Keyfile;
use taolight_core::keystore::pjs;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keystore")
        .join(name)
}

fn unlock(c: &mut Criterion) {
    let nacl = std::fs::read(fixture("btwallet/nacl_minimal.keyfile")).unwrap();
    let mut g = c.benchmark_group("keystore_unlock");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(30));
    g.bench_function("nacl_argon2i_512MiB", |b| {
        b.iter(|| Keyfile::read(&nacl, Some("testing123!")).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("keystore_unlock_fast");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let ansible = std::fs::read(fixture("btwallet/ansible_sr25519.keyfile")).unwrap();
    g.bench_function("ansible_vault_pbkdf2_10k", |b| {
        b.iter(|| Keyfile::read(&ansible, Some("ansible_password")).unwrap())
    });
    let json = std::fs::read(fixture("pjs/sr25519_stool_default.json")).unwrap();
    g.bench_function("polkadot_js_scrypt_n2e17", |b| {
        b.iter(|| pjs::import(&json, "pjs_password").unwrap())
    });
    g.finish();
}

criterion_group!(benches, unlock);

fn btwallet_reference() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
            .join("..");
    let python = root.join(".venv/bin/python");
    if !python.exists() {
        eprintln!("btwallet reference skipped: no .venv (run scripts/setup.sh)");
        return;
    }
    let out = Command::new(python)
        .arg(root.join("tests/interop/bench_btwallet_unlock.py"))
        .arg(fixture("btwallet/nacl_minimal.keyfile"))
        .arg("testing123!")
        .arg("5")
        .output()
        .expect("run bench_btwallet_unlock.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or("");
    println!("btwallet reference, same $NACL file: {line}");
}

fn main() {
    benches();
    btwallet_reference();
    Criterion::default().configure_from_args().final_summary();
}
