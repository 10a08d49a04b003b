// taolight/light-client-proxy.js: the main-thread side of the light client running in a Web
// Worker (`taolight/worker.js`). Same method names as `LightClient`, Promises, status events
// forwarded (callback and async iterator). Loads no WebAssembly itself: the page stays light.
//
//   import { LightClientProxy } from 'taolight/light-client-proxy.js';
//   import { IndexedDbStorage } from 'taolight';          // or { indexedDb: 'taolight' }, see below
//   const client = await LightClientProxy.start(specJson, {
//     bootnodes: ['/dns/…/tcp/443/wss/p2p/12D3…'],
//     storage: { indexedDb: 'taolight' },   // IndexedDB inside the worker (no main-thread wasm)
//     onStatus: (s) => render(s),
//   });
//   const me = await client.account('5Grw…');
//   await client.stop();                   // saves, stops; terminates a worker it created
//
// `storage` may also be any `{ load, save }` object living in the main thread: the worker asks
// for the bytes through messages.

/** The TaolightError a worker reported, rebuilt in this thread. */
function rebuildError(e) {
  return Object.assign(new Error(e?.message ?? 'worker error'), {
    name: e?.name ?? 'TaolightError',
    code: e?.code ?? 'WorkerError',
  });
}

/** One worker's message channel, shared by the proxies of the clients it runs. */
class Channel {
  constructor(worker) {
    this.worker = worker;
    this.nextId = 1;
    this.nextClient = 1;
    this.calls = new Map();
    this.clients = new Map();
    worker.addEventListener('message', (event) => this.onMessage(event.data));
    worker.addEventListener('error', (event) => {
      const error = rebuildError({ code: 'WorkerError', message: event.message ?? 'worker failed to load' });
      for (const { reject } of this.calls.values()) reject(error);
      this.calls.clear();
    });
  }

  call(client, method, args) {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'call', id, client, method, args });
    });
  }

  async onMessage(m) {
    if (m?.kind === 'reply') {
      const pending = this.calls.get(m.id);
      this.calls.delete(m.id);
      if (m.error) pending?.reject(rebuildError(m.error));
      else pending?.resolve(m.result);
      return;
    }
    const proxy = this.clients.get(m?.client);
    if (!proxy) return;
    if (m.kind === 'status') proxy._status(m.status);
    else if (m.kind === 'status-end') proxy._statusEnd();
    else if (m.kind === 'storage-error') proxy._storageError(rebuildError(m.error));
    else if (m.kind === 'storage') {
      try {
        const storage = proxy._storage;
        const result = m.op === 'load'
          ? await storage.load(m.chainKey)
          : await storage.save(m.chainKey, m.bytes);
        this.worker.postMessage({ kind: 'storage-reply', id: m.id, result: result ?? null });
      } catch (e) {
        this.worker.postMessage({
          kind: 'storage-reply', id: m.id,
          error: { code: e?.code ?? 'Storage', message: String(e?.message ?? e) },
        });
      }
    }
  }
}

const channels = new WeakMap();

/** A `LightClient` running in a Web Worker, driven from this thread. */
export class LightClientProxy {
  /**
   * Starts a light client in `worker` (default: a new module Worker on `./worker.js`, ended by
   * `stop()`). Options as `LightClient.start`; `storage` is a `{ load, save }` object in this
   * thread or `{ indexedDb: name }` for IndexedDB inside the worker.
   */
  static async start(specJson, options = {}, worker = undefined) {
    const owned = worker === undefined;
    const w = worker ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    let channel = channels.get(w);
    if (!channel) {
      channel = new Channel(w);
      channels.set(w, channel);
    }
    const { onStatus, onStorageError, storage, ...rest } = options ?? {};
    const sent = { ...rest };
    if (storage && typeof storage.load === 'function' && typeof storage.save === 'function') {
      sent.storage = 'main-thread';
    } else if (storage && typeof storage === 'object' && 'indexedDb' in storage) {
      sent.storage = { indexedDb: storage.indexedDb ?? null };
    } else if (storage !== undefined && storage !== null) {
      throw rebuildError({
        code: 'InvalidArgument',
        message: 'options.storage must have load() and save() methods, or be { indexedDb: name }',
      });
    }
    const id = channel.nextClient++;
    const proxy = new LightClientProxy(channel, id, owned, storage, onStatus, onStorageError);
    channel.clients.set(id, proxy);
    try {
      const { genesisHash, startInfo } = await channel.call(id, 'start', [specJson, sent]);
      proxy.genesisHash = genesisHash;
      proxy.startInfo = startInfo;
    } catch (e) {
      channel.clients.delete(id);
      if (owned) w.terminate();
      throw e;
    }
    return proxy;
  }

  constructor(channel, id, ownsWorker, storage, onStatus, onStorageError) {
    this._channel = channel;
    this._id = id;
    this._ownsWorker = ownsWorker;
    this._storage = storage;
    this._onStatus = onStatus;
    this._onStorageError = onStorageError;
    this._last = null;
    this._ended = false;
    this._listeners = new Set();
    /** The chain's genesis hash (`0x`-hex). */
    this.genesisHash = null;
    /** What the client started from. */
    this.startInfo = null;
  }

  /** The Worker the client runs in. */
  get worker() { return this._channel.worker; }

  _call(method, ...args) { return this._channel.call(this._id, method, args); }

  _status(status) {
    this._last = status;
    if (this._onStatus) {
      try { this._onStatus(status); } catch (e) { console.error(e); }
    }
    for (const listener of this._listeners) listener.push(status);
  }

  _statusEnd() {
    this._ended = true;
    for (const listener of this._listeners) listener.end();
    this._listeners.clear();
  }

  _storageError(error) {
    if (this._onStorageError) this._onStorageError(error);
    else console.warn('taolight: database autosave failed:', error);
  }

  /** Status snapshots as an async iterator: the latest known first, then one per change. */
  statusEvents() {
    const queue = this._last ? [this._last] : [];
    let wake = null;
    let done = this._ended;
    const listener = {
      push: (s) => { queue.push(s); wake?.(); },
      end: () => { done = true; wake?.(); },
    };
    if (!done) this._listeners.add(listener);
    const self = this;
    return {
      async next() {
        while (queue.length === 0 && !done) await new Promise((r) => { wake = r; });
        wake = null;
        if (queue.length) return { value: queue.shift(), done: false };
        return { value: undefined, done: true };
      },
      async return() {
        done = true;
        self._listeners.delete(listener);
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() { return this; },
    };
  }

  waitReady() { return this._call('waitReady'); }
  finalizedHead() { return this._call('finalizedHead'); }
  bestHead() { return this._call('bestHead'); }
  account(address, at) { return this._call('account', address, at); }
  stakePositions(coldkey, at) { return this._call('stakePositions', coldkey, at); }
  subnetPool(netuid, at) { return this._call('subnetPool', netuid, at); }
  subnets(at) { return this._call('subnets', at); }
  simSwapTaoForAlpha(netuid, tao, at) { return this._call('simSwapTaoForAlpha', netuid, tao, at); }
  simSwapAlphaForTao(netuid, alpha, at) { return this._call('simSwapAlphaForTao', netuid, alpha, at); }
  currentAlphaPrice(netuid, at) { return this._call('currentAlphaPrice', netuid, at); }
  storage(at, key) { return this._call('storage', at, key); }
  saveDatabase() { return this._call('saveDatabase'); }

  /** Saves the database (when there is a storage), stops the client, and terminates the worker if `start` created it. */
  async stop() {
    try {
      await this._call('stop');
    } finally {
      this._channel.clients.delete(this._id);
      this._statusEnd();
      if (this._ownsWorker) this._channel.worker.terminate();
    }
  }
}
