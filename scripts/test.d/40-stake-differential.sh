# core::stake vs the independent Python reference (tests/reference/stake_reference.py) on
# 10,000 seeded random pools/amounts (both power paths, fees 0..=10000, limits, partial
# fills, max amounts, errors). Override with STAKE_DIFF_SEED / STAKE_DIFF_CASES.
set -euo pipefail
# stake and amount are pure no_std + alloc (the devnet runtime reuses them): also on wasm32.
cargo build -q -p taolight-core --no-default-features --target wasm32-unknown-unknown
# Debug profile: the same artefact `cargo test --workspace` (stage 10) already built; the
# maths runs in safe-bigmath/num-bigint, which the dev profile optimizes (opt-level 2).
cargo build -q -p taolight-core --example stake_vectors
(cd tests/reference && ../../.venv/bin/python -m pytest -q -s -p no:cacheprovider test_stake_differential.py)
