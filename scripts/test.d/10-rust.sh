# Rust unit, property and integration tests of the root workspace (native).
set -euo pipefail
# Every target (benches and examples too) is built first, so all of them are linted (see
# scripts/test.sh); then the tests run.
cargo test --workspace --all-targets --no-run
cargo test --workspace
# The pure modules must also build without std (they are reused in the devnet runtime).
cargo build -p taolight-core --no-default-features
