"""The light-client and transaction objects without a network: bad input through every object
gives a typed TaolightError (never a crash, never an untyped InternalError), and the parts that
need no chain (chain-spec genesis, nonce tracking) work."""
import asyncio
import json

import pytest
import taolight_mobile as tl

from devnet import REPO

SPEC = (REPO / "chain-specs" / "devnet.json").read_text()
ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"


def test_chain_spec_genesis_hash_is_the_committed_one():
    # chain-specs/README.md records the devnet genesis; both spec variants are distinct chains.
    plain = (REPO / "chain-specs" / "devnet-plain.json").read_text()
    a, b = tl.chain_spec_genesis_hash(SPEC), tl.chain_spec_genesis_hash(plain)
    assert len(a) == 32 and len(b) == 32 and a != b
    assert tl.chain_spec_genesis_hash(SPEC) == a


@pytest.mark.parametrize("spec", ["", "not json", "{}", json.dumps({"name": "x"})])
def test_light_client_bad_spec(spec):
    with pytest.raises(tl.TaolightError.BadSpec) as e:
        tl.LightClient.start(spec, None, None, None)
    assert str(e.value)


def test_light_client_bad_checkpoint_and_database():
    with pytest.raises(tl.TaolightError.BadCheckpoint):
        tl.LightClient.start(SPEC, [], "{}", None)
    with pytest.raises(tl.TaolightError.BadDatabase):
        tl.LightClient.start(SPEC, [], None, "garbage")
    with pytest.raises(tl.TaolightError.BadSpec):
        tl.LightClient.start(SPEC, ["not a multiaddr"], None, None)
    with pytest.raises(tl.TaolightError.BadSpec):
        tl.chain_spec_genesis_hash("[]")


@pytest.mark.asyncio
async def test_light_client_stopped_and_bad_arguments():
    # No bootnode at all: the client starts, is not ready; bad arguments are refused before
    # any network use, and after stop() everything is Stopped.
    c = tl.LightClient.start(SPEC, [], None, None)
    assert c.genesis_hash() == tl.chain_spec_genesis_hash(SPEC)
    s = await c.status()
    assert s.finalized is None
    with pytest.raises(tl.TaolightError.InvalidArgument):
        await c.account(b"short", ALICE)
    with pytest.raises(tl.TaolightError.InvalidBase58):
        await c.account(bytes(32), "0OIl")
    with pytest.raises(tl.TaolightError.InvalidArgument):
        await c.subnet_pool(b"", 1)
    c.stop()
    for call in (c.wait_ready(), c.finalized_head(), c.best_head(),
                 c.account(bytes(32), ALICE), c.subnets(bytes(32)),
                 c.stake_positions(bytes(32), ALICE), c.subnet_pool(bytes(32), 1),
                 c.sim_swap_tao_for_alpha(bytes(32), 1, 1), c.sim_swap_alpha_for_tao(bytes(32), 1, 1),
                 c.current_alpha_price(bytes(32), 1), c.stake_info_for_coldkey(bytes(32), ALICE),
                 c.query_info(bytes(32), b"\x00"), c.metadata(bytes(32)),
                 c.storage(bytes(32), b"k"), c.runtime_call(bytes(32), "Core_version", b""),
                 c.submit_and_watch(b"\x00"), c.save_database(1000)):
        with pytest.raises(tl.TaolightError.Stopped):
            await asyncio.wait_for(call, 60)
    # The status stream of a stopped client gives the last status, then ends.
    events = c.status_events()
    assert (await asyncio.wait_for(events.next_event(), 60)).finalized is None
    assert await asyncio.wait_for(events.next_event(), 60) is None


def test_tx_objects_bad_input():
    with pytest.raises(tl.TaolightError.BadMetadata):
        tl.TxMetadata.from_bytes(b"")
    with pytest.raises(tl.TaolightError.BadMetadata):
        tl.TxMetadata.from_bytes(b"\xff" * 64)
    with pytest.raises(tl.TaolightError.BadPayload):
        tl.SigningPayload.from_json("{}")
    with pytest.raises(tl.TaolightError.BadPayload):
        tl.SigningPayload.from_json("not json")


def test_nonce_tracker():
    t = tl.NonceTracker()
    assert t.next(ALICE, 5) == 5
    assert t.next(ALICE, 5) == 6
    assert t.next(BOB, 0) == 0
    assert t.pending(ALICE) == [5, 6]
    t.release(ALICE, 5)
    assert t.pending(ALICE) == [6]
    # The chain caught up: nonces below its next nonce are no longer pending.
    assert t.next(ALICE, 7) == 7
    with pytest.raises(tl.TaolightError.InvalidSs58Checksum):
        t.next(ALICE[:-1] + "Z", 0)
    with pytest.raises(tl.TaolightError.InvalidBase58):
        t.pending("0")
    with pytest.raises(tl.TaolightError.InvalidBase58):
        t.release("l", 1)
