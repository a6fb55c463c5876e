// Seeded data and weights shared by both sides of every workload: one PRNG, float32 values,
// so layerwise and tfjs-layers train on bit-identical inputs from bit-identical weights.

/** mulberry32: small, fast, good enough for benchmark data. */
export function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(n, rand, lo = 0, hi = 1) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}

/**
 * MLP data: x uniform in [0, 1)^784; the label is the argmax of a fixed random linear map
 * of x - 0.5 (a learnable, roughly balanced signal), one-hot in float32.
 */
export function mlpData(n, seed = 1, features = 784, classes = 10) {
  const rand = prng(seed);
  const x = uniform(n * features, rand);
  const w = uniform(features * classes, prng(seed + 1000), -1, 1);
  const y = new Float32Array(n * classes);
  const labels = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let best = -Infinity;
    let arg = 0;
    for (let c = 0; c < classes; c++) {
      let acc = 0;
      for (let f = 0; f < features; f++) acc += (x[s * features + f] - 0.5) * w[f * classes + c];
      if (acc > best) { best = acc; arg = c; }
    }
    labels[s] = arg;
    y[s * classes + arg] = 1;
  }
  return { x, y, labels, n, features, classes, xShape: [n, features], yShape: [n, classes] };
}

/**
 * CNN data: 28x28x1 noise in [0, 0.5) with a bright 6x6 square whose position (one of 10)
 * is the class; one-hot float32 labels.
 */
export function cnnData(n, seed = 2, side = 28, classes = 10) {
  const rand = prng(seed);
  const x = uniform(n * side * side, rand, 0, 0.5);
  const y = new Float32Array(n * classes);
  for (let s = 0; s < n; s++) {
    const c = Math.floor(rand() * classes);
    y[s * classes + c] = 1;
    const r0 = 2 + 14 * Math.floor(c / 5);
    const c0 = 1 + 5 * (c % 5);
    for (let r = r0; r < r0 + 6; r++) for (let q = c0; q < c0 + 4; q++) x[s * side * side + r * side + q] += 0.5;
  }
  return { x, y, n, xShape: [n, side, side, 1], yShape: [n, classes] };
}

/**
 * LSTM data: [n, steps, features] uniform in [-1, 1); the target is the mean over time of
 * feature 0 minus half of feature 1 at the last step (a learnable signal).
 */
export function lstmData(n, seed = 3, steps = 50, features = 16) {
  const rand = prng(seed);
  const x = uniform(n * steps * features, rand, -1, 1);
  const y = new Float32Array(n);
  for (let s = 0; s < n; s++) {
    let acc = 0;
    for (let t = 0; t < steps; t++) acc += x[(s * steps + t) * features];
    y[s] = acc / steps - 0.5 * x[(s * steps + steps - 1) * features + 1];
  }
  return { x, y, n, xShape: [n, steps, features], yShape: [n, 1] };
}

/**
 * Text-classifier data: [n, steps] token ids in [1, vocab) (float32, Embedding's input) and a
 * 0/1 label: whether the first half of the sequence holds more ids below vocab / 2 than the
 * second half (a learnable, roughly balanced signal).
 */
export function textData(n, seed = 6, steps = 100, vocab = 10000) {
  const rand = prng(seed);
  const x = new Float32Array(n * steps);
  const y = new Float32Array(n);
  for (let s = 0; s < n; s++) {
    let balance = 0;
    for (let t = 0; t < steps; t++) {
      const id = 1 + Math.floor(rand() * (vocab - 1));
      x[s * steps + t] = id;
      if (id < vocab / 2) balance += t < steps / 2 ? 1 : -1;
    }
    y[s] = balance > 0 ? 1 : 0;
  }
  return { x, y, n, xShape: [n, steps], yShape: [n, 1] };
}

/** Two float32 matrices for the matmul workload. */
export function matmulData(m, k, n, seed = 4) {
  const rand = prng(seed);
  return { a: uniform(m * k, rand, -1, 1), b: uniform(k * n, rand, -1, 1), aShape: [m, k], bShape: [k, n] };
}

/**
 * Initial weights for a list of weight shapes, the same on both sides: Glorot-uniform for
 * every matrix or kernel (rank >= 2; fan-in/fan-out as Keras computes them), zeros for
 * vectors (biases), except an LSTM bias, whose forget-gate quarter is ones (unitForgetBias).
 */
export function initialWeights(shapes, seed = 5, { lstmUnits = null } = {}) {
  const rand = prng(seed);
  return shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (shape.length === 1) {
      const v = new Float32Array(size);
      if (lstmUnits !== null && size === 4 * lstmUnits) v.fill(1, lstmUnits, 2 * lstmUnits);
      return v;
    }
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    const fanIn = shape[shape.length - 2] * receptive;
    const fanOut = shape[shape.length - 1] * receptive;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return uniform(size, rand, -limit, limit);
  });
}

/** Rows [start, end) of a row-major array whose rows hold `rowSize` values (a fresh copy). */
export function rows(data, rowSize, start, end) {
  return data.slice(start * rowSize, end * rowSize);
}
