import type { ModelArtifacts } from './artifacts.js';
import { isJsonObject } from './keras-case.js';

/**
 * Limits on what a model file may hold, so that a hostile or corrupt file gets a clear error
 * instead of exhausting memory or the stack (everything after JSON.parse walks the
 * artifacts recursively, and a 200,000-deep nesting overflowed the stack there).
 */

/** The largest model.json read: 64 MiB (a Keras topology is kilobytes; tfjs graph models a few MB). */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** The deepest nesting of arrays and objects accepted (Keras configs nest about a dozen levels). */
export const MAX_JSON_DEPTH = 100;

/** Throws if `value` nests deeper than MAX_JSON_DEPTH; walks iteratively, so any depth is safe to check. */
export function checkJsonDepth(value: unknown, where: string): void {
  const stack: [unknown, number][] = [[value, 1]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
    if (depth > MAX_JSON_DEPTH) {
      throw new Error(`${where}: the model JSON nests deeper than ${MAX_JSON_DEPTH} levels; it is not a model file layerwise can read`);
    }
    if (seen.has(v)) continue;
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
}

/** JSON.parse of a model file's text with the depth limit; `where` names the file ('loadModel: \'dir/model.json\''). */
export function parseModelJson(text: string, where: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where} is not valid JSON: ${(err as Error).message}`);
  }
  checkJsonDepth(parsed, where);
  return parsed;
}

/** Checks nesting depth everywhere in the artifacts before anything walks them recursively. */
export function checkArtifacts(artifacts: unknown, where: string): ModelArtifacts {
  if (!isJsonObject(artifacts)) throw new Error(`${where}: the handler's load() returned ${artifacts === null ? 'null' : typeof artifacts}, not model artifacts`);
  checkJsonDepth(artifacts, where);
  return artifacts as unknown as ModelArtifacts;
}
