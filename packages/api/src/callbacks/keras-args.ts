import type { OptionSpec } from '@layerwise/data';
/**
 * A callback's arguments from either form its constructor takes: the options object
 * (`new EarlyStopping({ patience: 3 })`), or Keras's positional order
 * (`new EarlyStopping('val_loss', 0, 3)`), optionally followed by an options object for the
 * rest (`new ModelCheckpoint('w.h5', { saveBestOnly: true })`). `names` is Keras's order; the
 * options object is read by `spec` (Keras's snake_case accepted, unknown keys refused).
 */
export function kerasArgs<A extends object>(spec: OptionSpec<A>, owner: string, given: readonly unknown[], names: readonly (keyof A & string)[]): A {
  const last = given[given.length - 1];
  const isOptions = typeof last === 'object' && last !== null && !Array.isArray(last);
  const positional = isOptions ? given.slice(0, -1) : given.slice();
  const options = spec.read((isOptions ? last : {}) as A, owner) as Record<string, unknown>;
  if (positional.length > names.length) {
    throw new Error(`${owner}: takes at most ${names.length} positional arguments (${names.join(', ')}), got ${positional.length}`);
  }
  const out: Record<string, unknown> = { ...options };
  positional.forEach((value, i) => {
    if (value === undefined) return;
    if (options[names[i]] !== undefined) {
      throw new Error(`${owner}: '${names[i]}' is given twice, as positional argument ${i + 1} and in the options object`);
    }
    out[names[i]] = value;
  });
  return out as A;
}
