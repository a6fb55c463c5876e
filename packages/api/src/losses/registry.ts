import type { LossFunction } from './loss.js';
import { meanSquaredError } from './mean-squared-error.js';
import { meanAbsoluteError } from './mean-absolute-error.js';
import { meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { meanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { squaredHinge } from './squared-hinge.js';
import { hinge } from './hinge.js';
import { categoricalHinge } from './categorical-hinge.js';
import { logcosh } from './logcosh.js';
import { huber } from './huber.js';
import { categoricalCrossentropy } from './categorical-crossentropy.js';
import { sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { binaryCrossentropy } from './binary-crossentropy.js';
import { kullbackLeiblerDivergence } from './kullback-leibler-divergence.js';
import { poisson } from './poisson.js';
import { cosineProximity } from './cosine-proximity.js';

/** A built-in loss: its Keras 2 name and the other spellings (Keras aliases, tfjs names) it answers to. */
export interface LossSpec {
  /** Keras 2's name ('mean_squared_error'): what compile logs and saves. */
  readonly name: string;
  /** The per-sample loss function. */
  readonly fn: LossFunction;
  /** Other names compile accepts for it (Keras's short forms such as 'mse', tfjs's camelCase). */
  readonly aliases: readonly string[];
}

/** Every built-in loss compile accepts by name; each is a metric as well. */
export const LOSSES: readonly LossSpec[] = [
  { name: 'mean_squared_error', fn: meanSquaredError, aliases: ['mse', 'MSE', 'meanSquaredError'] },
  { name: 'mean_absolute_error', fn: meanAbsoluteError, aliases: ['mae', 'MAE', 'meanAbsoluteError'] },
  { name: 'mean_absolute_percentage_error', fn: meanAbsolutePercentageError, aliases: ['mape', 'MAPE', 'meanAbsolutePercentageError'] },
  { name: 'mean_squared_logarithmic_error', fn: meanSquaredLogarithmicError, aliases: ['msle', 'MSLE', 'meanSquaredLogarithmicError'] },
  { name: 'squared_hinge', fn: squaredHinge, aliases: ['squaredHinge'] },
  { name: 'hinge', fn: hinge, aliases: [] },
  { name: 'categorical_hinge', fn: categoricalHinge, aliases: ['categoricalHinge'] },
  { name: 'logcosh', fn: logcosh, aliases: ['log_cosh', 'logCosh'] },
  { name: 'huber_loss', fn: huber, aliases: ['huber', 'huberLoss'] },
  { name: 'categorical_crossentropy', fn: categoricalCrossentropy, aliases: ['categoricalCrossentropy'] },
  { name: 'sparse_categorical_crossentropy', fn: sparseCategoricalCrossentropy, aliases: ['sparseCategoricalCrossentropy'] },
  { name: 'binary_crossentropy', fn: binaryCrossentropy, aliases: ['binaryCrossentropy'] },
  { name: 'kullback_leibler_divergence', fn: kullbackLeiblerDivergence, aliases: ['kld', 'KLD', 'kullbackLeiblerDivergence'] },
  { name: 'poisson', fn: poisson, aliases: [] },
  { name: 'cosine_proximity', fn: cosineProximity, aliases: ['cosine', 'cosineProximity'] },
];

/** The built-in loss `id` names (by Keras name or alias), or undefined. */
export function findLoss(id: string): LossSpec | undefined {
  return LOSSES.find((l) => l.name === id || l.aliases.includes(id));
}

/** The built-in loss that is `fn`, or undefined. */
export function findLossFunction(fn: LossFunction): LossSpec | undefined {
  return LOSSES.find((l) => l.fn === fn);
}

/** 'mean_squared_error (mse, MSE, meanSquaredError), ...', for error messages. */
export function describeLosses(): string {
  return LOSSES.map((l) => (l.aliases.length ? `${l.name} (${l.aliases.join(', ')})` : l.name)).join(', ');
}
