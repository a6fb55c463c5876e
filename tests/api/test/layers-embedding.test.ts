import { describe, expect, it } from 'vitest';
import { layers, ops, setRandomSeed, tensor, valueAndGrads } from '@layerwise/api';
import { checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';

describe('Embedding', () => {
  const table = wave(5 * 3, 0.4);
  const ids = tensor([[0, 2, 4], [1, 1, 0]], [2, 3], 'int32');

  it('looks rows up in embeddings [inputDim, outputDim]', () => {
    const layer = layers.embedding({ inputDim: 5, outputDim: 3 });
    layer.apply(ids);
    expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/embeddings`]);
    expect(layer.weights[0].shape).toEqual([5, 3]);
    expect(layer.countParams()).toBe(15);
    layer.setWeights([tensor(table, [5, 3])]);
    const y = layer.apply(ids);
    expect(y.shape).toEqual([2, 3, 3]);
    expect(vals(y)).toEqual(Array.from(new Float32Array([0, 2, 4, 1, 1, 0].flatMap((i) => table.slice(i * 3, i * 3 + 3)))));
    // Float indices (as a data pipeline might produce) are cast.
    expect(vals(layer.apply(tensor([[4, 0]])))).toEqual(Array.from(new Float32Array([...table.slice(12, 15), ...table.slice(0, 3)])));
    expect(layer.computeOutputShape([null, 3])).toEqual([null, 3, 3]);
    expect(layer.computeMask(ids, null)).toBeNull();
  });

  it('defaults: RandomUniform(-0.05, 0.05), reproducible with setRandomSeed; an input shape of (None,) or (inputLength,)', () => {
    setRandomSeed(11);
    const a = layers.embedding({ inputDim: 50, outputDim: 4 });
    a.apply(ids);
    setRandomSeed(11);
    const b = layers.embedding({ inputDim: 50, outputDim: 4 });
    b.apply(ids);
    const w = vals(a.getWeights()[0]);
    expect(vals(b.getWeights()[0])).toEqual(w);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(Math.max(...w) - Math.min(...w)).toBeGreaterThan(0.05);
    expect(a.getConfig().embeddingsInitializer).toEqual({ className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } });
    expect(a.batchInputShape).toEqual([null, null]);
    const fixed = layers.embedding({ inputDim: 5, outputDim: 2, inputLength: 3 });
    expect(fixed.batchInputShape).toEqual([null, 3]);
    expect(fixed.computeOutputShape([null, null])).toEqual([null, 3, 2]);
    expect(() => fixed.computeOutputShape([null, 4])).toThrow(/inputLength is 3, but the input has shape \(None, 4\)/);
  });

  it('maskZero: the mask is x != 0', () => {
    const layer = layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true });
    layer.apply(ids);
    const mask = layer.computeMask(ids, null)!;
    expect(mask.dtype).toBe('bool');
    expect(mask.shape).toEqual([2, 3]);
    expect(Array.from(mask.dataSync())).toEqual([0, 1, 1, 1, 1, 0]);
  });

  it('the gradient adds the output gradient into each looked-up row', () => {
    const layer = layers.embedding({ inputDim: 5, outputDim: 3 });
    layer.apply(ids);
    const coeffs = wave(18, 1.9);
    const { grads: [g] } = valueAndGrads(() => ops.sum(ops.mul(layer.apply(ids), tensor(coeffs, [2, 3, 3]))), [layer.embeddings!.value]);
    const expected = new Array<number>(15).fill(0);
    [0, 2, 4, 1, 1, 0].forEach((row, k) => { for (let j = 0; j < 3; j++) expected[row * 3 + j] += coeffs[k * 3 + j]; });
    expectClose(vals(g), expected, 1e-5);
  });

  it('config round-trips (the vocabulary size is not taken for an input shape); errors name the layer', () => {
    const layer = layers.embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputLength: 3, embeddingsInitializer: 'glorotUniform' });
    const copy = checkRoundTrip(layer, ids);
    expect(copy.getConfig()).toMatchObject({ inputDim: 5, outputDim: 3, maskZero: true, inputLength: 3, batchInputShape: [null, 3] });
    expect(() => layers.embedding({ inputDim: 0, outputDim: 3, name: 'e' })).toThrow('e: inputDim (the vocabulary size) must be a positive integer, got 0');
    expect(() => layers.embedding({ inputDim: 3, outputDim: 1.5, name: 'e' })).toThrow('e: outputDim must be a positive integer, got 1.5');
    expect(() => layers.embedding({ inputDim: 3, outputDim: 2, inputLength: -1, name: 'e' })).toThrow(/e: inputLength must be a positive integer/);
    expect(layers.registeredLayerClasses()).toContain('Embedding');
  });
});
