#!/usr/bin/env python3
"""Reverse interop: bittensor-wallet 4.1.1 opens keystores WRITTEN BY TAOLIGHT.

Usage: keystore_reverse.py DIR, where DIR was filled by the Rust test
core/tests/keystore_reverse_writer.rs (TAOLIGHT_KEYSTORE_REVERSE_DIR=DIR). Checks, with btwallet:
our $NACL coldkeys, plaintext hotkeys and pub files through `Wallet(path=...)`; our Ansible Vault
keyfile; and our polkadot.js sr25519 JSON through Keypair.create_from_encrypted_json (btwallet
panics on ed25519 JSON, wallets.md §1.6, so that one is left to @polkadot/keyring).
"""
import json, sys
from pathlib import Path

import bittensor_wallet
from bittensor_wallet import Keypair, Wallet
from bittensor_wallet import keyfile as kf

assert bittensor_wallet.__version__ == "4.1.1", bittensor_wallet.__version__
root = Path(sys.argv[1])
exp = json.loads((root / "expected.json").read_text())
checks = 0


def same(what, got, want):
    global checks
    if got != want:
        sys.exit(f"FAIL {what}: btwallet says {got}, taolight wrote {want}")
    checks += 1
    print(f"ok   {what}: {got}")


for name in ("rsr", "red"):
    e = exp[name]
    w = Wallet(name=name, hotkey="default", path=str(root / "wallets"))
    data = (root / "wallets" / name / "coldkey").read_bytes()
    same(f"{name}/coldkey is $NACL", kf.keyfile_data_encryption_method(data), "NaCl")
    cold = w.coldkey_file.get_keypair(password=e["password"])
    same(f"{name}/coldkey", cold.ss58_address, e["coldkey"])
    same(f"{name}/coldkey cryptoType", cold.crypto_type, e["cryptoType"])
    same(f"{name}/coldkeypub.txt", w.get_coldkeypub().ss58_address, e["coldkey"])
    same(f"{name}/hotkeys/default", w.get_hotkey().ss58_address, e["hotkey"])
    same(f"{name}/hotkeys/defaultpub.txt", w.get_hotkeypub().ss58_address, e["hotkey"])
    sig = w.get_hotkey().sign(b"taolight")
    same(f"{name} hotkey signs and verifies", w.get_hotkeypub().verify(b"taolight", sig), True)
    try:
        w.coldkey_file.get_keypair(password="not the password")
        sys.exit(f"FAIL {name}: wrong password accepted")
    except Exception as err:  # btwallet's KeyFileError
        same(f"{name} wrong password refused", type(err).__name__, "KeyFileError")

a = exp["ansible"]
data = (root / a["file"]).read_bytes()
same("ansible is detected as Ansible", kf.keyfile_data_encryption_method(data), "Ansible Vault")
kp = kf.deserialize_keypair_from_keyfile_data(kf.decrypt_keyfile_data(data, a["password"]))
same("ansible keyfile", kp.ss58_address, a["address"])

for p in exp["pjs"]:
    if p["type"] != "sr25519" or not p["password"]:
        continue  # btwallet 4.1.1 panics on ed25519 JSON and does not support type ["none"]
    text = (root / "pjs" / p["file"]).read_text()
    same(f"pjs/{p['file']} via btwallet", Keypair.create_from_encrypted_json(text, p["password"]).ss58_address,
         p["address"])

print(f"btwallet reverse interop: {checks} checks passed")
