// Checks the hand-written TypeScript declarations of the transaction side of the BUILT npm
// package (the calculator's: check-dts.mjs; the light client's: check-dts-chain.mjs):
//  1. TxMetadata, Call, SigningPayload, SignedExtrinsic, PolkadotJsSigner, Plan, Submission and
//     Wallet read exactly as written here, and every declared method exists on the class (and
//     the other way round);
//  2. the functions and the interfaces/types they use are declared;
//  3. the declared shapes hold offline where no chain is needed: polkadotApiSigner's object has
//     the PolkadotSigner members, a SigningPayload's toJSON() has the SigningPayloadJson keys.
// The result shapes that need a chain (Plan, TxStatus) are exercised by wallet.mjs (devnet).
//
//   node examples/node/check-dts-tx.mjs        # the last line is "N passed, N failed"
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

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

/** The body of `export class Name { … }`, squashed, without doc comments. */
function classBody(name) {
  const start = dts.search(new RegExp(`export (declare )?class ${name}\\b`));
  if (start < 0) return null;
  const open = dts.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < dts.length; i++) {
    if (dts[i] === '{') depth++;
    if (dts[i] === '}' && --depth === 0) return squash(dts.slice(open + 1, i));
  }
  return null;
}
const IGNORED = new Set(['constructor', 'free', '__destroy_into_raw', '[Symbol.dispose]']);
function declaredMethods(body) {
  return [...body.matchAll(/(?:^|; )(?:static )?(\w+)\(/g)].map((m) => m[1])
    .filter((n) => !IGNORED.has(n)).sort();
}
function runtimeMethods(cls) {
  const proto = Object.getOwnPropertyNames(cls.prototype)
    .filter((n) => !IGNORED.has(n) && typeof Object.getOwnPropertyDescriptor(cls.prototype, n).value === 'function');
  const statics = Object.getOwnPropertyNames(cls).filter((n) => typeof cls[n] === 'function' && !n.startsWith('__'));
  return proto.concat(statics).sort();
}

// 1. The classes as they should read (hand-checked against the Rust sources).
const expected = {
  TxMetadata: [
    'static fromBytes(bytes: Uint8Array | number[]): TxMetadata;',
    'static fromMetadataAtVersionOutput(bytes: Uint8Array | number[]): TxMetadata;',
    'metadataHash(info: MetadataHashInfo): Uint8Array;',
    'ss58Prefix(): number;',
    'readonly hasMetadataHashExtension: boolean;',
    'readonly isV15: boolean;',
  ],
  Call: [
    'static batchAll(md: TxMetadata, calls: Array<Call | Uint8Array>): Call;',
    'static build(md: TxMetadata, name: CallName, args: CallArgs): Call;',
    'static decode(md: TxMetadata, bytes: Uint8Array | number[]): Call;',
    'summary(md: TxMetadata): string;',
    'readonly bytes: Uint8Array;',
    'readonly name: string;',
    'readonly pallet: string;',
  ],
  SigningPayload: [
    'additional(): Uint8Array;',
    'assemble(signature: PayloadSignature): SignedExtrinsic;',
    'checkEraAt(blockNumber: number | bigint): void;',
    'static create(md: TxMetadata, call: Call, signer: string, chain: ChainContext, params: TxParams): SigningPayload;',
    'static fromJSON(json: string | SigningPayloadJson): SigningPayload;',
    'message(): Uint8Array;',
    'payloadBytes(): Uint8Array;',
    'sign(key: Keypair): PayloadSignature;',
    'toJSON(): SigningPayloadJson;',
    'readonly call: Uint8Array;',
    'readonly eraBlockNumber: number | undefined;',
    'readonly metadataHash: Uint8Array | undefined;',
    'readonly nonce: number;',
    'readonly signer: string;',
    'readonly summary: string;',
    'readonly tip: bigint;',
  ],
  SignedExtrinsic: [
    'static decode(md: TxMetadata, bytes: Uint8Array | number[]): SignedExtrinsic;',
    'encode(): Uint8Array;',
    'verify(additional: Uint8Array | number[]): void;',
    'readonly call: Uint8Array;',
    'readonly cryptoType: CryptoType;',
    'readonly extra: Uint8Array;',
    'readonly hash: Uint8Array;',
    'readonly signature: Uint8Array;',
    'readonly signer: string;',
  ],
  PolkadotJsSigner: [
    'constructor(key: Keypair);',
    'destroy(): void;',
    'signPayload(payload: SignerPayloadJSON): Promise<SignerResult>;',
    'signRaw(raw: SignerPayloadRaw): Promise<SignerResult>;',
  ],
  Plan: [
    'readonly action: PlanAction;',
    'readonly at: { number: number; hash: Uint8Array };',
    'readonly callSummary: string;',
    'readonly call: Uint8Array;',
    'readonly expectedOut: bigint;',
    'readonly fee: FeeInfo;',
    'readonly limitPrice: bigint | undefined;',
    'readonly nonce: number;',
    'readonly payload: SigningPayload;',
    'readonly priceImpactPpb: bigint;',
    'readonly signer: string;',
    'readonly swapFee: bigint;',
    'readonly tip: bigint;',
    'readonly warnings: PlanWarning[];',
  ],
  Submission: [
    'finalized(): Promise<TxStatus & { type: "finalized" }>;',
    'next(): Promise<IteratorResult<TxStatus, undefined>>;',
    'return(): Promise<IteratorResult<TxStatus, undefined>>;',
    'watch(onStatus: (status: TxStatus) => void): Promise<TxStatus>;',
    'readonly extrinsic: Uint8Array;',
    'readonly hash: Uint8Array;',
    'readonly nonce: number;',
  ],
  Wallet: [
    'constructor(client: LightClient, options?: WalletOptions);',
    'stake(coldkey: string, hotkey: string, netuid: number, tao: bigint, slippage?: SlippageParam): Promise<Plan>;',
    'unstake(coldkey: string, hotkey: string, netuid: number, alpha: bigint, slippage?: SlippageParam): Promise<Plan>;',
    'unstakeFull(coldkey: string, hotkey: string, netuid: number, slippage?: SlippageParam): Promise<Plan>;',
    'unstakeAll(coldkey: string, hotkey: string): Promise<Plan>;',
    'unstakeAllAlpha(coldkey: string, hotkey: string): Promise<Plan>;',
    'moveStake(coldkey: string, originHotkey: string, destinationHotkey: string, originNetuid: number, destinationNetuid: number, alpha: bigint): Promise<Plan>;',
    'transferStake(coldkey: string, destinationColdkey: string, hotkey: string, originNetuid: number, destinationNetuid: number, alpha: bigint): Promise<Plan>;',
    'swapStake(coldkey: string, hotkey: string, originNetuid: number, destinationNetuid: number, alpha: bigint, slippage: SlippageParam | null): Promise<Plan>;',
    'transfer(coldkey: string, dest: string, rao: bigint, keepAlive?: boolean | null): Promise<Plan>;',
    'submit(plan: Plan, key: Keypair): Promise<Submission>;',
    'submitSigned(plan: Plan, signature: PayloadSignature): Promise<Submission>;',
  ],
};
for (const [name, lines] of Object.entries(expected)) {
  const body = classBody(name);
  if (!body) {
    check(`class ${name} declared`, false, 'missing');
    continue;
  }
  for (const line of lines) check(`${name}: ${line}`, body.includes(squash(line)), body);
  const declared = declaredMethods(body);
  const runtime = runtimeMethods(tl[name]);
  check(`${name}: declared methods = runtime methods`, JSON.stringify(declared) === JSON.stringify(runtime),
    `declared ${declared.join(',')} / runtime ${runtime.join(',')}`);
}

// 2. Functions and types.
for (const line of [
  'export function polkadotApiSigner(key: Keypair): PolkadotSigner;',
  'export function queryInfoParams(extrinsic: Uint8Array | number[]): Uint8Array;',
  'export function decodeQueryInfo(md: TxMetadata, output: Uint8Array | number[]): FeeInfo;',
]) check(line, squash(dts).includes(squash(line)));
for (const type of ['CallName', 'CallArgs', 'ChainContext', 'MortalityParam', 'TxParams', 'MetadataHashInfo',
  'PayloadSignature', 'SigningPayloadJson', 'ExtensionBytesJson', 'FeeInfo', 'SignerPayloadJSON',
  'SignerPayloadRaw', 'SignerResult', 'PolkadotSigner', 'SlippageParam', 'WalletOptions', 'PlanAction',
  'PlanWarning', 'TxEvent', 'TxInclusion', 'TxStatus']) {
  check(`type ${type} declared`, new RegExp(`export (interface|type) ${type}\\b`).test(dts));
}
for (const fn of ['polkadotApiSigner', 'queryInfoParams', 'decodeQueryInfo']) {
  check(`${fn} exported`, typeof tl[fn] === 'function');
}

// 3. Shapes that need no chain.
const key = tl.Keypair.fromUri('//Alice');
const papi = tl.polkadotApiSigner(key);
const papiDecl = squash(dts.slice(dts.search(/export interface PolkadotSigner\b/)));
for (const member of ['publicKey', 'signTx', 'signBytes', 'destroy']) {
  check(`PolkadotSigner.${member}: declared and an own property`,
    papiDecl.includes(`${member}`) && Object.hasOwn(papi, member));
}
check('PolkadotSigner.publicKey is the key', Buffer.from(papi.publicKey).equals(Buffer.from(key.publicKey)));
papi.destroy();
key.free();

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
