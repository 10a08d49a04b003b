#!/usr/bin/env bash
# Builds the npm package `taolight` from bindings-wasm with wasm-pack (release, wasm-opt from
# npm binaryen; never downloads anything).
#
#   scripts/build-npm.sh web    web-demo/pkg             # ES module for browsers (init() fetches the .wasm)
#   scripts/build-npm.sh nodejs bindings-wasm/pkg-node   # CommonJS for Node
#   scripts/build-npm.sh web    OUT --dev                # extra args go to wasm-pack build
#
# Output: OUT/{taolight.js, taolight_bg.wasm, taolight.d.ts, package.json (name "taolight")}.
#
# Release builds:
# - cargo's `release` profile is tightened for size here, for this build only (env, so the
#   mobile library and benches keep the workspace's profile): opt-level "z", fat LTO, one
#   codegen unit. panic = "abort" is already what wasm32-unknown-unknown does. Measured in
#   BENCHMARKS.md ("wasm package size").
# - wasm-opt (minutes on ~7 MB of wasm) runs once per distinct module: its output is cached in
#   $TAOLIGHT_CACHE/npm-wasm/, keyed by the hash of wasm-bindgen's output, the wasm-opt flags
#   (bindings-wasm/Cargo.toml) and the wasm-opt version. wasm-bindgen emits the same module for
#   every JS target (web, nodejs, bundler), so the stages that package different targets from
#   the same sources (25-npm-node, 80-demo-smoke, ...) optimise it once.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
target=${1:?target: web | nodejs | bundler}
out=$(realpath -m "${2:?output directory}")
shift 2
profile=(--release)
for a in "$@"; do [[ $a == --dev || $a == --profiling ]] && profile=(); done

if ((${#profile[@]})); then
  export CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
  # cargo + wasm-bindgen only; wasm-opt below, through the cache.
  wasm-pack --log-level warn build bindings-wasm --mode no-install --target "$target" \
    --out-dir "$out" --out-name taolight --release --no-opt "$@"
  wasm="$out/taolight_bg.wasm"
  mapfile -t opt_flags < <(python3 -c '
import sys, tomllib
m = tomllib.load(open("bindings-wasm/Cargo.toml", "rb"))
print("\n".join(m["package"]["metadata"]["wasm-pack"]["profile"]["release"]["wasm-opt"]))')
  key=$({
    sha256sum <"$wasm"
    printf '%s\n' "${opt_flags[@]}"
    wasm-opt --version
  } | sha256sum | cut -c1-32)
  cache_dir="$TAOLIGHT_CACHE/npm-wasm"
  cached="$cache_dir/$key.wasm"
  if [[ -s $cached ]]; then
    echo "wasm-opt: cached output for this module ($cached)"
  else
    mkdir -p "$cache_dir"
    wasm-opt "$wasm" -o "$cached.tmp.$$" "${opt_flags[@]}"
    mv "$cached.tmp.$$" "$cached"
    # Keep the 8 newest modules (~3 MB each).
    ls -1t "$cache_dir"/*.wasm 2>/dev/null | tail -n +9 | xargs -r rm -f
  fi
  cp "$cached" "$wasm"
else
  wasm-pack --log-level warn build bindings-wasm --mode no-install --target "$target" \
    --out-dir "$out" --out-name taolight "$@"
fi
# ES-module targets also ship the light client's Web Worker entry (`taolight/worker.js`) and its
# main-thread proxy (`taolight/light-client-proxy.js`), with hand-written declarations.
extra=()
if [[ $target != nodejs ]]; then
  for f in bindings-wasm/js/*.js bindings-wasm/js/*.d.ts; do
    cp "$f" "$out/"
    extra+=("$(basename "$f")")
  done
fi
# The crate is `taolight-wasm`; the npm package is `taolight`.
node -e '
  const fs = require("fs"); const [f, ...extra] = process.argv.slice(1);
  const p = JSON.parse(fs.readFileSync(f, "utf8")); p.name = "taolight";
  if (extra.length) p.files = [...new Set([...(p.files ?? []), ...extra])];
  fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");' "$out/package.json" "${extra[@]}"
echo "npm package taolight ($target) in $out: $(du -b "$out/taolight_bg.wasm" | cut -f1) bytes of wasm"
