// Oracle-checked staking steps for the devnet end-to-end tests: each submits one transaction
// through @polkadot/api, waits for its block, asks the core::stake oracle (stake-quote) what the
// transaction must do given the state at the parent block, and asserts the chain did exactly
// that (pools, events, positions, balances, the block author's swap fee), in rao.
import assert from 'node:assert/strict';
import { submit, poolAt, positionAt, freeAt, stakeAt, eventsOf } from './lib.mjs';

const str = (v) => String(v);

/// The steps, bound to a connected `api`, the dev `keyring()` and a `Quoter`.
export function staking(api, k, q) {
  const st = () => api.tx.subtensorModule;

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

  const balanceDelta = async (r, who) => (await freeAt(api, r.blockHash, who)) - (await freeAt(api, r.parentHash, who));

  const price = async (netuid) => (await api.call.swapRuntimeApi.currentAlphaPrice(netuid)).toBigInt();
  const liveStake = async (hot, cold, netuid) => stakeAt(api, await api.rpc.chain.getBlockHash(), hot.address, cold.address, netuid);

  /// add_stake / add_stake_limit of `tao` by `signer` on (hot, netuid).
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
    assert.equal(-(await balanceDelta(r, signer.address)), BigInt(quote.tao_spent) + r.fee, 'coldkey pays stake + transaction fee');
    assert.equal(await authorGain(r), BigInt(quote.author_tao), 'block author receives the swap fee');
    return { r, quote };
  }

  /// remove_stake / remove_stake_limit (or `tx`, e.g. remove_stake_full_limit) of `alpha`.
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
    assert.equal(await balanceDelta(r, signer.address), BigInt(quote.tao) - r.fee, 'coldkey receives the TAO minus the transaction fee');
    assert.equal(await authorGain(r), BigInt(quote.author_tao), 'block author receives the fee alpha sold');
    return { r, quote, live };
  }

  /// A cross-subnet move (move_stake, swap_stake, swap_stake_limit, transfer_stake): two legs,
  /// one fee. `from`/`to` are `{hot, netuid, cold?}` (cold defaults to the signer). `alpha` is the
  /// origin alpha the chain must move, or `async (parentHash, originPool, destinationPool,
  /// liveOrigin) => alpha` when it depends on the parent state (limits, caps).
  async function move(signer, tx, from, to, alpha, eventName) {
    const fromCold = from.cold ?? signer;
    const toCold = to.cold ?? signer;
    const r = await submit(api, tx, signer);
    assert.equal(r.error, null, 'dispatch succeeded');
    const origin = await poolAt(api, r.parentHash, from.netuid);
    const destination = await poolAt(api, r.parentHash, to.netuid);
    const live = await stakeAt(api, r.parentHash, from.hot.address, fromCold.address, from.netuid);
    const amount = typeof alpha === 'function' ? await alpha(r.parentHash, origin, destination, live) : alpha;
    const posFrom = await positionAt(api, r.parentHash, from.hot.address, fromCold.address, from.netuid);
    const posTo = await positionAt(api, r.parentHash, to.hot.address, toCold.address, to.netuid);
    const quote = await ok(q.ask({ op: 'move', origin, destination, alpha: amount, origin_is_root: from.netuid === 0 }));
    await assertPool(r.blockHash, from.netuid, quote.origin);
    await assertPool(r.blockHash, to.netuid, quote.destination);
    const [removed] = eventsOf(r.events, 'subtensorModule', 'StakeRemoved');
    assert.deepEqual(removed.data.map(str),
      [fromCold.address, from.hot.address, quote.tao, quote.alpha_spent, str(from.netuid), quote.unstake_fee]);
    const [added] = eventsOf(r.events, 'subtensorModule', 'StakeAdded');
    assert.deepEqual(added.data.map(str),
      [toCold.address, to.hot.address, quote.tao, quote.alpha, str(to.netuid), quote.stake_fee]);
    const originIsRoot = from.netuid === 0;
    if (originIsRoot) {
      assert.equal(quote.unstake_fee, '0', 'out of root only the destination leg pays a swap fee');
    } else {
      assert.equal(quote.stake_fee, '0', 'only the origin leg pays a swap fee');
    }
    const [moved] = eventsOf(r.events, 'subtensorModule', eventName);
    assert.ok(moved, `${eventName} emitted`);
    assert.equal(moved.data[moved.data.length - 1].toString(), quote.tao);
    const fromPos = await ok(q.ask({ op: 'position', ...posFrom, withdraw: quote.alpha_spent }));
    const toPos = await ok(q.ask({ op: 'position', ...posTo, deposit: quote.alpha }));
    assert.equal(await stakeAt(api, r.blockHash, from.hot.address, fromCold.address, from.netuid), BigInt(fromPos.position_value));
    assert.equal(await stakeAt(api, r.blockHash, to.hot.address, toCold.address, to.netuid), BigInt(toPos.position_value));
    assert.equal(-(await balanceDelta(r, signer.address)), r.fee, 'a move costs the signer only the transaction fee');
    if (toCold.address !== signer.address) {
      assert.equal(await balanceDelta(r, toCold.address), 0n, 'the TAO passes through the destination coldkey');
    }
    assert.equal(await authorGain(r), await authorTaoOfMove(origin, destination, amount, originIsRoot, quote),
      'block author receives the fee of the paying leg');
    return { r, quote, amount, moved };
  }

  // The oracle's `move` answer does not carry the author's TAO: it is the paying leg's. Leg 1
  // is `remove_stake` of the same alpha on the origin pool (at the minimum price); out of root,
  // leg 1 is fee-less and leg 2, `add_stake` of leg 1's TAO on the destination (at the maximum
  // price), pays.
  async function authorTaoOfMove(origin, destination, alpha, originIsRoot, moveQuote) {
    if (originIsRoot) {
      const leg2 = await ok(q.ask({ op: 'stake', pool: destination, tao: moveQuote.tao, limit: null, allow_partial: false }));
      assert.equal(leg2.alpha, moveQuote.alpha, 'leg 2 is that stake');
      return BigInt(leg2.author_tao);
    }
    const leg1 = await ok(q.ask({ op: 'unstake', pool: origin, alpha, limit: null, allow_partial: false, full: true }));
    assert.equal(leg1.tao, moveQuote.tao, 'leg 1 is that unstake');
    return BigInt(leg1.author_tao);
  }

  /// Submits `tx`, expects dispatch error `expected` and that nothing changed but the fee: the
  /// pools and SubnetAlphaOut of `netuids`, the `positions` ([hot, cold, netuid]) and the
  /// signer's balance apart from the transaction fee; no stake events.
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
    assert.equal(-(await balanceDelta(r, signer.address)), r.fee, 'only the transaction fee was paid');
    for (const name of ['StakeAdded', 'StakeRemoved', 'StakeMoved', 'StakeTransferred', 'StakeSwapped']) {
      assert.equal(eventsOf(r.events, 'subtensorModule', name).length, 0, `no ${name}`);
    }
    return r;
  }

  return { st, ok, assertPool, authorGain, balanceDelta, price, liveStake, stake, unstake, move, expectFailure };
}
