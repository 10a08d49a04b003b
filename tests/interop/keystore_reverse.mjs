// Reverse interop: @polkadot/keyring 14.0.3 opens the polkadot.js JSON keystores WRITTEN BY
// TAOLIGHT (core/tests/keystore_reverse_writer.rs with TAOLIGHT_KEYSTORE_REVERSE_DIR=DIR).
//   node tests/interop/keystore_reverse.mjs DIR
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'tools', 'package.json'));
const { Keyring } = require('@polkadot/keyring');
const { cryptoWaitReady, signatureVerify } = require('@polkadot/util-crypto');

const dir = process.argv[2];
const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
await cryptoWaitReady();
let checks = 0;
function same(what, got, want) {
  if (got !== want) { console.error(`FAIL ${what}: polkadot.js says ${got}, taolight wrote ${want}`); process.exit(1); }
  checks++; console.log(`ok   ${what}: ${got}`);
}
for (const p of exp.pjs) {
  const json = JSON.parse(readFileSync(join(dir, 'pjs', p.file), 'utf8'));
  const kr = new Keyring({ ss58Format: 42 });
  const pair = kr.createFromJson(json);
  same(`${p.file} type`, pair.type, p.type);
  pair.decodePkcs8(p.password || undefined);
  same(`${p.file} unlocked`, pair.isLocked, false);
  same(`${p.file} address`, pair.address, p.address);
  const msg = new TextEncoder().encode('taolight');
  same(`${p.file} signs with the decoded secret`, signatureVerify(msg, pair.sign(msg), p.address).isValid, true);
  if (p.password) {
    const again = new Keyring({ ss58Format: 42 }).createFromJson(json);
    let refused = false;
    try { again.decodePkcs8('not the password'); } catch { refused = true; }
    same(`${p.file} wrong password refused`, refused, true);
  }
}
console.log(`polkadot.js reverse interop: ${checks} checks passed`);
