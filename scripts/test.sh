#!/usr/bin/env bash
# The test command: sets up a fresh machine, then runs every test stage in scripts/test.d/
# in order (lint, Rust unit/integration tests, wasm in Node and Chromium, Python/Kotlin FFI,
# differential and interop checks, devnet end-to-end, demo smoke test). Stops at the first
# failing stage.
#
#   scripts/test.sh            # everything
#   scripts/test.sh 10 40      # only stages whose file name starts with 10 or 40
#
# Build outputs go to $CARGO_TARGET_DIR, by default $HOME/.cache/taolight/target: shared by
# every clone on the machine, so a fresh clone on a kept machine only rebuilds the workspace's
# own crates (cargo keys its fingerprints by inputs). Set CARGO_TARGET_DIR=$PWD/target to share
# the build with your interactive cargo commands instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$TAOLIGHT_CACHE/target}"
export TAOLIGHT_SETUP_DONE=1
# Lints run inside the builds: every compile of a workspace crate that a stage selects (cargo's
# primary packages) goes through clippy-driver with warnings as errors, so clippy costs no
# separate pass over the dependencies (a cold `cargo clippy` checked every dependency again,
# native and wasm32: 30 min of a cold run). Stage 00 keeps only fmt. devnet.sh drops both
# variables (the devnet is its own workspace).
RUSTC_WORKSPACE_WRAPPER="$(command -v clippy-driver)" || { echo "clippy-driver not found" >&2; exit 1; }
export RUSTC_WORKSPACE_WRAPPER
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
rm -rf test-output/stages && mkdir -p test-output/stages
# The devnet node is the longest cold build (docs/ci-budget.md). It is built, and each runtime
# compiled once, in the background (at nice 10) while the stages that need no devnet run; the
# first stage that needs it waits on devnet.sh's build lock. With a cached binary this is a
# few seconds. Its log: test-output/stages/devnet-prepare.txt.
if [[ -z ${TAOLIGHT_NO_DEVNET_PREPARE:-} ]]; then
  # Own process group, so an early exit stops cargo and any node it started too.
  setsid scripts/devnet.sh prepare >test-output/stages/devnet-prepare.txt 2>&1 &
  devnet_prepare=$!
  trap 'kill -- "-$devnet_prepare" 2>/dev/null || true' EXIT
fi
stages_ok=0; stage_failed=""
for stage in scripts/test.d/*.sh; do
  name=$(basename "$stage" .sh)
  if (($#)); then
    sel=0; for p in "$@"; do [[ $name == "$p"* ]] && sel=1; done
    ((sel)) || continue
  fi
  echo "=== stage $name ==="
  start=$SECONDS
  if bash "$stage" 2>&1 | tee "test-output/stages/$name.log"; then
    stages_ok=$((stages_ok + 1)); echo "=== stage $name ok ($((SECONDS - start)) s) ==="
  else
    stage_failed=$name; echo "=== stage $name FAILED ($((SECONDS - start)) s) ==="
    break
  fi
done
# One closing line for the whole run: the test counts reported by every runner in the stages
# that ran (cargo/libtest, pytest, node --test, and plain "N passed, N failed" lines), plus
# one failure for a failing stage that reported no failing test (a lint error, a build error).
echo "stages: $stages_ok ok${stage_failed:+, $stage_failed failed}"
scripts/count-tests.sh "${stage_failed:+test-output/stages/$stage_failed.log}" test-output/stages/*.log
[[ -z $stage_failed ]]
