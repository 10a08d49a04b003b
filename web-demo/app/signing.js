// The light client the package's wallet flows run on. `Wallet` takes a `LightClient` of the
// same WebAssembly instance as the `Keypair` that signs, and the package's Worker proxy
// carries reads and status but not wallet flows. So when the network panel's client runs in
// the Worker, the flows get a second light client in this page on the same chain spec and
// bootnodes, started once the Worker's client is verified (the initial sync stays in the
// Worker); when the client already runs in this page, the flows share it.
import * as taolight from '../pkg/taolight.js';
import { $ } from './ui.js';

export class SigningClient {
  #own = null;
  #generation = 0;

  /** Starts (or reuses) a page client for `chain`; resolves to a `Wallet`, or `null` if superseded. */
  async start(chain) {
    const generation = ++this.#generation;
    await this.stop();
    this.#generation = generation;
    $('st-signing').textContent = 'starting…';
    let client = chain.client;
    if (chain.runsInWorker) {
      client = await taolight.LightClient.start(chain.spec.specJson, { bootnodes: chain.spec.bootnodes });
      if (generation !== this.#generation) { await client.stop(); return null; }
      this.#own = client;
      const head = await client.waitReady();
      if (generation !== this.#generation) return null;
      $('st-signing').textContent = `ready in this page (finalized #${head.finalized?.number ?? head.number})`;
    } else {
      $('st-signing').textContent = 'the client above';
    }
    return new taolight.Wallet(client);
  }

  /** Stops the page client this object started, if any. */
  async stop() {
    this.#generation++;
    const own = this.#own;
    this.#own = null;
    if (own) await own.stop();
    $('st-signing').textContent = '–';
  }
}
