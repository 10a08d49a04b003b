// Generates the polkadot.js keystore fixtures in core/tests/fixtures/keystore/pjs/ with the REAL
// @polkadot/keyring + @polkadot/util-crypto 14.0.3 (tools/node_modules).
//
//   node tests/interop/keystore_gen_pjs.mjs
//
// Each file is re-opened with Keyring.createFromJson + decodePkcs8 and the address polkadot.js
// reports goes into expected.json (compared by the Rust tests). Files polkadot.js must refuse
// (non-whitelisted scrypt parameters) are checked to be refused. Salts and nonces are random.
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'tools', 'package.json'));
const { Keyring } = require('@polkadot/keyring');
const { u8aConcat, u8aFixLength, stringToU8a, u8aToHex } = require('@polkadot/util');
const { cryptoWaitReady, naclEncrypt, scryptEncode, scryptToU8a, randomAsU8a, jsonEncryptFormat } =
  require('@polkadot/util-crypto');

const OUT = join(root, 'core/tests/fixtures/keystore/pjs');
const STOOL = 'stool feel open east woman high can denial forget screen trust salt';
const LEOPARD = 'old leopard transfer rib spatial phone calm indicate online fire caution review';
const HDR = Uint8Array.from([0x30, 0x53, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
const DIV = Uint8Array.from([0xa1, 0x23, 0x03, 0x21, 0x00]);
const expected = {};

await cryptoWaitReady();
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

function pairOf(type, uri) {
  return new Keyring({ type, ss58Format: 42 }).addFromUri(uri, { name: `${type} fixture` });
}

// Re-encrypts a raw PKCS8 with chosen scrypt params using polkadot.js's own primitives.
function encodeWithParams(pkcs8, password, params) {
  const { params: p, password: key, salt } = scryptEncode(password, randomAsU8a(32), params);
  const { encrypted, nonce } = naclEncrypt(pkcs8, key.subarray(0, 32));
  return u8aConcat(scryptToU8a(salt, p), nonce, encrypted);
}

function reopen(json, password) {
  const kr = new Keyring({ ss58Format: 42 });
  const pair = kr.createFromJson(json);
  pair.decodePkcs8(password);
  return pair;
}

function save(name, json, password, { refused = false, note } = {}) {
  writeFileSync(join(OUT, name), JSON.stringify(json, null, 1) + '\n');
  const entry = { password, content: json.encoding.content, type: json.encoding.type, note };
  if (refused) {
    let err;
    try { reopen(json, password); } catch (e) { err = e.message; }
    if (!err) throw new Error(`${name}: polkadot.js should refuse it`);
    entry.polkadotJsError = err;
  } else {
    const pair = reopen(json, password);
    entry.address = pair.address;
    entry.publicKey = u8aToHex(pair.publicKey);
  }
  expected[name] = entry;
}

// 1. Default export (N=2^17, p=1, r=8) through pair.toJson, sr25519 and ed25519.
for (const [type, uri] of [['sr25519', STOOL], ['ed25519', STOOL], ['ed25519', `${LEOPARD}//hard`]]) {
  const pair = pairOf(type, uri);
  const json = pair.toJson('pjs_password');
  const tag = uri === STOOL ? 'stool' : 'leopard_hard';
  save(`${type}_${tag}_default.json`, json, 'pjs_password', { note: `toJson default params, ${uri}` });
}

// 2. Other whitelisted params (btwallet's test used N=2^15,p=1,r=8) and one outside the whitelist.
{
  const pair = pairOf('sr25519', STOOL);
  const pkcs8 = pair.encodePkcs8();
  for (const [N, p, r, refused] of [[1 << 15, 1, 8, false], [1 << 16, 2, 8, false], [1 << 15, 3, 8, false],
                                   [1 << 14, 1, 8, true], [1 << 14, 5, 8, true]]) {
    const json = { ...jsonEncryptFormat(encodeWithParams(pkcs8, 'pjs_password', { N, p, r }), ['pkcs8', 'sr25519'], true),
      address: pair.address, meta: { name: `N=${N} p=${p} r=${r}`, whenCreated: 1700000000000 } };
    save(`sr25519_scrypt_n${Math.log2(N)}_p${p}_r${r}.json`, json, 'pjs_password',
      { refused, note: refused ? 'outside the polkadot.js whitelist' : 'whitelisted params' });
  }
}

// 3. Unencrypted (type ["none"]), base64 and hex `encoded`.
for (const type of ['sr25519', 'ed25519']) {
  const pair = pairOf(type, STOOL);
  const json = pair.toJson();
  save(`${type}_none.json`, json, '', { note: 'toJson() without password' });
}
{
  const pair = pairOf('sr25519', STOOL);
  const json = pair.toJson();
  json.encoded = u8aToHex(pair.encodePkcs8());
  save('sr25519_none_hex.json', json, '', { note: 'type none with 0x-hex encoded' });
}

// 4. Legacy non-scrypt encryption (version 2 era): key = password zero-padded to 32 bytes.
{
  const pair = pairOf('sr25519', STOOL);
  const { encrypted, nonce } = naclEncrypt(pair.encodePkcs8(), u8aFixLength(stringToU8a('legacy_pw'), 256, true));
  const json = { ...jsonEncryptFormat(u8aConcat(nonce, encrypted), ['pkcs8', 'sr25519'], true),
    address: pair.address, meta: {} };
  json.encoding.type = ['xsalsa20-poly1305'];
  save('sr25519_legacy_noscrypt.json', json, 'legacy_pw', { note: 'non-scrypt, meta without name' });
}

// 5. Generation 1-2 PKCS8: a 32-byte seed where generation 3 has the 64-byte secret.
for (const type of ['sr25519', 'ed25519']) {
  const pair = pairOf(type, '0x023d5fbd7981676587a9f7232aeae1087ac7c265f9658fb643b6f5e61961dfbf');
  const seed = Uint8Array.from(Buffer.from('023d5fbd7981676587a9f7232aeae1087ac7c265f9658fb643b6f5e61961dfbf', 'hex'));
  const pkcs8 = u8aConcat(HDR, seed, DIV, pair.publicKey);
  const json = { ...jsonEncryptFormat(encodeWithParams(pkcs8, 'pjs_password', { N: 1 << 15, p: 1, r: 8 }), ['pkcs8', type], true),
    address: pair.address, meta: { name: 'generation 2 seed' } };
  save(`${type}_gen2_seed.json`, json, 'pjs_password', { note: '32-byte seed PKCS8 (generation 1-2)' });
}

// 6. btwallet's own test keystore (wallets.md §7.5), rebuilt from its published parts: salt, nonce,
// params, the complete polkadot.js secret and public key. secretbox is deterministic given key,
// nonce and plaintext, so if the original PKCS8 was generation 3 this is the original file.
// polkadot.js must open it, and so must bittensor-wallet (checked through the project venv).
{
  const hex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));
  const salt = hex('675cb3c404ae8f6d5e8f708035b64a73789b0da3a940f31a8534f4aa49e2c998');
  const nonce = hex('920e07e55d6297ad7dfa1265fd5dc03a711a6437ea195f7d');
  const secret = hex('20a2438a0dea5bf5127f1dbc5d308fe5aad573fe4bfd2b3bb8a8d97819acd36b6a3c0415183d52b202bb9ae1e6a67afa80dd9747422765f1d31eb726c71c8821');
  const pub = hex('24fa6e4506a6beaf299c6cad3962dbf60f9d574d295293d4096b9b34b239bd57');
  const params = { N: 32768, p: 1, r: 8 };
  const { password: key } = scryptEncode('Password123', salt, params);
  const { encrypted } = naclEncrypt(u8aConcat(HDR, secret, DIV, pub), key.subarray(0, 32), nonce);
  const json = { ...jsonEncryptFormat(u8aConcat(scryptToU8a(salt, params), nonce, encrypted), ['pkcs8', 'sr25519'], true),
    address: '5CuByUQBWZci5AtXonuHHhcbRL3yxM5xDdJsTNaYN3vPDY6f',
    meta: { genesisHash: null, name: 'test', whenCreated: 1727395683981 } };
  save('btwallet_test_keystore.json', json, 'Password123', { note: 'wallets.md §7.5, rebuilt from its published salt/nonce/secret' });
  const { execFileSync } = await import('node:child_process');
  const py = join(root, '.venv', 'bin', 'python');
  const addr = execFileSync(py, ['-c', 'import sys; from bittensor_wallet import Keypair; '
    + 'print(Keypair.create_from_encrypted_json(open(sys.argv[1]).read(), "Password123").ss58_address)',
  join(OUT, 'btwallet_test_keystore.json')]).toString().trim();
  if (addr !== json.address) throw new Error(`btwallet opened the rebuilt keystore as ${addr}`);
  expected['btwallet_test_keystore.json'].btwallet = addr;
}

writeFileSync(join(OUT, 'expected.json'), JSON.stringify(expected, null, 1) + '\n');
console.log(`wrote ${Object.keys(expected).length} fixtures to ${OUT}`);
