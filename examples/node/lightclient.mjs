// What a wallet backend's Node code looks like with the light client: it imports the BUILT npm
// package `taolight` (not the sources), follows the devnet trustlessly, reads a balance and
// stake positions, keeps smoldot's database in a file and restarts from it.
//
//   scripts/build-npm.sh nodejs examples/node/node_modules/taolight
//   scripts/devnet.sh start                    # DEVNET_RUN_DIR / ports as for the devnet
//   node --experimental-websocket examples/node/lightclient.mjs     # Node 22+: no flag
//
// Every value is checked against the node itself through @polkadot/api (tools/node_modules),
// at the same block hash. The last line is "N passed, N failed".
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { LightClient, FileStorage, formatRao } from 'taolight';

const here = path.dirname(new URL(import.meta.url).pathname);
const runDir = process.env.DEVNET_RUN_DIR ?? path.join(process.env.TAOLIGHT_CACHE ?? path.join(homedir(), '.cache/taolight'), 'devnet-run');
const state = Object.fromEntries(readFileSync(path.join(runDir, 'state.env'), 'utf8')
  .split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const spec = readFileSync(path.join(here, '../../chain-specs/devnet.json'), 'utf8');
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

// The independent check: polkadot.js talking to the node's RPC.
const requireTools = createRequire(path.join(here, '../../tools/package.json'));
const { ApiPromise, WsProvider } = requireTools('@polkadot/api');

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

/** Waits for the status stream to say ready; fails on smoldot's stall verdicts (30-45 s). */
async function followUntilReady(client, { minFinalized = 0 } = {}) {
  const phases = [];
  for await (const s of client.statusEvents()) {
    if (phases.at(-1) !== s.phase) phases.push(s.phase);
    if (s.stalled) throw new Error(`stalled: ${s.stalled}`);
    if (s.finalized) assert.ok(s.finalized.number >= minFinalized, `finalized #${s.finalized.number} < #${minFinalized}`);
    if (s.phase === 'ready') break;
  }
  return phases;
}

const dir = mkdtempSync(path.join(tmpdir(), 'taolight-example-'));
const api = await ApiPromise.create({ provider: new WsProvider(state.RPC_URL), noInitWarn: true });
const storage = new FileStorage(dir);
let client;
let head;
let saved = 0;
try {
  await step('start on the devnet spec and follow it to a verified finalized block', async () => {
    client = await LightClient.start(spec, { bootnodes: [state.P2P_WS_ADDR], storage });
    assert.equal(client.genesisHash, (await api.rpc.chain.getBlockHash(0)).toHex());
    assert.equal(client.startInfo.database, 'none');
    const phases = await followUntilReady(client);
    head = await client.finalizedHead();
    const header = await api.rpc.chain.getHeader(head.hash);
    assert.equal(header.number.toNumber(), head.number);
    console.log(`     phases ${phases.join(' → ')}; finalized #${head.number} ${head.hash.slice(0, 12)}…`);
  });

  await step('Alice\'s balance = the node\'s at the same block', async () => {
    const ours = await client.account(ALICE, head.hash);
    const theirs = (await (await api.at(head.hash)).query.system.account(ALICE));
    assert.equal(ours.free, theirs.data.free.toBigInt());
    assert.equal(ours.reserved, theirs.data.reserved.toBigInt());
    assert.equal(ours.frozen, theirs.data.frozen.toBigInt());
    assert.equal(ours.nonce, theirs.nonce.toNumber());
    console.log(`     free ${formatRao(ours.free)} TAO`);
  });

  await step('Alice\'s stake positions = StakeInfoRuntimeApi at the same block', async () => {
    const ours = await client.stakePositions(ALICE, head.hash);
    const info = await (await api.at(head.hash)).call.stakeInfoRuntimeApi.getStakeInfoForColdkey(ALICE);
    const theirs = info.map((i) => ({ hotkey: i.hotkey.toString(), netuid: i.netuid.toNumber(), stake: i.stake.toBigInt() }))
      .filter((i) => i.stake > 0n);
    assert.ok(ours.length >= 2, 'genesis positions on subnets 0 and 1');
    assert.equal(ours.length, theirs.length);
    for (const p of ours) {
      const t = theirs.find((i) => i.hotkey === p.hotkey && i.netuid === p.netuid);
      assert.ok(t, `the chain lists ${p.hotkey} on ${p.netuid}`);
      assert.equal(p.alpha, t.stake);
      assert.ok(p.taoValue > 0n);
      console.log(`     ${p.hotkey.slice(0, 8)}… on subnet ${p.netuid}: ${formatRao(p.alpha)} alpha ≈ ${formatRao(p.taoValue)} TAO`);
    }
  });

  await step('subnets and prices = the node\'s', async () => {
    const ours = await client.subnets(head.hash);
    const at = await api.at(head.hash);
    assert.ok(ours.length >= 3);
    for (const s of ours) {
      assert.equal(s.pool.taoReserve, (await at.query.subtensorModule.subnetTAO(s.netuid)).toBigInt());
      assert.equal(s.pool.alphaReserve, (await at.query.subtensorModule.subnetAlphaIn(s.netuid)).toBigInt());
      assert.equal(s.price, (await at.call.swapRuntimeApi.currentAlphaPrice(s.netuid)).toBigInt());
      assert.equal(await client.currentAlphaPrice(s.netuid, head.hash), s.price);
    }
    const sim = await client.simSwapTaoForAlpha(1, 1_000_000_000n, head.hash);
    const theirs = await at.call.swapRuntimeApi.simSwapTaoForAlpha(1, 1_000_000_000n);
    assert.equal(sim.alphaAmount, theirs.alphaAmount.toBigInt());
  });

  await step('returned objects have exactly the fields taolight.d.ts declares', async () => {
    const dts = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('taolight/package.json')), 'taolight.d.ts'), 'utf8');
    const fields = (name) => {
      const start = dts.indexOf(`export interface ${name} {`);
      assert.ok(start >= 0, `interface ${name} declared`);
      let depth = 0;
      let end = dts.indexOf('{', start);
      for (; end < dts.length; end++) {
        if (dts[end] === '{') depth++;
        if (dts[end] === '}' && --depth === 0) break;
      }
      const body = dts.slice(dts.indexOf('{', start) + 1, end)
        .replace(/\/\*\*[\s\S]*?\*\//g, '')       // doc comments
        .replace(/\{[^{}]*\}/g, '{}');                // nested object types
      return [...body.matchAll(/(?:^|[;\n])\s*(\w+)\??:/g)].map((x) => x[1]).sort();
    };
    const [position] = await client.stakePositions(ALICE, head.hash);
    const [subnet] = await client.subnets(head.hash);
    const objects = {
      AccountInfo: await client.account(ALICE, head.hash),
      StakePosition: position,
      SubnetSummary: subnet,
      SubnetPool: await client.subnetPool(1, head.hash),
      SyncStatus: await client.waitReady(),
      BlockRef: head,
      StartInfo: client.startInfo,
    };
    for (const [name, value] of Object.entries(objects)) {
      assert.deepEqual(Object.keys(value).sort(), fields(name), name);
    }
  });

  await step('bad input is a typed error', async () => {
    await assert.rejects(client.account('5Grw'), (e) => e.name === 'TaolightError' && typeof e.code === 'string');
    await assert.rejects(client.account(ALICE, '0x1234'), (e) => e.code === 'InvalidArgument');
  });

  await step('stop() saves the database to the file storage', async () => {
    await client.stop();
    await assert.rejects(client.account(ALICE), (e) => e.code === 'Stopped');
    const bytes = await storage.load(client.genesisHash);
    assert.ok(bytes instanceof Uint8Array && bytes.length > 0);
    assert.equal(JSON.parse(new TextDecoder().decode(bytes)).genesisHash, client.genesisHash.slice(2));
    saved = head.number;
    console.log(`     ${bytes.length} bytes in ${readdirSync(dir).join(', ')}`);
  });

  await step('a restart loads the file and never goes below the saved block', async () => {
    client = await LightClient.start(spec, { bootnodes: [state.P2P_WS_ADDR], storage });
    assert.equal(client.startInfo.database, 'loaded');
    assert.ok(client.startInfo.databaseFinalizedNumber >= saved);
    const phases = await followUntilReady(client, { minFinalized: client.startInfo.databaseFinalizedNumber });
    assert.ok(!phases.includes('warpSyncing'), `a warm start does not warp-sync: ${phases}`);
    const again = await client.finalizedHead();
    const ours = await client.account(ALICE, again.hash);
    const theirs = await (await api.at(again.hash)).query.system.account(ALICE);
    assert.equal(ours.free, theirs.data.free.toBigInt());
    console.log(`     restarted from #${client.startInfo.databaseFinalizedNumber}, now #${again.number}`);
    await client.stop();
  });
} finally {
  await api.disconnect();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
