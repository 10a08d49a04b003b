// keys & keystore: the taolight npm package (wasm, release build for Node) next to
// @polkadot/util-crypto 14 (what polkadot.js wallets use: sr25519 in its own wasm), same
// inputs, one process, one run.
//
//   scripts/build-npm.sh nodejs bindings-wasm/pkg-node      # release + wasm-opt
//   node tests/bench/keys_node.mjs [--pkg DIR] [--no-unlock] [--seconds S]
//
// Prints one line per operation: ours and polkadot.js in µs/op and ops/s, and the ratio.
// Every pair of results is cross-checked (same addresses, signatures verify both ways), so
// the bench also fails loudly if the two libraries stop agreeing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const pkgDir = path.resolve(opt('--pkg', path.join(root, 'bindings-wasm', 'pkg-node')));
const seconds = Number(opt('--seconds', '1'));

const ours = createRequire(path.join(pkgDir, 'package.json'))(path.join(pkgDir, 'taolight.js'));
const toolsRequire = createRequire(path.join(root, 'tools', 'package.json'));
const pjs = toolsRequire('@polkadot/util-crypto');
const pjsVersion = JSON.parse(readFileSync(path.join(root, 'tools/node_modules/@polkadot/util-crypto/package.json'), 'utf8')).version;
const wasmCrypto = toolsRequire('@polkadot/wasm-crypto');
await pjs.cryptoWaitReady();

const assert = (cond, what) => {
  if (!cond) {
    console.error(`MISMATCH: ${what}`);
    process.exit(1);
  }
};
const eq = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Runs `fn` repeatedly for about `seconds` (after a short warm-up); returns µs per call. */
function time(fn) {
  for (let i = 0; i < 3; i++) fn(i);
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget || n < 5) {
    fn(n++);
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / 1e3 / n;
}

const rows = [];
function compare(name, oursFn, pjsFn) {
  const a = time(oursFn);
  const b = time(pjsFn);
  rows.push({ name, a, b });
  const fmt = (us) => `${us >= 1000 ? (us / 1000).toFixed(2) + ' ms' : us.toFixed(1) + ' µs'}`.padStart(10);
  console.log(`${name.padEnd(34)} taolight ${fmt(a)}  polkadot.js ${fmt(b)}  ratio ${(a / b).toFixed(2)}`);
}

const phrase = 'stool feel open east woman high can denial forget screen trust salt';
const msg = new TextEncoder().encode('hello bittensor: add_stake(hotkey, netuid 1, 1 TAO)');

// Agreement first.
const kp = ours.Keypair.fromPhrase(phrase);
const pjsSeed = pjs.mnemonicToMiniSecret(phrase);
const pjsPair = pjs.sr25519PairFromSeed(pjsSeed);
assert(eq(kp.publicKey, pjsPair.publicKey), 'sr25519 public key from mnemonic');
assert(kp.address === '5F7cAYCZEBz21YEjzSZPGyP7W2fva7qUXDexxXsVezSHyktz', 'stool… address (wallets.md §7.1)');
const derived = kp.derive('//hard/soft');
const pjsDerived = pjs.keyFromPath(pjsPair, pjs.keyExtractPath('//hard/soft').path, 'sr25519');
assert(eq(derived.publicKey, pjsDerived.publicKey), 'derived //hard/soft public key');
const oursSig = kp.sign(msg);
const pjsSig = pjs.sr25519Sign(msg, pjsPair);
assert(pjs.sr25519Verify(msg, oursSig, pjsPair.publicKey), 'polkadot.js verifies our sr25519 signature');
assert(ours.verify('sr25519', kp.publicKey, msg, pjsSig), 'we verify the polkadot.js sr25519 signature');
const edKp = ours.Keypair.fromPhrase(phrase, undefined, 'ed25519');
const pjsEd = pjs.ed25519PairFromSeed(pjsSeed);
assert(eq(edKp.publicKey, pjsEd.publicKey), 'ed25519 public key from mnemonic');
const edSig = edKp.sign(msg);
assert(eq(edSig, pjs.ed25519Sign(msg, pjsEd)), 'ed25519 signatures are identical (deterministic)');

console.log(`node ${process.version}, taolight ${ours.version()} (${pkgDir}), @polkadot/util-crypto ${pjsVersion}`);
// util-crypto 14 signs sr25519 with @scure/sr25519 (JS) and ed25519 with @polkadot/wasm-crypto once ready.
console.log(`polkadot.js backends: sr25519 @scure/sr25519 (JS), mnemonic PBKDF2 and ed25519 ${wasmCrypto.isReady() ? '@polkadot/wasm-crypto (wasm)' : '@noble (JS)'}`);

compare('mnemonic -> sr25519 keypair',
  () => ours.Keypair.fromPhrase(phrase).free(),
  () => pjs.sr25519PairFromSeed(pjs.mnemonicToMiniSecret(phrase)));
compare('derive //hard/soft (sr25519)',
  () => kp.derive('//hard/soft').free(),
  () => pjs.keyFromPath(pjsPair, pjs.keyExtractPath('//hard/soft').path, 'sr25519'));
compare('sign sr25519 (55 B)', () => kp.sign(msg), () => pjs.sr25519Sign(msg, pjsPair));
compare('verify sr25519',
  () => ours.verify('sr25519', kp.publicKey, msg, oursSig),
  () => pjs.sr25519Verify(msg, oursSig, pjsPair.publicKey));
compare('sign ed25519 (55 B)', () => edKp.sign(msg), () => pjs.ed25519Sign(msg, pjsEd));
compare('verify ed25519',
  () => ours.verify('ed25519', edKp.publicKey, msg, edSig),
  () => pjs.ed25519Verify(msg, edSig, pjsEd.publicKey));

if (!args.includes('--no-unlock')) {
  // A $NACL coldkey written by bittensor-wallet 4.1.1 (core/tests/fixtures/keystore/README.md):
  // Argon2i t=8, m=512 MiB, then XSalsa20-Poly1305. polkadot.js has no equivalent (its
  // keystore is scrypt), so this row is ours alone.
  const file = readFileSync(path.join(root, 'core/tests/fixtures/keystore/btwallet/wallets/sr/coldkey'));
  const rssBefore = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  const unlocked = ours.decryptKeyfile(file, 'nacl_password');
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert(unlocked.address === kp.address, '$NACL keyfile unlocks to the stool… key');
  const rssAfter = process.memoryUsage().rss;
  console.log(`${'$NACL keyfile unlock (Argon2i 512 MiB)'.padEnd(34)} taolight ${(ms / 1000).toFixed(2).padStart(7)} s` +
    `  wasm memory ${(ours.wasmMemoryBytes() / 2 ** 20).toFixed(0)} MiB, rss ${(rssBefore / 2 ** 20).toFixed(0)} -> ${(rssAfter / 2 ** 20).toFixed(0)} MiB`);
}
