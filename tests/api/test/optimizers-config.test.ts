import { describe, expect, it } from 'vitest';
import { optimizers } from '@layerwise/api';

describe('optimizer factories, names and defaults', () => {
  it('Keras 2 defaults', () => {
    const cfg = (o: optimizers.Optimizer): Record<string, unknown> => o.getConfig();
    expect(cfg(optimizers.sgd())).toEqual({ learningRate: 0.01, decay: 0, momentum: 0, nesterov: false });
    expect(cfg(optimizers.rmsprop())).toEqual({ learningRate: 0.001, decay: 0, rho: 0.9, epsilon: 1e-7 });
    expect(cfg(optimizers.adagrad())).toEqual({ learningRate: 0.01, decay: 0, epsilon: 1e-7 });
    expect(cfg(optimizers.adadelta())).toEqual({ learningRate: 1, decay: 0, rho: 0.95, epsilon: 1e-7 });
    expect(cfg(optimizers.adam())).toEqual({ learningRate: 0.001, decay: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false });
    expect(cfg(optimizers.adamax())).toEqual({ learningRate: 0.002, decay: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(cfg(optimizers.nadam())).toEqual({ learningRate: 0.002, decay: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, scheduleDecay: 0.004 });
  });

  it('getOptimizer takes the Keras names in any case, or an instance', () => {
    const expected: Record<string, new () => optimizers.Optimizer> = {
      sgd: optimizers.SGD, rmsprop: optimizers.RMSprop, adagrad: optimizers.Adagrad, adadelta: optimizers.Adadelta,
      adam: optimizers.Adam, adamax: optimizers.Adamax, nadam: optimizers.Nadam,
    };
    for (const [name, cls] of Object.entries(expected)) {
      expect(optimizers.getOptimizer(name)).toBeInstanceOf(cls);
      expect(optimizers.getOptimizer(name.toUpperCase())).toBeInstanceOf(cls);
    }
    expect(optimizers.getOptimizer('RMSprop').className).toBe('RMSprop');
    const own = optimizers.adam({ learningRate: 0.5 });
    expect(optimizers.getOptimizer(own)).toBe(own);
    expect(() => optimizers.getOptimizer('adamw')).toThrow(
      "getOptimizer: unknown optimizer 'adamw'; known: 'sgd', 'rmsprop', 'adagrad', 'adadelta', 'adam', 'adamax', 'nadam'");
  });

  it('bad arguments are clear errors naming the optimizer and argument', () => {
    expect(() => optimizers.sgd({ learningRate: -0.1 })).toThrow('SGD: learningRate must be a number >= 0 or a LearningRateSchedule, got -0.1');
    expect(() => optimizers.adam({ learningRate: NaN })).toThrow(/Adam: learningRate must be/);
    expect(() => optimizers.adam({ beta1: 1 })).toThrow('Adam: beta1 must be in [0, 1), got 1');
    expect(() => optimizers.adam({ beta2: -0.5 })).toThrow('Adam: beta2 must be in [0, 1), got -0.5');
    expect(() => optimizers.adamax({ beta1: 1.5 })).toThrow('Adamax: beta1 must be in [0, 1), got 1.5');
    expect(() => optimizers.nadam({ beta2: 1 })).toThrow('Nadam: beta2 must be in [0, 1), got 1');
    expect(() => optimizers.nadam({ scheduleDecay: -1 })).toThrow('Nadam: scheduleDecay must be a number >= 0, got -1');
    expect(() => optimizers.nadam({ decay: 0.1 })).toThrow(/Nadam: Keras 2 Nadam has no 'decay'/);
    expect(() => optimizers.rmsprop({ rho: 1 })).toThrow('RMSprop: rho must be in [0, 1), got 1');
    expect(() => optimizers.adadelta({ rho: -0.1 })).toThrow('Adadelta: rho must be in [0, 1), got -0.1');
    expect(() => optimizers.adagrad({ epsilon: -1 })).toThrow('Adagrad: epsilon must be a number >= 0, got -1');
    expect(() => optimizers.sgd({ momentum: -0.9 })).toThrow('SGD: momentum must be >= 0, got -0.9');
    expect(() => optimizers.sgd({ clipnorm: 0 })).toThrow('SGD: clipnorm must be > 0, got 0');
    expect(() => optimizers.sgd({ clipvalue: -1 })).toThrow('SGD: clipvalue must be > 0, got -1');
    expect(() => optimizers.sgd({ decay: -1 })).toThrow('SGD: decay must be >= 0, got -1');
  });
});

describe('deserializeOptimizer', () => {
  it('reads a Keras 2.2.4 config (lr, beta_1, ...)', () => {
    const o = optimizers.deserializeOptimizer({
      class_name: 'Adam',
      config: { lr: 0.0005, beta_1: 0.8, beta_2: 0.99, decay: 0.01, epsilon: 1e-8, amsgrad: true },
    });
    expect(o).toBeInstanceOf(optimizers.Adam);
    expect(o.getConfig()).toEqual({ learningRate: 0.0005, decay: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-8, amsgrad: true });
  });

  it('reads Keras 2.3 / tf.keras configs (learning_rate, name, schedule_decay, clipnorm)', () => {
    const n = optimizers.deserializeOptimizer({ className: 'Nadam', config: { name: 'Nadam', learning_rate: 0.003, schedule_decay: 0.01, clipnorm: 2 } });
    expect(n).toBeInstanceOf(optimizers.Nadam);
    expect(n.getConfig()).toMatchObject({ learningRate: 0.003, scheduleDecay: 0.01, clipnorm: 2 });
    const s = optimizers.deserializeOptimizer({ className: 'sgd', config: { learning_rate: 0.1, momentum: 0.9, nesterov: true, clipvalue: 0.5 } });
    expect(s.getConfig()).toEqual({ learningRate: 0.1, decay: 0, momentum: 0.9, nesterov: true, clipvalue: 0.5 });
  });

  it('round-trips every optimizer through getConfig, including a schedule as the learning rate', () => {
    const all = [
      optimizers.sgd({ learningRate: 0.2, momentum: 0.5, nesterov: true, decay: 0.1 }),
      optimizers.rmsprop({ rho: 0.8, epsilon: 1e-5, clipnorm: 3 }),
      optimizers.adagrad({ learningRate: 0.3 }),
      optimizers.adadelta({ rho: 0.9 }),
      optimizers.adam({ amsgrad: true, beta1: 0.7 }),
      optimizers.adamax({ beta2: 0.9 }),
      optimizers.nadam({ learningRate: new optimizers.PiecewiseConstantDecay({ boundaries: [5], values: [0.1, 0.01] }), scheduleDecay: 0.002 }),
    ];
    for (const o of all) {
      const json = JSON.parse(JSON.stringify({ className: o.className, config: o.getConfig() })) as { className: string; config: Record<string, unknown> };
      const back = optimizers.deserializeOptimizer(json);
      expect(back.className).toBe(o.className);
      expect(back.getConfig()).toEqual(o.getConfig());
    }
    const back = optimizers.deserializeOptimizer({ className: 'Nadam', config: all[6].getConfig() });
    expect(back.learningRate).toBeInstanceOf(optimizers.PiecewiseConstantDecay);
    expect(back.currentLearningRate()).toBe(0.1);
  });

  it('unknown classes, unknown keys, wrong kinds and conflicting spellings are errors', () => {
    expect(() => optimizers.deserializeOptimizer({ className: 'Ftrl', config: {} })).toThrow(/deserializeOptimizer: unknown optimizer 'Ftrl'; known: 'sgd', 'rmsprop'/);
    // tfjs's Adagrad starts its accumulators at initial_accumulator_value; Keras 2's at 0 (which is accepted).
    expect(() => optimizers.deserializeOptimizer({ className: 'Adagrad', config: { initial_accumulator_value: 0.1 } })).toThrow(
      "Adagrad: initialAccumulatorValue 0.1 (tfjs's) is not supported: Keras 2's Adagrad starts its accumulators at 0");
    expect(optimizers.deserializeOptimizer({ className: 'Adagrad', config: { initial_accumulator_value: 0 } })).toBeInstanceOf(optimizers.Adagrad);
    expect(() => optimizers.deserializeOptimizer({ className: 'Adagrad', config: { initial_accumulators: 0 } })).toThrow(/deserializeOptimizer\(Adagrad\): unknown config key 'initial_accumulators'/);
    // tfjs's RMSProp (exact spelling): decay is rho; momentum and centered have no Keras 2 equivalent.
    const tfjsRms = optimizers.deserializeOptimizer({ className: 'RMSProp', config: { learning_rate: 0.01, decay: 0.8, momentum: 0, epsilon: 1e-7, centered: false } });
    expect([tfjsRms.className, (tfjsRms as optimizers.RMSprop).rho, tfjsRms.decay]).toEqual(['RMSprop', 0.8, 0]);
    expect(() => optimizers.deserializeOptimizer({ className: 'RMSProp', config: { learning_rate: 0.01, momentum: 0.9 } })).toThrow("tfjs's RMSProp with momentum 0.9 has no Keras 2 equivalent");
    expect(() => optimizers.deserializeOptimizer({ className: 'RMSProp', config: { learning_rate: 0.01, centered: true } })).toThrow("tfjs's centered RMSProp has no Keras 2 equivalent");
    expect(() => optimizers.deserializeOptimizer({ className: 'Adam', config: { beta_1: '0.9' } })).toThrow(/'beta_1' must be a number, got string/);
    expect(() => optimizers.deserializeOptimizer({ className: 'SGD', config: { lr: 0.1, learning_rate: 0.2 } })).toThrow(/'lr' = 0.1 and 'learning_rate' = 0.2; they name the same setting/);
    expect(() => optimizers.deserializeOptimizer({ className: 'Adam', config: { beta_1: 2 } })).toThrow('Adam: beta1 must be in [0, 1), got 2');
  });
});
