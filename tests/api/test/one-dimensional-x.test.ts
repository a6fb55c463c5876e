import { describe, expect, it } from 'vitest';
import { Sequential, layers, setRandomSeed, tensor, type Tensor } from '@layerwise/api';

// Keras 2.2.4's standardize_input_data: a 1-D array for an input of shape (None, 1) gains an axis.
function model(): Sequential {
  setRandomSeed(7);
  const m = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [1], activation: 'tanh' }), layers.dense({ units: 1 })] });
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  return m;
}
const xs = [0.5, -1, 2, 0.25];
const ys = [1, 0, 1, 0];
const values = async (t: Tensor | Tensor[]): Promise<number[]> => Array.from(await (t as Tensor).data());

describe('a 1-D x for an input of shape (None, 1)', () => {
  it('fit, evaluate, predict and predictSync take it as [n, 1], arrays and Tensors alike', async () => {
    const flat = model();
    const column = model();
    const h1 = await flat.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0, shuffle: false });
    const h2 = await column.fit(xs.map((v) => [v]), ys.map((v) => [v]), { epochs: 2, batchSize: 2, verbose: 0, shuffle: false });
    expect(h1.history.loss).toEqual(h2.history.loss);
    expect(await flat.evaluate(xs, ys, { verbose: 0 })).toEqual(await column.evaluate(xs.map((v) => [v]), ys, { verbose: 0 }));
    const want = await values(await column.predict(xs.map((v) => [v])));
    expect(await values(await flat.predict(xs))).toEqual(want);
    expect(await values(flat.predictSync(xs))).toEqual(want);
    const t = tensor(xs);
    expect(await values(await flat.predict(t))).toEqual(want);
    expect(await values(flat.predictSync(t))).toEqual(want);
    const h3 = await model().fit(t, tensor(ys), { epochs: 2, batchSize: 2, verbose: 0, shuffle: false });
    expect(h3.history.loss).toEqual(h2.history.loss);
    expect(t.isDisposed).toBe(false);
    t.dispose();
  });

  it('an input of width 2 still refuses it, naming the shapes', async () => {
    const m = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(m.fit([1, 2], [1, 2], { verbose: 0 })).rejects.toThrow(/'x' has shape \[2\] but the model expects input of shape \(None, 2\)/);
    expect(() => m.predictSync([1, 2])).toThrow(/'x' has shape \[2\] but the model expects input of shape \(None, 2\)/);
  });
});
