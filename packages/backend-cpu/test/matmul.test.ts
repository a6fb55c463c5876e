import { describe, it, expect } from 'vitest';
import { k, t, read, rand, expectClose } from './helpers.js';

/** Naive float64 reference on [batch, m, k] x [batch, k, n] with transposes and batch broadcast. */
function naive(a: Float32Array, b: Float32Array, ba: number, bb: number, m: number, kk: number, n: number, ta: boolean, tb: boolean) {
  const batch = Math.max(ba, bb);
  const out = new Float64Array(batch * m * n);
  for (let z = 0; z < batch; z++) {
    const ao = (ba === 1 ? 0 : z) * m * kk, bo = (bb === 1 ? 0 : z) * kk * n;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < kk; p++) s += a[ao + (ta ? p * m + i : i * kk + p)] * b[bo + (tb ? j * kk + p : p * n + j)];
      out[(z * m + i) * n + j] = s;
    }
  }
  return out;
}

function check(ba: number, bb: number, m: number, kk: number, n: number, ta: boolean, tb: boolean, seed: number) {
  const av = rand(ba * m * kk, seed), bv = rand(bb * kk * n, seed + 7);
  const a = t(av, ta ? [ba, kk, m] : [ba, m, kk]);
  const b = t(bv, tb ? [bb, n, kk] : [bb, kk, n]);
  expectClose(read(k.matmul(a, b, ta, tb)), naive(av, bv, ba, bb, m, kk, n, ta, tb), 1e-5);
  k.dispose(a.buffer); k.dispose(b.buffer);
}

describe('matmul', () => {
  it('hand-computed 2x3 @ 3x2', () => {
    const a = t([1, 2, 3, 4, 5, 6], [1, 2, 3]);
    const b = t([7, 8, 9, 10, 11, 12], [1, 3, 2]);
    expect(read(k.matmul(a, b, false, false))).toEqual([58, 64, 139, 154]);
    // a^T: [1, 3, 2] read as transposed [2, 3]
    const at = t([1, 4, 2, 5, 3, 6], [1, 3, 2]);
    expect(read(k.matmul(at, b, true, false))).toEqual([58, 64, 139, 154]);
    const bt = t([7, 9, 11, 8, 10, 12], [1, 2, 3]);
    expect(read(k.matmul(a, bt, false, true))).toEqual([58, 64, 139, 154]);
    expect(read(k.matmul(at, bt, true, true))).toEqual([58, 64, 139, 154]);
  });

  it('random odd sizes against a naive reference, every transpose', () => {
    let seed = 1;
    for (const ta of [false, true]) for (const tb of [false, true]) {
      check(1, 1, 37, 53, 29, ta, tb, seed++);
      check(1, 1, 5, 300, 7, ta, tb, seed++); // k spans more than one KC block
      check(1, 1, 70, 3, 1030, ta, tb, seed++); // n spans more than one NC panel, m more than one MC block
      check(1, 1, 1, 1, 1, ta, tb, seed++);
    }
  });

  it('batch broadcasting', () => {
    for (const [ba, bb] of [[3, 3], [1, 4], [4, 1]]) {
      for (const ta of [false, true]) for (const tb of [false, true]) check(ba, bb, 9, 6, 11, ta, tb, ba * 10 + bb);
    }
  });

  it('size-0 dims', () => {
    expect(read(k.matmul(t([], [1, 0, 3]), t(rand(6), [1, 3, 2]), false, false))).toEqual([]);
    expect(read(k.matmul(t([], [2, 2, 0]), t([], [2, 0, 3]), false, false))).toEqual(new Array(12).fill(0));
    expect(read(k.matmul(t([], [0, 2, 3]), t(rand(6), [1, 3, 2]), false, false))).toEqual([]);
  });
});

describe('fusedMatMul', () => {
  it('bias and each activation agree with matmul + add + activation', () => {
    const av = rand(5 * 7, 11), bv = rand(7 * 6, 12), bias = rand(6, 13);
    const ref = naive(av, bv, 1, 1, 5, 7, 6, false, false).map((v, i) => v + bias[i % 6]);
    const acts = {
      linear: (v: number) => v, relu: (v: number) => Math.max(0, v),
      sigmoid: (v: number) => 1 / (1 + Math.exp(-v)), tanh: Math.tanh,
    };
    for (const [name, f] of Object.entries(acts)) {
      const out = k.fusedMatMul(t(av, [1, 5, 7]), t(bv, [1, 7, 6]), t(bias, [6]), name as keyof typeof acts, false, false);
      expectClose(read(out), Array.from(ref, f), 1e-5);
    }
    const noBias = k.fusedMatMul(t(av, [1, 5, 7]), t(bv, [1, 7, 6]), null, 'linear', false, false);
    expectClose(read(noBias), naive(av, bv, 1, 1, 5, 7, 6, false, false), 1e-5);
    const bt = k.fusedMatMul(t(av, [1, 7, 5]), t(bv, [1, 6, 7]), t(bias, [6]), 'relu', true, true);
    expectClose(read(bt), Array.from(naive(av, bv, 1, 1, 5, 7, 6, true, true), (v, i) => Math.max(0, v + bias[i % 6])), 1e-5);
  });
});
