import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Whether a --backend value names a file or folder rather than a package or a backend name. */
export function isPathLike(spec: string): boolean {
  return spec.startsWith('.') || spec.startsWith('file:') || isAbsolute(spec) || /\.(m?js|cjs)$/.test(spec);
}

/** The ESM entry of an `exports` value: a string, or conditions (import/node/default), or { '.': ... }. */
function exportsEntry(value: unknown, subpath: string): string | undefined {
  if (typeof value === 'string') return subpath === '.' ? value : undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = exportsEntry(v, subpath);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.some((k) => k.startsWith('.'))) return record[subpath] === undefined ? undefined : exportsEntry(record[subpath], '.');
  for (const condition of ['import', 'node', 'default']) {
    if (condition in record) {
      const found = exportsEntry(record[condition], subpath);
      if (found) return found;
    }
  }
  return undefined;
}

/** The file URL of a package folder's entry (exports, then module, then main, then index.js). */
function packageEntry(dir: string, subpath = '.'): string {
  const pkgFile = join(dir, 'package.json');
  if (!existsSync(pkgFile)) return pathToFileURL(join(dir, subpath === '.' ? 'index.js' : subpath)).href;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports?: unknown; module?: string; main?: string };
  const entry = pkg.exports !== undefined
    ? exportsEntry(pkg.exports, subpath)
    : subpath === '.' ? (pkg.module ?? pkg.main ?? 'index.js') : subpath;
  if (!entry) throw new Error(`${pkgFile} exports no '${subpath}' entry for import`);
  return pathToFileURL(resolve(dir, entry)).href;
}

/**
 * Resolves a --backend module the way the user's project sees it: a path against `cwd` (a
 * folder with a package.json means its entry), a bare package name from the node_modules
 * folders above `cwd`. Returns undefined for a bare name not installed there.
 */
export function resolveModule(spec: string, cwd: string): string | undefined {
  if (spec.startsWith('file:')) return spec;
  if (isPathLike(spec)) {
    const path = resolve(cwd, spec);
    if (existsSync(path) && statSync(path).isDirectory()) return packageEntry(path);
    return pathToFileURL(path).href;
  }
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return packageEntry(candidate, subpath);
    if (dirname(dir) === dir) return undefined;
  }
}
