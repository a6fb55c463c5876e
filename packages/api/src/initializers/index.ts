import {
  Constant, GlorotNormal, GlorotUniform, HeNormal, HeUniform, Identity, Initializer, LecunNormal, LecunUniform, Ones,
  Orthogonal, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling, Zeros, type InitializerConfig,
} from './initializer.js';

export * from './initializer.js';

/** What a layer's `kernelInitializer` and the like take: a name ('glorot_uniform' or 'glorotUniform'), an instance, or a serialised `{ className, config }`. */
export type InitializerIdentifier = string | Initializer | InitializerConfig;

type Ctor = new (args?: never) => Initializer;
const BY_NAME: Record<string, Ctor> = {
  zeros: Zeros, ones: Ones, constant: Constant, randomUniform: RandomUniform, randomNormal: RandomNormal,
  truncatedNormal: TruncatedNormal, varianceScaling: VarianceScaling, glorotUniform: GlorotUniform,
  glorotNormal: GlorotNormal, heUniform: HeUniform, heNormal: HeNormal, lecunUniform: LecunUniform,
  lecunNormal: LecunNormal, orthogonal: Orthogonal, identity: Identity,
};

/** 'glorot_uniform', 'glorotUniform', 'GlorotUniform' all name the same thing. */
function canonical(name: string): string {
  const camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return camel.charAt(0).toLowerCase() + camel.slice(1);
}

/**
 * The initializer `id` names: an instance as is, a name (snake_case or camelCase) with default
 * arguments, or a `{ className, config }` (config keys in either case; null means default).
 * `where` prefixes the error for an unknown name.
 */
export function getInitializer(id: InitializerIdentifier, where = 'initializer'): Initializer {
  if (id instanceof Initializer) return id;
  if (typeof id === 'string') {
    const Ctor = BY_NAME[canonical(id)];
    if (!Ctor) throw new Error(`${where}: unknown initializer '${id}'; known: ${Object.keys(BY_NAME).join(', ')}`);
    return new Ctor();
  }
  if (id && typeof id === 'object' && typeof id.className === 'string') {
    const Ctor = BY_NAME[canonical(id.className)] as unknown as new (args: Record<string, unknown>) => Initializer;
    if (!Ctor) throw new Error(`${where}: unknown initializer class '${id.className}'`);
    const cfg = Object.fromEntries(Object.entries(id.config ?? {}).map(([k, v]) => [canonical(k), v === null ? undefined : v]));
    return new Ctor(cfg);
  }
  throw new Error(`${where}: expected an initializer name, instance or { className, config }, got ${JSON.stringify(id)}`);
}
