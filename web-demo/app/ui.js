// Small DOM and display helpers shared by the panels. Numbers are formatted with the
// package's exact formatters (bigint rao in, decimal strings out); nothing here computes
// chain values.
import { formatRao, formatRaoFixed } from '../pkg/taolight.js';

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/** Shows or hides elements. */
export function show(el, visible = true) {
  (typeof el === 'string' ? $(el) : el).hidden = !visible;
}

/** "<code>: <message>": the package's stable error shape (`TaolightError.code`). */
export function describeError(e) {
  return `${e?.code ?? e?.name ?? 'Error'}: ${e?.message ?? String(e)}`;
}

/**
 * Wraps an (async) handler: clears `errorEl`, shows `busyText` in `busyEl` while it runs,
 * and writes a thrown error into `errorEl` instead of letting it reach the console.
 */
export function guarded(fn, { errorEl, busyEl, busyText } = {}) {
  return async (...args) => {
    if (errorEl) errorEl.textContent = '';
    if (busyEl && busyText) { busyEl.textContent = busyText; busyEl.hidden = false; }
    try {
      // Let the browser paint the busy text before long synchronous work (Argon2, scrypt).
      if (busyEl && busyText) await nextFrame();
      return await fn(...args);
    } catch (e) {
      if (errorEl) errorEl.textContent = describeError(e);
      else throw e;
    } finally {
      if (busyEl) busyEl.hidden = true;
    }
  };
}

/** Resolves after the next paint. */
export const nextFrame = () =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** A rao amount as a decimal token amount with its unit: `1.5 τ`. */
export const tao = (rao) => `${formatRao(BigInt(rao))} τ`;
/** An alpha amount (rao) with its unit: `12.3 α`. */
export const alpha = (rao) => `${formatRao(BigInt(rao))} α`;
/** A price in rao per alpha as τ per α with 9 decimals. */
export const price = (raoPerAlpha) => `${formatRaoFixed(BigInt(raoPerAlpha), 9)} τ/α`;

/** Parts per billion as a percentage string (display only). */
export function percentFromPpb(ppb) {
  const n = BigInt(ppb);
  const whole = n / 10_000_000n;
  const frac = (n % 10_000_000n).toString().padStart(7, '0').slice(0, 4);
  return `${whole}.${frac} %`;
}

/** Bytes (or an already hex string) as `0x…` hex. */
export function toHex(bytes) {
  if (typeof bytes === 'string') return bytes;
  return '0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `5Grw…utQY`. */
export const short = (address) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Fills a <tbody> with rows: arrays of cell texts, or `{ cells, data }` (data-* attributes). */
export function fillTable(tbody, rows) {
  tbody.replaceChildren(...rows.map((row) => {
    const { cells, data = {} } = Array.isArray(row) ? { cells: row } : row;
    const tr = document.createElement('tr');
    Object.assign(tr.dataset, data);
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = c;
      tr.append(td);
    }
    return tr;
  }));
}

/** A minimal event emitter for panel-to-panel notifications. */
export class Emitter {
  #handlers = new Map();
  on(name, fn) {
    if (!this.#handlers.has(name)) this.#handlers.set(name, new Set());
    this.#handlers.get(name).add(fn);
  }
  emit(name, value) {
    for (const fn of this.#handlers.get(name) ?? []) fn(value);
  }
}
