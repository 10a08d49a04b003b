# Rust unit, property and integration tests of the root workspace (native).
set -euo pipefail
cargo test --workspace
# The pure modules must also build without std (they are reused in the devnet runtime).
cargo build -p taolight-core --no-default-features
