# The wasm package's test suite (bindings-wasm/tests/web.rs), the same file in Node and in
# headless Chromium. `--mode no-install` (options go before the crate path; what follows it is
# passed to cargo): wasm-pack uses the wasm-bindgen and chromedriver on PATH and never
# downloads anything. No `-q` (the test runner rejects it).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
wasm-pack test --node --mode no-install bindings-wasm
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --chromedriver "$CHROMEDRIVER" \
  --mode no-install bindings-wasm
