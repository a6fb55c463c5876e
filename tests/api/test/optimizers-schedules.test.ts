import { describe, expect, it } from 'vitest';
import { optimizers } from '@layerwise/api';

const at = (s: optimizers.LearningRateSchedule, steps: number[]): number[] => steps.map((k) => s.at(k));

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a, `index ${i}`).toBeCloseTo(expected[i], 12));
}

describe('learning-rate schedules (tf.keras formulas)', () => {
  it('ExponentialDecay: initial * rate^(step / decaySteps), staircase floors the exponent', () => {
    const smooth = new optimizers.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expectClose(at(smooth, [0, 5, 10, 25]), [0.1, 0.1 * Math.SQRT1_2, 0.05, 0.1 * 0.5 ** 2.5]);
    const stairs = new optimizers.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expectClose(at(stairs, [0, 9, 10, 25]), [0.1, 0.1, 0.05, 0.025]);
  });

  it('InverseTimeDecay: initial / (1 + rate * step / decaySteps)', () => {
    const s = new optimizers.InverseTimeDecay({ initialLearningRate: 1, decaySteps: 4, decayRate: 0.5 });
    expectClose(at(s, [0, 2, 4, 8]), [1, 1 / 1.25, 1 / 1.5, 1 / 2]);
    const stairs = new optimizers.InverseTimeDecay({ initialLearningRate: 1, decaySteps: 4, decayRate: 0.5, staircase: true });
    expectClose(at(stairs, [0, 3, 4, 9]), [1, 1, 1 / 1.5, 1 / 2]);
  });

  it('PiecewiseConstantDecay: boundaries are inclusive on the left interval', () => {
    const s = new optimizers.PiecewiseConstantDecay({ boundaries: [10, 20], values: [1, 0.5, 0.1] });
    expect(at(s, [0, 10, 11, 20, 21, 1000])).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
  });

  it('PolynomialDecay: linear by default, capped at decaySteps; power; cycle stretches the horizon', () => {
    const lin = new optimizers.PolynomialDecay({ initialLearningRate: 1, decaySteps: 10 });
    const end = 0.0001;
    expectClose(at(lin, [0, 5, 10, 20]), [1, (1 - end) * 0.5 + end, end, end]);
    const sq = new optimizers.PolynomialDecay({ initialLearningRate: 1, decaySteps: 10, endLearningRate: 0.1, power: 2 });
    expectClose(at(sq, [0, 5, 10]), [1, 0.9 * 0.25 + 0.1, 0.1]);
    const cyc = new optimizers.PolynomialDecay({ initialLearningRate: 1, decaySteps: 10, endLearningRate: 0, cycle: true });
    // step 15: horizon 20, so 1 - 15/20; step 0 uses multiplier 1; step 10: horizon 10.
    expectClose(at(cyc, [0, 5, 10, 15, 20]), [1, 0.5, 0, 0.25, 0]);
  });

  it('CosineDecay: half cosine down to alpha * initial, then flat', () => {
    const s = new optimizers.CosineDecay({ initialLearningRate: 2, decaySteps: 4 });
    expectClose(at(s, [0, 1, 2, 4, 8]), [2, 2 * 0.5 * (1 + Math.SQRT1_2), 1, 0, 0]);
    const floored = new optimizers.CosineDecay({ initialLearningRate: 2, decaySteps: 4, alpha: 0.1 });
    expectClose(at(floored, [0, 2, 4, 100]), [2, 2 * (0.9 * 0.5 + 0.1), 0.2, 0.2]);
  });

  it('getConfig / toJSON and deserializeSchedule round-trip every schedule', () => {
    const all: optimizers.LearningRateSchedule[] = [
      new optimizers.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true }),
      new optimizers.InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 2 }),
      new optimizers.PiecewiseConstantDecay({ boundaries: [1, 2], values: [3, 2, 1] }),
      new optimizers.PolynomialDecay({ initialLearningRate: 1, decaySteps: 7, endLearningRate: 0.2, power: 3, cycle: true }),
      new optimizers.CosineDecay({ initialLearningRate: 0.3, decaySteps: 9, alpha: 0.05 }),
    ];
    for (const s of all) {
      const json = JSON.parse(JSON.stringify(s)) as { className: string; config: Record<string, unknown> };
      expect(json.className).toBe(s.className);
      expect(json.config).toEqual(s.getConfig());
      const back = optimizers.deserializeSchedule(json);
      expect(back.className).toBe(s.className);
      expect(back.getConfig()).toEqual(s.getConfig());
      expect(at(back, [0, 1, 4, 8, 15])).toEqual(at(s, [0, 1, 4, 8, 15]));
    }
    expect(all[0].getConfig()).toEqual({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
  });

  it('deserializeSchedule reads tf.keras snake_case configs', () => {
    const s = optimizers.deserializeSchedule({
      class_name: 'ExponentialDecay',
      config: { initial_learning_rate: 0.1, decay_steps: 100, decay_rate: 0.96, staircase: false, name: null },
    });
    expect(s).toBeInstanceOf(optimizers.ExponentialDecay);
    expect(s.at(100)).toBeCloseTo(0.096, 12);
    const p = optimizers.deserializeSchedule({ className: 'PolynomialDecay', config: { initial_learning_rate: 1, decay_steps: 10, end_learning_rate: 0, power: 1, cycle: false } });
    expect(p.at(5)).toBeCloseTo(0.5, 12);
  });

  it('bad schedule arguments and configs are clear errors', () => {
    expect(() => new optimizers.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 })).toThrow(/ExponentialDecay: decaySteps must be a finite number > 0, got 0/);
    expect(() => new optimizers.CosineDecay({ initialLearningRate: -1, decaySteps: 3 })).toThrow(/CosineDecay: initialLearningRate must be .* >= 0, got -1/);
    expect(() => new optimizers.PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] })).toThrow(/one more entry than boundaries; got 2 boundaries and 2 values/);
    expect(() => new optimizers.PiecewiseConstantDecay({ boundaries: [2, 1], values: [1, 2, 3] })).toThrow(/boundaries must increase/);
    expect(() => new optimizers.InverseTimeDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 1 }).at(-1)).toThrow(/InverseTimeDecay.at: step must be a number >= 0, got -1/);
    expect(() => optimizers.deserializeSchedule({ className: 'StepDecay', config: {} })).toThrow(/unknown schedule 'StepDecay'; known: ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, PolynomialDecay, CosineDecay/);
    expect(() => optimizers.deserializeSchedule({ className: 'CosineDecay', config: { initial_learning_rate: 1 } })).toThrow(/config lacks decaySteps/);
    expect(() => optimizers.deserializeSchedule({ className: 'CosineDecay', config: { initial_learning_rate: 1, decay_steps: 2, warmup_steps: 3 } })).toThrow(/unknown config key 'warmup_steps'/);
    expect(() => optimizers.deserializeSchedule({ className: 'ExponentialDecay', config: { initial_learning_rate: 1, decay_steps: 2, decay_rate: 0.5, staircase: 'yes' } })).toThrow(/'staircase' must be a boolean, got string/);
  });
});
