# The README's demo command in its headless mode: builds the web package, loads web-demo/ in
# Chromium through Playwright, clicks through it (known //Alice vectors, sign, verify, a typed
# error) and saves test-output/web-demo.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/demo.sh --check
