// Cross-check of taolight_core::keys against polkadot.js (@polkadot/util-crypto + @polkadot/keyring 14.0.3).
//
//   node tests/interop/keys_pjs.mjs gen OUT.json [SEED]   polkadot.js computes vectors from seeded random
//                                                         inputs; core/tests/keys_interop.rs checks ours
//                                                         against them (TAOLIGHT_KEYS_PJS_VECTORS=OUT.json).
//   node tests/interop/keys_pjs.mjs verify IN.json        polkadot.js checks signatures and SS58 addresses
//                                                         made by taolight (TAOLIGHT_KEYS_REVERSE_OUT=IN.json).
//
// The committed core/tests/keys_pjs_vectors.json is `gen` with seed 1. Inputs stay inside the grammar both
// implementations read the same way (see DeriveJunction docs); the known differences are emitted separately
// as `divergent` so the Rust test pins them down.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'tools', 'package.json'));
const { Keyring } = require('@polkadot/keyring');
const {
  cryptoWaitReady, encodeAddress, decodeAddress, mnemonicToMiniSecret, sr25519PairFromSeed, ed25519PairFromSeed,
  sr25519Sign, ed25519Sign, signatureVerify,
} = require('@polkadot/util-crypto');
const { entropyToMnemonic } = require('@polkadot/util-crypto/mnemonic/bip39');
const { u8aToHex, hexToU8a, u8aWrapBytes, stringToU8a } = require('@polkadot/util');

const DEV = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const [mode, file, seedArg] = process.argv.slice(2);
await cryptoWaitReady();

if (mode === 'gen') gen(file, Number(seedArg ?? 1));
else if (mode === 'verify') verify(file);
else { console.error('usage: keys_pjs.mjs gen OUT.json [SEED] | verify IN.json'); process.exit(2); }

function gen(out, seed) {
  // xorshift32: a seeded generator so the committed file is reproducible.
  let s = (seed >>> 0) || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  const int = (n) => next() % n;
  const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
  const pick = (a) => a[int(a.length)];
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const word = (min, max) => {
    const len = min + int(max - min + 1);
    let w = '';
    for (let i = 0; i < len; i++) w += pick([...ALNUM, ...ALNUM, ' ', '_', '-', '.', 'é', 'ñ', '日', 'Ω']);
    // Leading '0x' means raw hex to pjs but a string to sp-core, and all-digit strings are numbers:
    // keep them out of the string junctions (numbers are generated separately below).
    if (/^0x/i.test(w) || /^\d+$/.test(w)) w = 'j' + w;
    return w;
  };
  const junction = () => {
    const hard = int(2) === 0;
    let code;
    switch (int(4)) {
      case 0: code = String(int(100)); break;
      case 1: code = (BigInt(next()) << 32n | BigInt(next())).toString(); break; // any u64
      case 2: code = word(1, 8); break;
      default: code = word(20, 45); break; // crosses the 32-byte hashing threshold
    }
    return (hard ? '//' : '/') + code;
  };
  const mnemonic = () => entropyToMnemonic(bytes(pick([16, 20, 24, 28, 32])));
  const password = () => {
    let p = '';
    const len = int(12);
    for (let i = 0; i < len; i++) p += String.fromCharCode(33 + int(94)); // printable ASCII, '/' included
    return p;
  };

  const keyring = { sr25519: new Keyring({ type: 'sr25519' }), ed25519: new Keyring({ type: 'ed25519' }) };
  const pub = (type, uri) => {
    // pjs adds the dev phrase only before '//'; sp-core (and taolight) also before a single '/'.
    const full = uri.startsWith('/') ? DEV + uri : uri;
    try { return u8aToHex(keyring[type].createFromUri(full).publicKey); } catch (e) { return null; }
  };

  const uris = [];
  const addUri = (uri) => uris.push({ uri, sr25519: pub('sr25519', uri), ed25519: pub('ed25519', uri) });
  for (const fixed of ['//Alice', '/Alice', '//Alice/0', '//1//2/3', DEV, `${DEV}///`, '//a b c', '//日本語', `//${'x'.repeat(31)}`, `//${'x'.repeat(32)}`]) addUri(fixed);
  for (let i = 0; i < 60; i++) {
    const rootKind = int(3);
    const rootPart = rootKind === 0 ? mnemonic() : rootKind === 1 ? u8aToHex(bytes(32)) : '';
    let path = '';
    const n = (rootKind === 2 ? 1 : 0) + int(4);
    for (let j = 0; j < n; j++) path += junction();
    if (rootKind === 2 && !path.startsWith('//')) path = '/' + path; // keep dev-phrase URIs pjs-readable
    const pw = rootKind !== 1 && int(3) === 0 ? `///${password()}` : '';
    addUri(rootPart + path + pw);
  }

  const miniSecrets = [];
  for (let i = 0; i < 20; i++) {
    const phrase = mnemonic();
    const pw = i % 2 ? password() : '';
    miniSecrets.push({ phrase, password: pw, mini_secret: u8aToHex(mnemonicToMiniSecret(phrase, pw)) });
  }

  const mnemonics = [];
  for (const len of [16, 20, 24, 28, 32, 16, 32]) {
    const e = bytes(len);
    mnemonics.push({ entropy: u8aToHex(e), phrase: entropyToMnemonic(e) });
  }

  const ss58 = [];
  const prefixes = [0, 1, 2, 42, 45, 48, 63, 64, 65, 127, 128, 255, 256, 1000, 4095, 16383];
  for (let i = 0; i < 40; i++) prefixes.push(int(16384));
  for (const prefix of prefixes.filter((p) => p !== 46 && p !== 47)) {
    const key = bytes(32);
    ss58.push({ public: u8aToHex(key), prefix, address: encodeAddress(key, prefix) });
  }

  const secrets = [];
  for (let i = 0; i < 10; i++) {
    const seed = bytes(32);
    const sr = sr25519PairFromSeed(seed);
    const ed = ed25519PairFromSeed(seed);
    secrets.push({
      mini_secret: u8aToHex(seed),
      sr25519_public: u8aToHex(sr.publicKey), sr25519_pjs_secret: u8aToHex(sr.secretKey),
      ed25519_public: u8aToHex(ed.publicKey), ed25519_pjs_secret: u8aToHex(ed.secretKey),
    });
  }

  const signatures = [];
  for (let i = 0; i < 10; i++) {
    const seed = bytes(32);
    const message = bytes(int(80));
    const wrapped = int(2) === 0;
    const signed = wrapped ? u8aWrapBytes(message) : message;
    const sr = sr25519PairFromSeed(seed);
    const ed = ed25519PairFromSeed(seed);
    signatures.push({ crypto: 'sr25519', public: u8aToHex(sr.publicKey), message: u8aToHex(message), wrapped, signature: u8aToHex(sr25519Sign(signed, sr)) });
    signatures.push({ crypto: 'ed25519', public: u8aToHex(ed.publicKey), message: u8aToHex(message), wrapped, signature: u8aToHex(ed25519Sign(signed, ed)), mini_secret: u8aToHex(seed) });
  }

  // Inputs where sp-core (btwallet, taolight) and polkadot.js are known to differ.
  const divergent = ['//0x1234', '//18446744073709551616', '//+5'].map((uri) => ({ uri, sr25519: pub('sr25519', uri) }));

  const doc = {
    generator: 'tests/interop/keys_pjs.mjs with @polkadot/util-crypto and @polkadot/keyring 14.0.3',
    seed, uris, mini_secrets: miniSecrets, mnemonics, ss58, secrets, signatures, divergent,
  };
  writeFileSync(out, JSON.stringify(doc, null, 1) + '\n');
  console.log(`keys_pjs: wrote ${uris.length} URIs, ${miniSecrets.length} mini-secrets, ${mnemonics.length} mnemonics, ${ss58.length} SS58, ${secrets.length} secrets, ${signatures.length} signatures (seed ${seed}) to ${out}`);
}

function verify(input) {
  const doc = JSON.parse(readFileSync(input, 'utf8'));
  let ok = 0; let failed = 0;
  const check = (what, cond) => { if (cond) ok++; else { failed++; console.error(`FAIL ${what}`); } };
  for (const s of doc.signatures) {
    const msg = hexToU8a(s.message);
    const res = signatureVerify(msg, hexToU8a(s.signature), hexToU8a(s.public));
    check(`${s.crypto} signature by taolight over ${s.wrapped ? 'wrapped ' : ''}${s.message.slice(0, 18)}…`, res.isValid && res.crypto === s.crypto);
    // A changed message must fail in polkadot.js too.
    const bad = new Uint8Array([...msg, 1]);
    check(`${s.crypto} tampered message rejected`, !signatureVerify(bad, hexToU8a(s.signature), hexToU8a(s.public)).isValid);
  }
  for (const a of doc.addresses) {
    check(`address ${a.address}`, encodeAddress(hexToU8a(a.public), a.prefix) === a.address && u8aToHex(decodeAddress(a.address)) === a.public);
  }
  for (const k of doc.keys) {
    const pair = new Keyring({ type: k.crypto }).createFromUri(k.uri.startsWith('/') ? DEV + k.uri : k.uri);
    check(`${k.crypto} ${k.uri} public`, u8aToHex(pair.publicKey) === k.public);
  }
  console.log(`keys_pjs verify: ${ok} passed, ${failed} failed`);
  if (failed) process.exit(1);
}
