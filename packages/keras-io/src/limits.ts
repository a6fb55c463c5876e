/** Bounds a hostile or broken file cannot push this package past. */
export interface ReadLimits {
  /** Largest file accepted, in bytes. Default 2 GiB. */
  maxFileBytes: number;
  /** Deepest group nesting followed inside an HDF5 file. Default 32. */
  maxDepth: number;
  /** Deepest nesting of JSON arrays/objects in a config. Default 64. */
  maxJsonDepth: number;
  /**
   * Compressed datasets may decode to at most this multiple of the file's size in all (Keras never
   * compresses; uncompressed data can never exceed the file). Default 32.
   */
  maxExpansion: number;
}

/** The limits used where none are given: 2 GiB files, 32 group levels, 64 JSON levels, 32x expansion. An option's `limits` overrides them field by field. */
export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxDepth: 32,
  maxJsonDepth: 64,
  maxExpansion: 32,
};

/** Throws if `value` nests arrays/objects deeper than `maxDepth` (checked before anything walks it recursively). */
export function checkJsonDepth(value: unknown, maxDepth: number, where: string): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > maxDepth) throw new Error(`${where}: the config nests deeper than ${maxDepth} levels`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
}
