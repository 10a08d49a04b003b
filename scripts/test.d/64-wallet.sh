# core::wallet end to end through the light client on the devnet: every flow (stake,
# unstake, unstake_full, unstake_all[_alpha], move/transfer/swap stake, transfer keep-alive and
# allow-death, offline signature) planned, submitted and finalized, with balances, pools,
# positions and events equal to core::stake's prediction at the parent block (node RPC as the
# oracle); failure paths (below minimum, insufficient balance, position too small, unknown
# subnet, limit exceeded before signing and on chain as SlippageTooHigh, stale nonce, expired
# era). One devnet start, flows in sequence. Starts its own node (DEVNET_* env respected) and
# stops it even on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
cargo test -q -p taolight-core --lib wallet
cargo test -q -p taolight-core --test wallet_devnet --no-run
scripts/devnet.sh build >/dev/null

run_dir="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
trap 'scripts/devnet.sh stop' EXIT
# (devnet.sh start retries a node that exits during start-up.)
scripts/devnet.sh start --chain devnet
TAOLIGHT_DEVNET_STATE="$run_dir/state.env" \
  cargo test -q -p taolight-core --test wallet_devnet -- --ignored --test-threads 1 --nocapture
