#!/usr/bin/env node
// What a release would publish, without publishing: packs every public workspace package into a
// temp folder (pnpm replaces workspace: ranges as it does on publish), prints each tarball's
// contents and the dependency ranges its package.json will carry, checks that every tarball has
// package.json, README.md, LICENSE and what main/types/exports/bin point at, then runs
// `pnpm -r publish --dry-run`, which goes through publishing up to the upload and skips the upload.
// Run the builds first (the root script `release:dry-run` does).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackage, publicPackages, runPnpm } from './workspace.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const published = publicPackages();
const out = mkdtempSync(join(tmpdir(), 'layerwise-release-dry-run-'));
const problems = [];

try {
  for (const project of published) {
    const { tgz, manifest, files } = packPackage(project.path, out);
    const id = `${manifest.name}@${manifest.version}`;
    const size = execFileSync('stat', ['-c', '%s', tgz], { encoding: 'utf8' }).trim();

    console.log(`\n📦 ${id}  (${project.path.slice(process.cwd().length + 1) || '.'})`);
    console.log(`   tarball ${kb(Number(size))}, ${files.length} files`);
    const dist = files.filter((f) => f.startsWith('dist/'));
    const other = files.filter((f) => !f.startsWith('dist/'));
    for (const f of other) console.log(`   ${f}`);
    const groups = new Map();
    for (const f of dist) {
      const dir = f.split('/').slice(0, -1).join('/');
      groups.set(dir, [...(groups.get(dir) ?? []), f.slice(dir.length + 1)]);
    }
    for (const [dir, names] of groups) {
      // one line per folder, wrapped at 100 columns
      let line = `   ${dir}/`;
      for (const n of names) {
        if (line.length + n.length + 1 > 100) { console.log(line); line = ' '.repeat(dir.length + 4); }
        line += ` ${n}`;
      }
      console.log(line);
    }
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      const deps = Object.entries(manifest[field] ?? {});
      if (deps.length) console.log(`   ${field}: ${deps.map(([n, r]) => `${n} ${r}`).join(', ')}`);
    }

    const text = JSON.stringify(manifest);
    if (text.includes('workspace:')) problems.push(`${id}: a workspace: range is left in the packed package.json`);
    const need = ['package.json', 'README.md', 'LICENSE', manifest.main, manifest.types,
      ...Object.values(manifest.exports ?? {}).flatMap((c) => (typeof c === 'string' ? [c] : Object.values(c))),
      ...Object.values(manifest.bin ?? {})];
    for (const f of need) {
      if (f && !files.includes(f.replace(/^\.\//, ''))) problems.push(`${id}: the tarball lacks ${f}`);
    }
    for (const field of ['license', 'repository', 'description', 'keywords', 'engines', 'publishConfig', 'types', 'main', 'exports']) {
      if (manifest[field] === undefined) problems.push(`${id}: package.json has no "${field}"`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

console.log('\n$ pnpm -r publish --dry-run --no-git-checks --access public');
runPnpm(['-r', 'publish', '--dry-run', '--no-git-checks', '--access', 'public'], { stdio: 'inherit' });

if (problems.length) {
  console.error(`\nrelease:dry-run: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`\nrelease:dry-run: ${published.length} packages would be published (nothing was uploaded).`);
