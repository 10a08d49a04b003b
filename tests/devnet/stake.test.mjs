// Stake, unstake and move stake on the devnet through an independent client (@polkadot/api),
// and check the resulting storage, events and balances against core::stake quotes computed at
// the parent block (the `stake-quote` oracle) — exact, in rao. Bad transactions fail with
// Finney's error names and change nothing but the fee.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  connect, keyring, submit, stakeAt, Quoter, TAO,
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

const st = () => api.tx.subtensorModule;
const stake = (...a) => s.stake(...a);
const unstake = (...a) => s.unstake(...a);
const move = (...a) => s.move(...a);
const expectFailure = (...a) => s.expectFailure(...a);
const price = (netuid) => s.price(netuid);

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

test('move_stake out of root (root leg fee-less, the destination leg pays)', async () => {
  await stake(k.charlie, k.hotkey2, 0, 20n * TAO);
  const alpha = (await s.liveStake(k.hotkey2, k.charlie, 0)) / 2n;
  const { quote } = await move(k.charlie, st().moveStake(k.hotkey2.address, k.hotkey2.address, 0, 1, alpha),
    { hot: k.hotkey2, netuid: 0 }, { hot: k.hotkey2, netuid: 1 }, alpha, 'StakeMoved');
  assert.ok(BigInt(quote.stake_fee) > 0n, 'the destination leg paid a swap fee');
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
