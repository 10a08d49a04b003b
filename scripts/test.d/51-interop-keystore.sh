# Keystore interop in both directions with the real tools.
# Forward: fixtures written by bittensor-wallet 4.1.1, Python cryptography (Fernet) and
#   @polkadot/keyring 14.0.3 (core/tests/fixtures/keystore/) are opened by our code.
# Reverse: keystores written by our code are opened by bittensor-wallet (wallet directory with a
#   $NACL coldkey, plaintext hotkey, pub files; Ansible Vault; polkadot.js sr25519 JSON) and by
#   @polkadot/keyring (sr25519/ed25519/unencrypted JSON).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
cargo test -q -p taolight-core --test keystore_fixtures

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
TAOLIGHT_KEYSTORE_REVERSE_DIR="$dir" cargo test -q -p taolight-core --test keystore_reverse_writer
.venv/bin/python tests/interop/keystore_reverse.py "$dir"
node tests/interop/keystore_reverse.mjs "$dir"
