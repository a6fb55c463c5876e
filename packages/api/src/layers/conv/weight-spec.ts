import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { constraintConfig, initializerConfig, regularizerConfig } from '../core/config-values.js';

/** What a layer takes for one weight: `<weight>Initializer`, `<weight>Regularizer`, `<weight>Constraint`. */
export interface WeightArgs {
  initializer?: InitializerIdentifier;
  regularizer?: RegularizerIdentifier | null;
  constraint?: ConstraintIdentifier | null;
}

/**
 * The initializer, regularizer and constraint of one weight of a layer ('kernel',
 * 'depthwise', ...), checked when the layer is made so a bad one is reported before any
 * weight exists.
 */
export class WeightSpec {
  readonly initializer: InitializerIdentifier;
  readonly regularizer: RegularizerIdentifier | null;
  readonly constraint: ConstraintIdentifier | null;

  constructor(layerName: string, private readonly weight: string, args: WeightArgs, fallback: InitializerIdentifier = 'glorotUniform') {
    this.initializer = args.initializer ?? fallback;
    this.regularizer = args.regularizer ?? null;
    this.constraint = args.constraint ?? null;
    initializerConfig(this.initializer, `${layerName}: ${weight}Initializer`);
    regularizerConfig(this.regularizer, `${layerName}: ${weight}Regularizer`);
    constraintConfig(this.constraint, `${layerName}: ${weight}Constraint`);
  }

  /** `{ <weight>Initializer, <weight>Regularizer, <weight>Constraint }` for getConfig. */
  config(): Record<string, unknown> {
    return {
      [`${this.weight}Initializer`]: initializerConfig(this.initializer),
      [`${this.weight}Regularizer`]: regularizerConfig(this.regularizer),
      [`${this.weight}Constraint`]: constraintConfig(this.constraint),
    };
  }
}
