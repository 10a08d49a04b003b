# Formatting. Lints (clippy, warnings as errors) run during the other stages' builds.
set -euo pipefail
cargo fmt --all --check
# The devnet is its own workspace (members only; no build, so no clippy here: that would need a
# 20+ min check build of polkadot-sdk on 2 cores).
(cd devnet && cargo fmt --check)
# Clippy runs during the builds of the later stages (scripts/test.sh sets clippy-driver as the
# workspace wrapper, warnings as errors): stage 10 builds every workspace target natively and
# core without std, stages 20/25 the wasm package (tests and release), stage 40 core without
# std for wasm32.
