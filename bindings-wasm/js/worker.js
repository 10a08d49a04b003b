// taolight/worker.js: the light client in a module Web Worker.
//
//   const worker = new Worker(new URL('taolight/worker.js', import.meta.url), { type: 'module' });
//   const client = await LightClientProxy.start(specJson, { bootnodes }, worker);
//
// Loads the package's WebAssembly next to this file, then serves the messages of
// `light-client-proxy.js` (the main-thread side): it starts clients, runs their methods,
// forwards every status, and asks the main thread to load/save the database when the storage
// lives there. Several clients may share one worker. No logic: every call is one call of the
// package's `LightClient`.
import init, { IndexedDbStorage, LightClient } from './taolight.js';

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
  const o = { ...options };
  if (options.storage === 'main-thread') {
    o.storage = mainThreadStorage(client);
  } else if (options.storage && typeof options.storage === 'object' && 'indexedDb' in options.storage) {
    o.storage = new IndexedDbStorage(options.storage.indexedDb ?? undefined);
  }
  o.onStorageError = (e) => self.postMessage({ kind: 'storage-error', client, error: errorOf(e) });
  const lc = await LightClient.start(specJson, o);
  clients.set(client, lc);
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
      if (!METHODS.has(m.method)) throw taolightError('InvalidArgument', `no method ${m.method}`);
      result = await lc[m.method](...m.args);
      if (m.method === 'stop') clients.delete(m.client);
    }
    self.postMessage({ kind: 'reply', id: m.id, result });
  } catch (e) {
    // A client whose stop() rejected (its final save failed) is stopped all the same.
    if (m.method === 'stop') clients.delete(m.client);
    self.postMessage({ kind: 'reply', id: m.id, error: errorOf(e) });
  }
};
