// The demo's browser check (stage 80, `scripts/demo.sh --check`): serves the page, drives it
// in headless Debian Chromium through playwright-core against a running devnet and checks
// what it shows against independent sources: addresses from the reference tools' fixtures
// (expected.json) and @polkadot/keyring, balances and positions from the node's own RPC
// (@polkadot/api) at the block the page says it read.
//
//   node web-demo/check.mjs --devnet-state STATE_ENV [--out test-output/demo]
//
// Prints one line per check, "N skipped" if any, and "N passed, N failed"; exits non-zero on any
// failure, and fails on any console error or uncaught exception in the page.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, readDevnetState } from './serve.mjs';
import {
  ApiPromise, WsProvider, Keyring, cryptoWaitReady, freeAt, stakeAt,
} from '../tests/devnet/lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const stateFile = arg('--devnet-state');
if (!stateFile) throw new Error('--devnet-state <state.env> is required');
const outDir = path.resolve(arg('--out', path.join(root, 'test-output', 'demo')));
mkdirSync(outDir, { recursive: true });

const fixtures = path.join(root, 'core', 'tests', 'fixtures', 'keystore');
const btExpected = JSON.parse(readFileSync(path.join(fixtures, 'btwallet', 'expected.json'), 'utf8'));
const pjsExpected = JSON.parse(readFileSync(path.join(fixtures, 'pjs', 'expected.json'), 'utf8'));
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

// Generous bounds on waiting (never asserted durations): a cold light client on a loaded
// machine, and a transaction through inclusion and GRANDPA finality.
const VERIFIED_TIMEOUT = 300_000;
const TX_TIMEOUT = 240_000;
const QUOTE_TIMEOUT = 60_000;

const state = readDevnetState(stateFile);
await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const api = await ApiPromise.create({ provider: new WsProvider(state.RPC_URL), noInitWarn: true });
const server = await startServer({ port: 0, devnetState: state });

const require = createRequire(path.join(root, 'tools', 'package.json'));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic'],
});

let passed = 0;
let failed = 0;
let skipped = 0;
const expect = (name, ok, detail = '') => {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `: ${detail}`}`);
  return ok;
};
const skip = (name, why) => {
  skipped++;
  console.log(`skip ${name}: ${why}`);
};
const consoleErrors = [];
let shot = 0;

try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  // Counts the WebSockets the page's main thread opens (init scripts run in the page's frames,
  // not in its Workers): a light client in the page would open one to the devnet's /ws address.
  await context.addInitScript(() => {
    const Native = window.WebSocket;
    window.__pageWebSockets = [];
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        window.__pageWebSockets.push(String(url));
      }
    };
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
    if (process.env.DEMO_CHECK_VERBOSE) console.log(`[console.${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  const screenshot = async (name) => {
    const file = path.join(outDir, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
  };
  const text = (sel) => page.textContent(sel);
  const errorOf = async (id) => (await text(`#${id}`)).trim();
  const tab = (name) => page.click(`#wallet .tabs button[data-tab=${name}]`);
  const address = () => text('#address');
  // Waits until an import finished: either the account shows `addr` or an error appeared.
  const waitImported = (addr) => page.waitForFunction(
    (a) => document.getElementById('address').textContent === a
      || document.getElementById('wallet-error').textContent !== '',
    addr, { timeout: 120_000 });

  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });

  // --- create: mnemonic shown once, two words confirmed ---
  await page.click('#create-generate');
  const words = await page.$$eval('#create-words li', (lis) => lis.map((li) => li.textContent));
  expect('create: 12 words shown', words.length === 12, words.length);
  await screenshot('create-mnemonic');
  await page.click('#create-written');
  expect('create: words hidden before confirming', (await page.$$('#create-words li')).length === 0);
  const ia = Number(await text('#confirm-a-index')) - 1;
  const ib = Number(await text('#confirm-b-index')) - 1;
  await page.fill('#confirm-a', words[ia]);
  await page.fill('#confirm-b', words[(ib + 1) % 12] === words[ib] ? 'zzzz' : words[(ib + 1) % 12]);
  await page.fill('#create-password', 'demo password');
  await page.click('#create-finish');
  await page.waitForFunction(() => document.getElementById('wallet-error').textContent !== '');
  expect('create: a wrong confirmation word is refused',
    (await errorOf('wallet-error')).startsWith('MnemonicMismatch:'), await errorOf('wallet-error'));
  await page.fill('#confirm-b', words[ib]);
  const created = keyring.addFromMnemonic(words.join(' ')).address;
  await page.click('#create-finish');
  await waitImported(created);
  expect('create: address is the mnemonic\'s (polkadot.js keyring)', (await address()) === created,
    `${await address()} vs ${created}`);
  await screenshot('created');

  // --- lock / unlock, wrong password ---
  await page.click('#lock');
  expect('lock: wallet shows locked', (await text('#lock-state')) === 'locked');
  await page.fill('#unlock-password', 'not the password');
  await page.click('#unlock');
  await page.waitForFunction(() => document.getElementById('wallet-error').textContent !== '', null, { timeout: 60_000 });
  expect('unlock: wrong password gives WrongPassword',
    (await errorOf('wallet-error')).startsWith('WrongPassword:'), await errorOf('wallet-error'));
  await screenshot('unlock-wrong-password');
  await page.fill('#unlock-password', 'demo password');
  await page.click('#unlock');
  await page.waitForFunction(() => document.getElementById('lock-state').textContent === 'unlocked', null, { timeout: 60_000 });
  expect('unlock: right password unlocks the same account', (await address()) === created);

  // --- export polkadot.js JSON, re-import it ---
  await page.click('#export summary');
  await page.fill('#export-password', 'export pw');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#export-json')]);
  const exportedPath = path.join(outDir, 'exported.json');
  await download.saveAs(exportedPath);
  const exported = JSON.parse(readFileSync(exportedPath, 'utf8'));
  const pjsPair = keyring.addFromJson(exported);
  pjsPair.decodePkcs8('export pw');
  expect('export: polkadot.js opens the exported JSON as the same account',
    exported.address === created && pjsPair.address === created && !pjsPair.isLocked, exported.address);

  // --- import polkadot.js JSON (reference fixture), wrong password first ---
  await tab('pjs');
  const pjsFile = 'ed25519_stool_default.json';
  await page.setInputFiles('#pjs-file', path.join(fixtures, 'pjs', pjsFile));
  await page.fill('#pjs-password', 'wrong');
  await page.click('#pjs-import');
  await page.waitForFunction(() => document.getElementById('wallet-error').textContent !== '', null, { timeout: 60_000 });
  expect('import polkadot.js JSON: wrong password gives WrongPassword',
    (await errorOf('wallet-error')).startsWith('WrongPassword:'), await errorOf('wallet-error'));
  await page.fill('#pjs-password', pjsExpected[pjsFile].password);
  await page.click('#pjs-import');
  await waitImported(pjsExpected[pjsFile].address);
  expect('import polkadot.js JSON: address as polkadot.js reported',
    (await address()) === pjsExpected[pjsFile].address && (await text('#crypto')) === 'ed25519', await address());
  await screenshot('imported-pjs');

  // --- import a Bittensor keyfile ($NACL coldkey written by btwallet) ---
  await tab('keyfile');
  const keyfile = 'wallets/sr/coldkey';
  await page.setInputFiles('#keyfile-file', path.join(fixtures, 'btwallet', keyfile));
  await page.fill('#keyfile-password', btExpected[keyfile].password);
  await page.click('#keyfile-import');
  await waitImported(btExpected[keyfile].ss58Address);
  expect('import Bittensor keyfile ($NACL): address as btwallet reported',
    (await address()) === btExpected[keyfile].ss58Address, `${await address()} ${await errorOf('wallet-error')}`);
  await screenshot('imported-keyfile');

  // --- light client: "verified" ---
  await page.waitForSelector('#verified[data-state="verified"]', { timeout: VERIFIED_TIMEOUT });
  const pill = await text('#verified');
  const finalizedNumber = Number(/#(\d+)/.exec(pill)?.[1]);
  const nodeFinalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  expect('light client: verified, finalized block known to the node',
    finalizedNumber > 0 && finalizedNumber <= nodeFinalized + 1, `${pill} (node finalized #${nodeFinalized})`);
  const where = await text('#st-where');
  expect('light client runs in a Web Worker', /worker/i.test(where), where);

  // --- positions of //Charlie (genesis stake on //Hotkey1, subnet 1) vs the node ---
  await tab('mnemonic');
  await page.fill('#mnemonic-phrase', DEV_PHRASE);
  await page.fill('#mnemonic-path', '//Charlie');
  await page.fill('#mnemonic-password', 'charlie password');
  const charlie = keyring.addFromUri('//Charlie').address;
  const hotkey1 = keyring.addFromUri('//Hotkey1').address;
  await page.click('#mnemonic-import');
  await waitImported(charlie);
  await page.waitForSelector('#positions tbody tr[data-netuid="1"]', { timeout: 120_000 });
  {
    const at = await page.getAttribute('#portfolio', 'data-at-hash');
    const row = await page.$(`#positions tbody tr[data-hotkey="${hotkey1}"][data-netuid="1"]`);
    const pos = BigInt(await row.getAttribute('data-alpha'));
    const value = BigInt(await row.getAttribute('data-tao-value'));
    const nodePos = await stakeAt(api, at, hotkey1, charlie, 1);
    const sim = (await (await api.at(at)).call.swapRuntimeApi.simSwapAlphaForTao(1, pos)).toJSON();
    expect('positions: //Charlie\'s alpha on subnet 1 equals the node\'s at the same block',
      pos === nodePos && pos > 0n, `${pos} vs ${nodePos}`);
    expect('positions: TAO value equals the node\'s sim_swap_alpha_for_tao of that alpha',
      value === BigInt(sim.taoAmount), `${value} vs ${sim.taoAmount}`);
    await screenshot('positions');
  }

  // Unstake and move quotes for //Charlie's position, the unstake one vs the node's runtime API.
  await page.check('input[name=stake-action][value=unstake]');
  await page.fill('#stake-amount', '10');
  await page.waitForSelector('#quote[data-state="ok"][data-request="unstake:1:1:10"]', { timeout: QUOTE_TIMEOUT });
  {
    const out = BigInt(await page.getAttribute('#q-out', 'data-rao'));
    const qat = await page.getAttribute('#quote', 'data-at-hash');
    const sim = (await (await api.at(qat)).call.swapRuntimeApi.simSwapAlphaForTao(1, 10_000_000_000n)).toJSON();
    expect('unstake quote: expected TAO equals the node\'s sim_swap_alpha_for_tao at the quoted block',
      out === BigInt(sim.taoAmount), `${out} vs ${sim.taoAmount}`);
  }
  await page.check('input[name=stake-action][value=move]');
  await page.selectOption('#move-netuid', '2');
  await page.waitForSelector('#quote[data-state="ok"][data-request="move:1:2:10"]', { timeout: QUOTE_TIMEOUT });
  expect('move quote: shown for subnet 1 → 2', /α$/.test(await text('#q-out')), await text('#q-out'));
  await screenshot('move-quote');
  await page.selectOption('#move-netuid', '1');
  await page.check('input[name=stake-action][value=stake]');

  // --- import a mnemonic (the dev phrase with //Dave: funded, no stake) ---
  await page.fill('#mnemonic-phrase', DEV_PHRASE);
  await page.fill('#mnemonic-path', '//Dave');
  await page.fill('#mnemonic-password', 'dave password');
  const dave = keyring.addFromUri('//Dave').address;
  await page.click('#mnemonic-import');
  await waitImported(dave);
  expect('import mnemonic + path: address as polkadot.js keyring', (await address()) === dave, await address());

  // --- balances and subnets, compared with the node's RPC at the block the page read ---
  await page.waitForFunction(() => document.getElementById('bal-free').dataset.rao !== undefined, null, { timeout: 120_000 });
  const at = await page.getAttribute('#portfolio', 'data-at-hash');
  const free = BigInt(await page.getAttribute('#bal-free', 'data-rao'));
  expect('balances: free balance equals the node\'s at the same block', free === await freeAt(api, at, dave),
    `${free} vs ${await freeAt(api, at, dave)}`);
  const subnetRows = await page.$$('#subnet-table tbody tr');
  const nodeSubnets = (await (await api.at(at)).query.subtensorModule.networksAdded.entries())
    .filter(([, added]) => added.isTrue).length;
  expect('subnets: one row per subnet', subnetRows.length === nodeSubnets, `${subnetRows.length} vs ${nodeSubnets}`);
  await screenshot('verified-balances');

  // --- stake with a live quote ---
  await page.fill('#stake-amount', '10');
  await page.waitForSelector('#quote[data-state="ok"][data-request="stake:1:1:10"]', { timeout: QUOTE_TIMEOUT });
  const quoteOut = BigInt(await page.getAttribute('#q-out', 'data-rao'));
  const quoteAt = await page.getAttribute('#quote', 'data-at-hash');
  const simFn = (await api.at(quoteAt)).call.swapRuntimeApi?.simSwapTaoForAlpha;
  if (simFn) {
    const sim = (await simFn(1, 10_000_000_000n)).toJSON();
    const simAlpha = BigInt(sim.alphaAmount ?? sim.alpha_amount);
    expect('quote: expected alpha equals the node\'s SwapRuntimeApi.sim_swap_tao_for_alpha at the quoted block',
      quoteOut === simAlpha, `${quoteOut} vs ${simAlpha}`);
  } else {
    skip('quote vs sim_swap_tao_for_alpha', 'the node has no SwapRuntimeApi');
  }
  await screenshot('stake-quote');

  const flows = (await page.getAttribute('body', 'data-flows')) === '1';
  if (!flows) {
    for (const name of ['stake: sign, submit, finalized', 'stake: new position equals the node\'s',
      'unstake: finalized', 'amount too low', 'limit exceeded']) {
      skip(name, 'the npm package in this build has no wallet flows (plan/submit)');
    }
  } else {
    await runFlows({ page, text, errorOf, screenshot, dave });
  }

  // --- a user-supplied chain spec: a file that is no spec, then the devnet's raw spec with
  // the node's /ws address as bootnode ---
  await page.selectOption('#chain-select', '__custom__');
  await page.setInputFiles('#chain-spec-file', path.join(fixtures, 'pjs', 'expected.json'));
  await page.click('#chain-connect');
  await page.waitForFunction(() => document.getElementById('network-error').textContent !== '', null, { timeout: 60_000 });
  expect('custom chain spec: a file that is not a spec gives BadSpec',
    (await errorOf('network-error')).startsWith('BadSpec:'), await errorOf('network-error'));
  await screenshot('custom-spec-bad');
  await page.setInputFiles('#chain-spec-file', path.join(root, 'chain-specs', 'devnet.json'));
  await page.fill('#chain-bootnode', state.P2P_WS_ADDR);
  await page.click('#chain-connect');
  await page.waitForSelector('#verified[data-state="verified"]', { timeout: VERIFIED_TIMEOUT });
  await page.waitForFunction(() => document.getElementById('bal-free').dataset.rao !== undefined, null, { timeout: 120_000 });
  const at3 = await page.getAttribute('#portfolio', 'data-at-hash');
  const free3 = BigInt(await page.getAttribute('#bal-free', 'data-rao'));
  expect('custom chain spec file + bootnode: verified again, balance equals the node\'s',
    free3 === await freeAt(api, at3, keyring.addFromUri('//Dave').address), `${free3}`);
  await screenshot('custom-spec-verified');

  // --- the page itself ran no light client: every connection to the chain came from the Worker
  // (through the whole run: reads, plans, the signed stake and unstake, the reconnects) ---
  {
    const sockets = await page.evaluate(() => window.__pageWebSockets);
    const workers = page.workers().map((w) => w.url());
    const signing = await text('#st-signing');
    expect('no light client in the page: no WebSocket from the main thread, the client in a Worker',
      Array.isArray(sockets) && sockets.length === 0 && workers.some((u) => u.endsWith('/worker.js'))
        && /in this page/.test(signing) && /Worker/.test(signing),
      `page WebSockets ${JSON.stringify(sockets)}, workers ${workers}, signing "${signing}"`);
  }

  // --- narrow (mobile) viewport ---
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect('390 px wide: no horizontal overflow', overflow <= 1, `${overflow} px wider than the viewport`);
  await screenshot('mobile-390px');
} catch (e) {
  failed++;
  console.log(`FAIL page run: ${e.stack ?? e.message}`);
  // What the page showed when it failed.
  const page = browser.contexts()[0]?.pages()[0];
  if (page) {
    const dump = await page.evaluate(() => ({
      portfolioAt: document.getElementById('portfolio').dataset.at,
      portfolioError: document.getElementById('portfolio-error').textContent,
      finalized: document.getElementById('st-finalized').textContent,
      signing: document.getElementById('st-signing').textContent,
      quoteError: document.getElementById('q-error').textContent,
      timeline: document.getElementById('timeline').innerText,
    })).catch((err) => ({ error: err.message }));
    console.log('page state:', JSON.stringify(dump));
    await page.screenshot({ path: path.join(outDir, 'failure.png'), fullPage: true }).catch(() => {});
  }
} finally {
  await browser.close();
  await server.close();
  await api.disconnect();
}

expect('no console errors in the page', consoleErrors.length === 0, consoleErrors.join(' | '));
console.log(`screenshots: ${outDir}`);
// The summary line scripts/count-tests.sh sums ("N passed, N failed" alone on its line).
if (skipped > 0) console.log(`${skipped} skipped (see the skip lines)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** Stake, watch it finalize, see the position, unstake; amount too low; limit exceeded. */
async function runFlows({ page, text, errorOf, screenshot, dave }) {
  const hotkey1 = keyring.addFromUri('//Hotkey1').address;
  // Clicks "Sign & submit" and waits for that transaction's entry to reach a final state.
  const submitAndWait = async (label) => {
    const before = (await page.$$('#timeline li')).length;
    await page.click('#stake-submit');
    await page.waitForFunction(
      (n) => document.querySelectorAll('#timeline li').length > n
        && ['finalized', 'failed'].includes(document.querySelector('#timeline li').dataset.state),
      before, { timeout: TX_TIMEOUT });
    const li = await page.$('#timeline li');
    const st = await li.getAttribute('data-state');
    const steps = await li.$$eval('.step', (s) => s.map((x) => x.dataset.step));
    expect(`${label}: broadcast → in block → finalized`, st === 'finalized'
      && ['broadcast', 'inBlock', 'finalized'].every((s) => steps.includes(s)),
      `${st} [${steps}] ${await li.textContent()}`);
    return li;
  };

  // Stake 10 τ to //Hotkey1 on subnet 1 (the form's amount and defaults), once the wallet
  // flows are ready (the plan then has a network fee and the button is enabled).
  await page.waitForSelector('#quote[data-state="ok"][data-request="stake:1:1:10"] ~ #stake-submit:not([disabled])', { timeout: VERIFIED_TIMEOUT });
  const netfee = await text('#q-netfee');
  expect('quote: network fee shown', /τ$/.test(netfee), netfee);
  await submitAndWait('stake');
  await screenshot('stake-finalized');
  await page.waitForFunction((h) => [...document.querySelectorAll('#positions tbody tr')]
    .some((tr) => tr.dataset.hotkey === h && tr.dataset.netuid === '1'), hotkey1, { timeout: 120_000 });
  const at = await page.getAttribute('#portfolio', 'data-at-hash');
  const row = await page.$(`#positions tbody tr[data-hotkey="${hotkey1}"][data-netuid="1"]`);
  const pos = BigInt(await row.getAttribute('data-alpha'));
  const nodePos = await stakeAt(api, at, hotkey1, dave, 1);
  expect('stake: new position equals the node\'s at the same block', pos === nodePos && pos > 0n, `${pos} vs ${nodePos}`);
  await screenshot('new-position');

  // Error paths before unstaking: amount too low, limit exceeded (guards: nothing signed).
  await page.fill('#stake-amount', '0.000001');
  await page.waitForSelector('#quote[data-state="error"][data-request="stake:1:1:0.000001"]', { timeout: QUOTE_TIMEOUT });
  expect('amount too low: typed error, submit disabled',
    /^BelowMinimumStake:/.test(await errorOf('q-error')) && await page.isDisabled('#stake-submit'),
    await errorOf('q-error'));
  await screenshot('amount-too-low');
  await page.fill('#stake-tolerance', '0.01');
  await page.fill('#stake-amount', '500');
  await page.waitForSelector('#quote[data-state="error"][data-request="stake:1:1:500"]', { timeout: QUOTE_TIMEOUT });
  expect('limit exceeded: typed error, submit disabled',
    /^LimitExceeded:/.test(await errorOf('q-error')) && await page.isDisabled('#stake-submit'),
    await errorOf('q-error'));
  await screenshot('limit-exceeded');
  // A wider tolerance lets the same large order through, with the price-impact warning.
  await page.fill('#stake-tolerance', '5');
  await page.fill('#stake-amount', '200');
  await page.waitForSelector('#quote[data-state="ok"][data-request="stake:1:1:200"]', { timeout: QUOTE_TIMEOUT });
  const warnings = await page.$$eval('#q-warnings li', (lis) => lis.map((li) => li.textContent));
  expect('large stake: high price impact warning', warnings.some((w) => w.startsWith('high price impact')),
    JSON.stringify(warnings));
  await screenshot('price-impact-warning');
  await page.fill('#stake-tolerance', '0.5');

  // Unstake half of the position.
  await page.check('input[name=stake-action][value=unstake]');
  const half = pos / 2n;
  const halfText = `${half / 1_000_000_000n}.${String(half % 1_000_000_000n).padStart(9, '0')}`;
  await page.fill('#stake-amount', halfText);
  await page.waitForSelector(`#quote[data-state="ok"][data-request="unstake:1:1:${halfText}"] ~ #stake-submit:not([disabled])`, { timeout: QUOTE_TIMEOUT });
  await submitAndWait('unstake');
  await page.waitForFunction((args) => {
    const tr = document.querySelector(`#positions tbody tr[data-hotkey="${args.h}"][data-netuid="1"]`);
    return tr && BigInt(tr.dataset.alpha) < BigInt(args.pos);
  }, { h: hotkey1, pos: String(pos) }, { timeout: 120_000 });
  const at2 = await page.getAttribute('#portfolio', 'data-at-hash');
  const row2 = await page.$(`#positions tbody tr[data-hotkey="${hotkey1}"][data-netuid="1"]`);
  const pos2 = BigInt(await row2.getAttribute('data-alpha'));
  expect('unstake: position shrank and equals the node\'s', pos2 === await stakeAt(api, at2, hotkey1, dave, 1),
    `${pos2} vs ${await stakeAt(api, at2, hotkey1, dave, 1)}`);
  await screenshot('unstaked');
}
