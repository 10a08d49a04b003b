# Keys interop with polkadot.js 14.0.3 (@polkadot/util-crypto, @polkadot/keyring), both directions.
# Forward: polkadot.js derives keys/addresses/secrets/signatures from freshly seeded random URIs,
#   mnemonics and SS58 prefixes; core/tests/keys_interop.rs must match every one.
# Reverse: signatures, addresses and derived keys made by taolight are verified by polkadot.js.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
seed=${TAOLIGHT_KEYS_PJS_SEED:-$(( (RANDOM << 15 | RANDOM) + 1 ))}
echo "keys interop seed: $seed (rerun with TAOLIGHT_KEYS_PJS_SEED=$seed)"
node tests/interop/keys_pjs.mjs gen "$dir/pjs.json" "$seed"
TAOLIGHT_KEYS_PJS_VECTORS="$dir/pjs.json" TAOLIGHT_KEYS_REVERSE_OUT="$dir/taolight.json" \
  cargo test -q -p taolight-core --test keys_interop -- --nocapture
node tests/interop/keys_pjs.mjs verify "$dir/taolight.json"
