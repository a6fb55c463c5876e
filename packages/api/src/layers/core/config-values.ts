import { getInitializer, type InitializerConfig, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type L1L2, type RegularizerIdentifier } from '../../regularizers/index.js';
import { getConstraint, type ConstraintConfig, type ConstraintIdentifier } from '../../constraints/index.js';

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
  const r = regularizerFrom(id, where);
  return r ? { className: 'L1L2', config: { l1: r.l1, l2: r.l2 } } : null;
}

/** The regularizer `id` names, or null; `where` names it in errors. */
export function regularizerFrom(id: RegularizerIdentifier | null | undefined, where?: string): L1L2 | null {
  try {
    return getRegularizer(id);
  } catch (err) {
    throw where ? new Error(`${where}: ${(err as Error).message}`) : err;
  }
}

/** A constraint as plain JSON ({ className, config }), or null where there is none, for getConfig; `where` names it in errors. */
export function constraintConfig(id: ConstraintIdentifier | null | undefined, where?: string): ConstraintConfig | null {
  return getConstraint(id, where)?.toJSON() ?? null;
}
