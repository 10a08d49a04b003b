# Formatting and lints, warnings are errors.
set -euo pipefail
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p taolight-core --no-default-features -- -D warnings
cargo clippy -p taolight-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
