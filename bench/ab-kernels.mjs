// A/B of single kernels, before and after the non-finite fixes (NaN-keeping relu, max/min,
// pooling, argMax, casts; relu's gradient as a product), in one process, interleaved: each
// round times A then B (B then A the next round) on the same inputs, in process CPU time (the
// kernels run on one thread; CPU time leaves out the time a shared machine gives to others),
// and the table gives the median per call of each side and the median of the rounds' B / A.
//
//   node bench/ab-kernels.mjs --before /path/to/other/checkout [--rounds 15] [--only relu,maxPool]
//
// cpu: A is the backend-cpu built in `--before` (a checkout with `pnpm build` run), B this
// one's. wasm: tfjs-core keeps one kernel registry per process, so two tfjs-backend-wasm
// copies cannot run side by side; A is this build with the replaced kernels called the way
// they were (tfjs's Relu, Maximum, Cast, ArgMax, MaxPool, AvgPool, XNNPACK's fused relu, the
// six-kernel sign) through the same runtime. On a shared machine read the ratios.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { median } from './lib/timing.mjs';

const { values: args } = parseArgs({
  options: { before: { type: 'string' }, rounds: { type: 'string', default: '15' }, only: { type: 'string' } },
});
if (!args.before) {
  console.error('usage: node bench/ab-kernels.mjs --before <checkout> [--rounds N] [--only name,name]');
  process.exit(2);
}
const here = resolve(new URL('..', import.meta.url).pathname);
const roots = { A: resolve(args.before), B: here };
const rounds = Number(args.rounds);
const only = args.only ? args.only.split(',') : null;

const url = (root, p) => pathToFileURL(resolve(root, p)).href;
const { pool2dInfo } = await import(url(roots.B, 'packages/api/dist/index.js'));
const cpuOf = async (root) => new (await import(url(root, 'packages/backend-cpu/dist/index.js'))).CpuKernel();
const wasm = await (await import(url(roots.B, 'packages/backend-wasm/dist/index.js'))).createWasmKernel({ threads: 1 });

/**
 * The wasm kernel with the kernels the fixes replaced called as they were, on tfjs's
 * kernels (WasmKernel's private runtime `rt`, `t` and `out`: this script only).
 */
function wasmBefore(k) {
  const { rt } = k;
  const run = (name, inputs, attrs) => k.out(rt.run(name, inputs, attrs));
  const poolAttrs = (i) => ({
    filterSize: [i.filterH, i.filterW], strides: [i.strideH, i.strideW],
    pad: [[0, 0], [i.padTop, i.padBottom], [i.padLeft, i.padRight], [0, 0]], dimRoundingMode: undefined,
  });
  return Object.assign(Object.create(k), {
    unary(op, x) {
      if (op === 'relu') return run('Relu', { x: k.t(x) });
      if (op !== 'sign') return k.unary(op, x);
      // (x > 0) - (x < 0), NaN kept through IsNan + Select, as it was composed.
      const info = k.t(x);
      return k.out(rt.scoped((keep) => {
        const zero = keep(rt.scalar(0, 'float32'));
        const pos = keep(rt.run('Cast', { x: keep(rt.run('Greater', { a: info, b: zero })) }, { dtype: 'float32' }));
        const neg = keep(rt.run('Cast', { x: keep(rt.run('Less', { a: info, b: zero })) }, { dtype: 'float32' }));
        const s = keep(rt.run('Sub', { a: pos, b: neg }));
        return rt.run('Select', { condition: keep(rt.run('IsNan', { x: info })), t: info, e: s });
      }));
    },
    binary(op, a, b, outShape) {
      return op === 'maximum' ? run('Maximum', { a: k.t(a), b: k.t(b) }) : k.binary(op, a, b, outShape);
    },
    cast(x, dtype) {
      return dtype === 'int32' && x.dtype === 'float32' ? run('Cast', { x: k.t(x) }, { dtype }) : k.cast(x, dtype);
    },
    argReduce(op, x, axis) {
      return run(op === 'argMax' ? 'ArgMax' : 'ArgMin', { x: k.t(x) }, { axis });
    },
    maxPool: (x, info) => run('MaxPool', { x: k.t(x) }, poolAttrs(info)),
    avgPool: (x, info) => run('AvgPool', { x: k.t(x) }, poolAttrs(info)),
    fusedMatMul(a, b, bias, activation, transposeA, transposeB) {
      // Rows beyond FEW_ROWS (32) went to XNNPACK with the relu fused.
      if (activation !== 'relu' || a.shape[1] <= 32) return k.fusedMatMul(a, b, bias, activation, transposeA, transposeB);
      return run('_FusedMatMul', { a: k.t(a), b: k.t(b), bias: k.t(bias) }, { transposeA, transposeB, activation });
    },
  });
}

const sides = { A: { cpu: await cpuOf(roots.A), wasm: wasmBefore(wasm) }, B: { cpu: await cpuOf(roots.B), wasm } };

/** Seeded values in [-1, 1): finite, as in training (a NaN sends small-channel pooling to its slow path). */
function data(n, seed = 1) {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

const ref = (buffer, shape, dtype = 'float32') => ({ buffer, shape, dtype });

/**
 * One benchmark: `setup(kernel)` uploads inputs and returns `{ run, dispose }`, where `run`
 * makes the call (or the calls of a composition: `old` on side A, `new` on side B) and
 * disposes its outputs.
 */
const BENCHES = [];
function bench(name, backend, setup) {
  BENCHES.push({ name, backend, setup });
}

function elementwise(name, backend, shape, call) {
  bench(name, backend, (k, side) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const x = k.upload(data(n, 1), shape, 'float32');
    const y = k.upload(data(n, 2), shape, 'float32');
    const zero = k.upload(Float32Array.of(0), [], 'float32');
    const t = { x: ref(x, shape), y: ref(y, shape), zero: ref(zero, []) };
    return { run: () => call(k, t, shape, side), dispose: () => [x, y, zero].forEach((b) => k.dispose(b)) };
  });
}

for (const backend of ['cpu', 'wasm']) {
  const big = [64, 26, 26, 32]; // the first conv activation of bench/'s cnn-train
  elementwise(`relu ${big.join('x')}`, backend, big, (k, t) => k.dispose(k.unary('relu', t.x)));
  elementwise(`sign ${big.join('x')}`, backend, big, (k, t) => k.dispose(k.unary('sign', t.x)));
  elementwise(`maximum ${big.join('x')}`, backend, big, (k, t, s) => k.dispose(k.binary('maximum', t.x, t.y, s)));
  elementwise(`cast f32->i32 ${big.join('x')}`, backend, big, (k, t) => k.dispose(k.cast(t.x, 'int32')));
  // relu's gradient as the api composes it: where(x > 0, dy, 0) before, dy * sign(relu(x)) after.
  for (const shape of [big, [128, 128]]) {
    elementwise(`relu grad ${shape.join('x')}`, backend, shape, (k, t, s, side) => {
      if (side === 'A') {
        const c = k.binary('greater', t.x, t.zero, s);
        k.dispose(k.select(ref(c, s, 'bool'), t.y, t.zero, s));
        k.dispose(c);
      } else {
        const g = k.unary('sign', t.x);
        k.dispose(k.binary('mul', t.y, ref(g, s), s));
        k.dispose(g);
      }
    });
  }
  for (const [label, x, size, strides] of [['maxPool 64x26x26x32 2x2', [64, 26, 26, 32], 2, 2], ['maxPool 64x11x11x64 2x2', [64, 11, 11, 64], 2, 2],
    ['maxPool 8x32x32x3 3x3/1 same', [8, 32, 32, 3], 3, 1]]) {
    for (const op of ['maxPool', 'avgPool']) {
      const info = pool2dInfo(x, [size, size], [strides, strides], strides === 1 ? 'same' : 'valid');
      bench(label.replace('maxPool', op), backend, (k) => {
        const b = k.upload(data(x.reduce((p, d) => p * d, 1)), x, 'float32');
        return { run: () => k.dispose(k[op](ref(b, x), info)), dispose: () => k.dispose(b) };
      });
    }
  }
  for (const [rows, cols] of [[1000, 10], [128, 1000]]) {
    bench(`argMax ${rows}x${cols}`, backend, (k) => {
      const b = k.upload(data(rows * cols), [rows, cols], 'float32');
      return { run: () => k.dispose(k.argReduce('argMax', ref(b, [rows, cols]), 1)), dispose: () => k.dispose(b) };
    });
  }
  // Dense(relu) forward: the MLP's hidden layer, training batch and predict batch.
  for (const m of [128, 1000]) {
    bench(`fusedMatMul relu ${m}x784x128`, backend, (k) => {
      const a = k.upload(data(m * 784), [1, m, 784], 'float32');
      const w = k.upload(data(784 * 128, 3), [1, 784, 128], 'float32');
      const bias = k.upload(data(128, 4), [128], 'float32');
      return {
        run: () => k.dispose(k.fusedMatMul(ref(a, [1, m, 784]), ref(w, [1, 784, 128]), ref(bias, [128]), 'relu', false, false)),
        dispose: () => [a, w, bias].forEach((b) => k.dispose(b)),
      };
    });
  }
}

/** CPU milliseconds (user + system, all threads) of this process so far. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Median CPU ms per call of each side over `rounds`, each round timing enough calls to take ~20 ms, and the median of the rounds' ratios. */
async function measure(b) {
  const kernels = { A: sides.A[b.backend], B: sides.B[b.backend] };
  const ctx = { A: b.setup(kernels.A, 'A'), B: b.setup(kernels.B, 'B') };
  for (const s of ['A', 'B']) for (let i = 0; i < 3; i++) ctx[s].run();
  let reps = 1;
  const t0 = performance.now();
  ctx.B.run();
  const one = performance.now() - t0;
  reps = Math.max(1, Math.min(200, Math.round(20 / Math.max(one, 0.01))));
  const times = { A: [], B: [] };
  for (let r = 0; r < rounds; r++) {
    for (const s of r % 2 === 0 ? ['A', 'B'] : ['B', 'A']) {
      const start = cpuMs();
      for (let i = 0; i < reps; i++) ctx[s].run();
      times[s].push((cpuMs() - start) / reps);
    }
  }
  ctx.A.dispose();
  ctx.B.dispose();
  return { a: median(times.A), b: median(times.B), ratio: median(times.B.map((t, r) => t / times.A[r])) };
}

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} us` : `${ms.toFixed(2)} ms`);
console.log(`cpu: A = ${roots.A}, B = ${roots.B}; wasm: A = this build calling the replaced kernels as before\n${rounds} interleaved rounds, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
console.log('| backend | kernel | A (before), CPU time per call | B (after) | B / A (median of rounds) |');
console.log('|---|---|---|---|---|');
for (const b of BENCHES) {
  if (only && !only.some((o) => b.name.startsWith(o))) continue;
  const { a, b: bb, ratio } = await measure(b);
  console.log(`| ${b.backend} | ${b.name} | ${fmt(a)} | ${fmt(bb)} | ${ratio.toFixed(2)} |`);
}
console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
