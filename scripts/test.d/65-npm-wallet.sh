# The npm package's transaction side against the devnet, as a user's Node code runs it: the BUILT
# package (scripts/build-npm.sh nodejs) imported by name from examples/node/:
#  - examples/node/check-dts-tx.mjs: the hand-written .d.ts of Call, SigningPayload,
#    SignedExtrinsic, TxMetadata, PolkadotJsSigner, polkadotApiSigner, Wallet, Plan, Submission;
#  - examples/node/signers.mjs: PolkadotJsSigner with @polkadot/api (signPayload, signRaw
#    fallback; the node includes both) and polkadotApiSigner vs @polkadot-api/signer (same
#    bytes, the node includes ours); Call.build byte-for-byte with @polkadot/api;
#  - examples/node/wallet.mjs: a stake planned, signed and followed to finality through the
#    package's own light client, confirmed by the node's RPC; LimitExceeded before signing.
# One devnet start (DEVNET_* env respected); the node is stopped even on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
scripts/build-npm.sh nodejs examples/node/node_modules/taolight
node examples/node/check-dts-tx.mjs
scripts/devnet.sh build >/dev/null
export DEVNET_RUN_DIR="${DEVNET_RUN_DIR:-$TAOLIGHT_CACHE/devnet-run}"
export DEVNET_START_TIMEOUT="${DEVNET_START_TIMEOUT:-600}"
trap 'scripts/devnet.sh stop' EXIT
# (devnet.sh start retries a node that exits during start-up.)
scripts/devnet.sh start --chain devnet
node examples/node/signers.mjs
# Node 20 has no global WebSocket without the flag (Node 22 has it).
ws_flag=()
if (($(node -p 'process.versions.node.split(".")[0]') < 22)); then ws_flag=(--experimental-websocket); fi
node "${ws_flag[@]}" examples/node/wallet.mjs
