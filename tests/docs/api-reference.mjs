// The API reference: TypeDoc reads the published packages' sources and their doc comments and
// writes HTML to docs/api/ (gitignored). Run by the root `docs` script (after the build, since
// the packages import each other through their built .d.ts files) and by
// test/api-reference.test.ts, which fails on any warning: an undocumented public export, a
// broken {@link}, a type that is used but not exported.
//
//   node tests/docs/api-reference.mjs [--out <dir>]   (default: docs/api)
//
// TypeDoc 0.28 runs on TypeScript 6 (this package's devDependency); the packages themselves
// are compiled by the repository's TypeScript 7.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, LogLevel } from 'typedoc';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** Every entry point of every published package (package.json "exports"). */
export const ENTRY_POINTS = [
  'packages/api/src/index.ts',
  'packages/data/src/index.ts',
  'packages/backend-cpu/src/index.ts',
  'packages/backend-wasm/src/index.ts',
  'packages/backend-webgpu/src/index.ts',
  'packages/keras-io/src/index.ts',
  'conformance/src/index.ts',
  'conformance/src/vitest.ts',
  'conformance/src/cli/index.ts',
];

/** The published packages: every export of each must have a doc comment. */
export const PACKAGES = ['@layerwise/api', '@layerwise/data', '@layerwise/backend-cpu', '@layerwise/backend-wasm',
  '@layerwise/backend-webgpu', '@layerwise/keras-io', '@layerwise/conformance'];

/**
 * The exports that had no doc comment when this check was added (TypeDoc's names, one a line).
 * TypeDoc is told they are known, so anything not listed (a new export) fails the build; a
 * listed one that gets documented fails it too ("intentionallyNotDocumented ... not used"),
 * until its line is deleted: the list only shrinks.
 */

/**
 * Build the reference into `out` (no HTML when `out` is null: validation only).
 * Resolves to TypeDoc's warnings and errors, each a line of text.
 */
export async function buildApiReference(out) {
  const messages = [];
  const app = await Application.bootstrapWithPlugins({
    entryPoints: ENTRY_POINTS.map((p) => join(root, p)),
    tsconfig: join(here, 'typedoc.tsconfig.json'),
    name: 'layerwise',
    readme: 'none',
    // Source links point at the public repository: a clone's own remote (none, or a local path) is no URL.
    sourceLinkTemplate: 'https://github.com/layerwise/layerwise/blob/{gitRevision}/{path}#L{line}',
    gitRevision: 'main',
    validation: { notExported: true, notDocumented: true, invalidLink: true },
    packagesRequiringDocumentation: PACKAGES,
    excludePrivate: true,
    excludeInternal: true,
    logLevel: 'Warn',
  });
  const log = app.logger.log.bind(app.logger);
  app.logger.log = (message, level) => {
    if (level >= LogLevel.Warn) messages.push(message);
    log(message, level);
  };
  const project = await app.convert();
  if (!project) return [...messages, 'error: TypeDoc could not convert the project'];
  app.validate(project);
  if (out) await app.generateDocs(project, out);
  return messages;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? resolve(process.argv[i + 1]) : join(root, 'docs', 'api');
  const messages = await buildApiReference(out);
  if (messages.length > 0) {
    console.error(`docs: ${messages.length} TypeDoc warning(s); the reference must build without any`);
    process.exit(1);
  }
  console.log(`docs: API reference written to ${out} (open index.html)`);
}
