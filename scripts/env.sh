# Sourced by the scripts: puts the project's tools first on PATH.
# npm binaryen's wasm-opt must win over any other wasm-opt on the machine.
TAOLIGHT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TAOLIGHT_ROOT
export TAOLIGHT_CACHE="${TAOLIGHT_CACHE:-$HOME/.cache/taolight}"
export PATH="$TAOLIGHT_ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
