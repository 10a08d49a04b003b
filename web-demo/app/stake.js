// The stake / unstake / move form: a live quote while the user types, then sign & submit and
// a timeline of the transaction (broadcast → in block → finalized, or the decoded error).
//
// Quotes come from the package: `planFlow` (flows.js) asks the package's wallet flows for a
// plan when the package has them (quote + network fee + guards + warnings at one finalized
// block), else its stake calculator on the pool read through the light client.
import { parseRao, parseUnits, Keypair } from '../pkg/taolight.js';
import { $, show, tao, alpha, price, percentFromPpb, describeError } from './ui.js';
import { planFlow, submitPlan, canSubmit } from './flows.js';

const QUOTE_DELAY_MS = 250;

export class StakePanel {
  #client = null;
  #flows = null;
  #wallet;
  #portfolio;
  #timer = null;
  #seq = 0;
  #plan = null;

  constructor(wallet, portfolio) {
    this.#wallet = wallet;
    this.#portfolio = portfolio;
    const requote = () => this.#scheduleQuote();
    // Text fields requote as the user types; selects, radios and checkboxes on change. (A text
    // field's own `change` fires on blur, e.g. when the user clicks "Sign & submit": it must
    // not throw the plan away.)
    for (const el of document.querySelectorAll('#stake input, #stake select')) {
      const textual = el.tagName === 'INPUT' && !['radio', 'checkbox'].includes(el.type);
      el.addEventListener(textual ? 'input' : 'change', requote);
    }
    document.querySelectorAll('input[name=stake-action]').forEach((r) => {
      r.addEventListener('change', () => this.#renderAction());
    });
    portfolio.on('subnets', (subnets) => this.#fillSubnets(subnets));
    wallet.on('account', requote);
    wallet.on('lock', requote);
    $('stake-submit').onclick = () => this.#submit();
    this.#renderAction();
  }

  /** Uses `client` (or none) from now on. */
  setClient(client) {
    this.#client = client;
    this.#scheduleQuote();
  }

  /** Uses the package's wallet flows (`Wallet`) for plans and signing, or none. */
  setFlows(flows) {
    this.#flows = flows;
    this.#scheduleQuote();
  }

  /** Offers the devnet's dev hotkeys (`//Hotkey1` owned by Alice, `//Hotkey2` by Bob). */
  setKnownHotkeys(uris) {
    const list = $('known-hotkeys');
    list.replaceChildren();
    for (const uri of uris) {
      const kp = Keypair.fromUri(uri);
      list.append(new Option(uri, kp.address));
      if (!$('stake-hotkey').value) $('stake-hotkey').value = kp.address;
      if (!$('move-hotkey').value) $('move-hotkey').value = kp.address;
      kp.free();
    }
  }

  /** Quotes again on the new finalized block (the current plan stays signable meanwhile). */
  onFinalized() {
    if (!this.#submitting && !this.#refreshing) {
      this.#refreshing = true;
      this.#quote({ refresh: true }).finally(() => { this.#refreshing = false; });
    }
  }

  #refreshing = false;

  #submitting = false;

  #action() {
    return document.querySelector('input[name=stake-action]:checked').value;
  }

  #renderAction() {
    const action = this.#action();
    show('move-fields', action === 'move');
    $('stake-amount-label').textContent = action === 'stake' ? 'Amount (τ)' : 'Amount (α)';
    $('stake-netuid-label').textContent = action === 'move' ? 'Origin subnet' : 'Subnet';
    this.#scheduleQuote();
  }

  #fillSubnets(subnets) {
    for (const id of ['stake-netuid', 'move-netuid']) {
      const select = $(id);
      const keep = select.value;
      const options = subnets.map((s) => new Option(`${s.netuid} ${s.symbol}`, String(s.netuid)));
      const same = select.options.length === options.length
        && options.every((o, i) => select.options[i].value === o.value);
      if (same) continue;
      select.replaceChildren(...options);
      select.value = keep || (subnets.find((s) => s.netuid === 1) ? '1' : options[0]?.value ?? '');
    }
  }

  #scheduleQuote() {
    // Whatever was quoted before no longer matches the form: nothing to sign until requoted.
    this.#plan = null;
    this.#seq++; // results of quotes already running are for the old form
    $('stake-submit').disabled = true;
    $('quote').dataset.state = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#quote();
    }, QUOTE_DELAY_MS);
  }

  /** The form as a flow request, or throws a typed error for bad input. */
  #request() {
    const action = this.#action();
    const amountText = $('stake-amount').value.trim();
    if (!amountText) return null;
    return {
      action,
      coldkey: this.#wallet.account?.address ?? null,
      hotkey: $('stake-hotkey').value.trim(),
      netuid: Number($('stake-netuid').value),
      destinationHotkey: $('move-hotkey').value.trim(),
      destinationNetuid: Number($('move-netuid').value),
      amount: parseRao(amountText),
      // Percent with 7 decimals is parts per billion; with 2 decimals, basis points.
      tolerancePpb: Number(parseUnits($('stake-tolerance').value.trim(), 7)),
      toleranceBps: Number(parseUnits($('stake-tolerance').value.trim(), 2)),
      allowPartial: $('stake-partial').checked,
    };
  }

  /**
   * Plans the form's request. A `refresh` (new finalized block, same form) keeps the current
   * plan signable until the new one replaces it; a form change has already cleared it.
   */
  async #quote({ refresh = false } = {}) {
    if (refresh && this.#timer !== null) return;
    const seq = ++this.#seq;
    if (!refresh) {
      this.#plan = null;
      $('q-error').textContent = '';
      $('stake-submit').disabled = true;
      $('quote').dataset.state = 'pending';
      $('quote').dataset.request = '';
    }
    try {
      const request = this.#request();
      if (!request || (!this.#client && !this.#flows)) {
        this.#plan = null;
        $('stake-submit').disabled = true;
        this.#renderQuote(null);
        $('quote').dataset.state = 'empty';
        return;
      }
      // What this quote answers (the check waits on it instead of on a stale quote).
      const key = `${request.action}:${request.netuid}:${request.destinationNetuid}:${$('stake-amount').value.trim()}`;
      if (!refresh) $('quote').dataset.request = key;
      const plan = await planFlow(this.#client, this.#flows, request);
      if (seq !== this.#seq) return;
      this.#plan = plan;
      this.#renderQuote(plan);
      $('q-error').textContent = '';
      $('quote').dataset.request = key;
      $('quote').dataset.state = 'ok';
      const why = canSubmit(plan, this.#wallet);
      $('stake-submit').disabled = why !== null;
      $('stake-submit').title = why ?? '';
    } catch (e) {
      if (seq !== this.#seq) return;
      this.#plan = null;
      $('stake-submit').disabled = true;
      this.#renderQuote(null);
      $('q-error').textContent = describeError(e);
      $('quote').dataset.state = 'error';
    }
  }

  #renderQuote(plan) {
    const set = (id, text) => { $(id).textContent = text ?? '–'; };
    if (!plan) {
      for (const id of ['q-out', 'q-fee', 'q-netfee', 'q-impact', 'q-tolerance', 'q-limit', 'q-at']) set(id);
      $('q-warnings').replaceChildren();
      return;
    }
    const outUnit = plan.outUnit === 'tao' ? tao : alpha;
    set('q-out', outUnit(plan.expectedOut));
    $('q-out').dataset.rao = String(plan.expectedOut);
    $('quote').dataset.atHash = plan.at?.hash ?? '';
    set('q-fee', plan.swapFeeText);
    set('q-netfee', plan.networkFee === null ? 'needs the package\'s wallet flows' : tao(plan.networkFee));
    set('q-impact', percentFromPpb(plan.priceImpactPpb));
    set('q-tolerance', plan.tolerancePpb === null ? 'n/a (no limit price)' : percentFromPpb(plan.tolerancePpb));
    set('q-limit', plan.limitPrice === null ? 'none (no price protection)'
      : plan.limitIsRatio ? `${price(plan.limitPrice)} (origin/destination)` : price(plan.limitPrice));
    set('q-at', plan.at ? `finalized #${plan.at.number}` : '–');
    $('q-warnings').replaceChildren(...plan.warnings.map((w) => {
      const li = document.createElement('li');
      li.textContent = w;
      return li;
    }));
  }

  async #submit() {
    const plan = this.#plan;
    if (!plan) return;
    this.#submitting = true;
    $('stake-submit').disabled = true;
    const entry = new TimelineEntry(plan.summary);
    try {
      const outcome = await submitPlan(this.#flows, this.#wallet, plan, (step) => entry.step(step));
      entry.done(outcome);
    } catch (e) {
      entry.fail(describeError(e));
    } finally {
      this.#submitting = false;
      await this.#portfolio.refresh();
      this.#scheduleQuote();
    }
  }
}

/** One transaction in the timeline. */
class TimelineEntry {
  #li;
  #steps;
  #detail;

  constructor(summary) {
    this.#li = document.createElement('li');
    this.#li.dataset.state = 'pending';
    const title = document.createElement('div');
    title.textContent = summary;
    this.#steps = document.createElement('div');
    this.#steps.className = 'steps';
    this.#detail = document.createElement('div');
    this.#detail.className = 'detail';
    this.#li.append(title, this.#steps, this.#detail);
    $('timeline').prepend(this.#li);
  }

  /** Adds a step (`{ name, text, failed? }`). */
  step({ name, text, failed = false }) {
    const span = document.createElement('span');
    span.className = `step ${failed ? 'failed' : 'done'}`;
    span.dataset.step = name;
    span.textContent = text;
    this.#steps.append(span);
  }

  done(text) {
    this.#li.dataset.state = 'finalized';
    this.#detail.textContent = text ?? '';
  }

  fail(text) {
    this.#li.dataset.state = 'failed';
    this.#detail.textContent = text;
    this.#detail.classList.add('err');
  }
}
