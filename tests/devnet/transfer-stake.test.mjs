// transfer_stake end to end: stake changes coldkey (same hotkey), on the same subnet (shares
// move, the pool does not) and across subnets (sell, hand the TAO over, buy). Pools, events,
// both positions and both balances must be exactly what the core::stake oracle (stake-quote)
// computes from the parent block.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  connect, keyring, submit, poolAt, positionAt, stakeAt, eventsOf, Quoter, TAO,
} from './lib.mjs';
import { staking } from './staking.mjs';

let api; let k; let q; let s; let receiver;
before(async () => {
  ({ api } = await connect());
  k = keyring();
  q = new Quoter();
  s = staking(api, k, q);
  // A fresh destination coldkey with some TAO (its balance must not change by a transfer).
  receiver = k.fromUri('//Receiver');
  const fund = await submit(api, api.tx.balances.transferKeepAlive(receiver.address, 10n * TAO), k.alice);
  assert.equal(fund.error, null);
});
after(async () => { q?.close(); await api?.disconnect(); });

const str = (v) => String(v);

// U64F64 as the chain computes it (substrate_fixed, truncating), written here from the
// documented rounding rules (subtensor-staking.md §2) rather than taken from core::stake:
// the value moved by a same-subnet transfer is floor(price · alpha), with
// price = (w1/w2) · (SubnetTAO/SubnetAlphaIn) for a dynamic subnet and 1 otherwise.
const ONE = 1n << 64n;
const MAX128 = (1n << 128n) - 1n;
const fx = (n) => BigInt(n) << 64n;
const fdiv = (a, b) => { if (b === 0n) return 0n; const v = (a << 64n) / b; return v > MAX128 ? 0n : v; };
const fmul = (a, b) => { const v = (a * b) >> 64n; return v > MAX128 ? MAX128 : v; };
const fu64 = (a) => a >> 64n;
function priceBits(pool) {
  if (pool.mechanism !== 1) return ONE;
  const w2 = BigInt(pool.quote_weight);
  const w1 = 10n ** 18n - w2;
  return fmul(fdiv(fx(w1), fx(w2)), fdiv(fx(pool.tao_reserve), fx(pool.alpha_reserve)));
}

test('the JS price agrees with SwapRuntimeApi.current_alpha_price', async () => {
  const hash = (await api.rpc.chain.getBlockHash()).toHex();
  for (const netuid of [0, 1, 2]) {
    const pool = await poolAt(api, hash, netuid);
    const chain = (await (await api.at(hash)).call.swapRuntimeApi.currentAlphaPrice(netuid)).toBigInt();
    assert.equal(fu64(fmul(priceBits(pool), fx(1_000_000_000n))), chain, `price of ${netuid}`);
  }
});

test('transfer_stake on the same subnet moves shares to the other coldkey, not the pool', async () => {
  const ferdie = k.ferdie;
  await s.stake(ferdie, k.hotkey1, 1, 60n * TAO);
  const alpha = (await s.liveStake(k.hotkey1, ferdie, 1)) / 3n;
  const r = await submit(api, s.st().transferStake(receiver.address, k.hotkey1.address, 1, 1, alpha), ferdie);
  assert.equal(r.error, null, 'dispatch succeeded');

  const pool = await poolAt(api, r.parentHash, 1);
  assert.deepEqual(await poolAt(api, r.blockHash, 1), pool, 'pool unchanged');
  const out = async (h) => (await (await api.at(h)).query.subtensorModule.subnetAlphaOut(1)).toBigInt();
  assert.equal(await out(r.blockHash), await out(r.parentHash), 'SubnetAlphaOut unchanged');

  // Both positions live in the same hotkey share pool: withdraw from the sender, then deposit
  // for the receiver into the pool as the withdrawal left it.
  const from = await positionAt(api, r.parentHash, k.hotkey1.address, ferdie.address, 1);
  const to = await positionAt(api, r.parentHash, k.hotkey1.address, receiver.address, 1);
  const fromAfter = await s.ok(q.ask({ op: 'position', ...from, withdraw: alpha }));
  const toAfter = await s.ok(q.ask({
    op: 'position', value: fromAfter.value, denominator: fromAfter.denominator, share: to.share, deposit: alpha,
  }));
  assert.equal(await stakeAt(api, r.blockHash, k.hotkey1.address, ferdie.address, 1), BigInt(fromAfter.position_value));
  assert.equal(await stakeAt(api, r.blockHash, k.hotkey1.address, receiver.address, 1), BigInt(toAfter.position_value));
  assert.ok(BigInt(toAfter.position_value) > 0n);

  const tao = fu64(fmul(priceBits(pool), fx(alpha)));
  const [ev] = eventsOf(r.events, 'subtensorModule', 'StakeTransferred');
  assert.deepEqual(ev.data.map(str), [ferdie.address, receiver.address, k.hotkey1.address, '1', '1', str(tao)]);
  assert.equal(eventsOf(r.events, 'subtensorModule', 'StakeAdded').length, 0);
  assert.equal(eventsOf(r.events, 'subtensorModule', 'StakeRemoved').length, 0);
  assert.equal(-(await s.balanceDelta(r, ferdie.address)), r.fee, 'sender pays only the transaction fee');
  assert.equal(await s.balanceDelta(r, receiver.address), 0n, 'receiver balance unchanged');
  assert.equal(await s.authorGain(r), 0n, 'no swap, no swap fee');
});

test('transfer_stake across subnets (hotkey1@1 -> receiver on hotkey1@2)', async () => {
  const ferdie = k.ferdie;
  const alpha = (await s.liveStake(k.hotkey1, ferdie, 1)) / 2n;
  const { moved, quote } = await s.move(ferdie, s.st().transferStake(receiver.address, k.hotkey1.address, 1, 2, alpha),
    { hot: k.hotkey1, netuid: 1 }, { hot: k.hotkey1, netuid: 2, cold: receiver }, alpha, 'StakeTransferred');
  assert.deepEqual(moved.data.map(str), [ferdie.address, receiver.address, k.hotkey1.address, '1', '2', quote.tao]);
});

test('transfer_stake more than the position moves the whole position (capped)', async () => {
  const ferdie = k.ferdie;
  const live = await s.liveStake(k.hotkey1, ferdie, 1);
  assert.ok(live > 0n);
  const { amount } = await s.move(ferdie,
    s.st().transferStake(receiver.address, k.hotkey1.address, 1, 2, live * 2n),
    { hot: k.hotkey1, netuid: 1 }, { hot: k.hotkey1, netuid: 2, cold: receiver },
    async (_hash, _o, _d, liveAtParent) => liveAtParent, 'StakeTransferred');
  assert.equal(amount, live);
  assert.equal(await s.liveStake(k.hotkey1, ferdie, 1), 0n, 'nothing left');
});

test('transfer_stake without a position: AmountTooLow, nothing changes', async () => {
  // The receiver never stakes on hotkey2 (in any test file).
  assert.equal(await s.liveStake(k.hotkey2, receiver, 2), 0n);
  await s.expectFailure(receiver, s.st().transferStake(k.ferdie.address, k.hotkey2.address, 2, 1, 10n * TAO),
    'subtensorModule.AmountTooLow', [1, 2],
    [[k.hotkey2.address, receiver.address, 2], [k.hotkey2.address, k.ferdie.address, 1]]);
});

test('transfer_stake to an unknown subnet: SubnetNotExists, nothing changes', async () => {
  await s.expectFailure(k.charlie, s.st().transferStake(receiver.address, k.hotkey1.address, 1, 9, 10n * TAO),
    'subtensorModule.SubnetNotExists', [1], [[k.hotkey1.address, k.charlie.address, 1]]);
});
