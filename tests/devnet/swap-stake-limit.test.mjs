// swap_stake_limit end to end: the limit (rao of origin price / destination price) sizes the
// amount through get_max_amount_move; the two legs then run as swap_stake. The moved amount,
// pools, events, positions and balances must be exactly what the core::stake oracle
// (stake-quote: `max_move`, then `move`) computes from the parent block.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect, keyring, poolAt, Quoter, TAO } from './lib.mjs';
import { staking } from './staking.mjs';

let api; let k; let q; let s;
before(async () => {
  ({ api } = await connect());
  k = keyring();
  q = new Quoter();
  s = staking(api, k, q);
});
after(async () => { q?.close(); await api?.disconnect(); });

const ORIGIN = 2;
const DESTINATION = 1;

async function maxMove(origin, destination, limit) {
  return BigInt((await s.ok(q.ask({ op: 'max_move', origin, destination, limit }))).max);
}

/// The current origin/destination price ratio in rao (approximate: from the floored prices).
async function ratio() {
  return (await s.price(ORIGIN)) * 1_000_000_000n / (await s.price(DESTINATION));
}

/// A limit below the current ratio whose executable amount is positive but below `alpha`
/// (so a partial fill is partial), worth well over the 0.002 TAO minimum.
async function partialLimit(alpha) {
  const hash = (await api.rpc.chain.getBlockHash()).toHex();
  const o = await poolAt(api, hash, ORIGIN);
  const d = await poolAt(api, hash, DESTINATION);
  const r = await ratio();
  for (const ppm of [999_000n, 998_000n, 995_000n, 990_000n, 980_000n, 950_000n, 900_000n]) {
    const limit = r * ppm / 1_000_000n;
    const max = await maxMove(o, d, limit);
    if (max > alpha / 20n && max < alpha) return limit;
  }
  throw new Error('no limit gives a partial fill');
}

const SWAP = (hot, alpha, limit, allowPartial) => s.st().swapStakeLimit(hot.address, ORIGIN, DESTINATION, alpha, limit, allowPartial);

test('setup: Ferdie stakes on hotkey2@2', async () => {
  await s.stake(k.ferdie, k.hotkey2, ORIGIN, 200n * TAO);
});

test('swap_stake_limit fill-or-kill within the limit moves the whole amount', async () => {
  const alpha = (await s.liveStake(k.hotkey2, k.ferdie, ORIGIN)) / 10n;
  const limit = (await ratio()) * 9n / 10n;
  const { amount } = await s.move(k.ferdie, SWAP(k.hotkey2, alpha, limit, false),
    { hot: k.hotkey2, netuid: ORIGIN }, { hot: k.hotkey2, netuid: DESTINATION },
    async (_h, o, d) => {
      assert.ok(alpha <= await maxMove(o, d, limit), 'within the limit at the parent block');
      return alpha;
    }, 'StakeSwapped');
  assert.equal(amount, alpha);
});

test('swap_stake_limit partial fill moves exactly get_max_amount_move', async () => {
  const alpha = await s.liveStake(k.hotkey2, k.ferdie, ORIGIN);
  const limit = await partialLimit(alpha);
  const { amount } = await s.move(k.ferdie, SWAP(k.hotkey2, alpha, limit, true),
    { hot: k.hotkey2, netuid: ORIGIN }, { hot: k.hotkey2, netuid: DESTINATION },
    async (_h, o, d, live) => {
      const max = await maxMove(o, d, limit);
      return [alpha, max, live].reduce((a, b) => (a < b ? a : b));
    }, 'StakeSwapped');
  assert.ok(amount < alpha && amount > 0n, `partially filled (${amount} of ${alpha})`);
});

test('swap_stake_limit fill-or-kill beyond the limit: SlippageTooHigh, nothing changes', async () => {
  const alpha = await s.liveStake(k.hotkey2, k.ferdie, ORIGIN);
  const limit = await partialLimit(alpha);
  await s.expectFailure(k.ferdie, SWAP(k.hotkey2, alpha, limit, false), 'subtensorModule.SlippageTooHigh',
    [ORIGIN, DESTINATION], [[k.hotkey2.address, k.ferdie.address, ORIGIN], [k.hotkey2.address, k.ferdie.address, DESTINATION]]);
});

test('swap_stake_limit above the current ratio: ZeroMaxStakeAmount, nothing changes', async () => {
  const alpha = await s.liveStake(k.hotkey2, k.ferdie, ORIGIN);
  const limit = (await ratio()) * 11n / 10n;
  await s.expectFailure(k.ferdie, SWAP(k.hotkey2, alpha, limit, true), 'subtensorModule.ZeroMaxStakeAmount',
    [ORIGIN, DESTINATION], [[k.hotkey2.address, k.ferdie.address, ORIGIN], [k.hotkey2.address, k.ferdie.address, DESTINATION]]);
});

test('swap_stake to the same subnet: SameNetuid, nothing changes', async () => {
  await s.expectFailure(k.ferdie, s.st().swapStake(k.hotkey2.address, ORIGIN, ORIGIN, 10n * TAO), 'subtensorModule.SameNetuid',
    [ORIGIN], [[k.hotkey2.address, k.ferdie.address, ORIGIN]]);
});
