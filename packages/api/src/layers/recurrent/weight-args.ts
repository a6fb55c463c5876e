import { optionKeys } from '@layerwise/data';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import { constraintConfig, initializerConfig, regularizerConfig } from '../core/config-values.js';

/** The initializers, regularizers and constraints of a recurrent cell's three weights (Keras 2 names). */
export interface RecurrentWeightArgs {
  /** The input kernel's initializer (default 'glorotUniform'). */
  kernelInitializer?: InitializerIdentifier;
  /** The recurrent kernel's initializer (default 'orthogonal'). */
  recurrentInitializer?: InitializerIdentifier;
  /** The bias's initializer (default 'zeros'). */
  biasInitializer?: InitializerIdentifier;
  /** A penalty on the kernel, added to the loss. */
  kernelRegularizer?: RegularizerIdentifier | null;
  /** A penalty on the recurrent kernel, added to the loss. */
  recurrentRegularizer?: RegularizerIdentifier | null;
  /** A penalty on the bias, added to the loss. */
  biasRegularizer?: RegularizerIdentifier | null;
  /** Applied to the kernel after each optimizer step. */
  kernelConstraint?: ConstraintIdentifier | null;
  /** Applied to the recurrent kernel after each optimizer step. */
  recurrentConstraint?: ConstraintIdentifier | null;
  /** Applied to the bias after each optimizer step. */
  biasConstraint?: ConstraintIdentifier | null;
}

/** The keys of RecurrentWeightArgs. */
export const RECURRENT_WEIGHT_OPTIONS = optionKeys<RecurrentWeightArgs>()([
  'kernelInitializer', 'recurrentInitializer', 'biasInitializer', 'kernelRegularizer', 'recurrentRegularizer',
  'biasRegularizer', 'kernelConstraint', 'recurrentConstraint', 'biasConstraint',
]);

type Weight = 'kernel' | 'recurrent' | 'bias';
const WEIGHTS: readonly Weight[] = ['kernel', 'recurrent', 'bias'];
const DEFAULT_INITIALIZERS: Record<Weight, InitializerIdentifier> = { kernel: 'glorotUniform', recurrent: 'orthogonal', bias: 'zeros' };

/** Resolves every initializer, regularizer and constraint, so a bad one is reported before any weight exists. */
export function checkWeightArgs(args: RecurrentWeightArgs, where: string): void {
  for (const w of WEIGHTS) {
    initializerConfig(initializer(args, w), `${where}: ${w}Initializer`);
    regularizerConfig(args[`${w}Regularizer`], `${where}: ${w}Regularizer`);
    constraintConfig(args[`${w}Constraint`], `${where}: ${w}Constraint`);
  }
}

/** The initializer of weight `w` (Keras's defaults: glorot_uniform, orthogonal, zeros). */
export function initializer(args: RecurrentWeightArgs, w: Weight): InitializerIdentifier {
  return args[`${w}Initializer`] ?? DEFAULT_INITIALIZERS[w];
}

/** addWeight's regularizer and constraint for weight `w`. */
export function weightOptions(args: RecurrentWeightArgs, w: Weight): { regularizer: RegularizerIdentifier | null; constraint: ConstraintIdentifier | null } {
  return { regularizer: args[`${w}Regularizer`] ?? null, constraint: args[`${w}Constraint`] ?? null };
}

/** The nine arguments as a config writes them. */
export function weightArgsConfig(args: RecurrentWeightArgs): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const w of WEIGHTS) config[`${w}Initializer`] = initializerConfig(initializer(args, w));
  for (const w of WEIGHTS) config[`${w}Regularizer`] = regularizerConfig(args[`${w}Regularizer`]);
  for (const w of WEIGHTS) config[`${w}Constraint`] = constraintConfig(args[`${w}Constraint`]);
  return config;
}
