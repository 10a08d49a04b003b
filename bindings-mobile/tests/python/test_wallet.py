"""The wallet flows (core::wallet) through the Python binding, on the devnet: plan -> submit ->
finalized, the alpha received equal to the plan's quote exactly (and to the node's own stake
info), the offline-signing path, and typed refusals. Needs TAOLIGHT_DEVNET_STATE."""
import asyncio

import pytest
import taolight_mobile as tl

import devnet
from devnet import ALICE, ALICE_PUBLIC

STATE = devnet.state()
pytestmark = pytest.mark.skipif(STATE is None, reason="no devnet (TAOLIGHT_DEVNET_STATE unset)")
SR = tl.CryptoType.SR25519
HOTKEY1 = tl.Keypair.from_uri("//Hotkey1", SR).address()
BOB = tl.Keypair.from_uri("//Bob", SR).address()
TAO = 1_000_000_000


@pytest.fixture(scope="module")
def node():
    return devnet.Node(STATE["RPC_HTTP"])


@pytest.fixture(scope="module")
def client():
    spec = (devnet.REPO / "chain-specs" / f"{STATE['CHAIN']}.json").read_text()
    c = tl.LightClient.start(spec, [STATE["P2P_TCP_ADDR"]], None, None)
    asyncio.run(asyncio.wait_for(c.wait_ready(), 180))
    yield c
    c.stop()


@pytest.fixture
def wallet(client):
    return tl.Wallet(client, tl.default_wallet_config())


def node_stake(node, at_hex, hotkey, netuid):
    infos = devnet.decode_stake_infos(node.state_call(
        "StakeInfoRuntimeApi_get_stake_info_for_coldkey", ALICE_PUBLIC, bytes.fromhex(at_hex[2:])))
    return sum(i["stake"] for i in infos
               if tl.ss58_encode(i["hotkey"], 42) == hotkey and i["netuid"] == netuid)


async def finalized(submission):
    statuses = []
    while True:
        s = await asyncio.wait_for(submission.next_event(), 300)
        if s is None:
            break
        statuses.append(s)
        if not isinstance(s, (tl.WalletTxStatus.BROADCAST, tl.WalletTxStatus.IN_BLOCK,
                              tl.WalletTxStatus.RETRACTED)):
            break
    assert statuses and isinstance(statuses[-1], tl.WalletTxStatus.FINALIZED), statuses
    return statuses[-1].inclusion


@pytest.mark.asyncio
async def test_stake_plan_submit_finalized_equals_the_quote(wallet, client, node):
    alice = tl.Keypair.from_uri("//Alice", SR)
    amount = 3 * TAO + 987_654_321
    plan = await wallet.stake(ALICE, HOTKEY1, 1, amount, tl.default_slippage())
    action = plan.action()
    assert isinstance(action, tl.Action.STAKE) and action.hotkey == HOTKEY1 and action.tao == amount
    quote = plan.quote()
    assert isinstance(quote, tl.PlanQuote.SWAP)
    at = plan.at()
    # The plan's quote is the calculator's on the pool proven at the plan's block.
    pool = (await client.subnet_pool(at.hash, 1)).pool
    assert quote.quote == tl.quote_stake(pool, amount, 5_000_000)
    assert plan.expected_out() == quote.quote.amount_out and plan.limit_price() == action.limit_price
    assert plan.signer() == ALICE and plan.nonce() == (await wallet.account(ALICE)).nonce
    assert plan.fee().partial_fee > 0 and "add_stake_limit" in plan.call_summary()
    assert plan.swap_fee() == quote.quote.fee and plan.tip() == 0
    assert plan.price_impact_ppb() == quote.quote.price_impact_ppb
    assert isinstance(plan.warnings(), list)
    assert plan.payload().call_bytes() == plan.call_bytes()
    before = node_stake(node, "0x" + at.hash.hex(), HOTKEY1, 1)
    before_positions = {(p.hotkey, p.netuid): p.alpha for p in await wallet.positions(ALICE)}
    submission = await wallet.submit(plan, alice)
    assert submission.nonce() == plan.nonce() and len(submission.hash()) == 32
    inc = await finalized(submission)
    assert inc.success and inc.error is None, inc
    assert inc.fee_paid is not None and inc.fee_paid > 0
    assert [e.name for e in inc.events if e.pallet == "SubtensorModule"] == ["StakeAdded"]
    block = "0x" + inc.block.hex()
    assert node.call("chain_getBlockHash", inc.block_number) == block
    after = node_stake(node, block, HOTKEY1, 1)
    assert after - before == plan.expected_out(), (after - before, plan.expected_out())
    # Read back through the wallet once it has finalized that block.
    after_positions = {(p.hotkey, p.netuid): p.alpha for p in await wallet.positions(ALICE)}
    assert after_positions[(HOTKEY1, 1)] - before_positions[(HOTKEY1, 1)] == plan.expected_out()


@pytest.mark.asyncio
async def test_offline_signed_unstake(wallet, node):
    """Plan online, sign the JSON payload on a 'device' with only the key, submit back."""
    plan = await wallet.unstake(ALICE, HOTKEY1, 1, TAO, tl.default_slippage())
    assert isinstance(plan.action(), tl.Action.UNSTAKE)
    device_payload = tl.SigningPayload.from_json(plan.payload().to_json())
    signature = device_payload.sign(tl.Keypair.from_uri("//Alice", SR))
    inc = await finalized(await wallet.submit_signed(plan, signature))
    assert inc.success, inc
    unstaked = [e for e in inc.events if e.name == "StakeRemoved"]
    assert len(unstaked) == 1 and str(plan.expected_out()) in unstaked[0].fields


@pytest.mark.asyncio
async def test_plans_for_every_flow(wallet):
    s = tl.default_slippage()
    wide = tl.Slippage(tolerance_bps=9_000, allow_partial=False)
    assert isinstance((await wallet.unstake_full(ALICE, HOTKEY1, 1, wide)).action(),
                      tl.Action.UNSTAKE_FULL)
    assert isinstance((await wallet.unstake_all(ALICE, HOTKEY1)).quote(), tl.PlanQuote.POSITIONS)
    assert isinstance((await wallet.unstake_all_alpha(ALICE, HOTKEY1)).action(),
                      tl.Action.UNSTAKE_ALL_ALPHA)
    mv = await wallet.move_stake(ALICE, HOTKEY1, HOTKEY1, 1, 2, TAO)
    assert isinstance(mv.action(), tl.Action.MOVE_STAKE) and isinstance(mv.quote(), tl.PlanQuote.MOVE)
    assert isinstance((await wallet.transfer_stake(ALICE, BOB, HOTKEY1, 1, 1, TAO)).action(),
                      tl.Action.TRANSFER_STAKE)
    sw = await wallet.swap_stake(ALICE, HOTKEY1, 1, 2, TAO, s)
    assert isinstance(sw.action(), tl.Action.SWAP_STAKE) and sw.action().limit_price is not None
    assert (await wallet.swap_stake(ALICE, HOTKEY1, 1, 2, TAO, None)).action().limit_price is None
    tr = await wallet.transfer(ALICE, BOB, TAO, True)
    assert isinstance(tr.quote(), tl.PlanQuote.NONE) and tr.expected_out() == TAO
    assert (await wallet.finalized()).number > 0


@pytest.mark.asyncio
async def test_wallet_refusals_are_typed(wallet):
    alice = tl.Keypair.from_uri("//Alice", SR)
    s = tl.default_slippage()
    with pytest.raises(tl.TaolightError.BelowMinimumStake):
        await wallet.stake(ALICE, HOTKEY1, 1, 1, s)
    empty = tl.Keypair.from_uri(tl.generate_mnemonic(12), SR).address()
    with pytest.raises(tl.TaolightError.InsufficientBalance):
        await wallet.stake(empty, HOTKEY1, 1, TAO, s)
    with pytest.raises(tl.TaolightError.InsufficientStake):
        await wallet.unstake(ALICE, HOTKEY1, 1, 2**63, s)
    with pytest.raises(tl.TaolightError.InvalidTolerance):
        await wallet.stake(ALICE, HOTKEY1, 1, TAO, tl.Slippage(tolerance_bps=10_000, allow_partial=False))
    with pytest.raises(tl.TaolightError.UnknownSubnet):
        await wallet.stake(ALICE, HOTKEY1, 77, TAO, s)
    with pytest.raises(tl.TaolightError.ZeroAmount):
        await wallet.transfer(ALICE, BOB, 0, True)
    with pytest.raises(tl.TaolightError.InvalidSs58Checksum):
        await wallet.stake(ALICE[:-1] + "Z", HOTKEY1, 1, TAO, s)
    # A plan used twice: the second submission is refused before anything is sent.
    plan = await wallet.transfer(ALICE, BOB, TAO, True)
    inc = await finalized(await wallet.submit(plan, alice))
    assert inc.success
    with pytest.raises((tl.TaolightError.NonceChanged, tl.TaolightError.Rejected)):
        await wallet.submit(plan, alice)
    # Someone else's key.
    plan = await wallet.transfer(ALICE, BOB, TAO, True)
    with pytest.raises(tl.TaolightError.WrongSigner):
        await wallet.submit(plan, tl.Keypair.from_uri("//Bob", SR))
    forged = plan.payload().sign(alice)
    forged.signature = bytes(64)
    with pytest.raises(tl.TaolightError.BadSignature):
        await wallet.submit_signed(plan, forged)
