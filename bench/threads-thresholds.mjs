#!/usr/bin/env node
// Measures, call by call, where running on 2 threads beats 1 in layerwise's wasm backend, to
// set the thresholds in packages/backend-wasm/src/threads/plan.ts. One process on the
// threaded build with 2 threads; each size runs serial (XNNPACK's pool off, or one part) and
// parallel (pool on, or two parts) in alternation, and the medians are compared.
//
// --gap US follows every call with US microseconds of work on the calling thread (the rest of
// a training step), so each threaded call finds the workers gone back to sleep, as in training:
// back-to-back calls (--gap 0) find them still spinning and flatter the threads.
//
//   node bench/threads-thresholds.mjs [--rounds N] [--gap US] [--only gemm,conv,transpose,adam,fewRows,filterGrad,pool]
import { loadavg } from 'node:os';
import { createWasmKernel } from '@layerwise/backend-wasm';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const rounds = Number(opt('--rounds', 7));
const gapUs = Number(opt('--gap', 0));
const only = opt('--only', 'gemm,conv,transpose,adam,fewRows,filterGrad,pool').split(',');

const kernel = await createWasmKernel({ threads: 2 });
if (kernel.threads !== 2) throw new Error(`needs 2 threads, got ${kernel.threads} (${kernel.fallbackReason})`);
// The backend's Runtime (internal): run(name, inputs, attrs, threaded) and split(name, parts).
const rt = kernel.rt;
const values = (n) => Float32Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
const up = (shape) => rt.upload(values(shape.reduce((a, b) => a * b, 1)), shape, 'float32');
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

/** Busy work on this thread for `us` microseconds. */
function gap(us) {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
}

/**
 * Median microseconds per call of `serial()` and `parallel()`, alternated `rounds` times
 * (each call followed by the gap, which is not counted).
 */
function ab(serialCall, parallelCall) {
  const serial = gapUs > 0 ? () => { serialCall(); gap(gapUs); } : serialCall;
  const parallel = gapUs > 0 ? () => { parallelCall(); gap(gapUs); } : parallelCall;
  for (let i = 0; i < 3; i++) { serial(); parallel(); }
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) serial();
    if (performance.now() - t0 > 5 || reps > 1 << 14) break;
    reps *= 2;
  }
  const s = [];
  const p = [];
  for (let r = 0; r < rounds; r++) {
    for (const [fn, out] of [[serial, s], [parallel, p]]) {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) fn();
      out.push(((performance.now() - t0) / reps) * 1000 - gapUs);
    }
  }
  return { serial: median(s), parallel: median(p) };
}

const rows = [];
function report(kind, size, unit, r) {
  const speedup = r.serial / r.parallel;
  rows.push({ kind, size, unit, ...r, speedup });
  console.log(`${kind.padEnd(10)} ${String(size).padStart(10)} ${unit.padEnd(16)} 1 thread ${r.serial.toFixed(1).padStart(9)} us   2 threads ${r.parallel.toFixed(1).padStart(9)} us   ${speedup.toFixed(2)}x`);
}

const free = (t) => rt.free(t);

/** Two halves of [0, n) with starts aligned to `align`. */
const halves = (n, align = 1) => {
  const mid = Math.round(n / 2 / align) * align;
  return [[0, mid], [mid, n]];
};

if (only.includes('gemm')) {
  // [rows, k] @ [k, n]: the MLP's shapes (k 784 / 128, n 128 / 10) and squares.
  for (const [m, k, n] of [[8, 128, 128], [16, 128, 128], [32, 128, 128], [64, 128, 128], [128, 128, 128], [32, 784, 128], [64, 784, 128],
    [128, 784, 128], [128, 128, 10], [784, 128, 128], [256, 256, 256], [512, 512, 512]]) {
    const a = up([1, m, k]);
    const b = up([1, k, n]);
    const call = (threaded) => () => free(rt.run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false }, threaded));
    report('gemm', m * k * n, `MACs ${m}x${k}x${n}`, ab(call(false), call(true)));
    free(a);
    free(b);
  }
}

if (only.includes('conv')) {
  // NHWC conv 3x3, the CNN's layers at several batch sizes.
  for (const [batch, hw, inC, outC] of [[1, 28, 1, 32], [4, 28, 1, 32], [16, 28, 1, 32], [64, 28, 1, 32], [1, 13, 32, 64], [4, 13, 32, 64], [16, 13, 32, 64], [64, 13, 32, 64]]) {
    const x = up([batch, hw, hw, inC]);
    const f = up([3, 3, inC, outC]);
    const out = hw - 2;
    const call = (threaded) => () => free(rt.run('Conv2D', { x, filter: f }, { strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [0, 0], [0, 0], [0, 0]], dataFormat: 'NHWC', dimRoundingMode: undefined }, threaded));
    report('conv', batch * out * out * outC * 9 * inC, `MACs ${batch}x${hw}x${hw}x${inC}->${outC}`, ab(call(false), call(true)));
    free(x);
    free(f);
  }
}

if (only.includes('transpose')) {
  for (const [r, c] of [[64, 128], [128, 128], [128, 256], [128, 512], [128, 784], [256, 784], [512, 784], [1024, 1024]]) {
    const x = up([r, c]);
    const y = rt.empty([c, r], 'float32');
    const parts = (ranges) => ranges.map(([r0, r1]) => [rt.ptr(x), rt.ptr(y), 1, r, c, 1, r0, r1]);
    report('transpose', r * c, `floats ${r}x${c}`, ab(() => rt.split('transpose4', parts([[0, r]])), () => rt.split('transpose4', parts(halves(r, 4)))));
    free(x);
    free(y);
  }
}

if (only.includes('adam')) {
  for (const n of [1 << 10, 1 << 12, 1 << 13, 1 << 14, 1 << 15, 1 << 16, 1 << 17, 100352, 1 << 18, 1 << 20]) {
    const ts = [0, 1, 2, 3, 4, 5, 6].map(() => up([n]));
    const ptrs = ts.map((t) => rt.ptr(t));
    const scalars = [0.9, 0.1, 0.999, 0.001, 0.001, 1e-7];
    const parts = (ranges) => ranges.map(([s, e]) => [...ptrs.map((p) => p + 4 * s), e - s, ...scalars]);
    report('adam', n, 'floats', ab(() => rt.split('adam_step', parts([[0, n]])), () => rt.split('adam_step', parts(halves(n, 4)))));
    ts.forEach(free);
  }
}

if (only.includes('fewRows')) {
  // m rows of [m, 784] @ [784, 128] (mm_rows) and of [m, 128] @ [10, 128]^T (mm_dots).
  for (const [m, k, n] of [[2, 784, 128], [4, 784, 128], [8, 784, 128], [16, 784, 128], [32, 784, 128], [8, 128, 128], [32, 128, 128]]) {
    const a = up([m, k]);
    const b = up([k, n]);
    const c = rt.empty([m, n], 'float32');
    const parts = (ranges) => ranges.map(([i0, i1]) => [rt.ptr(a) + 4 * i0 * k, k, 1, rt.ptr(b), rt.ptr(c) + 4 * i0 * n, 0, i1 - i0, k, n, 0]);
    report('fewRows', m * k * n, `MACs ${m}x${k}x${n}`, ab(() => rt.split('mm_rows', parts([[0, m]])), () => rt.split('mm_rows', parts(halves(m)))));
    [a, b, c].forEach(free);
  }
}

if (only.includes('filterGrad')) {
  for (const [batch, hw, inC, outC] of [[1, 28, 1, 32], [4, 28, 1, 32], [16, 28, 1, 32], [64, 28, 1, 32], [1, 13, 32, 64], [4, 13, 32, 64], [16, 13, 32, 64], [64, 13, 32, 64]]) {
    const out = hw - 2;
    const x = up([batch, hw, hw, inC]);
    const dy = up([batch, out, out, outC]);
    const dw = rt.fill([3, 3, inC, outC], 0, 'float32');
    const taps = 9 * inC;
    const common = [rt.ptr(x), rt.ptr(dy), rt.ptr(dw), batch, hw, hw, inC, out, out, outC, 3, 3, 1, 1, 1, 1, 0, 0];
    const parts = (ranges) => ranges.map(([t0, t1]) => [...common, t0, t1]);
    report('filterGrad', batch * out * out * outC * taps, `MACs ${batch}x${hw}x${hw}x${inC}->${outC}`,
      ab(() => rt.split('conv_filter_grad', parts([[0, taps]])), () => rt.split('conv_filter_grad', parts(halves(taps)))));
    [x, dy, dw].forEach(free);
  }
}

if (only.includes('pool')) {
  // 2x2 max pool, stride 2, over the CNN's activations.
  for (const [batch, hw, c] of [[1, 26, 32], [2, 26, 32], [4, 26, 32], [8, 26, 32], [16, 26, 32], [64, 26, 32], [64, 11, 64]]) {
    const x = up([batch, hw, hw, c]);
    const o = Math.floor(hw / 2);
    const y = rt.empty([batch, o, o, c], 'float32');
    const parts = (ranges) => ranges.map(([b0, b1]) => [rt.ptr(x) + 4 * b0 * hw * hw * c, rt.ptr(y) + 4 * b0 * o * o * c, b1 - b0, hw, hw, c, o, o, 2, 2, 2, 2, 0, 0, 0]);
    report('pool', batch * o * o * c * 4, `taps ${batch}x${hw}x${hw}x${c}`, ab(() => rt.split('pool', parts([[0, batch]])), () => rt.split('pool', parts(halves(batch)))));
    [x, y].forEach(free);
  }
}

console.log(`\nload average (1 min) at the end: ${loadavg()[0].toFixed(2)}`);
console.log(JSON.stringify({ load: loadavg()[0], rows }));
