# Devnet end-to-end: build the node through the cache (scripts/devnet.sh), start it, run the
# JS tests against it with an independent client (@polkadot/api) and the core::stake oracle
# (stake-quote), stop it even on failure. Both chain variants are exercised.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
cargo build -q -p taolight-tests --bin stake-quote
export STAKE_QUOTE_BIN="$(taolight_target_dir)/debug/stake-quote"
scripts/devnet.sh build >/dev/null
trap 'scripts/devnet.sh stop' EXIT

scripts/devnet.sh start --chain devnet
node --test --test-concurrency=1 tests/devnet/chain.test.mjs tests/devnet/metadata.test.mjs tests/devnet/stake.test.mjs
scripts/devnet.sh stop

scripts/devnet.sh start --chain devnet-plain
node --test --test-concurrency=1 tests/devnet/chain.test.mjs tests/devnet/metadata.test.mjs
scripts/devnet.sh stop

# Two debug nodes compile the runtime at start concurrently: allow longer for the first block.
DEVNET_START_TIMEOUT=480 scripts/devnet.sh start --chain devnet-two-authorities --bob
node --test --test-concurrency=1 tests/devnet/finality.test.mjs
scripts/devnet.sh stop
