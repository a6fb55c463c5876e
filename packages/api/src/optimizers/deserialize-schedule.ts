import { LearningRateSchedule } from './schedules.js';
import { ExponentialDecay, type ExponentialDecayArgs } from './exponential-decay.js';
import { InverseTimeDecay, type InverseTimeDecayArgs } from './inverse-time-decay.js';
import { PiecewiseConstantDecay, type PiecewiseConstantDecayArgs } from './piecewise-constant-decay.js';
import { PolynomialDecay, type PolynomialDecayArgs } from './polynomial-decay.js';
import { CosineDecay, type CosineDecayArgs } from './cosine-decay.js';
import { readConfig, readSerialized, type ConfigKind } from './config-reader.js';

interface ScheduleEntry {
  keys: Record<string, ConfigKind>;
  required: readonly string[];
  make(config: Record<string, unknown>): LearningRateSchedule;
}

const DECAY_KEYS: Record<string, ConfigKind> = { initialLearningRate: 'number', decaySteps: 'number', decayRate: 'number', staircase: 'boolean' };

const SCHEDULES: Record<string, ScheduleEntry> = {
  ExponentialDecay: {
    keys: DECAY_KEYS, required: ['initialLearningRate', 'decaySteps', 'decayRate'],
    make: (c) => new ExponentialDecay(c as unknown as ExponentialDecayArgs),
  },
  InverseTimeDecay: {
    keys: DECAY_KEYS, required: ['initialLearningRate', 'decaySteps', 'decayRate'],
    make: (c) => new InverseTimeDecay(c as unknown as InverseTimeDecayArgs),
  },
  PiecewiseConstantDecay: {
    keys: { boundaries: 'numbers', values: 'numbers' }, required: ['boundaries', 'values'],
    make: (c) => new PiecewiseConstantDecay(c as unknown as PiecewiseConstantDecayArgs),
  },
  PolynomialDecay: {
    keys: { initialLearningRate: 'number', decaySteps: 'number', endLearningRate: 'number', power: 'number', cycle: 'boolean' },
    required: ['initialLearningRate', 'decaySteps'],
    make: (c) => new PolynomialDecay(c as unknown as PolynomialDecayArgs),
  },
  CosineDecay: {
    keys: { initialLearningRate: 'number', decaySteps: 'number', alpha: 'number' }, required: ['initialLearningRate', 'decaySteps'],
    make: (c) => new CosineDecay(c as unknown as CosineDecayArgs),
  },
};

/** Builds a schedule from `{ className, config }` (its own toJSON, or tf.keras's snake_case form). */
export function deserializeSchedule(serialized: unknown): LearningRateSchedule {
  if (serialized instanceof LearningRateSchedule) return serialized;
  const { className, config } = readSerialized('deserializeSchedule', serialized);
  const entry = SCHEDULES[className];
  if (!entry) throw new Error(`deserializeSchedule: unknown schedule '${className}'; known: ${Object.keys(SCHEDULES).join(', ')}`);
  const c = readConfig(`deserializeSchedule(${className})`, config, entry.keys);
  const missing = entry.required.filter((k) => c[k] === undefined);
  if (missing.length > 0) throw new Error(`deserializeSchedule(${className}): config lacks ${missing.join(', ')}`);
  return entry.make(c);
}
