#!/usr/bin/env bash
# The demo: sets up the machine, builds the npm package for the web into web-demo/pkg and serves
# web-demo/ on http://127.0.0.1:8080/ until Ctrl-C (generate a mnemonic, see the address, sign
# and verify a message, all in WebAssembly in the page).
#
#   scripts/demo.sh                 # serve (--port N to change the port)
#   scripts/demo.sh --check         # or CI=1: load the page once in headless Chromium, click
#                                   # through it, save test-output/web-demo.png, exit
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n ${TAOLIGHT_SETUP_DONE:-} ]] || scripts/setup.sh
source scripts/env.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$TAOLIGHT_CACHE/target}"
scripts/build-npm.sh web web-demo/pkg
if [[ ${1:-} == --check || -n ${CI:-} ]]; then
  mkdir -p test-output
  exec node web-demo/serve.mjs --check test-output/web-demo.png
fi
exec node web-demo/serve.mjs "$@"
