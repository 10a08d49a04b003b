// A TCP proxy that makes a loopback connection behave like a wide-area link: every chunk is
// delayed by a fixed one-way latency and each direction is limited to a bandwidth (bytes are
// released in order, no faster than the rate). Used by scripts/bench/lightclient.sh to compare
// cold and warm light-client starts over a link where downloads and round trips cost time
// (BENCHMARKS.md). Node's standard library only.
//
//   node scripts/bench/wan-proxy.mjs LISTEN_PORT UPSTREAM_HOST:PORT [--delay-ms 40] [--mbit 10]
//
// Prints "listening <port>" on stdout once ready; on SIGTERM/SIGINT prints one JSON line with the
// connections and bytes it carried, then exits.
import net from 'node:net';

const args = process.argv.slice(2);
const usage = 'usage: wan-proxy.mjs LISTEN_PORT UPSTREAM_HOST:PORT [--delay-ms N] [--mbit N]';
if (args.length < 2) {
  console.error(usage);
  process.exit(2);
}
const listenPort = Number(args[0]);
const [upHost, upPort] = args[1].split(':');
let delayMs = 40;
let mbit = 10;
for (let i = 2; i < args.length; i += 2) {
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v < 0) {
    console.error(usage);
    process.exit(2);
  }
  if (args[i] === '--delay-ms') delayMs = v;
  else if (args[i] === '--mbit') mbit = v;
  else {
    console.error(usage);
    process.exit(2);
  }
}
const bytesPerMs = (mbit * 1e6) / 8 / 1000;
const stats = { connections: 0, bytes_down: 0, bytes_up: 0, delay_ms: delayMs, mbit };

// One direction of a link: chunks leave `to` in order, each at
// max(arrival + delay, end of the previous chunk's transmission) + its own transmission time.
function link(from, to, counter) {
  let lineFreeAt = 0;
  let pending = 0;
  from.on('data', (chunk) => {
    stats[counter] += chunk.length;
    const now = performance.now();
    const start = Math.max(now + delayMs, lineFreeAt);
    lineFreeAt = start + (bytesPerMs > 0 ? chunk.length / bytesPerMs : 0);
    pending++;
    // A sender that is far ahead of the line waits (like a full TCP window).
    if (lineFreeAt - now > 2000) from.pause();
    setTimeout(() => {
      pending--;
      if (!to.destroyed) to.write(chunk);
      if (from.isPaused() && lineFreeAt - performance.now() < 500) from.resume();
    }, lineFreeAt - now);
  });
  from.on('end', () => {
    const wait = () => (pending ? setTimeout(wait, 5) : to.end());
    wait();
  });
}

const server = net.createServer((client) => {
  stats.connections++;
  const upstream = net.connect(Number(upPort), upHost);
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  link(client, upstream, 'bytes_up');
  link(upstream, client, 'bytes_down');
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', () => upstream.end());
  upstream.on('close', () => client.end());
});
server.listen(listenPort, '127.0.0.1', () => console.log(`listening ${listenPort}`));
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    console.log(JSON.stringify(stats));
    process.exit(0);
  });
}
