// taolight/worker.js: the light client in a module Web Worker.
//
//   const worker = new Worker(new URL('taolight/worker.js', import.meta.url), { type: 'module' });
//   const client = await LightClientProxy.start(specJson, { bootnodes }, worker);
//
// Loads the package's WebAssembly next to this file, then serves the messages of
// `light-client-proxy.js` (the main-thread side): it starts clients, runs their methods,
// forwards every status, and asks the main thread to load/save the database when the storage
// lives there. Several clients may share one worker. No logic: every call is one call of the
// package's `LightClient`, or of a `Wallet` over it.
//
// Wallet flows: each client gets a `Wallet` (options: `start`'s `wallet` option) on its first
// flow call. A flow's `Plan` stays here under an id (the newest MAX_PLANS per client; older ones
// are freed) and goes to the main thread as a plain object with the payload's JSON. The main
// thread signs that payload with its own key (no secret ever comes here) and sends back the
// signature (`submitSigned`); the `Submission`'s statuses are forwarded as messages.
import init, { IndexedDbStorage, LightClient, Wallet } from './taolight.js';

const ready = init();
/** Client id (chosen by the main thread) → LightClient. */
const clients = new Map();
/** Storage request id → { resolve, reject }. */
const storageRequests = new Map();
let nextStorageRequest = 1;
/** The methods the proxy may call (everything else is refused). */
const METHODS = new Set([
  'waitReady', 'finalizedHead', 'bestHead', 'account', 'stakePositions', 'subnetPool',
  'subnets', 'simSwapTaoForAlpha', 'simSwapAlphaForTao', 'currentAlphaPrice', 'storage',
  'saveDatabase', 'stop',
]);
/** The `Wallet` flows the proxy may call (each returns a `Plan`). */
const FLOWS = new Set([
  'stake', 'unstake', 'unstakeFull', 'unstakeAll', 'unstakeAllAlpha', 'moveStake',
  'transferStake', 'swapStake', 'transfer',
]);
/** Plans kept per client (a page quoting at every block would otherwise keep them all). */
const MAX_PLANS = 64;
/** Client id → { options, wallet, plans: Map<planId, Plan>, submissions: Map<id, Submission> }. */
const wallets = new Map();
let nextPlan = 1;
let nextSubmission = 1;

/** A structured-cloneable error (the main thread turns it back into a TaolightError). */
function errorOf(e) {
  return {
    name: e?.name ?? 'Error',
    code: e?.code ?? 'WorkerError',
    message: String(e?.message ?? e),
  };
}

function taolightError(code, message) {
  return Object.assign(new Error(message), { name: 'TaolightError', code });
}

/** A DatabaseStorage that asks the main thread (the proxy's `storage` object). */
function mainThreadStorage(client) {
  const request = (op, chainKey, bytes) => new Promise((resolve, reject) => {
    const id = nextStorageRequest++;
    storageRequests.set(id, { resolve, reject });
    self.postMessage({ kind: 'storage', id, client, op, chainKey, bytes });
  });
  return {
    load: (chainKey) => request('load', chainKey),
    save: (chainKey, bytes) => request('save', chainKey, bytes),
  };
}

async function start(client, specJson, options = {}) {
  const { wallet: walletOptions, ...o } = options ?? {};
  if (options.storage === 'main-thread') {
    o.storage = mainThreadStorage(client);
  } else if (options.storage && typeof options.storage === 'object' && 'indexedDb' in options.storage) {
    o.storage = new IndexedDbStorage(options.storage.indexedDb ?? undefined);
  }
  o.onStorageError = (e) => self.postMessage({ kind: 'storage-error', client, error: errorOf(e) });
  const lc = await LightClient.start(specJson, o);
  clients.set(client, lc);
  wallets.set(client, { options: walletOptions, wallet: null, plans: new Map(), submissions: new Map() });
  (async () => {
    try {
      for await (const status of lc.statusEvents()) {
        self.postMessage({ kind: 'status', client, status });
      }
    } finally {
      self.postMessage({ kind: 'status-end', client });
    }
  })();
  return { genesisHash: lc.genesisHash, startInfo: lc.startInfo };
}

function walletOf(client, lc) {
  const w = wallets.get(client);
  w.wallet ??= new Wallet(lc, w.options ?? undefined);
  return w;
}

/** The plan as a structured-cloneable object: every field, its id and the payload's JSON. */
function planMessage(id, plan) {
  const payload = plan.payload;
  try {
    return {
      id,
      action: plan.action,
      signer: plan.signer,
      at: plan.at,
      quote: plan.quote,
      expectedOut: plan.expectedOut,
      swapFee: plan.swapFee,
      priceImpactPpb: plan.priceImpactPpb,
      limitPrice: plan.limitPrice,
      fee: plan.fee,
      tip: plan.tip,
      warnings: plan.warnings,
      callSummary: plan.callSummary,
      nonce: plan.nonce,
      call: plan.call,
      payload: payload.toJSON(),
    };
  } finally {
    payload.free();
  }
}

async function flow(client, lc, name, args) {
  const w = walletOf(client, lc);
  const plan = await w.wallet[name](...args);
  const id = nextPlan++;
  w.plans.set(id, plan);
  for (const [old, p] of w.plans) {
    if (w.plans.size <= MAX_PLANS) break;
    w.plans.delete(old);
    p.free();
  }
  return planMessage(id, plan);
}

function releasePlan(client, planId) {
  const w = wallets.get(client);
  const plan = w?.plans.get(planId);
  if (!plan) return false;
  w.plans.delete(planId);
  plan.free();
  return true;
}

/** Forwards every status of `submission` until its end (or the main thread's `return()`). */
async function forward(client, id, submission, w) {
  try {
    for (;;) {
      const r = await submission.next();
      if (r.done) break;
      self.postMessage({ kind: 'tx-status', client, submission: id, status: r.value });
    }
    self.postMessage({ kind: 'tx-end', client, submission: id });
  } catch (e) {
    self.postMessage({ kind: 'tx-end', client, submission: id, error: errorOf(e) });
  } finally {
    w.submissions.delete(id);
    submission.free();
  }
}

async function submitSigned(client, lc, planId, signature) {
  const w = walletOf(client, lc);
  const plan = w.plans.get(planId);
  if (!plan) {
    throw taolightError('UnknownPlan', `no plan ${planId} in the worker (released, or replaced by newer plans)`);
  }
  const submission = await w.wallet.submitSigned(plan, signature);
  const id = nextSubmission++;
  w.submissions.set(id, submission);
  const info = { submission: id, hash: submission.hash, nonce: submission.nonce, extrinsic: submission.extrinsic };
  // The statuses start after the reply is posted (one ordered channel): the proxy knows the id.
  return { info, follow: () => forward(client, id, submission, w) };
}

function dropWallet(client) {
  const w = wallets.get(client);
  if (!w) return;
  wallets.delete(client);
  for (const p of w.plans.values()) p.free();
  for (const s of w.submissions.values()) s.return();
  w.wallet?.free();
}

self.onmessage = async (event) => {
  const m = event.data;
  if (m?.kind === 'storage-reply') {
    const pending = storageRequests.get(m.id);
    storageRequests.delete(m.id);
    if (m.error) pending?.reject(taolightError(m.error.code, m.error.message));
    else pending?.resolve(m.result ?? null);
    return;
  }
  if (m?.kind !== 'call') return;
  try {
    await ready;
    let result;
    if (m.method === 'start') {
      result = await start(m.client, ...m.args);
    } else {
      const lc = clients.get(m.client);
      if (!lc) throw taolightError('Stopped', 'light client stopped');
      if (FLOWS.has(m.method)) {
        result = await flow(m.client, lc, m.method, m.args);
      } else if (m.method === 'submitSigned') {
        const { info, follow } = await submitSigned(m.client, lc, ...m.args);
        self.postMessage({ kind: 'reply', id: m.id, result: info });
        follow();
        return;
      } else if (m.method === 'releasePlan') {
        result = releasePlan(m.client, ...m.args);
      } else if (m.method === 'submissionReturn') {
        wallets.get(m.client)?.submissions.get(m.args[0])?.return();
        result = null;
      } else {
        if (!METHODS.has(m.method)) throw taolightError('InvalidArgument', `no method ${m.method}`);
        if (m.method === 'stop') dropWallet(m.client);
        result = await lc[m.method](...m.args);
        if (m.method === 'stop') clients.delete(m.client);
      }
    }
    self.postMessage({ kind: 'reply', id: m.id, result });
  } catch (e) {
    // A client whose stop() rejected (its final save failed) is stopped all the same.
    if (m.method === 'stop') {
      clients.delete(m.client);
      dropWallet(m.client);
    }
    self.postMessage({ kind: 'reply', id: m.id, error: errorOf(e) });
  }
};
