// Two authorities (chain devnet-two-authorities, started with --bob): blocks are finalized
// while Alice and Bob both run, and finality stops (while Alice keeps authoring) once Bob is gone.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from './lib.mjs';

let api; let state;
before(async () => { ({ api, state } = await connect()); });
after(async () => { await api?.disconnect(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const finalized = async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

test('finality needs both authorities', async () => {
  assert.equal(state.CHAIN, 'devnet-two-authorities');
  assert.ok(state.BOB_PID, 'Bob runs');
  const grandpa = await api.call.grandpaApi.grandpaAuthorities();
  assert.equal(grandpa.length, 2);
  const f0 = await finalized();
  let f = f0;
  for (let i = 0; i < 60 && f < f0 + 2; i++) { await sleep(1000); f = await finalized(); }
  assert.ok(f >= f0 + 2, `finalized advanced with both authorities (${f0} -> ${f})`);

  process.kill(Number(state.BOB_PID), 'SIGINT');
  await sleep(6000); // let an in-flight round conclude
  const fStop = await finalized();
  const bStop = await best();
  await sleep(16000);
  const bLater = await best();
  const fLater = await finalized();
  assert.ok(bLater >= bStop + 2, `Alice keeps authoring (${bStop} -> ${bLater})`);
  assert.equal(fLater, fStop, 'no finality without Bob');
});
