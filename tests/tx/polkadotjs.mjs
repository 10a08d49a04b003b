// The independent side of the core::tx comparisons: npm @polkadot/api 16 (calls, signing
// payloads, signed extrinsics, signature checks) and npm @polkadot-api/merkleize-metadata
// (RFC-0078 metadata hash), both against the running devnet's metadata.
//
//   node tests/tx/polkadotjs.mjs build  <cases.json>   -> JSON on stdout: what polkadot.js builds
//   node tests/tx/polkadotjs.mjs verify <ours.json>    -> JSON on stdout: polkadot.js's verdict on ours
//
// The node is found through TAOLIGHT_DEVNET_STATE (path of state.env), else DEVNET_RUN_DIR.
// Driven by core/tests/tx_devnet.rs; the case list lives there, not here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../tools/package.json', import.meta.url));
const { ApiPromise, WsProvider } = require('@polkadot/api');
const { Keyring } = require('@polkadot/keyring');
const { cryptoWaitReady, signatureVerify, blake2AsU8a } = require('@polkadot/util-crypto');
const { u8aToHex, hexToU8a } = require('@polkadot/util');
const { merkleizeMetadata } = await import(new URL('../../tools/node_modules/@polkadot-api/merkleize-metadata/dist/index.js', import.meta.url));

// Finney's Bittensor-specific extensions, as in tests/devnet/lib.mjs.
const FINNEY_EXTENSIONS = {
  ChargeTransactionPaymentWrapper: { extrinsic: { tip: 'Compact<Balance>' }, payload: {} },
  SudoTransactionExtension: { extrinsic: {}, payload: {} },
  CheckShieldedTxValidity: { extrinsic: {}, payload: {} },
  SubtensorTransactionExtension: { extrinsic: {}, payload: {} },
  DrandPriority: { extrinsic: {}, payload: {} },
};

function stateFile() {
  if (process.env.TAOLIGHT_DEVNET_STATE) return process.env.TAOLIGHT_DEVNET_STATE;
  const dir = process.env.DEVNET_RUN_DIR ?? `${process.env.HOME}/.cache/taolight/devnet-run`;
  return `${dir}/state.env`;
}

function readState() {
  const state = {};
  for (const line of readFileSync(stateFile(), 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) state[line.slice(0, i)] = line.slice(i + 1);
  }
  return state;
}

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const section = (pallet) => pallet[0].toLowerCase() + pallet.slice(1);

// A case's call: { pallet, call, args: [...] }; nested calls (batch_all) are cases too.
function buildCall(api, c) {
  const args = c.args.map((a) => (Array.isArray(a) && a.length && a[0]?.pallet ? a.map((n) => buildCall(api, n)) : a));
  const fn = api.tx[section(c.pallet)]?.[camel(c.call)];
  if (!fn) throw new Error(`polkadot.js has no ${c.pallet}.${c.call}`);
  return fn(...args);
}

function signOptions(api, ctx, genesisHash, runtimeVersion) {
  const era = ctx.era_period
    ? api.createType('ExtrinsicEra', { current: ctx.block_number, period: ctx.era_period })
    : api.createType('ExtrinsicEra', new Uint8Array([0]));
  return {
    blockHash: ctx.era_period ? ctx.block_hash : genesisHash,
    era,
    genesisHash,
    nonce: ctx.nonce,
    runtimeVersion,
    tip: BigInt(ctx.tip),
    mode: ctx.metadata_hash ? 1 : 0,
    metadataHash: ctx.metadata_hash ?? null,
    signedExtensions: api.registry.signedExtensions,
  };
}

function payloadHex(api, method, opts) {
  const payload = api.createType('ExtrinsicPayload', {
    method: method.toHex(),
    era: opts.era,
    nonce: opts.nonce,
    tip: opts.tip,
    specVersion: opts.runtimeVersion.specVersion,
    transactionVersion: opts.runtimeVersion.transactionVersion,
    genesisHash: opts.genesisHash,
    blockHash: opts.blockHash,
    mode: opts.mode,
    metadataHash: opts.metadataHash,
  }, { version: 4 });
  return u8aToHex(payload.toU8a({ method: true }));
}

async function main() {
  const [cmd, file] = process.argv.slice(2);
  const input = JSON.parse(readFileSync(file, 'utf8'));
  await cryptoWaitReady();
  const state = readState();
  const api = await ApiPromise.create({
    provider: new WsProvider(state.RPC_URL), noInitWarn: true, signedExtensions: FINNEY_EXTENSIONS,
  });
  try {
    const genesisHash = api.genesisHash.toHex();
    const runtimeVersion = api.runtimeVersion;
    const ed = new Keyring({ type: 'ed25519', ss58Format: 42 }).addFromUri(input.ed25519_uri);
    const sr = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(input.sr25519_uri);
    if (cmd === 'build') {
      const v15 = await api.call.metadata.metadataAtVersion(15);
      const props = api.registry.getChainProperties();
      const merkleized = merkleizeMetadata(v15.unwrap().toU8a(true), {
        decimals: props.tokenDecimals.unwrap()[0].toNumber(),
        tokenSymbol: props.tokenSymbol.unwrap()[0].toString(),
      });
      const out = {
        metadata_hash: u8aToHex(merkleized.digest()),
        genesis_hash: genesisHash,
        spec_version: runtimeVersion.specVersion.toNumber(),
        transaction_version: runtimeVersion.transactionVersion.toNumber(),
        spec_name: runtimeVersion.specName.toString(),
        ed25519_public: u8aToHex(ed.publicKey),
        sr25519_public: u8aToHex(sr.publicKey),
        cases: [],
      };
      for (const c of input.cases) {
        const opts = signOptions(api, c.ctx, genesisHash, runtimeVersion);
        const method = buildCall(api, c).method;
        const edTx = buildCall(api, c).sign(ed, opts);
        const srTx = buildCall(api, c).sign(sr, opts);
        out.cases.push({
          name: c.name,
          call: method.toHex(),
          payload: payloadHex(api, method, opts),
          ed25519_extrinsic: edTx.toHex(),
          sr25519_extrinsic: srTx.toHex(),
        });
      }
      console.log(JSON.stringify(out));
    } else if (cmd === 'verify') {
      // Our extrinsics: decode with polkadot.js, rebuild the payload from the decoded fields and
      // the context, check the signature with @polkadot/util-crypto.
      const results = [];
      for (const c of input.cases) {
        const xt = api.createType('Extrinsic', c.extrinsic);
        const opts = signOptions(api, c.ctx, genesisHash, runtimeVersion);
        const payload = hexToU8a(payloadHex(api, xt.method, {
          ...opts, era: xt.era, nonce: xt.nonce.toNumber(), tip: xt.tip.toBigInt(),
        }));
        const message = payload.length > 256 ? blake2AsU8a(payload, 256) : payload;
        const v = signatureVerify(message, xt.signature.toU8a(), xt.signer.toString());
        results.push({
          name: c.name,
          signer: u8aToHex(xt.signer.toU8a().slice(1)),
          call: xt.method.toHex(),
          nonce: xt.nonce.toNumber(),
          tip: xt.tip.toString(),
          is_valid: v.isValid,
          crypto: v.crypto,
          payload: u8aToHex(payload),
        });
      }
      console.log(JSON.stringify({ results }));
    } else {
      throw new Error(`unknown command ${cmd}`);
    }
  } finally {
    await api.disconnect();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
