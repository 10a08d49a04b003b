# The README's demo command in its headless mode (scripts/demo.sh --check): builds the web
# package, starts its own devnet (ports 9948/30338/30339 unless DEVNET_* say otherwise), drives
# web-demo/ in Debian Chromium through Playwright — create a wallet, import each keystore
# format, wait for "verified by light client", balances and quotes compared with the node's
# RPC, stake → finalized → new position → unstake, error paths, a 390 px screenshot — and
# fails on any console error. Screenshots: test-output/demo/.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/demo.sh --check
