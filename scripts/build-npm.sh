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
# The crate is `taolight-wasm`; the npm package is `taolight`.
node -e '
  const fs = require("fs"); const f = process.argv[1];
  const p = JSON.parse(fs.readFileSync(f, "utf8")); p.name = "taolight";
  fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");' "$out/package.json"
echo "npm package taolight ($target) in $out: $(du -b "$out/taolight_bg.wasm" | cut -f1) bytes of wasm"
