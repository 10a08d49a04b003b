#!/usr/bin/env bash
# The test command: sets up a fresh machine, then runs every test stage in scripts/test.d/
# in order (lint, Rust unit/integration tests, wasm in Node and Chromium, Python/Kotlin FFI,
# differential and interop checks, devnet end-to-end). Stops at the first failing stage.
#
#   scripts/test.sh            # everything
#   scripts/test.sh 10 40      # only stages whose file name starts with 10 or 40
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
passed=0; failed=0
for stage in scripts/test.d/*.sh; do
  name=$(basename "$stage" .sh)
  if (($#)); then
    sel=0; for p in "$@"; do [[ $name == "$p"* ]] && sel=1; done
    ((sel)) || continue
  fi
  echo "=== stage $name ==="
  start=$SECONDS
  if bash "$stage"; then
    passed=$((passed + 1)); echo "=== stage $name ok ($((SECONDS - start)) s) ==="
  else
    failed=$((failed + 1)); echo "=== stage $name FAILED ($((SECONDS - start)) s) ==="
    break
  fi
done
echo "stages: $passed passed, $failed failed"
((failed == 0))
