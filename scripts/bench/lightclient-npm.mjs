// npm smoldot 3.4.1 (tools/node_modules) counterpart of core/examples/chain_follow.rs: starts a
// client on a chain spec with the given bootnode, follows it (chainHead_v1_follow) until the
// finalized block reaches --until, prints one JSON line: milliseconds from start to that block,
// and the process's peak resident memory. Used by scripts/bench/lightclient.sh.
//
//   node scripts/bench/lightclient-npm.mjs SPEC.json BOOTNODE [--until N]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const started = performance.now();
const require = createRequire(new URL('../../tools/package.json', import.meta.url));
const smoldot = require('smoldot');

const [specPath, bootnode, ...rest] = process.argv.slice(2);
if (!specPath || !bootnode) {
  console.error('usage: lightclient-npm.mjs SPEC.json BOOTNODE [--until N]');
  process.exit(2);
}
let until = 1;
for (let i = 0; i < rest.length; i += 2) {
  if (rest[i] === '--until') until = Number(rest[i + 1]);
  else { console.error(`unknown option ${rest[i]}`); process.exit(2); }
}

const spec = JSON.parse(readFileSync(specPath, 'utf8'));
spec.bootNodes = [bootnode];
delete spec.codeSubstitutes; // as taolight's ChainSpec sanitizing does
const client = smoldot.start({ maxLogLevel: 1 });
const chain = await client.addChain({ chainSpec: JSON.stringify(spec) });
let nextId = 1;
const pending = new Map();
const send = (method, params) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, { resolve, reject });
  chain.sendJsonRpc(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
});
let followSub = null;
const events = [];
let wake = null;
(async () => {
  for (;;) {
    let text;
    try { text = await chain.nextJsonRpcResponse(); } catch { return; }
    const m = JSON.parse(text);
    if (m.id !== undefined && pending.has(m.id)) {
      const p = pending.get(m.id); pending.delete(m.id);
      if (m.error) p.reject(new Error(JSON.stringify(m.error))); else p.resolve(m.result);
    } else if (m.method === 'chainHead_v1_followEvent') {
      events.push(m.params); if (wake) { wake(); wake = null; }
    }
  }
})();
const nextEvent = async () => {
  while (events.length === 0) await new Promise((r) => { wake = r; });
  return events.shift();
};

// The number of a block from its SCALE header (parent hash, then compact number).
const headerNumber = (hex) => {
  const b = Buffer.from(hex.slice(2), 'hex').subarray(32);
  switch (b[0] & 3) {
    case 0: return b[0] >> 2;
    case 1: return b.readUInt16LE(0) >> 2;
    case 2: return b.readUInt32LE(0) >>> 2;
    default: throw new Error('block number too large');
  }
};

let reached = null;
let firstFinalized = null;
while (!reached) {
  followSub = await send('chainHead_v1_follow', [false]);
  for (;;) {
    const { subscription, result: ev } = await nextEvent();
    if (subscription !== followSub) continue;
    if (ev.event === 'stop') break;
    const hashes = ev.event === 'initialized' || ev.event === 'finalized' ? ev.finalizedBlockHashes : [];
    const last = hashes.at(-1);
    if (!last) continue;
    const header = await send('chainHead_v1_header', [followSub, last]);
    const number = headerNumber(header);
    firstFinalized ??= number;
    if (number >= until) { reached = { ms: Math.round(performance.now() - started), number }; break; }
  }
}
console.log(JSON.stringify({
  client: 'npm smoldot 3.4.1',
  ms_to_finalized: reached.ms,
  finalized: reached.number,
  until,
  first_finalized_reported: firstFinalized,
  peak_rss_kib: process.resourceUsage().maxRSS,
}));
chain.remove();
await client.terminate();
process.exit(0);
