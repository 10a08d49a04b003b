#!/usr/bin/env python3
"""Generates the btwallet keyfile fixtures in core/tests/fixtures/keystore/btwallet/ with the REAL
bittensor-wallet 4.1.1 (and, for Fernet, Python `cryptography` with old bittensor's key derivation).

Run:  .venv/bin/python tests/interop/keystore_gen_btwallet.py
Every file is re-read by bittensor-wallet (except Fernet, which btwallet 4.1.1 cannot decrypt) and
the address it reports is written to expected.json, which the Rust tests compare against.
Nonces/salts are random, so re-running changes the bytes but not the keys or addresses.
"""
import base64, json, os, shutil, sys, tempfile
from pathlib import Path

import bittensor_wallet
from bittensor_wallet import Keypair, Wallet
from bittensor_wallet import keyfile as kf
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

assert bittensor_wallet.__version__ == "4.1.1", bittensor_wallet.__version__
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "core/tests/fixtures/keystore/btwallet"
STOOL = "stool feel open east woman high can denial forget screen trust salt"
LEOPARD = "old leopard transfer rib spatial phone calm indicate online fire caution review"
ABANDON = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
SR, ED = 1, 0
expected = {}


def write(name, data: bytes):
    (OUT / name).parent.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_bytes(data)


def record(name, password, kp, crypto, public_only=False, **extra):
    expected[name] = dict(password=password, ss58Address=kp.ss58_address,
                          publicKey="0x" + kp.public_key.hex(), cryptoType=crypto,
                          publicOnly=public_only, **extra)


def reread(name, password):
    data = (OUT / name).read_bytes()
    if kf.keyfile_data_is_encrypted(data):
        data = kf.decrypt_keyfile_data(data, password)
    return kf.deserialize_keypair_from_keyfile_data(data)


if OUT.exists():
    shutil.rmtree(OUT)
OUT.mkdir(parents=True)

# 1. Whole wallet directories written by Wallet.regenerate_* ($NACL coldkey, plaintext hotkey, pub files).
for wname, cold_m, hot_m, crypto, pw in [("sr", STOOL, ABANDON, SR, "nacl_password"),
                                         ("ed", LEOPARD, STOOL, ED, "nacl_password")]:
    with tempfile.TemporaryDirectory() as tmp:
        w = Wallet(name=wname, hotkey="default", path=tmp)
        w.regenerate_coldkey(mnemonic=cold_m, use_password=True, overwrite=True, suppress=True,
                             coldkey_password=pw, crypto_type=crypto)
        w.regenerate_hotkey(mnemonic=hot_m, use_password=False, overwrite=True, suppress=True,
                            crypto_type=crypto)
        shutil.copytree(Path(tmp) / wname, OUT / "wallets" / wname)
    base = f"wallets/{wname}/"
    cold = reread(base + "coldkey", pw)
    hot = reread(base + "hotkeys/default", None)
    assert (OUT / (base + "coldkey")).read_bytes().startswith(b"$NACL")
    record(base + "coldkey", pw, cold, crypto, format="nacl")
    record(base + "coldkeypub.txt", None, reread(base + "coldkeypub.txt", None), crypto, True, format="plaintext")
    record(base + "hotkeys/default", None, hot, crypto, format="plaintext")
    record(base + "hotkeys/defaultpub.txt", None, reread(base + "hotkeys/defaultpub.txt", None), crypto, True,
           format="plaintext")
    assert cold.ss58_address == Keypair.create_from_mnemonic(cold_m, crypto_type=crypto).ss58_address

# 2. Single keyfiles: Ansible Vault via legacy_encrypt_keyfile_data, $NACL via encrypt_keyfile_data.
for name, m, crypto in [("ansible_sr25519.keyfile", STOOL, SR), ("ansible_ed25519.keyfile", LEOPARD, ED)]:
    kp = Keypair.create_from_mnemonic(m, crypto_type=crypto)
    write(name, kf.legacy_encrypt_keyfile_data(kf.serialized_keypair_to_keyfile_data(kp), "ansible_password"))
    assert (OUT / name).read_bytes().startswith(b"$ANSIBLE_VAULT;1.1;AES256")
    record(name, "ansible_password", reread(name, "ansible_password"), crypto, format="ansible")

minimal = json.dumps({"secretPhrase": STOOL}, separators=(",", ":")).encode()
write("nacl_minimal.keyfile", kf.encrypt_keyfile_data(minimal, "testing123!"))
assert len((OUT / "nacl_minimal.keyfile").read_bytes()) == 45 + len(minimal)
record("nacl_minimal.keyfile", "testing123!", reread("nacl_minimal.keyfile", "testing123!"), SR, format="nacl")

# Keys made from a URI carry no phrase: exercises the secretSeed/privateKey load paths.
for name, uri, crypto in [("plain_uri_alice_sr25519.keyfile", "//Alice", SR),
                          ("plain_uri_alice_ed25519.keyfile", "//Alice", ED)]:
    kp = Keypair.create_from_uri(uri, crypto_type=crypto)
    write(name, kf.serialized_keypair_to_keyfile_data(kp))
    record(name, None, reread(name, None), crypto, format="plaintext")

# 3. Fernet, as old bittensor wrote it (btwallet 4.1.1 cannot decrypt it: RaoFoundation/btwallet#185).
def fernet_key(password: str) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32,
                     salt=b"Iguesscyborgslikemyselfhaveatendencytobeparanoidaboutourorigins",
                     iterations=10_000_000)
    return base64.urlsafe_b64encode(kdf.derive(password.encode()))

kp = Keypair.create_from_mnemonic(STOOL, crypto_type=SR)
plain = kf.serialized_keypair_to_keyfile_data(kp)
key = fernet_key("fernet_password")
write("fernet_sr25519.keyfile", Fernet(key).encrypt(plain))
assert Fernet(key).decrypt((OUT / "fernet_sr25519.keyfile").read_bytes()) == plain
try:
    kf.decrypt_keyfile_data((OUT / "fernet_sr25519.keyfile").read_bytes(), "fernet_password")
    btwallet_fernet = "decrypted"
except Exception as e:  # expected: the btwallet 4.1.1 bug
    btwallet_fernet = f"fails: {type(e).__name__}"
record("fernet_sr25519.keyfile", "fernet_password", kp, SR, format="fernet", btwallet=btwallet_fernet,
       fernetKeyHex=base64.urlsafe_b64decode(fernet_key("fernet_password")).hex())

# 4. The legacy plaintext case of wallets.md §7.4: stale ss58Address, no cryptoType.
legacy = json.dumps({"secretPhrase": ABANDON, "ss58Address": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"})
write("legacy_stale_ss58.keyfile", legacy.encode())
record("legacy_stale_ss58.keyfile", None, reread("legacy_stale_ss58.keyfile", None), SR, format="plaintext",
       staleSs58Address="5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")

(OUT / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
print(f"wrote {len(expected)} fixtures to {OUT}; btwallet Fernet: {btwallet_fernet}")
