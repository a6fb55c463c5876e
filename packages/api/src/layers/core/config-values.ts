import { getInitializer, type InitializerConfig, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/index.js';

/** An initializer as plain JSON ({ className, config }), for getConfig. */
export function initializerConfig(id: InitializerIdentifier): InitializerConfig {
  return getInitializer(id).toJSON();
}

export interface RegularizerConfig {
  className: 'L1L2';
  config: { l1: number; l2: number };
}

/** A regularizer as plain JSON, or null where there is none, for getConfig. */
export function regularizerConfig(id: RegularizerIdentifier | null | undefined): RegularizerConfig | null {
  const r = getRegularizer(id);
  return r ? { className: 'L1L2', config: { l1: r.l1, l2: r.l2 } } : null;
}
