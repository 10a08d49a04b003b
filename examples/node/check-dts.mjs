// Checks the TypeScript declarations of the BUILT npm package against the package itself:
//  1. every runtime export of taolight.js is declared in taolight.d.ts;
//  2. the stake calculator and amount functions have exactly the signatures written here by
//     hand (bigint amounts, the Pool / SwapQuote / … interfaces, no `any`);
//  3. each result interface lists exactly the properties the function really returns.
// Run after `scripts/build-npm.sh nodejs examples/node/node_modules/taolight`.
// The last line is "N passed, N failed".
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
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const flat = squash(dts);

// 1. Every runtime export has a declaration.
const runtime = Object.keys(tl).filter((k) => k !== 'default' && k !== '__esModule');
const missing = runtime.filter((name) =>
  !new RegExp(`export (declare )?(function|class|const) ${name}\\b`).test(dts));
check(`all ${runtime.length} runtime exports are declared`, missing.length === 0, missing.join(', '));

// 2. The calculator's signatures, as they should read.
const signatures = [
  'export function parseRao(amount: string): bigint;',
  'export function parseUnits(amount: string, decimals: number): bigint;',
  'export function formatRao(rao: bigint): string;',
  'export function formatRaoFixed(rao: bigint, decimals: number): string;',
  'export function poolWithDefaults(taoReserve: bigint, alphaReserve: bigint): Pool;',
  'export function priceBits(pool: Pool): bigint;',
  'export function currentAlphaPrice(pool: Pool): bigint;',
  'export function doSwap(pool: Pool, direction: SwapDirection, amount: bigint, limitPrice: bigint, dropFees?: boolean | null): SwapResult;',
  'export function simSwapTaoForAlpha(pool: Pool, tao: bigint): SimSwapResult;',
  'export function simSwapAlphaForTao(pool: Pool, alpha: bigint): SimSwapResult;',
  'export function quoteStake(pool: Pool, tao: bigint, tolerancePpb: number): SwapQuote;',
  'export function quoteUnstake(pool: Pool, alpha: bigint, tolerancePpb: number): SwapQuote;',
  'export function quoteMove(origin: Pool, destination: Pool, alpha: bigint, originIsRoot: boolean, tolerancePpb: number): MoveQuote;',
  'export function taoNeededForAlpha(pool: Pool, alpha: bigint): bigint;',
  'export function alphaNeededForTao(pool: Pool, tao: bigint): bigint;',
  'export function buyLimitForTolerance(pool: Pool, tolerancePpb: number): bigint;',
  'export function sellLimitForTolerance(pool: Pool, tolerancePpb: number): bigint;',
  'export function maxAmountAdd(pool: Pool, limitPrice: bigint): bigint;',
  'export function maxAmountRemove(pool: Pool, limitPrice: bigint): bigint;',
  'export function maxAmountMove(origin: Pool, destination: Pool, limitPrice: bigint): bigint;',
  'export function priceRatio(origin: Pool, destination: Pool): bigint;',
  'export function stakeValue(totalHotkeyAlpha: bigint, share: SafeFloat, totalShares: SafeFloat): bigint;',
  'export function safeFloatFromU64f64Bits(bits: bigint): SafeFloat;',
];
for (const sig of signatures) {
  check(sig.slice('export function '.length, sig.indexOf('(')), flat.includes(sig), `not in taolight.d.ts: ${sig}`);
}

// 3. Result interfaces list exactly what the functions return.
function interfaceFields(name) {
  const m = dts.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n?\\}`));
  if (!m) return null;
  const body = m[1].replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/(\w+)\??:/g)].map((x) => x[1]).sort();
}
const pool = tl.poolWithDefaults(1_000_000_000n, 4_000_000_000n);
const other = { ...pool, quoteWeight: 600_000_000_000_000_000n };
const results = {
  Pool: pool,
  SwapResult: tl.doSwap(pool, 'buy', 1_000_000_000n, 10n ** 15n),
  SimSwapResult: tl.simSwapTaoForAlpha(pool, 1_000_000_000n),
  SwapQuote: tl.quoteStake(pool, 1_000_000_000n, 5_000_000),
  MoveQuote: tl.quoteMove(pool, other, 1_000_000_000n, false, 5_000_000),
  SafeFloat: tl.safeFloatFromU64f64Bits(1n << 63n),
};
for (const [name, value] of Object.entries(results)) {
  const declared = interfaceFields(name);
  const actual = Object.keys(value).sort();
  check(`interface ${name} matches the returned object`,
    declared !== null && JSON.stringify(declared) === JSON.stringify(actual),
    `declared ${JSON.stringify(declared)}, returned ${JSON.stringify(actual)}`);
}
check('type SwapDirection is "buy" | "sell"', flat.includes('export type SwapDirection = "buy" | "sell";'));
check('interface TaolightError has a string code', /export interface TaolightError extends Error \{[^}]*code: string;/.test(flat));

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
