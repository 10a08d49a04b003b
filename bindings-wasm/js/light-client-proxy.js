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
//
// Wallet flows (the package's `Wallet` runs in the worker over its client; options: `start`'s
// `wallet` option). A flow resolves to a plain plan (every `Plan` field, `id`, and `payload`:
// the `SigningPayload`'s JSON). Keys stay in this thread: sign with the package's own wasm here.
//
//   import init, { Keypair, SigningPayload } from 'taolight';
//   const plan = await client.stake(coldkey, hotkey, 1, 10_000_000_000n, { toleranceBps: 50 });
//   const payload = SigningPayload.fromJSON(plan.payload);
//   const signature = payload.sign(keypair);               // in this thread, no light client
//   payload.free();
//   const submission = await client.submitSigned(plan.id, signature);
//   const done = await submission.finalized();             // or for await / watch(callback)

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
    if (m.kind === 'tx-status') proxy._submissions.get(m.submission)?._push(m.status);
    else if (m.kind === 'tx-end') {
      proxy._submissions.get(m.submission)?._end(m.error ? rebuildError(m.error) : null);
      proxy._submissions.delete(m.submission);
    } else if (m.kind === 'status') proxy._status(m.status);
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

function txError(code, message) {
  return rebuildError({ code, message });
}

/**
 * A transaction submitted through the worker (`LightClientProxy.submitSigned`): the package's
 * `Submission` shape, statuses forwarded from the worker. `next()`, `watch` and `finalized`
 * read one stream of statuses (as `Submission`'s do).
 */
export class SubmissionProxy {
  constructor(proxy, info) {
    this._proxy = proxy;
    this._id = info.submission;
    this._queue = [];
    this._ended = false;
    this._error = null;
    this._wake = null;
    /** The transaction hash (32 bytes). */
    this.hash = info.hash;
    /** The nonce it was signed with. */
    this.nonce = info.nonce;
    /** The submitted extrinsic's bytes. */
    this.extrinsic = info.extrinsic;
  }

  _push(status) {
    this._queue.push(status);
    this._wake?.();
  }

  _end(error) {
    this._ended = true;
    this._error = error;
    this._wake?.();
  }

  /** The next status (`done` after a terminal one: finalized, dropped, invalid, error). */
  async next() {
    while (this._queue.length === 0 && !this._ended) {
      await new Promise((r) => { this._wake = r; });
      this._wake = null;
    }
    if (this._queue.length) return { value: this._queue.shift(), done: false };
    if (this._error) {
      const e = this._error;
      this._error = null;
      throw e;
    }
    return { value: undefined, done: true };
  }

  /** Stops iterating (what `break` in `for await` calls); the transaction itself goes on. */
  async return() {
    if (!this._ended) {
      this._end(null);
      this._queue.length = 0;
      this._proxy._submissions.delete(this._id);
      this._proxy._call('submissionReturn', this._id).catch(() => {});
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator]() { return this; }

  /** Calls `onStatus` with every status; resolves to the terminal one. */
  async watch(onStatus) {
    let last;
    for (;;) {
      const r = await this.next();
      if (r.done) return last;
      last = r.value;
      try { onStatus(last); } catch (e) { console.error(e); }
    }
  }

  /**
   * Resolves to the `finalized` status; rejects with code `TxDropped`, `TxInvalid` or `TxError`
   * when it ends otherwise. A dispatch error is not a rejection: check `success` / `error`.
   */
  async finalized() {
    for (;;) {
      const r = await this.next();
      if (r.done) throw txError('TxError', 'the status stream ended before finalization');
      const s = r.value;
      if (s.type === 'finalized') return s;
      if (s.type === 'dropped') throw txError('TxDropped', s.reason);
      if (s.type === 'invalid') throw txError('TxInvalid', s.reason);
      if (s.type === 'error') throw txError('TxError', s.message);
    }
  }
}

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
    this._submissions = new Map();
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

  // Wallet flows: the worker's `Wallet`; each resolves to a plain plan with `id` and `payload`.
  stake(coldkey, hotkey, netuid, tao, slippage) { return this._call('stake', coldkey, hotkey, netuid, tao, slippage); }
  unstake(coldkey, hotkey, netuid, alpha, slippage) { return this._call('unstake', coldkey, hotkey, netuid, alpha, slippage); }
  unstakeFull(coldkey, hotkey, netuid, slippage) { return this._call('unstakeFull', coldkey, hotkey, netuid, slippage); }
  unstakeAll(coldkey, hotkey) { return this._call('unstakeAll', coldkey, hotkey); }
  unstakeAllAlpha(coldkey, hotkey) { return this._call('unstakeAllAlpha', coldkey, hotkey); }
  moveStake(coldkey, originHotkey, destinationHotkey, originNetuid, destinationNetuid, alpha) {
    return this._call('moveStake', coldkey, originHotkey, destinationHotkey, originNetuid, destinationNetuid, alpha);
  }
  transferStake(coldkey, destinationColdkey, hotkey, originNetuid, destinationNetuid, alpha) {
    return this._call('transferStake', coldkey, destinationColdkey, hotkey, originNetuid, destinationNetuid, alpha);
  }
  swapStake(coldkey, hotkey, originNetuid, destinationNetuid, alpha, slippage) {
    return this._call('swapStake', coldkey, hotkey, originNetuid, destinationNetuid, alpha, slippage);
  }
  transfer(coldkey, dest, rao, keepAlive) { return this._call('transfer', coldkey, dest, rao, keepAlive); }

  /** Submits the worker's plan `planId` with a signature over its `payload` made in this thread. */
  async submitSigned(planId, signature) {
    const info = await this._call('submitSigned', planId, signature);
    const submission = new SubmissionProxy(this, info);
    this._submissions.set(info.submission, submission);
    return submission;
  }

  /** Frees the worker's plan `planId` (the worker also keeps only its newest 64 plans). */
  releasePlan(planId) { return this._call('releasePlan', planId); }

  /** Saves the database (when there is a storage), stops the client, and terminates the worker if `start` created it. */
  async stop() {
    try {
      await this._call('stop');
    } finally {
      this._channel.clients.delete(this._id);
      this._statusEnd();
      for (const s of this._submissions.values()) s._end(txError('Stopped', 'light client stopped'));
      this._submissions.clear();
      if (this._ownsWorker) this._channel.worker.terminate();
    }
  }
}
