// The devnet node produces and finalizes blocks, serves its state over JSON-RPC with Finney's
// storage layout, and matches its exported chain spec.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect, keyring, xxhashAsHex, blake2AsHex, u8aToHex, hexToU8a, TAO } from './lib.mjs';

let api; let state;
before(async () => { ({ api, state } = await connect()); });
after(async () => { await api?.disconnect(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const twox128 = (s) => xxhashAsHex(s, 128).slice(2);
const u16le = (n) => u8aToHex(new Uint8Array([n & 0xff, n >> 8])).slice(2);
const u64le = (hex) => { const b = hexToU8a(hex); let v = 0n; for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[i]); return v; };

test('blocks are produced and finalized', async () => {
  const head0 = (await api.rpc.chain.getHeader()).number.toNumber();
  const fin0 = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  let head = head0; let fin = fin0;
  for (let i = 0; i < 60 && (head < head0 + 2 || fin < fin0 + 2); i++) {
    await sleep(1000);
    head = (await api.rpc.chain.getHeader()).number.toNumber();
    fin = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  }
  assert.ok(head >= head0 + 2, `best block advanced from ${head0} to ${head}`);
  assert.ok(fin >= fin0 + 2, `finalized block advanced from ${fin0} to ${fin}`);
  assert.ok(fin <= head);
});

test('Aura slot duration and authorities', async () => {
  const slot = await api.call.auraApi.slotDuration();
  assert.equal(slot.toNumber(), 2000);
  const { alice } = keyring();
  const auths = await api.call.auraApi.authorities();
  assert.equal(auths[0].toHex(), u8aToHex(alice.publicKey));
  const grandpa = await api.call.grandpaApi.grandpaAuthorities();
  assert.equal(grandpa.length, state.CHAIN === 'devnet-two-authorities' ? 2 : 1);
});

test('raw storage keys follow Finney (twox128 prefixes, Identity netuid)', async () => {
  const genesis = (await api.rpc.chain.getBlockHash(0)).toHex();
  // SubnetTAO(1): prefix from subtensor-staking.md §4, computed here independently.
  const prefix = `0x${twox128('SubtensorModule')}${twox128('SubnetTAO')}`;
  assert.equal(prefix, '0x658faa385070e074c85bf6b568cf05557a57dce016211512d1700561066b85a3');
  const raw = await api.rpc.state.getStorage(`${prefix}${u16le(1)}`, genesis);
  assert.equal(u64le(raw.toHex()), 10_000n * TAO);
  // Swap.FeeRate(1): Twox64Concat; key suffix as documented.
  const fee = await api.rpc.state.getStorage(`0x${twox128('Swap')}${twox128('FeeRate')}f1577fbf1d628fdd0100`, genesis);
  assert.equal(fee.toHex(), '0x2100'); // 33u16
  // System.Account(Alice): Blake2_128Concat.
  const { charlie } = keyring();
  const key = `0x${twox128('System')}${twox128('Account')}${blake2AsHex(charlie.publicKey, 128).slice(2)}${u8aToHex(charlie.publicKey).slice(2)}`;
  const acct = await api.rpc.state.getStorage(key, genesis);
  const free = u64le(`0x${acct.toHex().slice(2 + 32, 2 + 48)}`);
  assert.equal(free, 1_000_000n * TAO);
  // The decoded view agrees.
  const tao = await (await api.at(genesis)).query.subtensorModule.subnetTAO(2);
  assert.equal(tao.toBigInt(), 5_000n * TAO);
});

test('chain properties and runtime version', async () => {
  const props = await api.rpc.system.properties();
  assert.equal(props.ss58Format.unwrap().toNumber(), 42);
  assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 9);
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'testTAO');
  assert.equal(api.consts.balances.existentialDeposit.toBigInt(), 500n, 'existential deposit 500 rao');
  assert.equal(api.consts.system.ss58Prefix.toNumber(), 42);
  const v = api.runtimeVersion;
  assert.equal(v.specName.toString(), 'taolight-devnet');
  const apis = new Map(v.apis.map(([id, ver]) => [id.toHex(), ver.toNumber()]));
  const auraId = blake2AsHex('AuraApi', 64);
  const babeId = blake2AsHex('BabeApi', 64);
  assert.ok(apis.has(auraId), 'AuraApi');
  assert.equal(apis.has(babeId), state.CHAIN !== 'devnet-plain', 'BabeApi stub only in devnet');
  if (state.CHAIN !== 'devnet-plain') {
    const cfg = await api.call.babeApi.configuration();
    assert.equal(cfg.epochLength.toNumber(), 0);
    assert.equal(cfg.authorities.length, 0);
  }
});

test('peer id and exported chain spec', async () => {
  const peer = (await api.rpc.system.localPeerId()).toString();
  assert.equal(peer, state.PEER_ID);
  const name = state.CHAIN === 'devnet-plain' ? 'devnet-plain' : 'devnet';
  const spec = JSON.parse(readFileSync(new URL(`../../chain-specs/${name}.json`, import.meta.url), 'utf8'));
  assert.deepEqual(spec.bootNodes, [
    `/ip4/127.0.0.1/tcp/30333/p2p/${peer}`,
    `/ip4/127.0.0.1/tcp/30334/ws/p2p/${peer}`,
  ]);
  assert.deepEqual(spec.properties, { ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'testTAO' });
  if (state.CHAIN === name) {
    // The spec's genesis storage is the running chain's genesis: compare the runtime code.
    const genesis = (await api.rpc.chain.getBlockHash(0)).toHex();
    const code = await api.rpc.state.getStorage('0x3a636f6465', genesis);
    assert.equal(spec.genesis.raw.top['0x3a636f6465'], code.toHex());
  }
});
