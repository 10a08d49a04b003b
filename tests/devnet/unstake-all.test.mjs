// unstake_all and unstake_all_alpha end to end: every position of (coldkey, hotkey) is sold in
// one transaction; the chain's pools, events, positions, balances and the author's fee must be
// exactly what the core::stake oracle (stake-quote) computes from the parent block, subnet by
// subnet (unstake_all_alpha then restakes the sum into root).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  connect, keyring, submit, poolAt, positionAt, stakeAt, eventsOf, Quoter, TAO,
} from './lib.mjs';
import { staking } from './staking.mjs';

let api; let k; let q; let s;
before(async () => {
  ({ api } = await connect());
  k = keyring();
  q = new Quoter();
  s = staking(api, k, q);
});
after(async () => { q?.close(); await api?.disconnect(); });

const str = (v) => String(v);
const NETUIDS = [0, 1, 2];

/// What selling the whole live position of (hot, cold) on each of `netuids` does, per the oracle
/// at `hash`: `[{netuid, live, quote, pos}]` for the non-empty positions.
async function fullSalesAt(hash, hot, cold, netuids) {
  const sales = [];
  for (const netuid of netuids) {
    const live = await stakeAt(api, hash, hot.address, cold.address, netuid);
    if (live === 0n) continue;
    const pool = await poolAt(api, hash, netuid);
    const pos = await positionAt(api, hash, hot.address, cold.address, netuid);
    const quote = await s.ok(q.ask({ op: 'unstake', pool, alpha: live, limit: null, allow_partial: false, full: true }));
    sales.push({ netuid, live, quote, pos });
  }
  return sales;
}

/// Checks each sale against the block: pool, StakeRemoved event, position after, SubnetAlphaOut.
async function assertSales(r, hot, cold, sales) {
  const removed = eventsOf(r.events, 'subtensorModule', 'StakeRemoved');
  assert.equal(removed.length, sales.length, 'one StakeRemoved per sold position');
  for (const { netuid, quote, pos } of sales) {
    await s.assertPool(r.blockHash, netuid, quote.pool);
    const ev = removed.find((e) => e.data[4].toString() === str(netuid));
    assert.ok(ev, `StakeRemoved on ${netuid}`);
    assert.deepEqual(ev.data.map(str), [cold.address, hot.address, quote.tao, quote.alpha_spent, str(netuid), quote.fee]);
    const after = await s.ok(q.ask({ op: 'position', ...pos, withdraw: quote.alpha_spent }));
    assert.equal(await stakeAt(api, r.blockHash, hot.address, cold.address, netuid), BigInt(after.position_value));
    const out = async (h) => (await (await api.at(h)).query.subtensorModule.subnetAlphaOut(netuid)).toBigInt();
    assert.equal(await out(r.parentHash) - await out(r.blockHash), BigInt(quote.alpha_spent), `SubnetAlphaOut(${netuid})`);
  }
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0n);

test('unstake_all sells every position of the hotkey, root included', async () => {
  const dave = k.dave;
  await s.stake(dave, k.hotkey1, 1, 50n * TAO);
  await s.stake(dave, k.hotkey1, 2, 30n * TAO);
  await s.stake(dave, k.hotkey1, 0, 20n * TAO);
  await s.stake(dave, k.hotkey2, 1, 10n * TAO); // another hotkey: must stay
  const otherBefore = await s.liveStake(k.hotkey2, dave, 1);

  const r = await submit(api, s.st().unstakeAll(k.hotkey1.address), dave);
  assert.equal(r.error, null, 'dispatch succeeded');
  const sales = await fullSalesAt(r.parentHash, k.hotkey1, dave, NETUIDS);
  assert.deepEqual(sales.map((x) => x.netuid), [0, 1, 2], 'positions on root, 1 and 2 were sold');
  await assertSales(r, k.hotkey1, dave, sales);
  for (const netuid of NETUIDS) {
    assert.equal(await stakeAt(api, r.blockHash, k.hotkey1.address, dave.address, netuid), 0n, `nothing left on ${netuid}`);
  }
  assert.equal(await stakeAt(api, r.blockHash, k.hotkey2.address, dave.address, 1), otherBefore, 'other hotkey untouched');
  assert.equal(eventsOf(r.events, 'subtensorModule', 'StakeAdded').length, 0);
  assert.equal(await s.balanceDelta(r, dave.address), sum(sales.map((x) => BigInt(x.quote.tao))) - r.fee,
    'coldkey receives every sale minus the transaction fee');
  assert.equal(await s.authorGain(r), sum(sales.map((x) => BigInt(x.quote.author_tao))), 'author receives each sale\'s fee');
});

test('unstake_all_alpha sells the subnet positions and restakes the TAO into root', async () => {
  const eve = k.eve;
  await s.stake(eve, k.hotkey2, 1, 40n * TAO);
  await s.stake(eve, k.hotkey2, 2, 25n * TAO);
  await s.stake(eve, k.hotkey2, 0, 10n * TAO);

  const r = await submit(api, s.st().unstakeAllAlpha(k.hotkey2.address), eve);
  assert.equal(r.error, null, 'dispatch succeeded');
  const sales = await fullSalesAt(r.parentHash, k.hotkey2, eve, [1, 2]);
  assert.deepEqual(sales.map((x) => x.netuid), [1, 2]);
  await assertSales(r, k.hotkey2, eve, sales);
  for (const netuid of [1, 2]) {
    assert.equal(await stakeAt(api, r.blockHash, k.hotkey2.address, eve.address, netuid), 0n, `nothing left on ${netuid}`);
  }

  // The summed TAO is staked into root (stable pool: 1:1, no swap fee).
  const tao = sum(sales.map((x) => BigInt(x.quote.tao)));
  const root = await poolAt(api, r.parentHash, 0);
  const rootPos = await positionAt(api, r.parentHash, k.hotkey2.address, eve.address, 0);
  const restake = await s.ok(q.ask({ op: 'stake', pool: root, tao, limit: null, allow_partial: false }));
  assert.equal(restake.fee, '0');
  await s.assertPool(r.blockHash, 0, restake.pool);
  const added = eventsOf(r.events, 'subtensorModule', 'StakeAdded');
  assert.equal(added.length, 1);
  assert.deepEqual(added[0].data.map(str), [eve.address, k.hotkey2.address, str(tao), restake.alpha, '0', '0']);
  const rootAfter = await s.ok(q.ask({ op: 'position', ...rootPos, deposit: restake.alpha }));
  assert.equal(await stakeAt(api, r.blockHash, k.hotkey2.address, eve.address, 0), BigInt(rootAfter.position_value));
  assert.ok(BigInt(rootAfter.position_value) > await stakeAt(api, r.parentHash, k.hotkey2.address, eve.address, 0), 'root position grew');

  assert.equal(-(await s.balanceDelta(r, eve.address)), r.fee, 'the TAO went into root: only the fee was paid');
  assert.equal(await s.authorGain(r), sum(sales.map((x) => BigInt(x.quote.author_tao))));
});

test('unstake_all / unstake_all_alpha on an unknown hotkey: HotKeyAccountNotExists, nothing changes', async () => {
  await s.expectFailure(k.charlie, s.st().unstakeAll(k.nobody.address), 'subtensorModule.HotKeyAccountNotExists',
    NETUIDS, [[k.hotkey1.address, k.charlie.address, 1]]);
  await s.expectFailure(k.charlie, s.st().unstakeAllAlpha(k.nobody.address), 'subtensorModule.HotKeyAccountNotExists',
    NETUIDS, [[k.hotkey1.address, k.charlie.address, 1]]);
});
