// Checks the hand-written TypeScript declarations of the light-client part of the BUILT npm
// package (the calculator's are checked by check-dts.mjs):
//  1. LightClient, StatusEvents, FileStorage and IndexedDbStorage read exactly as written here,
//     and every declared method exists on the class (and the other way round);
//  2. the interfaces they use are declared;
//  3. FileStorage works offline (round trip, missing key, bad key), IndexedDbStorage refuses
//     to exist without indexedDB;
//  4. with the web package's directory as argument: worker.js and light-client-proxy.js are
//     shipped and listed in package.json, and LightClientProxy's methods equal its .d.ts.
// The declared result interfaces are compared with real objects by lightclient.mjs (devnet).
//
//   node examples/node/check-dts-chain.mjs [<web package dir>]
// The last line is "N passed, N failed".
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('taolight/package.json'));
const dts = readFileSync(path.join(pkgDir, 'taolight.d.ts'), 'utf8');
const tl = await import('taolight');

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `: ${detail}`}`);
}
const squash = (s) => s.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').trim();

/** The members declared in `export class Name { … }` (squashed, without doc comments). */
function classBody(source, name) {
  const start = source.search(new RegExp(`export (declare )?class ${name}\\b`));
  if (start < 0) return null;
  let depth = 0;
  for (let i = source.indexOf('{', start); i < source.length; i++) {
    if (source[i] === '{') depth++;
    if (source[i] === '}' && --depth === 0) return squash(source.slice(source.indexOf('{', start) + 1, i));
  }
  return null;
}
function declaredMethods(body) {
  return [...body.matchAll(/(?:^|; )(?:static )?(\w+)\(/g)].map((m) => m[1])
    .filter((n) => n !== 'constructor' && n !== 'free' && n !== '[Symbol.dispose]').sort();
}
function runtimeMethods(cls) {
  return Object.getOwnPropertyNames(cls.prototype)
    .filter((n) => n !== 'constructor' && n !== 'free' && n !== '__destroy_into_raw' && typeof Object.getOwnPropertyDescriptor(cls.prototype, n).value === 'function')
    .concat(Object.getOwnPropertyNames(cls).filter((n) => typeof cls[n] === 'function' && !n.startsWith('__')))
    .sort();
}

// 1. The classes, as they should read.
const expected = {
  LightClient: [
    'static start(specJson: string, options?: LightClientOptions): Promise<LightClient>;',
    'readonly genesisHash: string;',
    'readonly startInfo: StartInfo;',
    'statusEvents(): StatusEvents;',
    'waitReady(): Promise<SyncStatus>;',
    'finalizedHead(): Promise<BlockRef>;',
    'bestHead(): Promise<BlockRef>;',
    'account(address: string, at?: string): Promise<AccountInfo>;',
    'stakePositions(coldkey: string, at?: string): Promise<StakePosition[]>;',
    'subnetPool(netuid: number, at?: string): Promise<SubnetPool>;',
    'subnets(at?: string): Promise<SubnetSummary[]>;',
    'simSwapTaoForAlpha(netuid: number, tao: bigint, at?: string): Promise<SimSwapResult>;',
    'simSwapAlphaForTao(netuid: number, alpha: bigint, at?: string): Promise<SimSwapResult>;',
    'currentAlphaPrice(netuid: number, at?: string): Promise<bigint>;',
    'storage(at: string | Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined>;',
    'saveDatabase(): Promise<Uint8Array>;',
    'stop(): Promise<void>;',
  ],
  StatusEvents: [
    'next(): Promise<IteratorResult<SyncStatus, undefined>>;',
    'return(): Promise<IteratorResult<SyncStatus, undefined>>;',
  ],
  FileStorage: [
    'constructor(directory: string);',
    'readonly directory: string;',
    'load(chainKey: string): Promise<Uint8Array | null>;',
    'save(chainKey: string, bytes: Uint8Array): Promise<void>;',
  ],
  IndexedDbStorage: [
    'constructor(name?: string | null);',
    'readonly name: string;',
    'load(chainKey: string): Promise<Uint8Array | null>;',
    'save(chainKey: string, bytes: Uint8Array): Promise<void>;',
  ],
};
for (const [cls, members] of Object.entries(expected)) {
  const body = classBody(dts, cls);
  check(`class ${cls} is declared`, body !== null);
  if (body === null) continue;
  for (const m of members) check(`${cls}: ${m}`, body.includes(m), `not in: ${body}`);
  const declared = declaredMethods(body);
  const actual = runtimeMethods(tl[cls]);
  check(`${cls}: declared methods = runtime methods`, JSON.stringify(declared) === JSON.stringify(actual),
    `declared ${declared}, runtime ${actual}`);
}

// 2. The interfaces and types the classes use.
for (const name of ['SyncStatus', 'BlockRef', 'DatabaseStorage', 'LightClientOptions', 'StartInfo',
  'AccountInfo', 'StakePosition', 'SubnetPool', 'SubnetSummary']) {
  check(`interface ${name} is declared`, new RegExp(`export interface ${name} \\{`).test(dts));
}
check('StatusEvents is an AsyncIterableIterator<SyncStatus>',
  squash(dts).includes('export interface StatusEvents extends AsyncIterableIterator<SyncStatus> {}'));
check('type SyncPhase', squash(dts).includes('export type SyncPhase = "connecting" | "warpSyncing" | "syncing" | "ready";'));

// 3. The storages, offline.
const dir = mkdtempSync(path.join(tmpdir(), 'taolight-dts-'));
try {
  const fsStorage = new tl.FileStorage(path.join(dir, 'nested'));
  check('FileStorage.load of a missing key is null', (await fsStorage.load('0xabc')) === null);
  await fsStorage.save('0xabc', new Uint8Array([1, 2, 3]));
  const back = await fsStorage.load('0xabc');
  check('FileStorage round trip (a plain Uint8Array)', back?.constructor === Uint8Array && back.join() === '1,2,3', String(back));
  let code;
  try { await fsStorage.load('../escape'); } catch (e) { code = e.code; }
  check('FileStorage refuses a key that is not a file name', code === 'InvalidArgument', code);
  code = undefined;
  try { new tl.IndexedDbStorage(); } catch (e) { code = e.code; }
  check('IndexedDbStorage without indexedDB: Unsupported', code === 'Unsupported', code);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// 4. The web package's Worker entry and proxy.
const web = process.argv[2];
if (web) {
  const pj = JSON.parse(readFileSync(path.join(web, 'package.json'), 'utf8'));
  for (const f of ['worker.js', 'worker.d.ts', 'light-client-proxy.js', 'light-client-proxy.d.ts']) {
    check(`web package ships ${f}`, pj.files?.includes(f), JSON.stringify(pj.files));
  }
  const proxyDts = readFileSync(path.join(web, 'light-client-proxy.d.ts'), 'utf8');
  const { LightClientProxy } = await import(pathToFileURL(path.join(web, 'light-client-proxy.js')));
  const body = classBody(proxyDts, 'LightClientProxy');
  const declared = declaredMethods(body);
  const actual = Object.getOwnPropertyNames(LightClientProxy.prototype)
    .filter((n) => n !== 'constructor' && !n.startsWith('_') && typeof Object.getOwnPropertyDescriptor(LightClientProxy.prototype, n).value === 'function')
    .concat(['start']).sort();
  check('LightClientProxy: declared methods = runtime methods', JSON.stringify(declared) === JSON.stringify(actual),
    `declared ${declared}, runtime ${actual}`);
  const clientMethods = declaredMethods(classBody(dts, 'LightClient')).filter((m) => m !== 'start');
  check('LightClientProxy has every LightClient method', clientMethods.every((m) => declared.includes(m)),
    clientMethods.filter((m) => !declared.includes(m)).join(', '));
  // Wallet flows through the worker: the same flow names as `Wallet`, plans and submissions as
  // plain objects / SubmissionProxy.
  const walletFlows = declaredMethods(classBody(dts, 'Wallet')).filter((m) => !['submit', 'submitSigned'].includes(m));
  check('LightClientProxy has every Wallet flow', walletFlows.length === 9 && walletFlows.every((m) => declared.includes(m)),
    `${walletFlows} vs ${declared}`);
  check('LightClientProxy.submitSigned(planId, signature) and releasePlan declared',
    /submitSigned\(planId: number, signature: PayloadSignature\): Promise<SubmissionProxy>;/.test(body)
    && /releasePlan\(planId: number\): Promise<boolean>;/.test(body), body);
  const proxyModule = await import(pathToFileURL(path.join(web, 'light-client-proxy.js')));
  const subBody = classBody(proxyDts, 'SubmissionProxy');
  const subDeclared = declaredMethods(subBody);
  const subActual = Object.getOwnPropertyNames(proxyModule.SubmissionProxy.prototype)
    .filter((n) => n !== 'constructor' && !n.startsWith('_')).sort();
  check('SubmissionProxy: declared methods = runtime methods', JSON.stringify(subDeclared) === JSON.stringify(subActual),
    `declared ${subDeclared}, runtime ${subActual}`);
  const submissionMethods = declaredMethods(classBody(dts, 'Submission'));
  check('SubmissionProxy has every Submission method', submissionMethods.every((m) => subDeclared.includes(m)),
    `${submissionMethods} vs ${subDeclared}`);
  check('SubmissionProxy is an async iterator', typeof proxyModule.SubmissionProxy.prototype[Symbol.asyncIterator] === 'function'
    && subBody.includes('[Symbol.asyncIterator](): SubmissionProxy;'));
  // ProxyPlan's fields: every getter of Plan, plus `id`; `payload` is the JSON form.
  const planGetters = [...classBody(dts, 'Plan').matchAll(/readonly (\w+):/g)].map((m) => m[1]).sort();
  let iface = classBody(proxyDts.replace('export interface ProxyPlan', 'export class ProxyPlan'), 'ProxyPlan');
  while (/\{[^{}]*\}/.test(iface)) iface = iface.replace(/\{[^{}]*\}/g, 'T'); // nested object types
  const planFields = [...`; ${iface}`.matchAll(/; (\w+):/g)].map((m) => m[1]).sort();
  check('ProxyPlan fields = Plan getters + id', JSON.stringify(planFields) === JSON.stringify([...planGetters, 'id'].sort()),
    `ProxyPlan ${planFields} vs Plan ${planGetters}`);
  check('ProxyPlan.payload is SigningPayloadJson', /payload: SigningPayloadJson;/.test(iface));
  const imported = squash(proxyDts.match(/import type \{([^}]*)\}/)[1]).split(',').map((n) => n.trim()).filter(Boolean);
  const missing = imported.filter((n) => !new RegExp(`export (interface|type|declare class|class) ${n}\\b`).test(dts));
  check('every type light-client-proxy.d.ts imports is exported by taolight.d.ts', missing.length === 0, missing.join(', '));
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
