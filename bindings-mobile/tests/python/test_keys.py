"""Keys through the uniffi Python bindings, checked against the published vectors
(wallets.md §7: btwallet 4.1.1 and polkadot.js 14 agree on them) and against bittensor-wallet
itself where it can run offline."""
import pytest
import taolight_mobile as tl

ALICE_SR = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
ALICE_SR_PUBLIC = bytes.fromhex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")
DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"
HELLO = b"hello bittensor"
SR, ED = tl.CryptoType.SR25519, tl.CryptoType.ED25519


def test_version_is_a_semver_string():
    assert tl.version().count(".") == 2


def test_alice_sr25519():
    alice = tl.Keypair.from_uri("//Alice", SR)
    assert alice.address() == ALICE_SR
    assert alice.public_key() == ALICE_SR_PUBLIC
    assert alice.crypto_type() == SR


def test_alice_ed25519_signature_is_the_published_one():
    alice = tl.Keypair.from_uri("//Alice", ED)
    assert alice.address() == "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu"
    expected = bytes.fromhex(
        "4b793986c78867bc6a34c86a39d3d00d77a7172e660ecbf1d7df90a6bd084c3d"
        "d2ab90dfd931b46cda801a0487978d1c5970592b58f5125c8114eacf3d8be903")
    assert alice.sign(HELLO) == expected
    assert tl.verify(ED, alice.public_key(), HELLO, expected)


def test_polkadot_js_sr25519_signature_verifies():
    sig = bytes.fromhex(
        "c61daf8ef73f45c25f4e39dd8b6e0a0419000f592cdb7c58c948de5f3d2c725b"
        "31375e86ca7245c3e2d02ca917318382bd9a12ab77d5b8c1e54e68a57d3b4781")
    assert tl.verify(SR, ALICE_SR_PUBLIC, HELLO, sig)
    assert not tl.verify(SR, ALICE_SR_PUBLIC, HELLO + b"!", sig)


def test_derive_and_password():
    alice = tl.Keypair.from_uri("//Alice", SR)
    assert alice.derive("//stash").address() == "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY"
    pw = tl.Keypair.from_phrase(DEV_PHRASE, "password", SR)
    assert pw.address() == "5GC6LfpV352HtJPySfAecb5JdePtf4R9Vq49NUU8RhzgBqgq"


def test_generated_mnemonic_round_trips_and_matches_bittensor_wallet():
    phrase = tl.generate_mnemonic(12)
    assert len(phrase.split()) == 12 and tl.validate_mnemonic(phrase)
    assert tl.generate_mnemonic(12) != phrase
    ours = tl.Keypair.from_phrase(phrase, None, SR)
    sig = ours.sign(b"stake")
    assert ours.verify(b"stake", sig) and not ours.verify(b"unstake", sig)
    # Independent implementation: bittensor-wallet (Rust/sp-core via PyO3) derives the same key.
    from bittensor_wallet import Keypair as BtKeypair
    theirs = BtKeypair.create_from_mnemonic(phrase)
    assert theirs.ss58_address == ours.address()
    assert theirs.verify(b"stake", sig)
    assert ours.verify(b"stake", bytes(theirs.sign(b"stake")))


def test_ss58():
    assert tl.ss58_encode(ALICE_SR_PUBLIC, 0) == "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"
    decoded = tl.ss58_decode("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F")
    assert decoded == tl.Ss58Decoded(prefix=2, public_key=ALICE_SR_PUBLIC)


@pytest.mark.parametrize("call, error", [
    (lambda: tl.ss58_decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"),
     tl.TaolightError.InvalidSs58Checksum),
    (lambda: tl.generate_mnemonic(13), tl.TaolightError.InvalidWordCount),
    (lambda: tl.Keypair.from_uri("//Alice", ED).derive("/soft"),
     tl.TaolightError.SoftDerivationNotSupported),
    (lambda: tl.verify(SR, b"\0" * 31, HELLO, b"\0" * 64), tl.TaolightError.InvalidArgument),
    (lambda: tl.verify(SR, ALICE_SR_PUBLIC, HELLO, b"\0" * 63), tl.TaolightError.InvalidSignatureLength),
])
def test_bad_input_raises_typed_errors(call, error):
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, tl.TaolightError)
    assert str(info.value)
