# The uniffi bindings, generated from the built library and exercised from Python (pytest,
# asyncio) and Kotlin on the JVM (kotlinc from npm, JNA from Debian). Swift is generated only.
# One devnet node (started here, stopped on exit; DEVNET_* env respected) serves both: the
# Python light-client/transaction tests and the Kotlin devnet read. No test may be skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
scripts/gen-bindings.sh
OUT=bindings-mobile/out

# Kotlin first compiles (about 30 s, no node needed) while nothing else runs.
KHOME=tools/node_modules/kotlin-compiler
CP=/usr/share/java/jna.jar:$KHOME/lib/kotlinx-coroutines-core-jvm.jar
mkdir -p "$OUT/kotlin-build"
"$KHOME/bin/kotlinc" -nowarn -cp "$CP" \
  "$(find "$OUT/kotlin" -name '*.kt')" bindings-mobile/tests/kotlin/*.kt \
  -d "$OUT/kotlin-build/tests.jar"
kotlin_run() {
  java -Djna.library.path="$(taolight_target_dir)/debug" \
    -cp "$OUT/kotlin-build/tests.jar:$CP:$KHOME/lib/kotlin-stdlib.jar" "$1"
}
# Keys, keystores, calculator: no node.
for main in MainKt taolight.tests.stake.StakeKt; do kotlin_run "$main"; done

scripts/devnet.sh build >/dev/null
run_dir="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
trap 'scripts/devnet.sh stop' EXIT
# (devnet.sh start retries a node that exits during start-up.)
scripts/devnet.sh start --chain devnet
export TAOLIGHT_DEVNET_STATE="$run_dir/state.env"

# Python: the generated module loads libtaolight_mobile.so from its own directory.
log=$(mktemp)
.venv/bin/python -m pytest -p no:cacheprovider -o asyncio_default_fixture_loop_scope=function \
  -rs bindings-mobile/tests/python 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if ((status != 0)); then exit "$status"; fi
if grep -qE '[0-9]+ skipped' "$log"; then echo "tests were skipped (see above)" >&2; exit 1; fi

kotlin_run taolight.tests.devnet.DevnetKt
