import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import { initializerConfig, regularizerConfig } from '../core/config-values.js';

/**
 * The initializer and regularizer of one weight of a layer ('kernel', 'depthwise', ...),
 * checked when the layer is made so a bad one is reported before any weight exists.
 */
export class WeightSpec {
  readonly initializer: InitializerIdentifier;
  readonly regularizer: RegularizerIdentifier | null;

  constructor(layerName: string, private readonly weight: string, initializer: InitializerIdentifier | undefined,
    regularizer: RegularizerIdentifier | null | undefined, fallback: InitializerIdentifier = 'glorotUniform') {
    this.initializer = initializer ?? fallback;
    this.regularizer = regularizer ?? null;
    initializerConfig(this.initializer, `${layerName}: ${weight}Initializer`);
    regularizerConfig(this.regularizer, `${layerName}: ${weight}Regularizer`);
  }

  /** `{ <weight>Initializer, <weight>Regularizer }` for getConfig. */
  config(): Record<string, unknown> {
    return { [`${this.weight}Initializer`]: initializerConfig(this.initializer), [`${this.weight}Regularizer`]: regularizerConfig(this.regularizer) };
  }
}
