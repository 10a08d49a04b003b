#!/usr/bin/env bash
# Sums the test counts in runner logs and prints one line "N passed, N failed".
#   scripts/count-tests.sh [FAILED_STAGE_LOG] LOG...
# Recognised lines: libtest "test result: ok. 3 passed; 0 failed; ...", pytest "== 6 passed,
# 1 failed in 0.7s ==", node --test "# pass 3" / "# fail 0" (TAP) or "ℹ pass 3" (spec), and
# plain "3 passed, 0 failed". A failed stage whose log shows no failing test counts as one failure.
set -euo pipefail
failed_log=${1:-}; shift
awk -v failed_log="$failed_log" '
  function grab(line, word,   m) { return match(line, "[0-9]+ " word) ? substr(line, RSTART, RLENGTH) + 0 : 0 }
  FNR == 1 { file_failed[FILENAME] = 0 }
  /^test result: (ok|FAILED)\. [0-9]+ passed; [0-9]+ failed/ {
    p += grab($0, "passed"); f += grab($0, "failed"); file_failed[FILENAME] += grab($0, "failed"); next }
  /^=* *[0-9]+ (passed|failed)[^;]* in [0-9.]+s/ {
    p += grab($0, "passed"); f += grab($0, "failed") + grab($0, "errors?"); file_failed[FILENAME] += grab($0, "failed"); next }
  /^(#|ℹ) pass [0-9]+$/ { p += $3; next }
  /^(#|ℹ) fail [0-9]+$/ { f += $3; file_failed[FILENAME] += $3; next }
  /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3; file_failed[FILENAME] += $3; next }
  END {
    if (failed_log != "" && file_failed[failed_log] == 0) f += 1
    printf "%d passed, %d failed\n", p, f
  }' "$@"
