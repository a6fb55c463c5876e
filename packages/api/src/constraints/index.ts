import { Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm, type ConstraintConfig, type NormAxis } from './constraint.js';

export { Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm, type ConstraintConfig, type NormAxis };

/** A constraint: an instance, a name ('maxNorm', 'max_norm', 'MaxNorm', 'maxnorm'...), or its saved { className, config }. */
export type ConstraintIdentifier = Constraint | string | {
  /** The class name, in any of the spellings a name may take. */
  className: string;
  /** Constructor arguments (null values mean the default). */
  config?: Record<string, unknown>;
};

/** Keras 2's MaxNorm(max_value=2, axis=0). */
export const maxNorm = (args: { maxValue?: number; axis?: NormAxis } = {}): MaxNorm => new MaxNorm(args);
/** Keras 2's NonNeg. */
export const nonNeg = (): NonNeg => new NonNeg();
/** Keras 2's UnitNorm(axis=0). */
export const unitNorm = (args: { axis?: NormAxis } = {}): UnitNorm => new UnitNorm(args);
/** Keras 2's MinMaxNorm(min_value=0, max_value=1, rate=1, axis=0). */
export const minMaxNorm = (args: { minValue?: number; maxValue?: number; rate?: number; axis?: NormAxis } = {}): MinMaxNorm => new MinMaxNorm(args);

type Make = (config: Record<string, unknown>) => Constraint;
// Keyed by the name lower-cased without underscores, so tfjs ('maxNorm'), Keras ('max_norm',
// 'MaxNorm') and Keras's legacy ('maxnorm') spellings all resolve.
const BY_NAME: Record<string, Make> = {
  maxnorm: (c) => new MaxNorm(c), nonneg: () => new NonNeg(), unitnorm: (c) => new UnitNorm(c), minmaxnorm: (c) => new MinMaxNorm(c),
};

const key = (name: string): string => name.replace(/_/g, '').toLowerCase();

/** The constraint `id` names, or null for none; `where` names the argument in errors. */
export function getConstraint(id: ConstraintIdentifier | null | undefined, where = 'constraint'): Constraint | null {
  if (id === null || id === undefined) return null;
  if (id instanceof Constraint) return id;
  const name = typeof id === 'string' ? id : id && typeof id === 'object' && typeof id.className === 'string' ? id.className : null;
  if (name === null) throw new Error(`${where}: expected a constraint name, instance or { className, config }, got ${JSON.stringify(id)}`);
  const make = BY_NAME[key(name)];
  if (!make) throw new Error(`${where}: unknown constraint '${name}'; known: maxNorm, nonNeg, unitNorm, minMaxNorm`);
  const config = typeof id === 'string' ? {} : Object.fromEntries(Object.entries(id.config ?? {}).filter(([, v]) => v !== null));
  try {
    return make(config);
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
  }
}
