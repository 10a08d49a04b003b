// The wallet panel: create (mnemonic shown once, two words confirmed), import from a
// mnemonic, a Bittensor keyfile or polkadot.js JSON, export polkadot.js JSON, lock/unlock.
//
// The key pair lives in WebAssembly memory (`Keypair`); locking frees it (the package wipes
// the secret) and keeps only a polkadot.js JSON encrypted with the wallet password, which
// unlocking opens again. Every key operation is a package call.
import {
  Keypair, generateMnemonic, decryptKeyfile, importPolkadotJson, exportPolkadotJson,
} from '../pkg/taolight.js';
import { $, show, guarded, Emitter } from './ui.js';

/** A typed error raised by the page itself (same shape as the package's). */
function pageError(code, message) {
  return Object.assign(new Error(message), { name: 'TaolightError', code });
}

export class WalletPanel extends Emitter {
  /** The unlocked key pair, or `null`. */
  keypair = null;
  /** `{ address, cryptoType, source }` of the current account, or `null`. */
  account = null;
  #lockedJson = null;
  #phrase = null;
  #confirm = null;

  constructor() {
    super();
    const errorEl = $('wallet-error');
    const busyEl = $('wallet-busy');
    const g = (fn, busyText) => guarded(fn, { errorEl, busyEl, busyText });

    for (const tab of document.querySelectorAll('#wallet .tabs button')) {
      tab.onclick = () => this.#selectTab(tab.dataset.tab);
    }
    $('create-generate').onclick = g(() => this.#createGenerate());
    $('create-written').onclick = g(() => this.#createWritten());
    $('create-finish').onclick = g(() => this.#createFinish(), 'Encrypting the wallet (scrypt)…');
    $('mnemonic-import').onclick = g(() => this.#importMnemonic(), 'Deriving the key…');
    $('keyfile-import').onclick = g(() => this.#importKeyfile(),
      'Unlocking the keyfile ($NACL: Argon2i over 512 MiB, a few seconds)…');
    $('pjs-import').onclick = g(() => this.#importPjs(), 'Decrypting (scrypt)…');
    $('lock').onclick = g(() => this.lock());
    $('unlock').onclick = g(() => this.#unlock(), 'Decrypting (scrypt)…');
    $('unlock-password').onkeydown = (e) => { if (e.key === 'Enter') $('unlock').click(); };
    $('export-json').onclick = g(() => this.#exportJson(), 'Encrypting (scrypt)…');
  }

  #selectTab(name) {
    for (const tab of document.querySelectorAll('#wallet .tabs button')) {
      tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
    }
    for (const panel of document.querySelectorAll('#wallet .tab')) {
      show(panel, panel.id === `tab-${name}`);
    }
    $('wallet-error').textContent = '';
  }

  // --- create ---

  #createGenerate() {
    this.#phrase = generateMnemonic(12);
    const words = this.#phrase.split(' ');
    $('create-words').replaceChildren(...words.map((w) => {
      const li = document.createElement('li');
      li.textContent = w;
      return li;
    }));
    show('create-start', false);
    show('create-show');
  }

  #createWritten() {
    // Shown once: the words leave the page before the confirmation.
    $('create-words').replaceChildren();
    show('create-show', false);
    const n = this.#phrase.split(' ').length;
    const a = randomIndex(n);
    let b = randomIndex(n - 1);
    if (b >= a) b += 1;
    this.#confirm = [Math.min(a, b), Math.max(a, b)];
    $('confirm-a-index').textContent = String(this.#confirm[0] + 1);
    $('confirm-b-index').textContent = String(this.#confirm[1] + 1);
    $('confirm-a').value = '';
    $('confirm-b').value = '';
    show('create-confirm');
  }

  async #createFinish() {
    const words = this.#phrase.split(' ');
    const given = [$('confirm-a').value.trim(), $('confirm-b').value.trim()];
    this.#confirm.forEach((i, k) => {
      if (given[k] !== words[i]) {
        throw pageError('MnemonicMismatch', `word #${i + 1} does not match the mnemonic`);
      }
    });
    const password = requirePassword($('create-password').value);
    await this.#setAccount(Keypair.fromPhrase(this.#phrase), 'new mnemonic', password);
    this.#phrase = null;
    this.#confirm = null;
    $('create-password').value = '';
    show('create-confirm', false);
    show('create-start');
  }

  // --- import ---

  async #importMnemonic() {
    const phrase = $('mnemonic-phrase').value.trim().split(/\s+/).join(' ');
    const path = $('mnemonic-path').value.trim();
    const crypto = document.querySelector('input[name=mnemonic-crypto]:checked').value;
    const password = requirePassword($('mnemonic-password').value);
    const kp = Keypair.fromUri(phrase + path, crypto);
    await this.#setAccount(kp, 'mnemonic', password);
    $('mnemonic-phrase').value = '';
    $('mnemonic-password').value = '';
  }

  async #importKeyfile() {
    const file = $('keyfile-file').files[0];
    if (!file) throw pageError('NoFile', 'choose a keyfile first');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const password = $('keyfile-password').value;
    const kp = decryptKeyfile(bytes, password || undefined);
    await this.#setAccount(kp, `Bittensor keyfile ${file.name}`, password || null);
    $('keyfile-password').value = '';
  }

  async #importPjs() {
    const file = $('pjs-file').files[0];
    if (!file) throw pageError('NoFile', 'choose a polkadot.js JSON file first');
    const text = await file.text();
    const password = $('pjs-password').value;
    const kp = importPolkadotJson(text, password);
    // The file itself, encrypted with this password, is what unlocking opens again.
    await this.#setAccount(kp, `polkadot.js JSON ${file.name}`, password || null, text);
    $('pjs-password').value = '';
  }

  async #setAccount(keypair, source, password, lockedJson = null) {
    this.keypair?.free();
    this.keypair = keypair;
    this.#lockedJson = lockedJson
      ?? (password ? exportPolkadotJson(keypair, password, { name: 'taolight demo' }) : null);
    this.account = { address: keypair.address, cryptoType: keypair.cryptoType, source };
    this.#render();
    this.emit('account', this.account);
  }

  // --- lock / unlock / export ---

  /** Frees the key pair (its secret is wiped); without a password the account is forgotten. */
  lock() {
    this.keypair?.free();
    this.keypair = null;
    if (!this.#lockedJson) {
      this.account = null;
      this.emit('account', null);
    }
    this.#render();
    this.emit('lock', true);
  }

  async #unlock() {
    const kp = importPolkadotJson(this.#lockedJson, $('unlock-password').value);
    if (kp.address !== this.account.address) {
      kp.free();
      throw pageError('AddressMismatch', 'the stored key does not match the account');
    }
    this.keypair = kp;
    $('unlock-password').value = '';
    this.#render();
    this.emit('lock', false);
  }

  #exportJson() {
    if (!this.keypair) throw pageError('Locked', 'unlock the wallet first');
    const password = requirePassword($('export-password').value);
    const json = exportPolkadotJson(this.keypair, password, { name: 'taolight demo' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    a.download = `${this.account.address}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    $('export-password').value = '';
  }

  #render() {
    show('account', this.account !== null);
    if (!this.account) return;
    const locked = this.keypair === null;
    $('address').textContent = this.account.address;
    $('crypto').textContent = this.account.cryptoType;
    $('source').textContent = this.account.source;
    $('lock-state').textContent = locked ? 'locked' : 'unlocked';
    $('account').dataset.locked = String(locked);
    show('lock', !locked);
    show('unlock', locked);
    show('unlock-password', locked);
    show('export', !locked);
  }
}

function requirePassword(password) {
  if (!password) throw pageError('PasswordRequired', 'choose a password to lock the wallet');
  return password;
}

/** A uniform random integer in 0..n (crypto.getRandomValues, rejection sampling). */
function randomIndex(n) {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf); while (buf[0] >= limit);
  return buf[0] % n;
}
