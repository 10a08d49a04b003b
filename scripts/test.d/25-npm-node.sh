# The npm package as a user gets it: scripts/build-npm.sh builds `taolight` for Node (release,
# wasm-opt) into examples/node/node_modules/taolight, then plain Node scripts import it by name
# (not the sources): examples/node/quote.mjs (keys, a stake quote, typed errors) and
# examples/node/check-dts.mjs (every export declared in taolight.d.ts, the calculator's
# signatures and result interfaces as written by hand, checked against the built package).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
scripts/build-npm.sh nodejs examples/node/node_modules/taolight
node examples/node/quote.mjs
node examples/node/check-dts.mjs
