#!/usr/bin/env bash
# Builds the uniffi library and generates its Python, Kotlin and Swift bindings into
# bindings-mobile/out/{python,kotlin,swift} (gitignored).
#
#   scripts/gen-bindings.sh            # debug library (what the tests use)
#   scripts/gen-bindings.sh --release  # release library
#
# Only `-p taolight-mobile` is built: building it together with uniffi-bindgen would unify
# uniffi's `cli` feature into the shipped library (toolchain.md, pitfall 11).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
profile=debug; flags=()
if [[ ${1:-} == --release ]]; then profile=release; flags=(--release); fi

cargo build -p taolight-mobile "${flags[@]}"
LIB="$(taolight_target_dir)/$profile/libtaolight_mobile.so"
OUT=bindings-mobile/out
rm -rf "$OUT/python" "$OUT/kotlin" "$OUT/swift"
for lang in python kotlin swift; do
  cargo run -q -p uniffi-bindgen -- generate --library "$LIB" --language "$lang" \
    --out-dir "$OUT/$lang" --no-format
done
# The Python module loads the library from its own directory.
cp "$LIB" "$OUT/python/"
echo "bindings in $OUT/{python,kotlin,swift} (from $LIB)"
