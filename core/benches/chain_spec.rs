//! What a light-client start costs before any network traffic: parsing and sanitizing a raw chain
//! spec (which includes its genesis hash), re-pointing its bootnodes, and smoldot's own parse and
//! genesis chain information when the chain is added, on the devnet spec (3.9 MB, plain wasm
//! runtime) and the published Bittensor testnet spec (0.6 MB, zstd-compressed runtime).
//!
//!   cargo bench -p taolight-core --bench chain_spec
//!
//! Results: BENCHMARKS.md, "chain spec (native)".

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use taolight_core::chain::ChainSpec;

/// A peer id in the right format (the devnet node's); only the syntax matters here.
const BOOTNODE: &str =
    "/ip4/127.0.0.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";

fn repo_file(path: &str) -> String {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    std::fs::read_to_string(manifest.join("..").join(path)).expect("spec file readable")
}

fn spec(c: &mut Criterion) {
    let specs = [
        ("devnet-plain", repo_file("chain-specs/devnet-plain.json")),
        (
            "testfinney",
            repo_file("../shared/data/chain-specs/testfinney-raw.json"),
        ),
    ];
    let mut g = c.benchmark_group("chain_spec");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for (name, text) in &specs {
        g.bench_function(format!("from_json/{name}"), |b| {
            b.iter(|| ChainSpec::from_json(text).unwrap())
        });
        let parsed = ChainSpec::from_json(text).unwrap();
        g.bench_function(format!("set_bootnodes/{name}"), |b| {
            b.iter(|| parsed.clone().set_bootnodes([BOOTNODE]).unwrap())
        });
        // For comparison: what smoldot spends building the genesis chain information when the
        // chain is added (it runs the genesis runtime); `from_json` computes the genesis hash
        // without it.
        let json = parsed.to_json();
        g.bench_function(format!("smoldot_parse_and_chain_information/{name}"), |b| {
            b.iter(|| {
                smoldot::chain_spec::ChainSpec::from_json_bytes(&json)
                    .unwrap()
                    .to_chain_information()
                    .unwrap()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, spec);
criterion_main!(benches);
