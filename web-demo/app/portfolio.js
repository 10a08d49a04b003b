// Balances, stake positions and the subnet list, read through the light client (every value
// proven against a finalized state root) after each newly finalized block and after the
// account changes.
import { $, show, tao, alpha, price, short, fillTable, describeError, Emitter } from './ui.js';

export class PortfolioPanel extends Emitter {
  /** The last subnet list read (`SubnetSummary[]`). */
  subnets = [];
  /** The last positions read for the account (`StakePosition[]`). */
  positions = [];
  #client = null;
  #address = null;
  #running = false;
  #dirty = false;

  /** Uses `client` (or none) from now on. */
  setClient(client) {
    this.#client = client;
    if (!client) return;
    this.refresh();
  }

  /** Shows `address` (or nobody). */
  setAddress(address) {
    this.#address = address;
    this.positions = [];
    for (const id of ['bal-free', 'bal-reserved']) {
      $(id).textContent = '–';
      delete $(id).dataset.rao;
    }
    delete $('portfolio').dataset.at;
    fillTable($('positions').tBodies[0], []);
    this.refresh();
  }

  /** Reads everything again (coalesces calls made while a read is running). */
  async refresh() {
    if (!this.#client) return;
    if (this.#running) { this.#dirty = true; return; }
    this.#running = true;
    try {
      do {
        this.#dirty = false;
        await this.#read(this.#client, this.#address);
      } while (this.#dirty && this.#client);
    } finally {
      this.#running = false;
    }
  }

  async #read(client, address) {
    $('portfolio-error').textContent = '';
    try {
      const head = await client.finalizedHead();
      const at = head.hash;
      const subnets = await client.subnets(at);
      if (client !== this.#client) return;
      this.subnets = subnets;
      fillTable($('subnet-table').tBodies[0], subnets.map((s) => [
        `${s.netuid} ${s.symbol}`, price(s.price), tao(s.pool.taoReserve), alpha(s.pool.alphaReserve),
      ]));
      this.emit('subnets', subnets);
      if (address) {
        const [account, positions] = [await client.account(address, at), await client.stakePositions(address, at)];
        if (client !== this.#client || address !== this.#address) return;
        this.positions = positions;
        setAmount('bal-free', account.free, tao);
        setAmount('bal-reserved', account.reserved, tao);
        fillTable($('positions').tBodies[0], positions.map((p) => ({
          cells: [short(p.hotkey), String(p.netuid), alpha(p.alpha), tao(p.taoValue)],
          data: { hotkey: p.hotkey, netuid: String(p.netuid), alpha: String(p.alpha), taoValue: String(p.taoValue) },
        })));
        $('positions').dataset.count = String(positions.length);
        this.emit('positions', positions);
      }
      $('portfolio-at').textContent = `at finalized #${head.number}`;
      $('portfolio').dataset.atHash = head.hash;
      $('portfolio').dataset.at = String(head.number);
    } catch (e) {
      $('portfolio-error').textContent = describeError(e);
    }
    show('portfolio-error', $('portfolio-error').textContent !== '');
  }
}

/** Shows a rao amount and keeps the exact value in `data-rao` (for tests and copy). */
function setAmount(id, rao, format) {
  $(id).textContent = format(rao);
  $(id).dataset.rao = String(rao);
}
