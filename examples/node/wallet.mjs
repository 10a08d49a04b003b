// A stake through the BUILT npm package's own light client, as a wallet backend would do it,
// checked against the devnet node's RPC (@polkadot/api) — the node serves only as the light
// client's peer and as the independent witness:
//
//   1. start `LightClient` on chain-specs/devnet.json with the node's /ws address as bootnode;
//   2. `new Wallet(client).stake(...)`: the quote (bigint fields), limit price and fee;
//   3. `wallet.submit(plan, keypair)`, statuses through the async iterator until finalized;
//   4. the node confirms: the StakeAdded event's alpha equals the position's growth (runtime
//      API at the finalized block), and equals the plan's quote when the pool did not move
//      between the quoted block and the inclusion block;
//   5. failure path: a fill-or-kill stake beyond what the limit price allows is refused before
//      signing with code `LimitExceeded`; a bad address with a keys code.
//
//   scripts/build-npm.sh nodejs examples/node/node_modules/taolight
//   DEVNET_RUN_DIR=… node examples/node/wallet.mjs          # last line: "N passed, N failed"
// (Node 20 needs --experimental-websocket; Node 22 has WebSocket.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LightClient, Wallet, Keypair, parseRao, formatRao } from 'taolight';
import { connect, keyring, devnetState, stakeAt, poolAt, u8aToHex } from '../../tests/devnet/lib.mjs';

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

const state = devnetState();
const { api } = await connect();
const keys = keyring();
const spec = readFileSync(new URL('../../chain-specs/devnet.json', import.meta.url), 'utf8');
const client = await LightClient.start(spec, { bootnodes: [state.P2P_WS_ADDR] });
const wallet = new Wallet(client);
const dave = Keypair.fromUri('//Dave');
const hotkey = keys.hotkey1.address;
const NETUID = 1;

await step('stake 10 TAO on subnet 1 through the light client; the node confirms', async () => {
  const plan = await wallet.stake(dave.address, hotkey, NETUID, parseRao('10'), { toleranceBps: 50 });
  assert.equal(plan.action.kind, 'stake');
  assert.equal(plan.action.tao, parseRao('10'));
  assert.equal(typeof plan.expectedOut, 'bigint');
  assert.equal(typeof plan.limitPrice, 'bigint');
  assert.equal(typeof plan.quote.amountOut, 'bigint');
  assert.equal(plan.quote.amountOut, plan.expectedOut);
  assert.ok(plan.fee.partialFee > 0n);
  assert.equal(plan.signer, dave.address);
  assert.match(plan.callSummary, /add_stake_limit/);
  console.log(`     quote at #${plan.at.number}: 10 TAO -> ${formatRao(plan.expectedOut)} α, ` +
    `limit ${plan.limitPrice} rao/α, network fee ${formatRao(plan.fee.partialFee)} TAO`);
  const quotedAt = u8aToHex(plan.at.hash);
  const before = await stakeAt(api, quotedAt, hotkey, dave.address, NETUID);

  const submission = await wallet.submit(plan, dave);
  assert.equal(submission.hash.length, 32);
  const seen = [];
  for await (const s of submission) {
    seen.push(s.type);
    if (s.type === 'finalized') {
      assert.ok(s.success, `dispatch error ${s.error}`);
      const added = s.events.find((e) => e.pallet === 'SubtensorModule' && e.name === 'StakeAdded');
      assert.ok(added, s.events.map((e) => `${e.pallet}.${e.name}`).join(' '));
      assert.ok(s.feePaid > 0n);
      const blockHash = u8aToHex(s.blockHash);
      // The node's own view of that block: our extrinsic at that index, the position grown by
      // the event's alpha amount.
      const block = await api.rpc.chain.getBlock(blockHash);
      assert.equal(block.block.extrinsics[s.index].hash.toHex(), u8aToHex(submission.hash));
      const events = await (await api.at(blockHash)).query.system.events();
      const ev = events.find(({ phase, event }) => phase.isApplyExtrinsic &&
        phase.asApplyExtrinsic.toNumber() === s.index && event.method === 'StakeAdded');
      const alpha = ev.event.data[3].toBigInt();
      const after = await stakeAt(api, blockHash, hotkey, dave.address, NETUID);
      console.log(`     finalized #${s.blockNumber}: +${formatRao(alpha)} α (quoted ${formatRao(plan.expectedOut)}), ` +
        `position ${formatRao(before)} -> ${formatRao(after)} α, fee paid ${formatRao(s.feePaid)} TAO`);
      const delta = after - before;
      assert.ok(delta === alpha || delta === alpha - 1n, `position grew by ${delta}, event says ${alpha}`);
      const parent = block.block.header.parentHash.toHex();
      const poolQuoted = await poolAt(api, quotedAt, NETUID);
      const poolBefore = await poolAt(api, parent, NETUID);
      if (JSON.stringify(poolQuoted) === JSON.stringify(poolBefore)) {
        assert.equal(alpha, plan.expectedOut, 'same pool state: the quote is exact');
        console.log('     pool unchanged between quote and inclusion: quote == chain, to the rao');
      } else {
        console.log('     pool moved between quote and inclusion: no exactness claim for this run');
      }
    }
  }
  assert.equal(seen.at(-1), 'finalized', seen.join(' '));
});

await step('failure path: fill-or-kill beyond the limit price is refused before signing', async () => {
  await assert.rejects(
    wallet.stake(dave.address, hotkey, NETUID, parseRao('100000'), { toleranceBps: 1 }),
    (e) => {
      assert.equal(e.name, 'TaolightError');
      assert.equal(e.code, 'LimitExceeded');
      console.log(`     ${e.code}: ${e.message}`);
      return true;
    });
  await assert.rejects(wallet.stake(dave.address, 'nope', NETUID, 1n), { name: 'TaolightError' });
  await assert.rejects(wallet.stake(dave.address, hotkey, 77, parseRao('1')), { code: 'UnknownSubnet' });
  await assert.rejects(wallet.stake(dave.address, hotkey, NETUID, 5), { code: 'InvalidArgument' });
});

await client.stop();
await api.disconnect();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
