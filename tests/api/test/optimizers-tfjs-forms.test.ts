import { describe, expect, it } from 'vitest';
import { LayerVariable, optimizers, tensor } from '@layerwise/api';
import { closeTo, RefOptimizer, type RefConfig } from './optimizers-reference.js';

type Optimizer = optimizers.Optimizer;

/** Two steps on one weight, checked against the float64 Keras 2 reference after each. */
function expectSteps(opt: Optimizer, ref: RefConfig): void {
  const t = tensor([1, -2]);
  const v = new LayerVariable('w', t);
  t.dispose();
  const r = new RefOptimizer(ref);
  const w = [[1, -2]];
  for (const g of [[0.5, -1.2], [-0.7, 2.0]]) {
    const gt = tensor(g);
    opt.applyGradients([v], [gt]);
    gt.dispose();
    r.step(w, [g]);
    expect(closeTo(v.value.dataSync(), w[0]), `${opt.className}`).toBeNull();
  }
  expect(w[0]).not.toEqual([1, -2]);
  v.dispose();
  opt.dispose();
}

describe('a number given to an optimizer factory is its learning rate (tfjs\'s tf.train.adam(0.01))', () => {
  const cases: [string, () => Optimizer, RefConfig][] = [
    ['sgd(0.1)', () => optimizers.sgd(0.1), { kind: 'sgd', lr: 0.1 }],
    ['adam(0.01)', () => optimizers.adam(0.01), { kind: 'adam', lr: 0.01 }],
    ['rmsprop(0.01)', () => optimizers.rmsprop(0.01), { kind: 'rmsprop', lr: 0.01 }],
    ['adagrad(0.1)', () => optimizers.adagrad(0.1), { kind: 'adagrad', lr: 0.1 }],
    ['adadelta(0.5)', () => optimizers.adadelta(0.5), { kind: 'adadelta', lr: 0.5 }],
    ['adamax(0.01)', () => optimizers.adamax(0.01), { kind: 'adamax', lr: 0.01 }],
    ['nadam(0.01)', () => optimizers.nadam(0.01), { kind: 'nadam', lr: 0.01 }],
    // tfjs's further positional arguments, where Keras 2 has the setting.
    ['adam(0.05, 0.5, 0.8, 1e-3)', () => optimizers.adam(0.05, 0.5, 0.8, 1e-3), { kind: 'adam', lr: 0.05, beta1: 0.5, beta2: 0.8, epsilon: 1e-3 }],
    ['rmsprop(0.01, 0.5) (tfjs\'s decay is rho)', () => optimizers.rmsprop(0.01, 0.5), { kind: 'rmsprop', lr: 0.01, rho: 0.5 }],
    ['rmsprop(0.01, 0.5, 0, null, false)', () => optimizers.rmsprop(0.01, 0.5, 0, null, false), { kind: 'rmsprop', lr: 0.01, rho: 0.5 }],
    ['adadelta(0.5, 0.6, 1e-2)', () => optimizers.adadelta(0.5, 0.6, 1e-2), { kind: 'adadelta', lr: 0.5, rho: 0.6, epsilon: 1e-2 }],
    ['adamax(0.05, 0.5, 0.8, null, 0.1)', () => optimizers.adamax(0.05, 0.5, 0.8, null, 0.1), { kind: 'adamax', lr: 0.05, beta1: 0.5, beta2: 0.8, decay: 0.1 }],
    ['adagrad(0.1, 0)', () => optimizers.adagrad(0.1, 0), { kind: 'adagrad', lr: 0.1 }],
  ];
  for (const [name, make, ref] of cases) it(name, () => expectSteps(make(), ref));

  it('the learning rate really is the one given (not the default)', () => {
    expect(optimizers.adam(0.01).learningRate).toBe(0.01);
    expect(optimizers.adam().learningRate).toBe(0.001);
  });

  it('tfjs arguments Keras 2 lacks are refused, unless given their neutral value', () => {
    expect(() => optimizers.rmsprop(0.01, 0.9, 0.5)).toThrow("rmsprop: 'momentum' (positional argument 3) is not supported (Keras 2's RMSprop has no momentum), got 0.5");
    expect(() => optimizers.rmsprop(0.01, 0.9, 0, null, true)).toThrow("rmsprop: 'centered' (positional argument 5) is not supported (Keras 2's RMSprop is not centered), got true");
    expect(() => optimizers.adagrad(0.01, 0.1)).toThrow("adagrad: 'initialAccumulatorValue' (positional argument 2) must be 0 (Keras 2's Adagrad starts its accumulators at 0), got 0.1");
  });

  it('an options object and positional arguments together, or a wrong first argument, are refused', () => {
    expect(() => (optimizers.adam as (...a: unknown[]) => unknown)({ learningRate: 0.1 }, 0.9)).toThrow(
      "adam: give the options object alone, or tfjs's positional arguments (learningRate first), not both");
    expect(() => (optimizers.sgd as (...a: unknown[]) => unknown)('0.1')).toThrow('sgd: expected an options object or a learning rate (a number), got string');
    expect(() => optimizers.adam(-1)).toThrow('Adam: learningRate must be a number >= 0 or a LearningRateSchedule, got -1');
  });
});

describe("Keras 2.2's `lr` is the learning rate", () => {
  it('new RMSprop({ lr: 0.01 }) and adam({ lr }) train at that rate', () => {
    expectSteps(new optimizers.RMSprop({ lr: 0.01 }), { kind: 'rmsprop', lr: 0.01 });
    expectSteps(optimizers.adam({ lr: 0.02 }), { kind: 'adam', lr: 0.02 });
    expect(new optimizers.SGD({ lr: 0.3 }).getConfig().learningRate).toBe(0.3);
  });

  it('lr and learningRate together must agree', () => {
    expect(new optimizers.SGD({ lr: 0.3, learningRate: 0.3 }).learningRate).toBe(0.3);
    expect(() => new optimizers.SGD({ lr: 0.3, learningRate: 0.1 })).toThrow("SGD: 'lr' (0.3) and 'learningRate' (0.1) name the same setting; give one");
  });
});
