/**
 * One rule for every options object of layerwise (layers, optimizers, callbacks, model
 * methods, data pipelines, backends): the camelCase keys of its TypeScript interface, declared
 * once; Keras's snake_case spelling of each as an alias (`input_shape`, `return_sequences`,
 * `batch_size`), plus Keras's other names where they differ (`lr`); and any other key is an
 * error naming it, where it was given and the closest known option. A plain-JS caller so never
 * has an option dropped without a word. It lives here because @layerwise/data is the one
 * package every other package depends on.
 */

/** A key of `T` that an options object can spell. */
type Key<T> = keyof T & string;

/** Fails to type-check (naming the keys) unless `Listed` with the bases' keys `BK` and `keyof T` are the same set. */
type Complete<T, Listed extends PropertyKey, BK extends string> = [Exclude<Key<T>, Listed | BK>] extends [never]
  ? [Exclude<BK | Listed, Key<T>>] extends [never] ? unknown : { readonly 'option keys not in the type': Exclude<BK | Listed, Key<T>> }
  : { readonly 'option keys missing from the list': Exclude<Key<T>, Listed | BK> };

/** What a spec built on others needs of them. */
export interface BaseSpec<K extends string = string> {
  /** The camelCase keys it declares. */
  readonly keys: readonly K[];
  /** Keras arguments it accepts without a setting, by camelCase name, each with why. */
  readonly ignored: Readonly<Record<string, IgnoredOption>>;
  /** @internal The aliases that are not a key's own snake_case (`lr`). */
  explicitAliases(): [string, string][];
}

/**
 * A Keras argument that layerwise reads no setting for: accepted (dropped) at the values where
 * it changes nothing, an error at any other.
 */
export interface IgnoredOption {
  /** Why it can be dropped (or, where `accepts` refuses a value, what layerwise lacks). */
  readonly why: string;
  /** The values at which dropping it changes nothing; default: every value. */
  readonly accepts?: (value: unknown) => boolean;
}

/** What `optionKeys` takes besides the keys. */
export interface OptionsExtra<T, B extends readonly BaseSpec[] = readonly BaseSpec[]> {
  /** Options every object of this kind also takes (a layer's base arguments): keys, aliases and ignored keys. */
  readonly base?: B;
  /** Other spellings -> key, where Keras's name is not the key's snake_case (`lr` -> `learningRate`, `beta_1` -> `beta1`). */
  readonly aliases?: Readonly<Record<string, Key<T>>>;
  /** Keras arguments accepted and not used (camelCase; their snake_case is accepted too), each saying why. */
  readonly ignored?: Readonly<Record<string, IgnoredOption>>;
}

/** How `read` treats keys it does not know. */
export interface ReadMode {
  /**
   * 'error' (the default): an unknown key is an error. 'keep': it is passed on as is, for a
   * base class whose subclass (a user's custom layer) reads the rest.
   */
  readonly unknown?: 'error' | 'keep';
}

// Objects `read` made: a subclass reads its options and hands them to its base class, which
// so does not read (and reject) the subclass's keys again.
const checked = new WeakSet<object>();

// How many readingSavedConfig calls are running (they nest: a layer's config holds its cell's).
let savedConfigDepth = 0;

/**
 * Runs `make` (synchronous: it constructs objects from a saved config) with every spec reading
 * leniently: unknown keys are passed on and ignored arguments dropped, whatever their value.
 * A saved model's configs were written by Keras, tf.keras or tfjs, whose versions add keys
 * layerwise has no setting for (`time_major`, an initializer's `dtype`); loading checks those
 * itself (keras-io refuses the values that would change the model), so the rule for code does
 * not apply to them.
 */
export function readingSavedConfig<R>(make: () => R): R {
  savedConfigDepth++;
  try {
    return make();
  } finally {
    savedConfigDepth--;
  }
}

/** 'kernelSize' -> 'kernel_size', 'returnSequences' -> 'return_sequences' (Keras's to_snake_case rule). */
export function snakeCase(name: string): string {
  return name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The form names are compared in for suggestions: lower case without underscores. */
function normalised(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/** A value in an error: JSON for a primitive, its kind for anything else (a tensor's fields say nothing). */
function show(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return describe(value);
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * The declared options of an options type `T`: made by `optionKeys<T>()([...keys])`, read with
 * `spec.read(value, where)`.
 */
export class OptionSpec<T extends object> implements BaseSpec<Key<T>> {
  /** Every key of `T`, camelCase, in declaration order. */
  readonly keys: readonly Key<T>[];
  /** Keras arguments accepted and not used, camelCase, with why. */
  readonly ignored: Readonly<Record<string, IgnoredOption>>;
  /** Every accepted spelling -> the key it names (a key itself, its snake_case, explicit aliases). */
  private readonly spellings = new Map<string, Key<T>>();
  /** Spelling -> ignored key, for both spellings of each. */
  private readonly ignoredSpellings = new Map<string, string>();
  // Keeps OptionSpec<A> and OptionSpec<B> apart unless A and B have the same keys, so a spec
  // can only read the options type whose keys it lists.
  declare private readonly keyType: (key: Key<T>) => Key<T>;

  /** @internal Use `optionKeys<T>()(keys)`, which checks the list against `T` at compile time. */
  constructor(keys: readonly string[], extra: OptionsExtra<T> = {}) {
    const bases = extra.base ?? [];
    this.keys = [...new Set([...bases.flatMap((b) => b.keys), ...keys])] as Key<T>[];
    this.ignored = Object.assign({}, ...bases.map((b) => b.ignored), extra.ignored) as Record<string, IgnoredOption>;
    const add = (spelling: string, key: Key<T>): void => {
      const had = this.spellings.get(spelling);
      if (had !== undefined && had !== key) throw new Error(`optionKeys: '${spelling}' would name both '${had}' and '${key}'`);
      this.spellings.set(spelling, key);
    };
    for (const key of this.keys) add(key, key);
    for (const key of this.keys) add(snakeCase(key), key);
    for (const [alias, key] of [...bases.flatMap((b) => b.explicitAliases()), ...Object.entries(extra.aliases ?? {})]) {
      if (!this.keys.includes(key as Key<T>)) throw new Error(`optionKeys: alias '${alias}' names '${key}', which is not a key`);
      add(alias, key as Key<T>);
    }
    // A base's ignored argument that this type reads (Bidirectional's `weights`) is a key here.
    this.ignored = Object.fromEntries(Object.entries(this.ignored).filter(([key]) => !this.spellings.has(key)));
    for (const key of Object.keys(this.ignored)) {
      for (const spelling of new Set([key, snakeCase(key)])) this.ignoredSpellings.set(spelling, key);
    }
  }

  /** @internal The aliases that are not a key's own snake_case (`lr`), for a spec built on this one. */
  explicitAliases(): [string, string][] {
    return [...this.spellings].filter(([spelling, key]) => spelling !== key && spelling !== snakeCase(key));
  }

  /** The key a spelling names, or undefined when the spec does not know it. */
  keyOf(spelling: string): Key<T> | undefined {
    return this.spellings.get(spelling);
  }

  /**
   * `value` as an options object of `T` with every key camelCase: aliases renamed, ignored
   * Keras arguments dropped. `undefined` and `null` read as `{}`. Throws, naming `where`, on a
   * value that is not an object, an unknown key (with the closest known option), two spellings
   * of one option, or an ignored argument at a value where it would change something. The
   * input is never changed; the result is a new object (or `value` itself when this or a
   * subclass's spec made it).
   */
  read<A extends T>(value: A | undefined | null, where: string, mode: ReadMode = {}): A {
    if (value === undefined || value === null) return mark({}) as A;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${where}: expected an options object ({ ... }), got ${describe(value)}`);
    }
    if (checked.has(value)) return value;
    const out: Record<string, unknown> = {};
    const from = new Map<string, string>();
    for (const [spelling, v] of Object.entries(value)) {
      const key = this.spellings.get(spelling);
      if (key === undefined) {
        const ignored = this.ignoredSpellings.get(spelling);
        if (ignored !== undefined) {
          const rule = this.ignored[ignored];
          if (v !== undefined && rule.accepts && !rule.accepts(v) && savedConfigDepth === 0) throw new Error(`${where}: '${spelling}' = ${show(v)} is not supported: ${rule.why}`);
          continue;
        }
        if (mode.unknown === 'keep' || savedConfigDepth > 0) {
          out[spelling] = v;
          continue;
        }
        throw new Error(`${where}: unknown option '${spelling}'; ${this.suggest(spelling)}`);
      }
      const earlier = from.get(key);
      if (earlier !== undefined) {
        if (v === undefined) continue;
        if (out[key] !== undefined && out[key] !== v) {
          throw new Error(`${where}: '${earlier}' and '${spelling}' name the same option (${key}); give one`);
        }
      }
      out[key] = v;
      from.set(key, spelling);
    }
    return mark(out) as A;
  }

  /**
   * `read` for a class constructor reading its own options: `target` is `new.target`, `owner`
   * the class whose spec this is. A subclass the spec does not know (a user's layer extending
   * Dense) gets its unknown keys passed on, for it to read; the class itself refuses them.
   */
  readFor<A extends T>(value: A | undefined | null, owner: abstract new (...args: never[]) => unknown, target: unknown, where: string = owner.name): A {
    const name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
    return this.read(value, typeof name === 'string' ? `${where} '${name}'` : where, { unknown: target === owner ? 'error' : 'keep' });
  }

  /** "did you mean 'units'?" for a near miss, else the closest option and the whole list. */
  private suggest(spelling: string): string {
    const want = normalised(spelling);
    const snakeStyle = spelling.includes('_');
    let best: { name: string; distance: number } | null = null;
    for (const [name] of this.spellings) {
      // Suggest in the caller's style: snake_case for snake_case, camelCase otherwise.
      if (name.includes('_') !== snakeStyle && !(snakeStyle && snakeCase(name) === name)) continue;
      const distance = editDistance(want, normalised(name));
      if (!best || distance < best.distance) best = { name, distance };
    }
    if (best === null) return `known options: ${this.keys.join(', ')}`;
    const close = best.distance <= Math.max(1, Math.floor(want.length / 3));
    if (close) return `did you mean '${best.name}'?`;
    return `the closest known option is '${best.name}'; known options: ${this.keys.join(', ')} (or their snake_case spellings)`;
  }
}

function mark(o: object): object {
  checked.add(o);
  return o;
}

/**
 * Declares the options of type `T`: `optionKeys<DenseArgs>()(['units', 'activation', ...],
 * { base: LAYER_OPTIONS })`. The list must name every key of `T` (with `base`'s) and nothing
 * else, or the call does not type-check, so it cannot drift from the interface.
 */
export function optionKeys<T extends object>() {
  return <const K extends readonly Key<T>[], const B extends readonly BaseSpec[] = readonly []>(
    keys: K & Complete<T, K[number], B[number]['keys'][number]>,
    extra: OptionsExtra<T, B> = {},
  ): OptionSpec<T> => new OptionSpec<T>(keys, extra);
}

/**
 * Marks `value` as read: a spec's `read` passes it on as is. For configs that were converted
 * and checked elsewhere (a saved model's layer configs, which loading reads leniently).
 */
export function trustOptions<O extends object>(value: O): O {
  checked.add(value);
  return value;
}
