// The network panel: starts the package's light client in a Web Worker (the package's
// `LightClientProxy`) on the chosen chain spec (the devnet served by serve.mjs with its node's
// `/ws` bootnode, or a spec file the user picks), shows its status (phase, peers, best,
// finalized, sync progress) and tells the other panels when a client is ready and when a new
// block is finalized. No light client runs in this page: it holds the keys only.
import { LightClientProxy } from '../pkg/light-client-proxy.js';
import { $, show, describeError, Emitter } from './ui.js';

const CUSTOM = '__custom__';

export class ChainPanel extends Emitter {
  /** The running client (the package's Worker proxy, `LightClientProxy`), or `null`. */
  client = null;
  /** The chain entry connected to (`{ id, name, bootnodes }`), or `null`. */
  chain = null;
  /** The last finalized block `{ number, hash }` seen. */
  finalized = null;
  /** The spec the client was started on: `{ specJson, bootnodes }`. */
  spec = null;
  #chains;
  #generation = 0;

  constructor(config) {
    super();
    this.#chains = config.chains;
    const select = $('chain-select');
    for (const c of this.#chains) select.add(new Option(c.name, c.id));
    select.add(new Option('Custom chain spec (file)…', CUSTOM));
    select.onchange = () => show('custom-chain', select.value === CUSTOM);
    show('custom-chain', select.value === CUSTOM);
    $('chain-connect').onclick = () => this.connect();
  }

  /** Stops the current client and starts one on the selected chain. */
  async connect() {
    const generation = ++this.#generation;
    $('network-error').textContent = '';
    await this.#stop();
    this.#render({ phase: 'connecting', peers: 0, best: null, finalized: null, warpSync: null, stalled: null });
    try {
      const { specJson, chain } = await this.#selectedSpec();
      this.chain = chain;
      this.spec = { specJson, bootnodes: chain.bootnodes };
      const onStatus = (status) => {
        if (generation === this.#generation) this.#onStatus(status);
      };
      const client = await startClient(specJson, chain, onStatus);
      if (generation !== this.#generation) { await client.stop(); return; }
      this.client = client;
      $('st-where').textContent = 'a Web Worker (this page runs no light client)';
      const head = await client.waitReady();
      if (generation !== this.#generation) return;
      this.#onStatus(head.phase ? head : { phase: 'ready', finalized: head, best: head, peers: null });
      this.emit('client', client);
    } catch (e) {
      if (generation !== this.#generation) return;
      $('network-error').textContent = describeError(e);
      setPill('error', `light client: ${e?.code ?? 'error'}`);
    }
  }

  async #selectedSpec() {
    const id = $('chain-select').value;
    if (id === CUSTOM) {
      const file = $('chain-spec-file').files[0];
      if (!file) throw Object.assign(new Error('choose a raw chain spec file'), { code: 'NoFile' });
      const bootnode = $('chain-bootnode').value.trim();
      return {
        specJson: await file.text(),
        chain: { id: CUSTOM, name: file.name, bootnodes: bootnode ? [bootnode] : undefined },
      };
    }
    const chain = this.#chains.find((c) => c.id === id);
    const res = await fetch(chain.spec);
    if (!res.ok) throw Object.assign(new Error(`${chain.spec}: HTTP ${res.status}`), { code: 'SpecUnavailable' });
    return { specJson: await res.text(), chain };
  }

  async #stop() {
    const old = this.client;
    this.client = null;
    this.finalized = null;
    if (old) {
      this.emit('client', null);
      await old.stop();
    }
  }

  #onStatus(status) {
    this.#render(status);
    const fin = status.finalized;
    if (status.phase === 'ready' && fin && (this.finalized === null || fin.number > this.finalized.number)) {
      this.finalized = fin;
      if (this.client) this.emit('finalized', fin);
    }
  }

  #render(s) {
    $('st-phase').textContent = s.stalled ? `${s.phase} (stalled: ${s.stalled})` : s.phase;
    $('st-peers').textContent = s.peers ?? '–';
    $('st-best').textContent = blockText(s.best);
    $('st-finalized').textContent = blockText(s.finalized);
    const progress = $('st-progress');
    show(progress, s.phase !== 'ready');
    if (s.phase === 'warpSyncing' && s.warpSync?.target) {
      progress.max = s.warpSync.target;
      progress.value = s.warpSync.at;
    } else {
      progress.removeAttribute('value');
    }
    if (s.phase === 'ready' && s.finalized) {
      setPill('verified', `✓ verified by light client · finalized #${s.finalized.number}`);
    } else if (s.stalled) {
      setPill('error', `stalled: ${s.stalled}`);
    } else {
      setPill('syncing', `${s.phase}…`);
    }
  }
}

function setPill(state, text) {
  const pill = $('verified');
  pill.dataset.state = state;
  pill.textContent = text;
}

function blockText(b) {
  if (!b) return '–';
  const hash = typeof b.hash === 'string' ? b.hash : '0x' + Array.from(b.hash, (x) => x.toString(16).padStart(2, '0')).join('');
  return `#${b.number} ${hash.slice(0, 10)}…`;
}

/**
 * Starts the package's light client in a Web Worker through the package's proxy (the
 * `LightClient` methods and the `Wallet` flows, Promises). No saved database: the devnet
 * restarts from the same genesis on every `scripts/demo.sh`, so a database saved on an
 * earlier run would point at blocks the new chain never had.
 */
function startClient(specJson, chain, onStatus) {
  return LightClientProxy.start(specJson, { bootnodes: chain.bootnodes, onStatus });
}
