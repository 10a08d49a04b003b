#!/usr/bin/env bash
# The web demo (web-demo/): a wallet page using the built npm package `taolight` — create or
# import keys, light client to the devnet, balances and positions, stake with live quotes.
#
#   scripts/demo.sh [--port N]      set up, build the web package into web-demo/pkg, start the
#                                   devnet (DEVNET_* ports, default 9944/30333/30334), serve the
#                                   page on http://127.0.0.1:8080/ and print the URL; Ctrl-C
#                                   stops the server and the devnet
#   scripts/demo.sh --check         (or CI=1) the automated browser run of stage 80: its own
#                                   devnet (ports 9948/30338/30339 and run dir
#                                   $TAOLIGHT_CACHE/devnet-run-demo-check unless DEVNET_* say
#                                   otherwise), Playwright + Debian Chromium through every flow,
#                                   screenshots in test-output/demo/, the devnet stopped at exit
#
# The package is rebuilt only when its sources changed (stamp in web-demo/pkg/.sources-stamp):
# a release build runs wasm-opt over ~7 MB of wasm, minutes on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n ${TAOLIGHT_SETUP_DONE:-} ]] || scripts/setup.sh
source scripts/env.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$TAOLIGHT_CACHE/target}"

check=
if [[ ${1:-} == --check || -n ${CI:-} ]]; then
  check=1
  [[ ${1:-} == --check ]] && shift
  export DEVNET_RPC_PORT="${DEVNET_RPC_PORT:-9948}"
  export DEVNET_P2P_PORT="${DEVNET_P2P_PORT:-30338}"
  export DEVNET_WS_PORT="${DEVNET_WS_PORT:-30339}"
  export DEVNET_RUN_DIR="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run-demo-check}"
fi
export DEVNET_RUN_DIR="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"

# --- the npm package for browsers ---
sources_stamp() {
  {
    find bindings-wasm/src bindings-wasm/js core/src -type f 2>/dev/null | LC_ALL=C sort | xargs sha256sum
    sha256sum Cargo.toml Cargo.lock core/Cargo.toml bindings-wasm/Cargo.toml scripts/build-npm.sh
  } | sha256sum | cut -c1-16
}
stamp=$(sources_stamp)
if [[ -f web-demo/pkg/taolight_bg.wasm && $(cat web-demo/pkg/.sources-stamp 2>/dev/null) == "$stamp" ]]; then
  echo "web-demo/pkg is up to date (sources $stamp)"
else
  scripts/build-npm.sh web web-demo/pkg
  echo "$stamp" > web-demo/pkg/.sources-stamp
fi

# --- the devnet ---
scripts/devnet.sh build >/dev/null
# A debug node builds its genesis state before its first block: minutes on a loaded machine.
export DEVNET_START_TIMEOUT="${DEVNET_START_TIMEOUT:-600}"
trap 'scripts/devnet.sh stop' EXIT
scripts/devnet.sh start --chain devnet >/dev/null
state="$DEVNET_RUN_DIR/state.env"

if [[ -n $check ]]; then
  rm -rf test-output/demo
  node web-demo/check.mjs --devnet-state "$state" --out test-output/demo
else
  node web-demo/serve.mjs --devnet-state "$state" "$@"
fi
