# The light client compiled to wasm32 (issue #5) against the devnet: bindings-wasm/tests/chain.rs
# run by wasm-bindgen-test in Node, in headless Chromium (a page) and in a dedicated Web Worker in
# headless Chromium. Each run is built with the node's addresses (TAOLIGHT_DEVNET_WS_ADDR: its
# `/ws` p2p listener, the light client's only bootnode; TAOLIGHT_DEVNET_RPC_HTTP: its JSON-RPC,
# for the comparison) and with the JS global it must find itself in (TAOLIGHT_WASM_EXPECT_GLOBAL),
# so a runner falling back to another environment fails. Respects DEVNET_RPC_PORT /
# DEVNET_P2P_PORT / DEVNET_WS_PORT / DEVNET_RUN_DIR; the node is stopped even on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh

scripts/devnet.sh build >/dev/null
export DEVNET_RUN_DIR="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
# A debug node builds its genesis state before its first block: minutes on a loaded machine.
export DEVNET_START_TIMEOUT="${DEVNET_START_TIMEOUT:-600}"
# The browser runner's budget for a whole test binary (its default, 20 s, is less than a debug
# wasm light client needs to sync on a loaded machine). Generous, not asserted: the waits inside
# the tests end on smoldot's own verdicts (no peers 30 s, no progress 45 s).
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-600}"
# Node 20 has no global WebSocket unless started with --experimental-websocket (Node 22 has it);
# wasm-bindgen-test-runner passes NODE_ARGS (comma-separated) to node.
if (($(node -p 'process.versions.node.split(".")[0]') < 22)); then
  export NODE_ARGS=--experimental-websocket
fi

trap 'scripts/devnet.sh stop' EXIT
scripts/devnet.sh start --chain devnet >/dev/null
state="$DEVNET_RUN_DIR/state.env"
TAOLIGHT_DEVNET_WS_ADDR=$(sed -n 's/^P2P_WS_ADDR=//p' "$state")
TAOLIGHT_DEVNET_RPC_HTTP=$(sed -n 's/^RPC_HTTP=//p' "$state")
export TAOLIGHT_DEVNET_WS_ADDR TAOLIGHT_DEVNET_RPC_HTTP
echo "devnet: ws $TAOLIGHT_DEVNET_WS_ADDR, rpc $TAOLIGHT_DEVNET_RPC_HTTP"

# Node exits with status 0 when nothing is pending any more, even mid-test (a future waiting on
# nothing): the runner then reports success without a result line. Require the line.
out=$(mktemp)
trap 'rm -f "$out"; scripts/devnet.sh stop' EXIT
suite() { # suite <label> <expected JS global> <env...> -- <wasm-pack args...>
  local label=$1 global=$2
  shift 2
  echo "--- $label ---"
  env TAOLIGHT_WASM_EXPECT_GLOBAL="$global" "$@" --mode no-install bindings-wasm --test chain \
    -- --nocapture 2>&1 | tee "$out"
  grep -q '^test result: ok\.' "$out" || { echo "$label: no 'test result: ok' line" >&2; exit 1; }
}
# `--mode no-install` and options before the crate path; what follows it goes to cargo / the test.
suite Node Object wasm-pack test --node
suite "headless Chromium, page" Window WASM_BINDGEN_USE_BROWSER=1 \
  wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER"
suite "headless Chromium, dedicated Web Worker" DedicatedWorkerGlobalScope \
  WASM_BINDGEN_USE_DEDICATED_WORKER=1 wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER"
