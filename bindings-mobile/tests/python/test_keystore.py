"""Keystores through the uniffi Python bindings: files written by bittensor-wallet 4.1.1 and
@polkadot/keyring 14.0.3 (core/tests/fixtures/keystore/README.md) open, and what we write is
opened by bittensor-wallet."""
import asyncio
import pathlib

import pytest
import taolight_mobile as tl

FIXTURES = pathlib.Path(__file__).resolve().parents[3] / "core" / "tests" / "fixtures" / "keystore"
STOOL = "5F7cAYCZEBz21YEjzSZPGyP7W2fva7qUXDexxXsVezSHyktz"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_btwallet_ansible_keyfile_and_errors():
    data = fixture("btwallet/ansible_sr25519.keyfile")
    assert tl.decrypt_keyfile(data, "ansible_password").address() == STOOL
    with pytest.raises(tl.TaolightError.WrongPassword):
        tl.decrypt_keyfile(data, "nope")
    with pytest.raises(tl.TaolightError.PasswordRequired):
        tl.decrypt_keyfile(data, None)
    with pytest.raises(tl.TaolightError):
        tl.decrypt_keyfile(b"$NACL" + b"\0" * 10, "pw")


def test_our_ansible_keyfile_opens_in_bittensor_wallet():
    from bittensor_wallet import keyfile as btkeyfile
    ours = tl.Keypair.from_uri("//Alice", tl.CryptoType.SR25519)
    data = tl.encrypt_keyfile(ours, tl.KeyfileEncryption.ANSIBLE_VAULT, "pw")
    plain = btkeyfile.decrypt_keyfile_data(data, "pw")
    theirs = btkeyfile.deserialize_keypair_from_keyfile_data(plain)
    assert theirs.ss58_address == ours.address()
    with pytest.raises(tl.TaolightError.InvalidArgument):
        tl.encrypt_keyfile(ours, tl.KeyfileEncryption.NACL, None)


@pytest.mark.asyncio
async def test_nacl_keyfile_unlocks_without_blocking_the_event_loop():
    ticks = 0
    done = asyncio.Event()

    async def ticker():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0.05)

    task = asyncio.create_task(ticker())
    pair = await tl.decrypt_keyfile_async(fixture("btwallet/nacl_minimal.keyfile"), "testing123!")
    done.set()
    await task
    assert pair.address() == STOOL
    assert ticks >= 5, f"the event loop ran only {ticks} times during a multi-second unlock"
    with pytest.raises(tl.TaolightError.WrongPassword):
        await tl.decrypt_keyfile_async(fixture("btwallet/nacl_minimal.keyfile"), "wrong")


def test_polkadot_js_json_import_export_and_refusal():
    json = fixture("pjs/sr25519_scrypt_n15_p1_r8.json").decode()
    pair = tl.import_polkadot_json(json, "pjs_password")
    assert pair.address() == STOOL
    exported = tl.export_polkadot_json(pair, "new password", "stool", 1_700_000_000_000)
    assert '"name":"stool"' in exported and '"whenCreated":1700000000000' in exported
    assert tl.import_polkadot_json(exported, "new password").address() == STOOL
    with pytest.raises(tl.TaolightError.WrongPassword):
        tl.import_polkadot_json(exported, "nope")
    with pytest.raises(tl.TaolightError.UnsupportedScryptParams):
        tl.import_polkadot_json(fixture("pjs/sr25519_scrypt_n14_p1_r8.json").decode(), "pjs_password")
