#!/usr/bin/env node
// `pnpm pack-local [dir]`: the public packages of this clone as tarballs in one folder, for a
// project of your own to `npm install` (the packages are not on the npm registry yet).
// Installs the workspace when it has not been, builds the public packages (turbo), empties
// `dir` (default: packed/ at the repo root) of older tarballs of ours, packs each package there
// (workspace: ranges become real versions, as on publish) and prints the install command.
// The private packages (examples, bench, tests) are not packed.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { packPackage, publicPackages, ROOT, runPnpm } from './workspace.mjs';

const arg = process.argv.slice(2).find((a) => a !== '--');
// A relative dir is relative to where the user ran the command (pnpm runs scripts at the root).
const dest = resolve(process.env.INIT_CWD ?? process.cwd(), arg ?? join(ROOT, 'packed'));

if (!existsSync(join(ROOT, 'node_modules', '.bin', 'turbo'))) {
  console.log('pack-local: installing the workspace first (pnpm install --frozen-lockfile)');
  runPnpm(['install', '--frozen-lockfile'], { stdio: 'inherit' });
}
const packages = publicPackages();
console.log(`pack-local: building ${packages.map((p) => p.name).join(', ')}`);
runPnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...packages.map((p) => `--filter=${p.name}`)], { stdio: 'inherit' });

mkdirSync(dest, { recursive: true });
// A tarball of an older version left beside the new ones would be installed too.
for (const f of readdirSync(dest)) if (/^layerwise-.*\.tgz$/.test(f)) rmSync(join(dest, f));
const packed = packages.map((p) => ({ name: p.name, tgz: packPackage(p.path, dest).tgz }));

const tgz = (name) => packed.find((p) => p.name === name).tgz;
console.log(`\npack-local: ${packed.length} packages in ${dest}:`);
for (const p of packed) console.log(`  ${basename(p.tgz).padEnd(40)} ${p.name}`);
console.log(`
Install @layerwise/api, @layerwise/data and a backend from these files in ONE npm install:
@layerwise/api depends on @layerwise/data, which is not on the registry, so its tarball must
be installed beside the api's. In your project (layerwise is ES modules: "type": "module" in
its package.json, or .mjs files; require() needs Node 20.19+):

  npm install ${['@layerwise/api', '@layerwise/data', '@layerwise/backend-cpu'].map(tgz).join(' ')}

or every package (all three backends, the conformance suite): npm install ${join(dest, '*.tgz')}`);
