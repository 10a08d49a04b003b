// Runs the stake quote loop compiled to wasm32-unknown-unknown in Node and prints quotes/s
// (wall and process CPU), for comparison with the native run of the same loop. Build first:
//   (cd core/benches/stake-wasm && cargo build --release --target wasm32-unknown-unknown)
import { readFile } from 'node:fs/promises';
import { argv } from 'node:process';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const file = argv[2] || path.join(here, '../../core/benches/stake-wasm/target/wasm32-unknown-unknown/release/stake_wasm_bench.wasm');
const { instance } = await WebAssembly.instantiate(await readFile(file), {});

function measure(name, fn, n) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const checksum = fn(n);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  const cpu = Math.max((c.user + c.system) / 1e6, 0.01);
  console.log(`wasm ${name}: ${n} quotes, ${wall.toFixed(3)} s wall (${(n / wall).toFixed(0)}/s), ` +
    `${cpu.toFixed(2)} s CPU (${(n / cpu).toFixed(0)}/s per core), checksum ${BigInt.asUintN(64, checksum)}`);
}

measure('exact', instance.exports.quotes_exact, 300000);
measure('fallback', instance.exports.quotes_fallback, 3000);
