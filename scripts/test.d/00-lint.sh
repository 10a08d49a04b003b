# Formatting and lints, warnings are errors.
set -euo pipefail
cargo fmt --all --check
# The devnet is its own workspace (members only; no build, so no clippy here: that would need a
# 20+ min check build of polkadot-sdk on 2 cores).
(cd devnet && cargo fmt --check)
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p taolight-core --no-default-features -- -D warnings
cargo clippy -p taolight-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
