// Serves the demo on 127.0.0.1: web-demo/ (the page and the npm package built into
// web-demo/pkg), the raw chain specs of chain-specs/ under /chain-specs/, and /config.json
// telling the page which chains it can connect to (the devnet with the running node's `/ws`
// address as its only bootnode, read from the devnet's state.env).
//
//   node web-demo/serve.mjs [--port 8080] [--devnet-state FILE]   serve until Ctrl-C
//
// `startServer()` is what web-demo/check.mjs uses to serve the page during its browser run.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const specsDir = path.join(here, '..', 'chain-specs');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Reads a devnet state.env (KEY=VALUE lines) into an object. */
export function readDevnetState(file) {
  const state = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) state[m[1]] = m[2];
  }
  return state;
}

/**
 * What the page needs to know: the chains it offers (the devnet, if a node runs, with its
 * `/ws` bootnode) and whether the built package ships the Web Worker proxy (informational:
 * the page always runs the light client in the package's Worker).
 */
function pageConfig(devnetState) {
  const chains = [];
  if (devnetState?.P2P_WS_ADDR) {
    chains.push({
      id: 'devnet',
      name: `taolight devnet (${devnetState.P2P_WS_ADDR.split('/')[4]} /ws)`,
      spec: '/chain-specs/devnet.json',
      bootnodes: [devnetState.P2P_WS_ADDR],
    });
  }
  const workerProxy = existsSync(path.join(here, 'pkg', 'light-client-proxy.js'))
    && existsSync(path.join(here, 'pkg', 'worker.js'));
  return { chains, package: { workerProxy } };
}

/** Starts the server; resolves to `{ url, close() }`. Port 0 picks a free port. */
export async function startServer({ port = 8080, devnetState = null } = {}) {
  const config = JSON.stringify(pageConfig(devnetState));
  const server = http.createServer(async (req, res) => {
    try {
      let p = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      if (p === '/config.json') {
        res.writeHead(200, { 'content-type': types['.json'], 'cache-control': 'no-store' });
        res.end(config);
        return;
      }
      let root = here;
      if (p.startsWith('/chain-specs/')) {
        root = specsDir;
        p = p.slice('/chain-specs'.length);
      }
      if (p.endsWith('/')) p += 'index.html';
      const file = path.join(root, path.normalize(p));
      if (!file.startsWith(root + path.sep)) throw new Error('outside the served folders');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const stateFile = arg('--devnet-state');
  const server = await startServer({
    port: Number(arg('--port') ?? 8080),
    devnetState: stateFile ? readDevnetState(stateFile) : null,
  });
  console.log(`taolight demo: ${server.url}  (Ctrl-C to stop)`);
  process.on('SIGINT', () => server.close().then(() => process.exit(0)));
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
}
