// Stake, unstake and move stake on the devnet through an independent client (@polkadot/api),
// and check the resulting storage, events and balances against core::stake quotes computed at
// the parent block (the `stake-quote` oracle) — exact, in rao. Bad transactions fail with
// Finney's error names and change nothing but the fee.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  connect, keyring, submit, poolAt, positionAt, freeAt, stakeAt, eventsOf, Quoter, TAO,
} from './lib.mjs';

let api; let k; let q;
before(async () => {
  ({ api } = await connect());
  k = keyring();
  q = new Quoter();
});
after(async () => { q?.close(); await api?.disconnect(); });

const st = () => api.tx.subtensorModule;
const str = (v) => String(v);

async function ok(quote) {
  const a = await quote;
  assert.ok(a.ok, `oracle: ${JSON.stringify(a)}`);
  return a.ok;
}

async function assertPool(hash, netuid, expected) {
  const got = await poolAt(api, hash, netuid);
  assert.equal(got.tao_reserve, expected.tao_reserve, `SubnetTAO(${netuid})`);
  assert.equal(got.alpha_reserve, expected.alpha_reserve, `SubnetAlphaIn(${netuid})`);
}

// Author (Alice, the only authority) gets the swap fee; transaction fees are burned.
async function authorGain(r) {
  return (await freeAt(api, r.blockHash, k.alice.address)) - (await freeAt(api, r.parentHash, k.alice.address));
}

async function stake(signer, hot, netuid, tao, limit = null, allowPartial = false) {
  const tx = limit === null
    ? st().addStake(hot.address, netuid, tao)
    : st().addStakeLimit(hot.address, netuid, tao, limit, allowPartial);
  const r = await submit(api, tx, signer);
  assert.equal(r.error, null, 'dispatch succeeded');
  const pool = await poolAt(api, r.parentHash, netuid);
  const pos = await positionAt(api, r.parentHash, hot.address, signer.address, netuid);
  const quote = await ok(q.ask({ op: 'stake', pool, tao, limit, allow_partial: allowPartial }));
  await assertPool(r.blockHash, netuid, quote.pool);
  const [ev] = eventsOf(r.events, 'subtensorModule', 'StakeAdded');
  assert.deepEqual(ev.data.map(str), [signer.address, hot.address, quote.tao_spent, quote.alpha, str(netuid), quote.fee]);
  const expectedPos = await ok(q.ask({ op: 'position', ...pos, deposit: quote.alpha }));
  assert.equal(await stakeAt(api, r.blockHash, hot.address, signer.address, netuid), BigInt(expectedPos.position_value));
  const spent = (await freeAt(api, r.parentHash, signer.address)) - (await freeAt(api, r.blockHash, signer.address));
  assert.equal(spent, BigInt(quote.tao_spent) + r.fee, 'coldkey pays stake + transaction fee');
  assert.equal(await authorGain(r), BigInt(quote.author_tao), 'block author receives the swap fee');
  return { r, quote };
}

async function unstake(signer, hot, netuid, alpha, { limit = null, allowPartial = false, tx = null } = {}) {
  const call = tx ?? (limit === null
    ? st().removeStake(hot.address, netuid, alpha)
    : st().removeStakeLimit(hot.address, netuid, alpha, limit, allowPartial));
  const r = await submit(api, call, signer);
  assert.equal(r.error, null, 'dispatch succeeded');
  const live = await stakeAt(api, r.parentHash, hot.address, signer.address, netuid);
  const pool = await poolAt(api, r.parentHash, netuid);
  const pos = await positionAt(api, r.parentHash, hot.address, signer.address, netuid);
  const quote = await ok(q.ask({
    op: 'unstake', pool, alpha, limit, allow_partial: allowPartial, full: BigInt(alpha) === live,
  }));
  await assertPool(r.blockHash, netuid, quote.pool);
  const [ev] = eventsOf(r.events, 'subtensorModule', 'StakeRemoved');
  assert.deepEqual(ev.data.map(str), [signer.address, hot.address, quote.tao, quote.alpha_spent, str(netuid), quote.fee]);
  const expectedPos = await ok(q.ask({ op: 'position', ...pos, withdraw: quote.alpha_spent }));
  assert.equal(await stakeAt(api, r.blockHash, hot.address, signer.address, netuid), BigInt(expectedPos.position_value));
  const gained = (await freeAt(api, r.blockHash, signer.address)) - (await freeAt(api, r.parentHash, signer.address));
  assert.equal(gained, BigInt(quote.tao) - r.fee, 'coldkey receives the TAO minus the transaction fee');
  assert.equal(await authorGain(r), BigInt(quote.author_tao), 'block author receives the fee alpha sold');
  return { r, quote, live };
}

// A cross-subnet move (move_stake or swap_stake): two legs, one fee.
async function move(signer, tx, from, to, alpha, eventName) {
  const r = await submit(api, tx, signer);
  assert.equal(r.error, null, 'dispatch succeeded');
  const origin = await poolAt(api, r.parentHash, from.netuid);
  const destination = await poolAt(api, r.parentHash, to.netuid);
  const posFrom = await positionAt(api, r.parentHash, from.hot.address, signer.address, from.netuid);
  const posTo = await positionAt(api, r.parentHash, to.hot.address, signer.address, to.netuid);
  const quote = await ok(q.ask({ op: 'move', origin, destination, alpha, origin_is_root: from.netuid === 0 }));
  await assertPool(r.blockHash, from.netuid, quote.origin);
  await assertPool(r.blockHash, to.netuid, quote.destination);
  const [removed] = eventsOf(r.events, 'subtensorModule', 'StakeRemoved');
  assert.deepEqual(removed.data.map(str),
    [signer.address, from.hot.address, quote.tao, quote.alpha_spent, str(from.netuid), quote.unstake_fee]);
  const [added] = eventsOf(r.events, 'subtensorModule', 'StakeAdded');
  assert.deepEqual(added.data.map(str),
    [signer.address, to.hot.address, quote.tao, quote.alpha, str(to.netuid), quote.stake_fee]);
  assert.equal(quote.stake_fee, '0', 'only the origin leg pays a swap fee');
  const [moved] = eventsOf(r.events, 'subtensorModule', eventName);
  assert.equal(moved.data[moved.data.length - 1].toString(), quote.tao);
  const fromPos = await ok(q.ask({ op: 'position', ...posFrom, withdraw: quote.alpha_spent }));
  const toPos = await ok(q.ask({ op: 'position', ...posTo, deposit: quote.alpha }));
  assert.equal(await stakeAt(api, r.blockHash, from.hot.address, signer.address, from.netuid), BigInt(fromPos.position_value));
  assert.equal(await stakeAt(api, r.blockHash, to.hot.address, signer.address, to.netuid), BigInt(toPos.position_value));
  const delta = (await freeAt(api, r.parentHash, signer.address)) - (await freeAt(api, r.blockHash, signer.address));
  assert.equal(delta, r.fee, 'a move costs the coldkey only the transaction fee');
  return { r, quote };
}

const price = async (netuid) => (await api.call.swapRuntimeApi.currentAlphaPrice(netuid)).toBigInt();

test('add_stake on subnet 1 (weight 0.5)', async () => {
  const { quote } = await stake(k.bob, k.hotkey1, 1, 100n * TAO);
  assert.ok(BigInt(quote.fee) > 0n);
});

test('add_stake on subnet 2 (weight != 0.5, series path)', async () => {
  await stake(k.bob, k.hotkey2, 2, 40n * TAO);
});

test('add_stake_limit fill-or-kill within the limit', async () => {
  const limit = (await price(1)) * 11n / 10n;
  await stake(k.bob, k.hotkey1, 1, 3n * TAO, limit, false);
});

test('add_stake_limit partial fill stops at the limit price', async () => {
  const limit = (await price(2)) * 1005n / 1000n;
  const { quote } = await stake(k.bob, k.hotkey2, 2, 5_000n * TAO, limit, true);
  assert.ok(BigInt(quote.tao_spent) < 5_000n * TAO, 'partially filled');
  assert.ok(await price(2) < limit);
});

test('remove_stake part of a position on subnet 1', async () => {
  const live = await stakeAt(api, await api.rpc.chain.getBlockHash(), k.hotkey1.address, k.bob.address, 1);
  await unstake(k.bob, k.hotkey1, 1, live / 3n);
});

test('remove_stake_limit partial fill on subnet 2', async () => {
  const live = await stakeAt(api, await api.rpc.chain.getBlockHash(), k.hotkey2.address, k.bob.address, 2);
  const limit = (await price(2)) * 995n / 1000n;
  const { quote } = await unstake(k.bob, k.hotkey2, 2, live, { limit, allowPartial: true });
  assert.ok(BigInt(quote.alpha_spent) < live, 'partially filled');
});

test('move_stake across subnets and hotkeys (hotkey1@1 -> hotkey2@2)', async () => {
  const live = await stakeAt(api, await api.rpc.chain.getBlockHash(), k.hotkey1.address, k.bob.address, 1);
  const alpha = live / 4n;
  await move(k.bob, st().moveStake(k.hotkey1.address, k.hotkey2.address, 1, 2, alpha),
    { hot: k.hotkey1, netuid: 1 }, { hot: k.hotkey2, netuid: 2 }, alpha, 'StakeMoved');
});

test('swap_stake between subnets (hotkey2@2 -> hotkey2@1)', async () => {
  const live = await stakeAt(api, await api.rpc.chain.getBlockHash(), k.hotkey2.address, k.bob.address, 2);
  const alpha = live / 2n;
  await move(k.bob, st().swapStake(k.hotkey2.address, 2, 1, alpha),
    { hot: k.hotkey2, netuid: 2 }, { hot: k.hotkey2, netuid: 1 }, alpha, 'StakeSwapped');
});

test('remove_stake_full_limit sells the whole position (limit None and Some)', async () => {
  const hash = await api.rpc.chain.getBlockHash();
  const live1 = await stakeAt(api, hash, k.hotkey1.address, k.bob.address, 1);
  await unstake(k.bob, k.hotkey1, 1, live1, { tx: st().removeStakeFullLimit(k.hotkey1.address, 1, null) });
  assert.equal(await stakeAt(api, await api.rpc.chain.getBlockHash(), k.hotkey1.address, k.bob.address, 1), 0n);
  const live2 = await stakeAt(api, await api.rpc.chain.getBlockHash(), k.hotkey2.address, k.bob.address, 1);
  const limit = 1_000n;
  const r = await unstake(k.bob, k.hotkey2, 1, live2, { limit, tx: st().removeStakeFullLimit(k.hotkey2.address, 1, limit) });
  assert.equal(r.quote.alpha_spent, live2.toString());
});

// --- bad transactions: Finney error names, nothing changes but the fee -------------------

async function expectFailure(signer, tx, expected, netuids, positions) {
  const r = await submit(api, tx, signer);
  assert.equal(r.error, expected);
  for (const n of netuids) {
    assert.deepEqual(await poolAt(api, r.blockHash, n), await poolAt(api, r.parentHash, n), `pool ${n} unchanged`);
    const outBefore = await (await api.at(r.parentHash)).query.subtensorModule.subnetAlphaOut(n);
    const outAfter = await (await api.at(r.blockHash)).query.subtensorModule.subnetAlphaOut(n);
    assert.equal(outAfter.toBigInt(), outBefore.toBigInt(), `SubnetAlphaOut(${n}) unchanged`);
  }
  for (const [hot, cold, n] of positions) {
    assert.equal(await stakeAt(api, r.blockHash, hot, cold, n), await stakeAt(api, r.parentHash, hot, cold, n));
  }
  const delta = (await freeAt(api, r.parentHash, signer.address)) - (await freeAt(api, r.blockHash, signer.address));
  assert.equal(delta, r.fee, 'only the transaction fee was paid');
  assert.equal(eventsOf(r.events, 'subtensorModule', 'StakeAdded').length, 0);
  assert.equal(eventsOf(r.events, 'subtensorModule', 'StakeRemoved').length, 0);
}

test('amount below the minimum: AmountTooLow', async () => {
  await expectFailure(k.charlie, st().addStake(k.hotkey1.address, 1, 2_000_000n), 'subtensorModule.AmountTooLow',
    [1], [[k.hotkey1.address, k.charlie.address, 1]]);
});

test('unknown hotkey: HotKeyAccountNotExists', async () => {
  await expectFailure(k.charlie, st().addStake(k.nobody.address, 1, 10n * TAO), 'subtensorModule.HotKeyAccountNotExists', [1], []);
});

test('unknown subnet: SubnetNotExists', async () => {
  await expectFailure(k.charlie, st().addStake(k.hotkey1.address, 9, 10n * TAO), 'subtensorModule.SubnetNotExists', [1, 2], []);
});

test('insufficient balance: NotEnoughBalanceToStake', async () => {
  const poor = k.fromUri('//Poor');
  const fund = await submit(api, api.tx.balances.transferKeepAlive(poor.address, 5n * TAO), k.alice);
  assert.equal(fund.error, null);
  await expectFailure(poor, st().addStake(k.hotkey1.address, 1, 10n * TAO), 'subtensorModule.NotEnoughBalanceToStake', [1], []);
});

test('buy limit at the current price: Swap.PriceLimitExceeded', async () => {
  const limit = await price(1);
  await expectFailure(k.charlie, st().addStakeLimit(k.hotkey1.address, 1, 10n * TAO, limit, false), 'swap.PriceLimitExceeded',
    [1], [[k.hotkey1.address, k.charlie.address, 1]]);
});

test('fill-or-kill beyond the limit: SlippageTooHigh', async () => {
  const limit = (await price(1)) * 1001n / 1000n;
  await expectFailure(k.charlie, st().addStakeLimit(k.hotkey1.address, 1, 1_000n * TAO, limit, false), 'subtensorModule.SlippageTooHigh',
    [1], [[k.hotkey1.address, k.charlie.address, 1]]);
});

test('unstaking more than the position: NotEnoughStakeToWithdraw', async () => {
  const live = await stakeAt(api, await api.rpc.chain.getBlockHash(), k.hotkey1.address, k.charlie.address, 1);
  assert.ok(live > 0n, 'Charlie has a genesis position on subnet 1');
  await expectFailure(k.charlie, st().removeStakeLimit(k.hotkey1.address, 1, live + 1n, 1_000n, false),
    'subtensorModule.NotEnoughStakeToWithdraw', [1], [[k.hotkey1.address, k.charlie.address, 1]]);
});
