import { getInitializer, type InitializerConfig, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/index.js';

/** An initializer as plain JSON ({ className, config }), for getConfig; `where` names it in errors. */
export function initializerConfig(id: InitializerIdentifier, where?: string): InitializerConfig {
  return getInitializer(id, where).toJSON();
}

export interface RegularizerConfig {
  className: 'L1L2';
  config: { l1: number; l2: number };
}

/** A regularizer as plain JSON, or null where there is none, for getConfig; `where` names it in errors. */
export function regularizerConfig(id: RegularizerIdentifier | null | undefined, where?: string): RegularizerConfig | null {
  let r;
  try {
    r = getRegularizer(id);
  } catch (err) {
    throw where ? new Error(`${where}: ${(err as Error).message}`) : err;
  }
  return r ? { className: 'L1L2', config: { l1: r.l1, l2: r.l2 } } : null;
}
