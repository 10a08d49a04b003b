// Helpers for the devnet end-to-end tests: an independent client (npm @polkadot/api) talking
// to the node that scripts/devnet.sh started, and the core::stake oracle (stake-quote binary).
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { createInterface } from 'node:readline';

// @polkadot/* live in tools/node_modules.
const require = createRequire(new URL('../../tools/package.json', import.meta.url));
export const { ApiPromise, WsProvider } = require('@polkadot/api');
export const { Keyring } = require('@polkadot/keyring');
export const { cryptoWaitReady, xxhashAsHex, blake2AsHex } = require('@polkadot/util-crypto');
export const { u8aToHex, hexToU8a, u8aConcat, bnToU8a } = require('@polkadot/util');

export const TAO = 1_000_000_000n;

/// The running devnet's state file (written by `scripts/devnet.sh start`).
export function devnetState() {
  const runDir = process.env.DEVNET_RUN_DIR
    ?? `${process.env.TAOLIGHT_CACHE ?? `${homedir()}/.cache/taolight`}/devnet-run`;
  const file = `${runDir}/state.env`;
  if (!existsSync(file)) throw new Error(`no running devnet (${file}); run scripts/devnet.sh start`);
  const state = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) state[line.slice(0, i)] = line.slice(i + 1);
  }
  return state;
}

// Finney's Bittensor-specific transaction extensions, declared for polkadot.js as a wallet
// written for Finney would: the payment wrapper carries the tip, the others are empty.
export const FINNEY_EXTENSIONS = {
  ChargeTransactionPaymentWrapper: { extrinsic: { tip: 'Compact<Balance>' }, payload: {} },
  SudoTransactionExtension: { extrinsic: {}, payload: {} },
  CheckShieldedTxValidity: { extrinsic: {}, payload: {} },
  SubtensorTransactionExtension: { extrinsic: {}, payload: {} },
  DrandPriority: { extrinsic: {}, payload: {} },
};

export async function connect() {
  await cryptoWaitReady();
  const state = devnetState();
  const api = await ApiPromise.create({
    provider: new WsProvider(state.RPC_URL), noInitWarn: true, signedExtensions: FINNEY_EXTENSIONS,
  });
  return { api, state };
}

export function keyring() {
  const k = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const acc = (uri) => k.addFromUri(uri);
  return {
    alice: acc('//Alice'), bob: acc('//Bob'), charlie: acc('//Charlie'), dave: acc('//Dave'),
    eve: acc('//Eve'), ferdie: acc('//Ferdie'),
    hotkey1: acc('//Hotkey1'), hotkey2: acc('//Hotkey2'), nobody: acc('//Nobody'),
    fromUri: acc,
  };
}

/// Signs and submits `tx`, waits until it is in a block; returns the block hash, its parent,
/// the extrinsic's events, the fee paid and the decoded dispatch error (if it failed).
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    tx.signAndSend(signer, (result) => {
      if (result.isError || result.status.isInvalid || result.status.isDropped || result.status.isUsurped) {
        if (unsub) unsub();
        reject(new Error(`transaction ${result.status.type}`));
        return;
      }
      if (!result.status.isInBlock) return;
      if (unsub) unsub();
      const blockHash = result.status.asInBlock.toHex();
      const events = result.events.map(({ event }) => event);
      let error = null;
      if (result.dispatchError) {
        if (result.dispatchError.isModule) {
          const meta = api.registry.findMetaError(result.dispatchError.asModule);
          error = `${meta.section}.${meta.name}`;
        } else {
          error = result.dispatchError.type;
        }
      }
      const feeEvent = events.find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid');
      const fee = feeEvent ? feeEvent.data[1].toBigInt() + feeEvent.data[2].toBigInt() : null;
      api.rpc.chain.getHeader(blockHash).then((header) => resolve({
        blockHash, parentHash: header.parentHash.toHex(), events, error, fee,
      }), reject);
    }).then((u) => { unsub = u; }, reject);
  });
}

/// The pool of `netuid` at block `hash`, in stake-quote's JSON shape (decimal strings).
export async function poolAt(api, hash, netuid) {
  const at = await api.at(hash);
  const [tao, alphaIn, balancer, feeRate, mechanism] = await Promise.all([
    at.query.subtensorModule.subnetTAO(netuid),
    at.query.subtensorModule.subnetAlphaIn(netuid),
    at.query.swap.swapBalancer(netuid),
    at.query.swap.feeRate(netuid),
    at.query.subtensorModule.subnetMechanism(netuid),
  ]);
  return {
    tao_reserve: tao.toBigInt().toString(),
    alpha_reserve: alphaIn.toBigInt().toString(),
    quote_weight: balancer.quote.toBigInt().toString(),
    fee_rate: feeRate.toNumber(),
    mechanism: mechanism.toNumber(),
  };
}

/// The share-pool state of (hotkey, coldkey, netuid) at `hash`, in stake-quote's JSON shape
/// (v1 U64F64 entries as `{bits}`, v2 SafeFloat as `{mantissa, exponent}`).
export async function positionAt(api, hash, hot, cold, netuid) {
  const at = await api.at(hash);
  const q = at.query.subtensorModule;
  const [value, sharesV1, sharesV2, alphaV1, alphaV2] = await Promise.all([
    q.totalHotkeyAlpha(hot, netuid),
    q.totalHotkeyShares(hot, netuid),
    q.totalHotkeySharesV2(hot, netuid),
    q.alpha(hot, cold, netuid),
    q.alphaV2(hot, cold, netuid),
  ]);
  const hasV1Total = (await q.totalHotkeyShares.size(hot, netuid)).toNumber() > 0;
  const hasV1Share = (await q.alpha.size(hot, cold, netuid)).toNumber() > 0;
  const f2 = (v) => ({ mantissa: v.mantissa.toBigInt().toString(), exponent: v.exponent.toNumber() });
  const bits = (v) => ({ bits: v.bits.toBigInt().toString() });
  return {
    value: value.toBigInt().toString(),
    denominator: hasV1Total ? bits(sharesV1) : f2(sharesV2),
    share: hasV1Share ? bits(alphaV1) : f2(alphaV2),
  };
}

export async function freeAt(api, hash, who) {
  const at = await api.at(hash);
  return (await at.query.system.account(who)).data.free.toBigInt();
}

/// The stake value the chain reports through StakeInfoRuntimeApi at `hash`.
export async function stakeAt(api, hash, hot, cold, netuid) {
  const at = await api.at(hash);
  const info = await at.call.stakeInfoRuntimeApi.getStakeInfoForHotkeyColdkeyNetuid(hot, cold, netuid);
  return info.isSome ? info.unwrap().stake.toBigInt() : 0n;
}

/// A long-lived `stake-quote` process (core::stake as a JSON-lines oracle).
export class Quoter {
  constructor(bin = process.env.STAKE_QUOTE_BIN) {
    if (!bin) throw new Error('STAKE_QUOTE_BIN is not set');
    this.proc = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.pending = [];
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const next = this.pending.shift();
      if (next) next(JSON.parse(line));
    });
  }

  ask(req) {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.proc.stdin.write(`${JSON.stringify(req, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
    });
  }

  close() {
    this.proc.stdin.end();
  }
}

/// The events of `section.method`.
export function eventsOf(events, section, method) {
  return events.filter((e) => e.section === section && e.method === method);
}
