# The npm package's light client as users get it (issue #7), against the devnet:
# - examples/node/check-dts-chain.mjs: the hand-written declarations of LightClient, the
#   storages, StatusEvents and the Worker proxy, checked against the built packages;
# - examples/node/lightclient.mjs: a plain Node script importing the BUILT nodejs package:
#   follows the devnet, balance / stake positions / subnets equal @polkadot/api's at the same
#   block, database saved to a FileStorage on stop and the restart loaded from it;
# - bindings-wasm/tests/npm-worker/run.mjs: the BUILT web package in headless Chromium, the
#   client in a module Worker behind LightClientProxy (storage in the page, then IndexedDB in
#   the Worker), values checked against @polkadot/api.
# The packages are release builds (wasm-opt output is cached by scripts/build-npm.sh, so
# stages 25 and 80 and this one optimise the module once). Respects DEVNET_RPC_PORT /
# DEVNET_P2P_PORT / DEVNET_WS_PORT / DEVNET_RUN_DIR; the node is stopped even on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh

scripts/devnet.sh build >/dev/null
export DEVNET_RUN_DIR="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
export DEVNET_START_TIMEOUT="${DEVNET_START_TIMEOUT:-600}"
web=$(mktemp -d)
trap 'rm -rf "$web"; scripts/devnet.sh stop' EXIT

# TAOLIGHT_NPM_BUILD_ARGS (e.g. --dev) goes to scripts/build-npm.sh: quick local runs.
read -ra build_args <<<"${TAOLIGHT_NPM_BUILD_ARGS:-}"
scripts/build-npm.sh nodejs examples/node/node_modules/taolight "${build_args[@]}"
scripts/build-npm.sh web "$web" "${build_args[@]}"
node examples/node/check-dts-chain.mjs "$web"

scripts/devnet.sh start --chain devnet >/dev/null
# Node 20 has no global WebSocket unless started with --experimental-websocket (Node 22 has it).
node_flags=()
if (($(node -p 'process.versions.node.split(".")[0]') < 22)); then
  node_flags=(--experimental-websocket)
fi
echo "--- Node: examples/node/lightclient.mjs ---"
node "${node_flags[@]}" examples/node/lightclient.mjs
echo "--- headless Chromium: LightClientProxy + module Worker ---"
node bindings-wasm/tests/npm-worker/run.mjs "$web"
