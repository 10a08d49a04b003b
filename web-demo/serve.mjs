// Serves web-demo/ on 127.0.0.1 (the page imports the npm package built into web-demo/pkg).
//
//   node web-demo/serve.mjs [--port 8080]   serve until Ctrl-C
//   node web-demo/serve.mjs --check [png]   load the page once in headless Chromium
//                                           (playwright-core + Debian chromium), click
//                                           through it, save a screenshot, print
//                                           "N passed, N failed" and exit non-zero on failure
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : check ? 0 : 8080;
const screenshot = check ? (args.find((a) => a.endsWith('.png')) ?? 'test-output/web-demo.png') : null;

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
};
const server = http.createServer(async (req, res) => {
  try {
    let p = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(here, path.normalize(p));
    if (!file.startsWith(here + path.sep)) throw new Error('outside the demo folder');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
});
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

if (!check) {
  console.log(`taolight demo: ${url}  (Ctrl-C to stop)`);
  process.on('SIGINT', () => { server.close(); process.exit(0); });
} else {
  try {
    process.exitCode = await runCheck(url, screenshot);
  } finally {
    server.close();
  }
}

async function runCheck(url, png) {
  const require = createRequire(path.join(here, '..', 'tools', 'package.json'));
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
  const expect = (name, ok, detail) => {
    if (ok) passed++; else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : `: ${detail}`}`);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 760 } });
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
    const text = (id) => page.textContent(`#${id}`);

    // Known vectors (wallets.md §7.1 and §7.3; polkadot.js and btwallet agree on them).
    await page.fill('#secret', '//Alice');
    await page.click('#load');
    const alice = await text('address');
    expect('//Alice sr25519 address', alice === '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', alice);
    await page.click('#sign');
    await page.click('#verify');
    expect('sr25519 signature verifies', (await text('verified')) === 'true', await text('verified'));

    await page.check('input[value=ed25519]');
    await page.click('#load');
    const aliceEd = await text('address');
    expect('//Alice ed25519 address', aliceEd === '5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu', aliceEd);
    await page.click('#sign');
    const sig = await text('signature');
    expect('ed25519 signature of "hello bittensor"',
      sig === '0x4b793986c78867bc6a34c86a39d3d00d77a7172e660ecbf1d7df90a6bd084c3dd2ab90dfd931b46cda801a0487978d1c5970592b58f5125c8114eacf3d8be903',
      sig);
    await page.fill('#message', 'hello bittensor!');
    await page.click('#verify');
    expect('tampered message does not verify', (await text('verified')) === 'false', await text('verified'));

    await page.check('input[value=sr25519]');
    await page.click('#generate');
    const words = (await page.inputValue('#secret')).split(' ');
    const fresh = await text('address');
    expect('new mnemonic has 12 words and an address', words.length === 12 && /^5\w{47}$/.test(fresh),
      `${words.length} words, address ${fresh}`);

    await page.fill('#secret', 'not a mnemonic at all');
    await page.click('#load');
    const err = await text('error');
    expect('bad secret shows a typed error', /^[A-Z]\w+: /.test(err) && (await text('address')) === '–', err);

    await page.screenshot({ path: png, fullPage: true });
    console.log(`screenshot: ${png}`);
  } catch (e) {
    failed++;
    console.log(`FAIL page: ${e.message}`);
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
