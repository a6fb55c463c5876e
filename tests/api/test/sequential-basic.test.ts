import { describe, expect, it } from 'vitest';
import { Sequential, layers, memory, optimizers, tensor, setRandomSeed } from '@layerwise/api';

describe('Sequential basics', () => {
  it('one SGD step on a linear model matches the hand-computed update', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros', biasInitializer: 'zeros' })] });
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
    const x = [[1, 2], [3, 4]];
    const y = [[1], [2]];
    const loss = await model.trainOnBatch(x, y);
    expect(loss).toBeCloseTo((1 + 4) / 2, 6);
    // d/dw mean((xw+b - y)^2) at w=0,b=0: (2/n) * sum((0 - y) * x) = -(1*[1,2] + 2*[3,4]) = [-7, -10]; db = -(1+2) = -3
    const [k, b] = model.getWeights();
    expect(Array.from(await k.data()).map((v) => +v.toFixed(5))).toEqual([0.7, 1.0]);
    expect(Array.from(await b.data()).map((v) => +v.toFixed(5))).toEqual([0.3]);
  });

  it('fit reduces the loss, reports History and frees every intermediate', async () => {
    setRandomSeed(1);
    const model = new Sequential();
    model.add(layers.dense({ units: 8, activation: 'relu', inputShape: [3] }));
    model.add(layers.dense({ units: 1 }));
    model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
    const xs = Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(i), (i % 7) / 7]);
    const ys = xs.map(([a, b, c]) => [a - 2 * b + c]);
    const untrained = memory().buffers;
    const history = await model.fit(xs, ys, { epochs: 20, batchSize: 16, verbose: 0 });
    // The first fit creates Adam's state (m, v and Keras 2's vhat placeholder per weight), nothing else.
    expect(memory().buffers).toBe(untrained + 3 * model.trainableWeights.length);
    const before = memory().buffers;
    await model.fit(xs, ys, { epochs: 2, batchSize: 16, verbose: 0 });
    expect(memory().buffers).toBe(before);
    expect(history.epoch).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(Object.keys(history.history).sort()).toEqual(['loss', 'mean_absolute_error']);
    expect(history.history.loss[19]).toBeLessThan(history.history.loss[0]);
    expect(model.metricsNames).toEqual(['loss', 'mean_absolute_error']);
    const result = await model.evaluate(xs, ys, { verbose: 0 });
    expect(Array.isArray(result)).toBe(true);
    expect(memory().buffers).toBe(before);
    const p = await model.predict(xs);
    expect(p.shape).toEqual([64, 1]);
    expect(memory().buffers).toBe(before + 1);
    p.dispose();
  });
});
