// What the release and packing scripts share: running the repo's pnpm, listing the public
// (publishable) workspace packages, and packing one the way `pnpm publish` would.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The command that runs pnpm: the pnpm running this script when there is one, else the
 * version the root package.json pins, through npx (a machine with Node and npm only).
 */
export function pnpmCommand() {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm/i.test(execpath) && /\.(c|m)?js$/.test(execpath)) return [process.execPath, [execpath]];
  const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager;
  return ['npx', ['-y', pinned]];
}

/** Runs pnpm with `args` and returns its stdout (or inherits stdio with `{ stdio: 'inherit' }`). */
export function runPnpm(args, opts = {}) {
  const [cmd, pre] = pnpmCommand();
  return execFileSync(cmd, [...pre, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
}

/** The workspace packages that are published (not `"private": true`): `{ name, version, path }`. */
export function publicPackages() {
  return JSON.parse(runPnpm(['-r', 'ls', '--json', '--depth', '-1'])).filter((p) => !p.private);
}

/**
 * `pnpm pack` of one package into `dest` (workspace: ranges become the real versions):
 * the tarball's path, its packed package.json and its file list.
 */
export function packPackage(path, dest) {
  const [info] = [JSON.parse(runPnpm(['pack', '--json', '--pack-destination', dest], { cwd: path }))].flat();
  const tgz = isAbsolute(info.filename) ? info.filename : join(dest, info.filename);
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }));
  return { tgz, manifest, files: info.files.map((f) => f.path).sort() };
}
