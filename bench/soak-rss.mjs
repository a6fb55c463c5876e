#!/usr/bin/env node
// Where a long training run's RSS goes: trains an MLP (features -> 128 -> 10, batch 32, Adam)
// for up to --batches batches and prints, at 1k, 2k, 4k, ... batches, the RSS, V8's heap
// (used after a full GC when run with --expose-gc, and the capacity of each space), external
// memory and the backend's live buffers. Live data that stays flat while RSS rises is V8 or
// an allocator growing its reservation (warm-up), not a leak: see bench/README.md, "Long runs".
//
//   node --expose-gc bench/soak-rss.mjs [--backend cpu|wasm] [--batches N] [--features F]
import v8 from 'node:v8';
import { setup } from './lib/impl-layerwise.mjs';
import { mlp, option } from './lib/script.mjs';

const backend = option('backend', 'cpu');
const total = Number(option('batches', 32000));
const features = Number(option('features', 64));

await setup(backend);
const api = await import('@layerwise/api');
const n = 256;
const batchSize = 32;
const x = { data: new Float32Array(n * features).map((_, i) => Math.sin(i)), shape: [n, features] };
const y = { data: new Float32Array(n * 10).map((_, i) => (i % 10 === 0 ? 1 : 0)), shape: [n, 10] };
const model = mlp(api, features, 128, ['acc']);

const mb = (v) => (v / 2 ** 20).toFixed(1);
const space = (name) => v8.getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_size ?? 0;
console.log(`backend ${backend}, MLP ${features}-128-10, batch ${batchSize}, gc before each sample: ${typeof globalThis.gc === 'function'}`);
console.log('batches   rss  heapUsed  heapTotal  new_space  old_space  external  buffers');
let done = 0;
let mark = 1000;
const t0 = Date.now();
while (done < total) {
  await model.fit(x, y, { epochs: 1, batchSize, verbose: 0 });
  done += n / batchSize;
  if (done < mark) continue;
  mark *= 2;
  globalThis.gc?.();
  const m = process.memoryUsage();
  console.log([String(done).padStart(7), mb(m.rss).padStart(5), mb(m.heapUsed).padStart(9), mb(m.heapTotal).padStart(10),
    mb(space('new_space')).padStart(10), mb(space('old_space')).padStart(10), mb(m.external).padStart(9),
    String(api.memory().buffers).padStart(8), `  (${((Date.now() - t0) / 1000).toFixed(0)} s)`].join(' '));
}
