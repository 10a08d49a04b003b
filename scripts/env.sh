# Sourced by the scripts: puts the project's tools first on PATH.
# npm binaryen's wasm-opt must win over any other wasm-opt on the machine (Debian's breaks modules).
TAOLIGHT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TAOLIGHT_ROOT
export TAOLIGHT_CACHE="${TAOLIGHT_CACHE:-$HOME/.cache/taolight}"
export PATH="$TAOLIGHT_ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

# Where cargo puts build outputs: $CARGO_TARGET_DIR if set (scripts/test.sh and scripts/demo.sh
# default it to $TAOLIGHT_CACHE/target), else the clone's target/.
taolight_target_dir() { printf '%s\n' "${CARGO_TARGET_DIR:-$TAOLIGHT_ROOT/target}"; }
