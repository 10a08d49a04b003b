# Light client end to end on the devnet (issue #5): for each chain variant (devnet.json with
# Finney's stub BabeApi, devnet-plain.json without), start the node (scripts/devnet.sh; respects
# DEVNET_RPC_PORT / DEVNET_P2P_PORT / DEVNET_WS_PORT / DEVNET_RUN_DIR), make a checkpoint from it
# with the chain_checkpoint example, run the ignored native tests of every
# core/tests/chain_devnet_*.rs against it, then npm smoldot 3.4.1 (unpatched) on the same node.
# The node-kill test runs last (it restarts the node). The node is stopped even on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh

# Build everything before a node runs (the tests wait on the chain, not on the compiler).
cargo build -q -p taolight-core --example chain_checkpoint
cargo test -q -p taolight-core --test 'chain_devnet_*' --no-run
scripts/devnet.sh build >/dev/null

export DEVNET_RUN_DIR="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
export TAOLIGHT_DEVNET_STATE="$DEVNET_RUN_DIR/state.env"
export TAOLIGHT_DEVNET_CHECKPOINT="$DEVNET_RUN_DIR/checkpoint.json"
# A debug node builds its genesis state before its first block: minutes on a loaded machine.
export DEVNET_START_TIMEOUT="${DEVNET_START_TIMEOUT:-600}"
trap 'scripts/devnet.sh stop' EXIT

for chain in devnet devnet-plain; do
  echo "--- light client on $chain ---"
  scripts/devnet.sh start --chain "$chain" >/dev/null
  # shellcheck disable=SC1090
  RPC_HTTP=$(sed -n 's/^RPC_HTTP=//p' "$TAOLIGHT_DEVNET_STATE")
  "$(taolight_target_dir)/debug/examples/chain_checkpoint" "$RPC_HTTP" >"$TAOLIGHT_DEVNET_CHECKPOINT"
  echo "checkpoint: $(head -c 200 "$TAOLIGHT_DEVNET_CHECKPOINT")..."
  cargo test -p taolight-core --test 'chain_devnet_*' -- --ignored --test-threads=1 \
    --skip node_killed_during_sync
  node --test --test-force-exit --test-concurrency=1 tests/devnet/smoldot-npm.test.mjs
  if [[ $chain == devnet ]]; then
    cargo test -p taolight-core --test chain_devnet_e2e -- --ignored --test-threads=1 \
      node_killed_during_sync
  fi
  scripts/devnet.sh stop
done
