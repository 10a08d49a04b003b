# core::tx against the devnet and an independent client: calls, signing payloads and signed
# extrinsics byte-for-byte with npm @polkadot/api (ed25519 exact, sr25519 cross-verified), the
# RFC-0078 metadata hash vs npm @polkadot-api/merkleize-metadata and vs the node (mode 1
# accepted, one byte off rejected), the offline signing flow, failure paths (stale nonce, expired
# era, unknown call, wrong argument type) and the fee query vs the node's payment_queryInfo.
# Starts its own node (DEVNET_* env respected; defaults in CI) and stops it even on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
cargo test -q -p taolight-core --lib tx
cargo test -q -p taolight-core --test tx_devnet --test tx_lightclient --no-run
scripts/devnet.sh build >/dev/null

run_dir="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
trap 'scripts/devnet.sh stop' EXIT
# (devnet.sh start retries a node that exits during start-up.)
scripts/devnet.sh start --chain devnet
TAOLIGHT_DEVNET_STATE="$run_dir/state.env" \
  cargo test -q -p taolight-core --test tx_devnet --test tx_lightclient -- --ignored --test-threads 1
