// Blocker B1 with the unpatched light client: npm `smoldot` 3.4.1 (tools/node_modules, the
// published build, no taolight patch) against the devnet's two chain specs.
// - chain-specs/devnet.json: its runtime exposes AuraApi plus a stub BabeApi, like Finney's, and
//   addChain fails while building the genesis chain information (no node needed);
// - chain-specs/devnet-plain.json (no stub): with its bootnodes pointed at the running node
//   (scripts/devnet.sh start --chain devnet-plain) it follows the chain and reports a finalized
//   block past genesis, which the node confirms is on its canonical chain.
// Our patched client succeeds on both (core/tests/chain_devnet_e2e.rs).
//
//   DEVNET_RUN_DIR=... node --test tests/devnet/smoldot-npm.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { devnetState } from './lib.mjs';

const require = createRequire(new URL('../../tools/package.json', import.meta.url));
const smoldot = require('smoldot');
const smoldotPath = require.resolve('smoldot');

const specPath = (name) => new URL(`../../chain-specs/${name}.json`, import.meta.url);
const specWithBootnodes = (name, bootNodes) => {
  const spec = JSON.parse(readFileSync(specPath(name), 'utf8'));
  spec.bootNodes = bootNodes;
  return JSON.stringify(spec);
};

async function nodeRpc(state, method, params = []) {
  const res = await fetch(state.RPC_HTTP, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

test('npm smoldot 3.4.1 is the expected, unpatched version', () => {
  const pkg = JSON.parse(readFileSync(smoldotPath.replace(/dist\/.*$/, 'package.json'), 'utf8'));
  assert.equal(pkg.version, '3.4.1');
});

test('npm smoldot rejects devnet.json (AuraApi + stub BabeApi, like Finney)', async () => {
  const client = smoldot.start({ maxLogLevel: 1 });
  try {
    // A closed local port: the failure must come from the genesis runtime, not the network.
    const spec = specWithBootnodes('devnet', ['/ip4/127.0.0.1/tcp/1/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp']);
    await assert.rejects(client.addChain({ chainSpec: spec }), (err) => {
      assert.match(String(err.message ?? err), /BabeConfigurationOutputDecode|MultipleConsensusAlgorithms/);
      return true;
    });
  } finally {
    await client.terminate();
  }
});

test('npm smoldot follows devnet-plain.json to a finalized block the node confirms', { timeout: 600_000 }, async (t) => {
  const state = devnetState();
  if (state.CHAIN !== 'devnet-plain') {
    t.skip(`the running devnet is ${state.CHAIN}, not devnet-plain`);
    return;
  }
  const client = smoldot.start({ maxLogLevel: 1 });
  try {
    const chain = await client.addChain({ chainSpec: specWithBootnodes('devnet-plain', [state.P2P_TCP_ADDR]) });
    const genesis = await nodeRpc(state, 'chain_getBlockHash', [0]);
    let nextId = 1;
    const send = (method, params) => { const id = nextId++; chain.sendJsonRpc(JSON.stringify({ jsonrpc: '2.0', id, method, params })); return id; };
    assert.equal(await (async () => {
      const id = send('chainSpec_v1_genesisHash', []);
      for (;;) { const m = JSON.parse(await chain.nextJsonRpcResponse()); if (m.id === id) return m.result; }
    })(), genesis);
    send('chainHead_v1_follow', [false]);
    // Finalized blocks past genesis; each one must be on the node's canonical chain.
    let finalized = null;
    while (!finalized) {
      const m = JSON.parse(await chain.nextJsonRpcResponse());
      const ev = m.params?.result;
      if (m.method !== 'chainHead_v1_followEvent' || !ev) continue;
      if (ev.event === 'stop') { send('chainHead_v1_follow', [false]); continue; }
      const hashes = ev.event === 'finalized' ? ev.finalizedBlockHashes
        : ev.event === 'initialized' ? ev.finalizedBlockHashes : [];
      const last = hashes.at(-1);
      if (last && last !== genesis) finalized = last;
    }
    const header = await nodeRpc(state, 'chain_getHeader', [finalized]);
    assert.ok(header, `node does not know ${finalized}`);
    const number = Number.parseInt(header.number, 16);
    assert.ok(number > 0);
    assert.equal(await nodeRpc(state, 'chain_getBlockHash', [number]), finalized);
    t.diagnostic(`npm smoldot finalized #${number} ${finalized}`);
    chain.remove();
  } finally {
    await client.terminate();
  }
});
