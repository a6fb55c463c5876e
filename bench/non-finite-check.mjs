#!/usr/bin/env node
// What the non-finite check on x and y costs, relative to training on the same data: the MNIST
// MLP (784-128-10, batch 32, Adam). `fit` with epochs: 0 runs every input check and no step, so
// its time with the check minus its time with allowNonFinite: true is the check alone; the
// check runs once per fit call, so it is compared with one epoch of training.
//
//   node bench/non-finite-check.mjs [--backend cpu|wasm] [--samples N] [--repeats R]
import { setup } from './lib/impl-layerwise.mjs';
import { mlp, option } from './lib/script.mjs';

const backend = option('backend', 'cpu');
const samples = Number(option('samples', 2048));
const repeats = Number(option('repeats', 7));

await setup(backend);
const api = await import('@layerwise/api');

const x = { data: new Float32Array(samples * 784).map((_, i) => ((i * 2654435761) % 1000) / 1000), shape: [samples, 784] };
const y = { data: new Float32Array(samples * 10).map((_, i) => (i % 10 === (Math.floor(i / 10) % 10) ? 1 : 0)), shape: [samples, 10] };
const model = mlp(api, 784);

const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const median = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];

await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 }); // warm-up
const checked = [];
const unchecked = [];
const epoch = [];
for (let r = 0; r < repeats; r++) {
  checked.push(await time(() => model.fit(x, y, { epochs: 0, verbose: 0 })));
  unchecked.push(await time(() => model.fit(x, y, { epochs: 0, verbose: 0, allowNonFinite: true })));
  if (r < 3) epoch.push(await time(() => model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, allowNonFinite: true })));
}
const check = Math.max(0, median(checked) - median(unchecked));
const train = median(epoch);
const elements = samples * (784 + 10);
console.log(`backend ${backend}, ${samples} samples (${elements} values in x and y), ${repeats} repeats`);
console.log(`fit, epochs 0: ${median(checked).toFixed(2)} ms checked, ${median(unchecked).toFixed(2)} ms with allowNonFinite`);
console.log(`the check: ${check.toFixed(2)} ms (${((check * 1e6) / elements).toFixed(2)} ns a value)`);
console.log(`one epoch of training (batch 32): ${train.toFixed(1)} ms, ${(train / Math.ceil(samples / 32)).toFixed(2)} ms a step`);
console.log(`check / training: ${((100 * check) / train).toFixed(2)}%`);
