# The uniffi bindings, generated from the built library and exercised from Python (pytest)
# and Kotlin on the JVM (kotlinc from npm, JNA from Debian). Swift is generated only.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
scripts/gen-bindings.sh
OUT=bindings-mobile/out

# Python: the generated module loads libtaolight_mobile.so from its own directory.
.venv/bin/python -m pytest -p no:cacheprovider -o asyncio_default_fixture_loop_scope=function \
  bindings-mobile/tests/python

# Kotlin/JVM: one kotlinc call (about 20 s) for every tests/kotlin/*.kt, then run each test
# file's main (Main.kt, Stake.kt), which prints "N passed, N failed".
KHOME=tools/node_modules/kotlin-compiler
CP=/usr/share/java/jna.jar:$KHOME/lib/kotlinx-coroutines-core-jvm.jar
mkdir -p "$OUT/kotlin-build"
"$KHOME/bin/kotlinc" -nowarn -cp "$CP" \
  "$(find "$OUT/kotlin" -name '*.kt')" bindings-mobile/tests/kotlin/*.kt \
  -d "$OUT/kotlin-build/tests.jar"
for main in MainKt taolight.tests.stake.StakeKt; do
  java -Djna.library.path="$(taolight_target_dir)/debug" \
    -cp "$OUT/kotlin-build/tests.jar:$CP:$KHOME/lib/kotlin-stdlib.jar" "$main"
done
