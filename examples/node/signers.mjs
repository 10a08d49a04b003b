// taolight's keys behind the two dApp signer interfaces, checked with the real libraries
// against the devnet (node found through DEVNET_RUN_DIR's state.env, as tests/devnet/lib.mjs):
//
//   - polkadot.js `Signer`: `new PolkadotJsSigner(keypair)` given to @polkadot/api's
//     `signAsync(address, { signer })`; the signature verifies with @polkadot/util-crypto over the
//     payload polkadot.js built, and the node includes the transaction (signPayload, and the
//     signRaw fallback polkadot.js uses when a signer has no signPayload); signRaw of bytes
//     verifies over `<Bytes>…</Bytes>`.
//   - polkadot-api `PolkadotSigner`: `polkadotApiSigner(keypair)` vs @polkadot-api/signer's
//     `getPolkadotSigner` around the same ed25519 key: identical signed extrinsics (ed25519 is
//     deterministic) for a short and a > 256-byte payload, raw and opaque metadata, custom hasher;
//     the node includes ours.
//   - `Call.build` for every call name + `Call.batchAll` byte-for-byte with @polkadot/api.
//
//   scripts/build-npm.sh nodejs examples/node/node_modules/taolight
//   DEVNET_RUN_DIR=… node examples/node/signers.mjs      # last line: "N passed, N failed"
import assert from 'node:assert/strict';
import {
  Keypair, PolkadotJsSigner, polkadotApiSigner, TxMetadata, Call,
} from 'taolight';
import {
  connect, keyring, Keyring, u8aToHex, hexToU8a,
} from '../../tests/devnet/lib.mjs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../tools/package.json', import.meta.url));
const { signatureVerify, blake2AsU8a } = require('@polkadot/util-crypto');
const { u8aWrapBytes, compactToU8a, bnToU8a } = require('@polkadot/util');
const { getPolkadotSigner } = await import(
  new URL('../../tools/node_modules/@polkadot-api/signer/dist/index.js', import.meta.url));

let passed = 0;
let failed = 0;
async function step(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e?.code ?? ''} ${e?.stack ?? e}`);
  }
}

const { api } = await connect();
const keys = keyring();
const TAO = 1_000_000_000n;

/** Sends a signed SubmittableExtrinsic; resolves with its events once in a block. */
function inBlock(tx) {
  return new Promise((resolve, reject) => {
    tx.send(({ status, events, dispatchError }) => {
      if (status.isInBlock) {
        if (dispatchError) reject(new Error(`dispatch error ${dispatchError.toString()}`));
        else resolve(events.map(({ event }) => `${event.section}.${event.method}`));
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        reject(new Error(`transaction ${status.type}`));
      }
    }).catch(reject);
  });
}

const alice = Keypair.fromUri('//Alice');
const aliceEd = Keypair.fromUri('//Alice', 'ed25519');
const bob = keys.bob.address;

await step('polkadot.js signPayload: verified by util-crypto, included by the node', async () => {
  const ours = new PolkadotJsSigner(alice);
  let seen;
  const signer = { signPayload: async (p) => { seen = p; return ours.signPayload(p); } };
  // Fund //Alice's ed25519 account for the polkadot-api steps below.
  const tx = api.tx.balances.transferKeepAlive(aliceEd.address, 100n * TAO);
  await tx.signAsync(alice.address, { signer });
  const payload = api.registry.createType('ExtrinsicPayload', seen, { version: seen.version });
  const bytes = payload.toU8a({ method: true });
  const message = bytes.length > 256 ? blake2AsU8a(bytes) : bytes;
  assert.ok(signatureVerify(message, tx.signature.toU8a(), alice.address).isValid);
  assert.equal(tx.signer.toString(), alice.address);
  const events = await inBlock(tx);
  assert.ok(events.includes('system.ExtrinsicSuccess'), events.join(' '));
  // Another account's payload is refused with a typed error.
  await assert.rejects(ours.signPayload({ ...seen, address: bob }), { code: 'WrongSigner' });
});

await step('polkadot.js signRaw fallback (type "payload"): included by the node', async () => {
  const ours = new PolkadotJsSigner(alice);
  const signer = { signRaw: (raw) => { assert.equal(raw.type, 'payload'); return ours.signRaw(raw); } };
  const tx = api.tx.balances.transferKeepAlive(bob, 1234n);
  await tx.signAsync(alice.address, { signer });
  const events = await inBlock(tx);
  assert.ok(events.includes('system.ExtrinsicSuccess'), events.join(' '));
});

await step('polkadot.js signRaw bytes: <Bytes> wrapped once, verified by util-crypto', async () => {
  const ours = new PolkadotJsSigner(alice);
  const data = new TextEncoder().encode('log in to example.com');
  const { signature } = await ours.signRaw({ address: alice.address, data: u8aToHex(data), type: 'bytes' });
  assert.equal(hexToU8a(signature).length, 65);
  assert.ok(signatureVerify(u8aWrapBytes(data), signature, alice.address).isValid);
  const again = await ours.signRaw({ address: alice.address, data: u8aToHex(u8aWrapBytes(data)), type: 'bytes' });
  assert.ok(signatureVerify(u8aWrapBytes(data), again.signature, alice.address).isValid);
  // polkadot.js's own api.sign goes through signRaw too.
  const viaApi = await api.sign(alice.address, { data: u8aToHex(data) }, { signer: ours });
  assert.ok(signatureVerify(u8aWrapBytes(data), viaApi, alice.address).isValid);
});

// polkadot-api: the extension bytes a polkadot-api client would pass, built here by hand from
// the runtime's extension list (values of one block), independent of taolight.
async function papiExtensions(address, { tip = 0n } = {}) {
  const header = await api.rpc.chain.getHeader();
  const number = header.number.toNumber();
  const blockHash = header.hash.toU8a();
  const nonce = (await api.rpc.system.accountNextIndex(address)).toNumber();
  const era = api.registry.createType('ExtrinsicEra', { current: number, period: 64 }).toU8a();
  const rv = api.runtimeVersion;
  const u32 = (n) => bnToU8a(n, { bitLength: 32 });
  const none = new Uint8Array();
  const byId = {
    CheckNonZeroSender: [none, none],
    CheckSpecVersion: [none, u32(rv.specVersion.toNumber())],
    CheckTxVersion: [none, u32(rv.transactionVersion.toNumber())],
    CheckGenesis: [none, api.genesisHash.toU8a()],
    CheckMortality: [era, blockHash],
    CheckNonce: [compactToU8a(nonce), none],
    CheckWeight: [none, none],
    ChargeTransactionPaymentWrapper: [compactToU8a(tip), none],
    CheckMetadataHash: [Uint8Array.of(0), Uint8Array.of(0)],
  };
  const out = {};
  for (const id of api.registry.signedExtensions) {
    const [value, additionalSigned] = byId[id] ?? [none, none];
    out[id] = { identifier: id, value, additionalSigned };
  }
  return { extensions: out, number };
}

await step('polkadot-api signTx: same extrinsic as @polkadot-api/signer, included by the node', async () => {
  const edKeyring = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const theirsPair = edKeyring.addFromUri('//Alice');
  assert.equal(theirsPair.address, aliceEd.address);
  const theirs = getPolkadotSigner(theirsPair.publicKey, 'Ed25519', (m) => theirsPair.sign(m));
  const ours = polkadotApiSigner(aliceEd);
  assert.deepEqual(ours.publicKey, theirsPair.publicKey);
  const rawMetadata = (await api.rpc.state.getMetadata()).toU8a();
  const opaque = (await api.call.metadata.metadataAtVersion(15)).unwrap().toU8a();
  const md = TxMetadata.fromBytes(rawMetadata);
  const short = Call.build(md, 'transfer_keep_alive', { dest: bob, value: 777n }).bytes;
  const long = Call.batchAll(md, Array.from({ length: 6 }, (_, i) =>
    Call.build(md, 'transfer_keep_alive', { dest: bob, value: BigInt(1000 + i) }))).bytes;
  const { extensions, number } = await papiExtensions(aliceEd.address);
  for (const [call, label] of [[short, 'short'], [long, '> 256 bytes']]) {
    for (const metadata of [rawMetadata, opaque]) {
      const a = await ours.signTx(call, extensions, metadata, number);
      const b = await theirs.signTx(call, extensions, metadata, number);
      assert.equal(u8aToHex(a), u8aToHex(b), `${label} payload`);
    }
  }
  const withHasher = await ours.signTx(long, extensions, rawMetadata, number, blake2AsU8a);
  assert.equal(u8aToHex(withHasher), u8aToHex(await theirs.signTx(long, extensions, rawMetadata, number)));
  // A missing extension and bad call bytes are typed errors.
  const { CheckNonce: _dropped, ...missing } = extensions;
  await assert.rejects(ours.signTx(short, missing, rawMetadata, number), { code: 'BadPayload' });
  await assert.rejects(ours.signTx(Uint8Array.of(0xff, 0xff), extensions, rawMetadata, number), { code: 'BadCall' });
  // The node takes ours (the batch, the > 256-byte hashed path).
  const xt = await ours.signTx(long, extensions, rawMetadata, number);
  const events = await inBlock(api.tx(u8aToHex(xt)));
  assert.ok(events.includes('utility.BatchCompleted'), events.join(' '));
  // signBytes: <Bytes> wrapped, as @polkadot-api/signer.
  const data = new TextEncoder().encode('hello');
  assert.equal(u8aToHex(await ours.signBytes(data)), u8aToHex(await theirs.signBytes(data)));
  ours.destroy();
  await assert.rejects(ours.signBytes(data), { code: 'Destroyed' });
});

await step('Call.build: every call name and batchAll byte-for-byte with @polkadot/api', async () => {
  const md = TxMetadata.fromBytes((await api.rpc.state.getMetadata()).toU8a());
  const hk1 = keys.hotkey1.address;
  const hk2 = keys.hotkey2.address;
  const big = 2n ** 64n - 2n;
  const cases = [
    ['transfer_allow_death', { dest: bob, value: big }, api.tx.balances.transferAllowDeath(bob, big)],
    ['transfer_keep_alive', { dest: bob, value: 1n }, api.tx.balances.transferKeepAlive(bob, 1n)],
    ['transfer_all', { dest: bob, keepAlive: true }, api.tx.balances.transferAll(bob, true)],
    ['add_stake', { hotkey: hk1, netuid: 1, amountStaked: TAO }, api.tx.subtensorModule.addStake(hk1, 1, TAO)],
    ['remove_stake', { hotkey: hk1, netuid: 2, amountUnstaked: big }, api.tx.subtensorModule.removeStake(hk1, 2, big)],
    ['add_stake_limit', { hotkey: hk1, netuid: 1, amountStaked: TAO, limitPrice: 123n, allowPartial: true },
      api.tx.subtensorModule.addStakeLimit(hk1, 1, TAO, 123n, true)],
    ['remove_stake_limit', { hotkey: hk2, netuid: 65535, amountUnstaked: 5n, limitPrice: big, allowPartial: false },
      api.tx.subtensorModule.removeStakeLimit(hk2, 65535, 5n, big, false)],
    ['remove_stake_full_limit', { hotkey: hk1, netuid: 1, limitPrice: 9n },
      api.tx.subtensorModule.removeStakeFullLimit(hk1, 1, 9n)],
    ['remove_stake_full_limit', { hotkey: hk1, netuid: 1 }, api.tx.subtensorModule.removeStakeFullLimit(hk1, 1, null)],
    ['unstake_all', { hotkey: hk1 }, api.tx.subtensorModule.unstakeAll(hk1)],
    ['unstake_all_alpha', { hotkey: hk2 }, api.tx.subtensorModule.unstakeAllAlpha(hk2)],
    ['move_stake', { originHotkey: hk1, destinationHotkey: hk2, originNetuid: 1, destinationNetuid: 2, alphaAmount: 7n },
      api.tx.subtensorModule.moveStake(hk1, hk2, 1, 2, 7n)],
    ['transfer_stake', { destinationColdkey: bob, hotkey: hk1, originNetuid: 2, destinationNetuid: 1, alphaAmount: 8n },
      api.tx.subtensorModule.transferStake(bob, hk1, 2, 1, 8n)],
    ['swap_stake', { hotkey: hk1, originNetuid: 1, destinationNetuid: 2, alphaAmount: 9n },
      api.tx.subtensorModule.swapStake(hk1, 1, 2, 9n)],
    ['swap_stake_limit', { hotkey: hk1, originNetuid: 1, destinationNetuid: 2, alphaAmount: 9n, limitPrice: 10n, allowPartial: false },
      api.tx.subtensorModule.swapStakeLimit(hk1, 1, 2, 9n, 10n, false)],
  ];
  const built = [];
  for (const [name, args, theirs] of cases) {
    const call = Call.build(md, name, args);
    assert.equal(u8aToHex(call.bytes), theirs.method.toHex(), name);
    assert.equal(call.name, name);
    built.push(call);
  }
  const batch = Call.batchAll(md, built);
  assert.equal(u8aToHex(batch.bytes),
    api.tx.utility.batchAll(cases.map(([, , t]) => t)).method.toHex());
  assert.match(batch.summary(md), /batch_all/);
  assert.throws(() => Call.build(md, 'add_stake', { hotkey: hk1, netuid: 1, amountStaked: 1 }), { code: 'InvalidArgument' });
  assert.throws(() => Call.build(md, 'add_stake', { hotkey: 'nope', netuid: 1, amountStaked: 1n }), { name: 'TaolightError' });
  assert.throws(() => Call.build(md, 'burn_everything', {}), { code: 'UnknownCall' });
  assert.throws(() => Call.batchAll(md, [Uint8Array.of(0xff)]), { code: 'BadCall' });
});

await api.disconnect();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
