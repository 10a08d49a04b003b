#!/usr/bin/env bash
# Builds the npm package `taolight` from bindings-wasm with wasm-pack (release, wasm-opt from
# npm binaryen; never downloads anything).
#
#   scripts/build-npm.sh web    web-demo/pkg             # ES module for browsers (init() fetches the .wasm)
#   scripts/build-npm.sh nodejs bindings-wasm/pkg-node   # CommonJS for Node
#   scripts/build-npm.sh web    OUT --dev                # extra args go to wasm-pack build
#
# Output: OUT/{taolight.js, taolight_bg.wasm, taolight.d.ts, package.json (name "taolight")}.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
target=${1:?target: web | nodejs | bundler}
out=$(realpath -m "${2:?output directory}")
shift 2
profile=(--release)
for a in "$@"; do [[ $a == --dev || $a == --profiling ]] && profile=(); done
wasm-pack --log-level warn build bindings-wasm --mode no-install --target "$target" \
  --out-dir "$out" --out-name taolight "${profile[@]}" "$@"
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
