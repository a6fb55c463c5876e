import { describe, expect, it } from 'vitest';
import { Tensor, input, layers, memory, tensor } from '@layerwise/api';
import { values } from './sequential-helpers.js';

const A = [[1, -2, 3], [0.5, 4, -1]];
const B = [[2, 2, -3], [1, -4, 0]];

async function run(layer: { apply(x: Tensor[]): Tensor }, xs: (number[][] | number[][][] | Tensor)[]): Promise<{ shape: number[]; v: number[] }> {
  const ts = xs.map((x) => (x instanceof Tensor ? x : tensor(x)));
  const y = layer.apply(ts);
  const out = { shape: y.shape, v: await values(y) };
  y.dispose();
  for (const t of ts) t.dispose();
  return out;
}

describe('merge layers', () => {
  it('elementwise merges match the float64 formulas', async () => {
    const zip = (f: (...v: number[]) => number, ...xs: number[][][]) => xs[0].flat().map((_, i) => f(...xs.map((x) => x.flat()[i])));
    const C = [[0, 1, 1], [2, 2, -2]];
    const before = memory().buffers;
    expect((await run(layers.add(), [A, B, C])).v).toEqual(zip((a, b, c) => a + b + c, A, B, C));
    expect((await run(layers.subtract(), [A, B])).v).toEqual(zip((a, b) => a - b, A, B));
    expect((await run(layers.multiply(), [A, B, C])).v).toEqual(zip((a, b, c) => a * b * c, A, B, C));
    (await run(layers.average(), [A, B, C])).v.forEach((v, i) => expect(v).toBeCloseTo(zip((a, b, c) => (a + b + c) / 3, A, B, C)[i], 6));
    expect((await run(layers.maximum(), [A, B])).v).toEqual(zip(Math.max, A, B));
    expect((await run(layers.minimum(), [A, B])).v).toEqual(zip(Math.min, A, B));
    expect(memory().buffers).toBe(before);
  });

  it('inputs of lower rank gain axes after the batch axis (Keras 2.2.4 _Merge)', async () => {
    const x = input({ shape: [3] });
    const y = input({ shape: [2, 3] });
    expect(layers.add().apply([x, y]).shape).toEqual([null, 2, 3]);
    const seq = [[[1, 1, 1], [2, 2, 2]], [[0, 0, 0], [-1, -1, -1]]];
    const r = await run(layers.add(), [A, seq]);
    expect(r.shape).toEqual([2, 2, 3]);
    expect(r.v).toEqual([2, -1, 4, 3, 0, 5, 0.5, 4, -1, -0.5, 3, -2]);
    expect(layers.multiply().apply([input({ shape: [4, 1] }), input({ shape: [4, 5] })]).shape).toEqual([null, 4, 5]);
  });

  it('shape errors name the layer and both shapes', () => {
    expect(() => layers.add({ name: 'plus' }).apply([input({ shape: [3] }), input({ shape: [4] })]))
      .toThrow(/plus: operands could not be broadcast together with shapes \(3,\) \(4,\)/);
    expect(() => layers.subtract({ name: 'minus' }).apply([input({ shape: [3] }), input({ shape: [3] }), input({ shape: [3] })]))
      .toThrow(/minus: a Subtract layer takes a list of exactly 2 inputs, got 3 input\(s\)/);
    expect(() => layers.add({ name: 'single' }).apply(input({ shape: [3] }))).toThrow(/single: a Add layer takes a list of at least 2 inputs, got one input \(None, 3\)/);
    expect(() => layers.concatenate({ name: 'cat' }).apply([input({ shape: [2, 3] }), input({ shape: [4, 3] })]))
      .toThrow(/cat: .*match except on the concat axis; got \(None, 2, 3\), \(None, 4, 3\)/);
    expect(() => layers.dot({ axes: 1, name: 'dp' }).apply([input({ shape: [3] }), input({ shape: [4] })]))
      .toThrow(/dp: dimension incompatibility 3 != 4/);
  });

  it('concatenate joins along its axis', async () => {
    const r = await run(layers.concatenate(), [A, [[9], [8]]]);
    expect(r.shape).toEqual([2, 4]);
    expect(r.v).toEqual([1, -2, 3, 9, 0.5, 4, -1, 8]);
    expect(layers.concatenate({ axis: 1 }).apply([input({ shape: [2, 3] }), input({ shape: [5, 3] })]).shape).toEqual([null, 7, 3]);
  });

  it('dot: batch_dot over the given axes, with and without normalize', async () => {
    const r = await run(layers.dot({ axes: 1 }), [A, B]);
    expect(r.shape).toEqual([2, 1]);
    expect(r.v).toEqual([1 * 2 + -2 * 2 + 3 * -3, 0.5 * 1 + 4 * -4 + -1 * 0]);
    const n = await run(layers.dot({ axes: -1, normalize: true }), [A, B]);
    const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    A.forEach((a, i) => expect(n.v[i]).toBeCloseTo(a.reduce((s, x, j) => s + x * B[i][j], 0) / norm(a) / norm(B[i]), 6));
    // [b, 2, 3] . [b, 4, 3] on axes (2, 2) -> [b, 2, 4]: every pair of rows.
    const P = [[[1, 0, 2], [0, 1, -1]]];
    const Q = [[[1, 1, 1], [2, 0, 0], [0, 3, 0], [-1, 0, 1]]];
    const m = await run(layers.dot({ axes: [2, 2] }), [P, Q]);
    expect(m.shape).toEqual([1, 2, 4]);
    expect(m.v).toEqual([3, 2, 0, 1, 0, 0, 3, -1]);
    expect(layers.dot({ axes: [1, 2] }).apply([input({ shape: [3, 5] }), input({ shape: [7, 3] })]).shape).toEqual([null, 5, 7]);
  });

  it('masks: elementwise merges AND the masks, concatenate keeps a step only where every input does', async () => {
    const x = tensor([[[1], [0]], [[0], [2]]]);
    const y = tensor([[[1], [1]], [[1], [0]]]);
    const m1 = tensor([[true, false], [false, true]], undefined, 'bool');
    const m2 = tensor([[true, true], [true, false]], undefined, 'bool');
    const add = layers.add();
    const am = add.computeMask([x, y], [m1, m2]) as Tensor;
    expect(await values(am)).toEqual([1, 0, 0, 0]);
    expect(add.computeMask([x, y], [m1, null])).toBe(m1);
    expect(add.computeMask([x, y], null)).toBeNull();
    const cm = layers.concatenate().computeMask([x, y], [m1, null]) as Tensor;
    expect(cm.shape).toEqual([2, 2]);
    expect(await values(cm)).toEqual([1, 0, 0, 1]);
    for (const t of [x, y, m1, m2, am, cm]) t.dispose();
  });
});
