// The runtime metadata lists Finney's pallets, calls, storage, events, errors, transaction
// extensions and runtime APIs at the stated indices, with the stated types.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from './lib.mjs';

let api; let meta;
before(async () => {
  ({ api } = await connect());
  meta = api.runtimeMetadata.asLatest;
});
after(async () => { await api?.disconnect(); });

const pallet = (name) => meta.pallets.find((p) => p.name.toString() === name);
const typeName = (id) => {
  const def = api.registry.lookup.getTypeDef(id);
  return def.lookupName ?? def.type;
};

test('pallet indices as on Finney', () => {
  const expected = {
    System: 0, Timestamp: 2, Aura: 3, Grandpa: 4, Balances: 5, TransactionPayment: 6,
    SubtensorModule: 7, Utility: 11, Sudo: 12, Swap: 28,
  };
  for (const [name, index] of Object.entries(expected)) {
    assert.ok(pallet(name), `pallet ${name}`);
    assert.equal(pallet(name).index.toNumber(), index, name);
  }
});

test('SubtensorModule calls: indices, argument names and types', () => {
  const acc = 'AccountId32';
  const calls = {
    addStake: [2, [['hotkey', acc], ['netuid', 'u16'], ['amount_staked', 'u64']]],
    removeStake: [3, [['hotkey', acc], ['netuid', 'u16'], ['amount_unstaked', 'u64']]],
    unstakeAll: [83, [['hotkey', acc]]],
    unstakeAllAlpha: [84, [['hotkey', acc]]],
    moveStake: [85, [['origin_hotkey', acc], ['destination_hotkey', acc], ['origin_netuid', 'u16'], ['destination_netuid', 'u16'], ['alpha_amount', 'u64']]],
    transferStake: [86, [['destination_coldkey', acc], ['hotkey', acc], ['origin_netuid', 'u16'], ['destination_netuid', 'u16'], ['alpha_amount', 'u64']]],
    swapStake: [87, [['hotkey', acc], ['origin_netuid', 'u16'], ['destination_netuid', 'u16'], ['alpha_amount', 'u64']]],
    addStakeLimit: [88, [['hotkey', acc], ['netuid', 'u16'], ['amount_staked', 'u64'], ['limit_price', 'u64'], ['allow_partial', 'bool']]],
    removeStakeLimit: [89, [['hotkey', acc], ['netuid', 'u16'], ['amount_unstaked', 'u64'], ['limit_price', 'u64'], ['allow_partial', 'bool']]],
    swapStakeLimit: [90, [['hotkey', acc], ['origin_netuid', 'u16'], ['destination_netuid', 'u16'], ['alpha_amount', 'u64'], ['limit_price', 'u64'], ['allow_partial', 'bool']]],
    removeStakeFullLimit: [103, [['hotkey', acc], ['netuid', 'u16'], ['limit_price', 'Option<u64>']]],
  };
  // Raw (snake_case) names from the metadata's call enum; polkadot.js camelCases its view.
  const callEnum = api.registry.lookup.getSiType(pallet('SubtensorModule').calls.unwrap().type);
  const variants = new Map(callEnum.def.asVariant.variants.map((v) => [v.name.toString(), v]));
  for (const [name, [index, args]] of Object.entries(calls)) {
    const fn = api.tx.subtensorModule[name];
    assert.ok(fn, name);
    assert.deepEqual([...fn.callIndex], [7, index], name);
    const v = variants.get(name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
    assert.equal(v.index.toNumber(), index, name);
    const got = v.fields.map((f, i) => [f.name.unwrap().toString(), fn.meta.args[i].type.toString()]);
    assert.deepEqual(got, args, name);
  }
  assert.deepEqual([...api.tx.swap.setFeeRate.callIndex], [28, 0]);
  assert.deepEqual([...api.tx.balances.transferKeepAlive.callIndex], [5, 3]);
  assert.deepEqual([...api.tx.utility.batchAll.callIndex], [11, 2]);
});

test('a call encodes as documented for Finney', () => {
  const hot = `0x${'11'.repeat(32)}`;
  const call = api.tx.subtensorModule.addStake(hot, 1, 1_000_000_000n);
  assert.equal(call.method.toHex(), `0x0702${'11'.repeat(32)}010000ca9a3b00000000`);
  const full = api.tx.subtensorModule.removeStakeFullLimit(hot, 1, 150_000_000n);
  assert.equal(full.method.toHex(), `0x0767${'11'.repeat(32)}01000180d1f00800000000`);
});

test('storage items: names, hashers and value types', () => {
  const items = {
    subtensorModule: {
      SubnetTAO: [['Identity'], 'u64'], SubnetAlphaIn: [['Identity'], 'u64'], SubnetAlphaOut: [['Identity'], 'u64'],
      SubnetMechanism: [['Identity'], 'u16'], NetworksAdded: [['Identity'], 'bool'], SubtokenEnabled: [['Identity'], 'bool'],
      TokenSymbol: [['Identity'], 'Bytes'], TransferToggle: [['Identity'], 'bool'],
      Owner: [['Blake2_128Concat'], 'AccountId32'], StakingHotkeys: [['Blake2_128Concat'], 'Vec<AccountId32>'],
      TotalHotkeyAlpha: [['Blake2_128Concat', 'Identity'], 'u64'],
      TotalHotkeyShares: [['Blake2_128Concat', 'Identity'], null],
      TotalHotkeySharesV2: [['Blake2_128Concat', 'Identity'], null],
      Alpha: [['Blake2_128Concat', 'Blake2_128Concat', 'Identity'], null],
      AlphaV2: [['Blake2_128Concat', 'Blake2_128Concat', 'Identity'], null],
    },
    swap: { SwapBalancer: [['Twox64Concat'], null], FeeRate: [['Twox64Concat'], 'u16'], PalSwapInitialized: [['Twox64Concat'], 'bool'] },
  };
  for (const [section, entries] of Object.entries(items)) {
    for (const [name, [hashers, value]] of Object.entries(entries)) {
      const lower = name.charAt(0).toLowerCase() + name.slice(1);
      const q = api.query[section][lower];
      assert.ok(q, `${section}.${name}`);
      const m = q.creator.meta;
      assert.equal(m.name.toString(), name);
      assert.ok(m.type.isMap, `${name} is a map`);
      assert.deepEqual(m.type.asMap.hashers.map((h) => h.toString()), hashers, `${name} hashers`);
      if (value) assert.equal(typeName(m.type.asMap.value), value, `${name} value`);
    }
  }
  // U64F64 (v1) and SafeFloat (v2) layouts.
  const u64f64 = api.query.subtensorModule.alpha.creator.meta.type.asMap.value;
  assert.equal(api.registry.createType(typeName(u64f64)).encodedLength, 16);
  const sf = api.registry.createType(typeName(api.query.subtensorModule.alphaV2.creator.meta.type.asMap.value));
  assert.deepEqual(Object.keys(sf.toJSON()), ['mantissa', 'exponent']);
  assert.equal(sf.encodedLength, 24);
  const bal = api.registry.createType(typeName(api.query.swap.swapBalancer.creator.meta.type.asMap.value));
  assert.deepEqual(Object.keys(bal.toJSON()), ['quote']);
  assert.equal(bal.encodedLength, 8);
});

test('events and errors carry Finney names', () => {
  const ev = api.events.subtensorModule;
  for (const name of ['StakeAdded', 'StakeRemoved', 'StakeMoved', 'StakeTransferred', 'StakeSwapped']) {
    assert.ok(ev[name], name);
  }
  assert.deepEqual(ev.StakeAdded.meta.fields.map((f) => f.typeName.toString()),
    ['T::AccountId', 'T::AccountId', 'u64', 'u64', 'NetUid', 'u64']);
  // Field layouts (resolved types) as on Finney: coldkey, hotkey(s), amounts, netuids.
  const acc = 'AccountId32';
  const layouts = {
    StakeAdded: [acc, acc, 'u64', 'u64', 'u16', 'u64'],
    StakeRemoved: [acc, acc, 'u64', 'u64', 'u16', 'u64'],
    StakeMoved: [acc, acc, 'u16', acc, 'u16', 'u64'],
    StakeTransferred: [acc, acc, acc, 'u16', 'u16', 'u64'],
    StakeSwapped: [acc, acc, 'u16', 'u16', 'u64'],
  };
  for (const [name, types] of Object.entries(layouts)) {
    assert.deepEqual(ev[name].meta.fields.map((f) => api.registry.lookup.getTypeDef(f.type).type), types, name);
  }
  const errs = api.errors.subtensorModule;
  for (const name of ['SubnetNotExists', 'HotKeyAccountNotExists', 'NotEnoughBalanceToStake', 'NotEnoughStakeToWithdraw',
    'AmountTooLow', 'SlippageTooHigh', 'InsufficientLiquidity', 'ZeroMaxStakeAmount', 'SubtokenDisabled',
    'TransferDisallowed', 'SameNetuid', 'BalanceWithdrawalError']) {
    assert.ok(errs[name], name);
  }
  for (const name of ['PriceLimitExceeded', 'InsufficientLiquidity', 'ReservesTooLow', 'SwapInputTooLarge']) {
    assert.ok(api.errors.swap[name], name);
  }
});

test('transaction extensions: Finney identifiers in order', () => {
  const ids = meta.extrinsic.signedExtensions
    ? meta.extrinsic.signedExtensions.map((e) => e.identifier.toString())
    : meta.extrinsic.transactionExtensions.map((e) => e.identifier.toString());
  assert.deepEqual(ids, [
    'CheckNonZeroSender', 'CheckSpecVersion', 'CheckTxVersion', 'CheckGenesis', 'CheckMortality', 'CheckNonce',
    'CheckWeight', 'ChargeTransactionPaymentWrapper', 'SudoTransactionExtension', 'CheckShieldedTxValidity',
    'SubtensorTransactionExtension', 'DrandPriority', 'CheckMetadataHash',
  ]);
});

test('runtime APIs: SwapRuntimeApi and StakeInfoRuntimeApi with Finney methods', () => {
  const apis = new Map(meta.apis.map((a) => [a.name.toString(), a.methods.map((m) => m.name.toString())]));
  assert.deepEqual(apis.get('SwapRuntimeApi'),
    ['current_alpha_price', 'current_alpha_price_all', 'sim_swap_tao_for_alpha', 'sim_swap_alpha_for_tao']);
  assert.deepEqual(apis.get('StakeInfoRuntimeApi'),
    ['get_stake_info_for_coldkey', 'get_stake_info_for_hotkey_coldkey_netuid']);
  for (const name of ['Core', 'Metadata', 'BlockBuilder', 'TaggedTransactionQueue', 'AuraApi', 'GrandpaApi',
    'AccountNonceApi', 'TransactionPaymentApi', 'SessionKeys', 'GenesisBuilder']) {
    assert.ok(apis.has(name), name);
  }
});

test('runtime APIs answer: prices and simulated swaps', async () => {
  assert.equal((await api.call.swapRuntimeApi.currentAlphaPrice(0)).toBigInt(), 1_000_000_000n);
  const all = await api.call.swapRuntimeApi.currentAlphaPriceAll();
  assert.deepEqual(all.map((p) => p.netuid.toNumber()), [0, 1, 2]);
  const sim = await api.call.swapRuntimeApi.simSwapTaoForAlpha(1, 1_000_000_000n);
  assert.ok(sim.alphaAmount.toBigInt() > 0n);
  assert.equal(sim.taoAmount.toBigInt() + sim.taoFee.toBigInt(), 1_000_000_000n);
  const none = await api.call.swapRuntimeApi.simSwapTaoForAlpha(9, 1_000_000_000n);
  assert.equal(none.alphaAmount.toBigInt(), 0n);
});
