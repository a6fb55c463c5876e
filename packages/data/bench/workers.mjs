// Batches/s from a CPU-bound Sequence (~20 ms per getItem), 40 batches:
// workers 1 on the main thread vs workers 2 with useMultiprocessing.
// Each is run 3 times; the median rate is compared (the machine may be shared).
// Run after building: node bench/workers.mjs [batches] [msPerItem]
import os from 'node:os';
import { createBatchSource } from '../dist/index.js';

const batches = Number(process.argv[2] ?? 40);
const ms = Number(process.argv[3] ?? 20);
const spec = { moduleUrl: new URL('./cpu-sequence.mjs', import.meta.url).href, exportName: 'CpuSequence', args: [batches, ms] };

async function run(label, options) {
  const src = await createBatchSource(spec, options); // worker start-up is not timed
  const t0 = performance.now();
  let n = 0;
  for await (const [x, y] of src.epoch(0)) {
    if (y.data[0] !== n || x.data.length === 0) throw new Error(`out of order: got ${y.data[0]}, expected ${n}`);
    n++;
  }
  const s = (performance.now() - t0) / 1000;
  await src.close();
  const rate = n / s;
  console.log(`${label.padEnd(40)} ${n} batches in ${s.toFixed(3)} s = ${rate.toFixed(1)} batches/s`);
  return rate;
}

console.log(`${os.cpus().length} CPUs, node ${process.version}, ${batches} batches, ~${ms} ms CPU per getItem`);
async function median(label, options) {
  const rates = [];
  for (let r = 0; r < 3; r++) rates.push(await run(label, options));
  return rates.sort((a, b) => a - b)[1];
}
const one = await median('workers 1 (main thread)', { workers: 1 });
const two = await median('workers 2, useMultiprocessing', { workers: 2, useMultiprocessing: true });
console.log(`median: workers 1 ${one.toFixed(1)} batches/s, workers 2 ${two.toFixed(1)} batches/s, speed-up ${(two / one).toFixed(2)}x`);
