// Runs bindings-wasm/tests/npm-worker/index.html in headless Chromium (playwright-core, Debian
// chromium): the BUILT web package's light client in a module Worker behind LightClientProxy,
// against the running devnet; then checks every value the page read against the node itself
// (@polkadot/api at the same block hash), including a stake planned in the Worker, signed in
// the page and followed to finality through the proxy.
//
//   scripts/build-npm.sh web <pkg dir>     # the web target ships worker.js + light-client-proxy.js
//   node bindings-wasm/tests/npm-worker/run.mjs <pkg dir>    # DEVNET_RUN_DIR: the running devnet
//
// The last line is "N passed, N failed".
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const pkgDir = path.resolve(process.argv[2] ?? 'pkg');
const runDir = process.env.DEVNET_RUN_DIR ?? path.join(process.env.TAOLIGHT_CACHE ?? path.join(homedir(), '.cache/taolight'), 'devnet-run');
const state = Object.fromEntries(readFileSync(path.join(runDir, 'state.env'), 'utf8')
  .split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const requireTools = createRequire(path.join(root, 'tools/package.json'));
const { chromium } = requireTools('playwright-core');
const { ApiPromise, WsProvider } = requireTools('@polkadot/api');

const files = {
  '/': path.join(here, 'index.html'),
  '/devnet.json': path.join(root, 'chain-specs/devnet.json'),
};
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = http.createServer(async (req, res) => {
  try {
    const p = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let file = files[p];
    if (!file && p.startsWith('/pkg/')) {
      file = path.join(pkgDir, path.normalize(p.slice('/pkg/'.length)));
      if (!file.startsWith(pkgDir + path.sep)) throw new Error('outside the package');
    }
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end('not found');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/?ws=${encodeURIComponent(state.P2P_WS_ADDR)}`;

let passed = 0;
let failed = 0;
const expect = async (name, body) => {
  try { await body(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e?.message ?? e}`); }
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
});
let result;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${m.type()}]`, m.text()); });
  await page.goto(url);
  // Generous bound (a loaded 2-core machine); the page's own waits end on smoldot's stall verdicts.
  await page.waitForSelector('body[data-done="1"]', { timeout: 600_000, state: 'attached' });
  result = await page.evaluate(() => window.__result);
} finally {
  await browser.close();
  server.close();
}

for (const s of result.steps) {
  if (s.ok) passed++; else failed++;
  console.log(`${s.ok ? 'ok  ' : 'FAIL'} [page] ${s.name}${s.ok ? '' : `: ${s.error}`}`);
}

const o = result.out;
if (o.head) {
  // The devnet's (Finney's) transaction extensions, so @polkadot/api decodes our extrinsic.
  const { FINNEY_EXTENSIONS } = await import('../../../tests/devnet/lib.mjs');
  const api = await ApiPromise.create({
    provider: new WsProvider(state.RPC_URL), noInitWarn: true, signedExtensions: FINNEY_EXTENSIONS,
  });
  try {
    const at = await api.at(o.head.hash);
    await expect('the Worker\'s finalized block is the node\'s, same number', async () => {
      assert.equal((await api.rpc.chain.getHeader(o.head.hash)).number.toNumber(), o.head.number);
      assert.equal(o.genesisHash, (await api.rpc.chain.getBlockHash(0)).toHex());
    });
    await expect('account = the node\'s at the same block', async () => {
      const a = await at.query.system.account('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
      assert.equal(BigInt(o.account.free), a.data.free.toBigInt());
      assert.equal(BigInt(o.account.reserved), a.data.reserved.toBigInt());
      assert.equal(o.account.nonce, a.nonce.toNumber());
    });
    await expect('stake positions = StakeInfoRuntimeApi at the same block', async () => {
      const info = await at.call.stakeInfoRuntimeApi.getStakeInfoForColdkey('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
      const theirs = info.filter((i) => i.stake.toBigInt() > 0n);
      assert.equal(o.positions.length, theirs.length);
      for (const p of o.positions) {
        const t = theirs.find((i) => i.hotkey.toString() === p.hotkey && i.netuid.toNumber() === p.netuid);
        assert.ok(t, `${p.hotkey} on ${p.netuid}`);
        assert.equal(BigInt(p.alpha), t.stake.toBigInt());
      }
    });
    await expect('subnets, price and sim_swap = the node\'s', async () => {
      for (const s of o.subnets) {
        assert.equal(BigInt(s.pool.taoReserve), (await at.query.subtensorModule.subnetTAO(s.netuid)).toBigInt());
        assert.equal(BigInt(s.pool.alphaReserve), (await at.query.subtensorModule.subnetAlphaIn(s.netuid)).toBigInt());
        assert.equal(BigInt(s.price), (await at.call.swapRuntimeApi.currentAlphaPrice(s.netuid)).toBigInt());
      }
      assert.equal(BigInt(o.price1), (await at.call.swapRuntimeApi.currentAlphaPrice(1)).toBigInt());
      const sim = await at.call.swapRuntimeApi.simSwapTaoForAlpha(1, 1_000_000_000n);
      assert.equal(BigInt(o.sim.alphaAmount), sim.alphaAmount.toBigInt());
    });
    if (o.restartHead) {
      await expect('after the restart from the page\'s storage: account = the node\'s', async () => {
        const a = await (await api.at(o.restartHead.hash)).query.system.account('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
        assert.equal(BigInt(o.restartAccount.free), a.data.free.toBigInt());
        assert.ok(o.restartHead.number >= o.head.number);
      });
    }
    if (o.stake) {
      const s = o.stake;
      await expect('stake through the proxy: the node\'s finalized block holds our extrinsic', async () => {
        const block = await api.rpc.chain.getBlock(s.blockHash);
        assert.equal(block.block.header.number.toNumber(), s.blockNumber);
        assert.equal(block.block.extrinsics[s.index].hash.toHex(), s.txHash);
        const finalized = await api.rpc.chain.getFinalizedHead();
        const finalizedNumber = (await api.rpc.chain.getHeader(finalized)).number.toNumber();
        assert.ok(finalizedNumber >= s.blockNumber, `node finalized #${finalizedNumber}`);
        assert.equal((await api.rpc.chain.getBlockHash(s.blockNumber)).toHex(), s.blockHash);
        assert.deepEqual(s.statuses.slice(-1), ['finalized']);
        assert.ok(s.events.includes('SubtensorModule.StakeAdded'), s.events.join(' '));
      });
      await expect('stake through the proxy: new position = the node\'s; growth = StakeAdded\'s alpha', async () => {
        const block = await api.rpc.chain.getBlock(s.blockHash);
        const parent = block.block.header.parentHash.toHex();
        const stakeAt = async (hash) => (await (await api.at(hash)).call.stakeInfoRuntimeApi
          .getStakeInfoForColdkey(s.coldkey)).filter((i) => i.hotkey.toString() === s.hotkey && i.netuid.toNumber() === s.netuid)
          .reduce((a, i) => a + i.stake.toBigInt(), 0n);
        const after = await stakeAt(s.blockHash);
        assert.equal(BigInt(s.positionAfter), after, 'the proxy\'s position = StakeInfoRuntimeApi at the same block');
        const before = await stakeAt(parent);
        const events = await (await api.at(s.blockHash)).query.system.events();
        const ev = events.find(({ phase, event }) => phase.isApplyExtrinsic
          && phase.asApplyExtrinsic.toNumber() === s.index && event.method === 'StakeAdded');
        assert.ok(ev, 'StakeAdded for our extrinsic');
        const alpha = ev.event.data[3].toBigInt();
        const delta = after - before;
        assert.ok(delta === alpha || delta === alpha - 1n, `position grew by ${delta}, event says ${alpha}`);
        const feeEv = events.find(({ phase, event }) => phase.isApplyExtrinsic
          && phase.asApplyExtrinsic.toNumber() === s.index && event.method === 'TransactionFeePaid');
        if (feeEv) assert.equal(BigInt(s.feePaid), feeEv.event.data[1].toBigInt(), 'fee paid = TransactionFeePaid');
        // Exactness of the quote when the pool did not move between quote and inclusion.
        const pool = async (hash) => {
          const at = await api.at(hash);
          return [(await at.query.subtensorModule.subnetTAO(s.netuid)).toString(),
            (await at.query.subtensorModule.subnetAlphaIn(s.netuid)).toString()].join('/');
        };
        const same = (await pool(s.quotedAt)) === (await pool(parent));
        if (same) assert.equal(alpha, BigInt(s.expectedOut), 'same pool: the plan\'s quote is the chain\'s result to the rao');
        console.log(`     finalized #${s.blockNumber}: +${alpha} rao α (quoted ${s.expectedOut}), position ${before} -> ${after}; `
          + `pool ${same ? 'unchanged: quote == chain' : 'moved: no exactness claim'}; wrong signer refused as ${o.wrongSignerCode}`);
      });
    }
  } finally {
    await api.disconnect();
  }
}
console.log(`phases: ${o.phases?.join(' → ')}; after restart: ${o.restartPhases?.join(' → ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
