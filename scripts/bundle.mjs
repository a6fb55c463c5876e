#!/usr/bin/env node
// Bundles a package's compiled modules (tsc's JavaScript, in build/tsc) into one ES module,
// dist/index.js, leaving every bare import (dependencies, peers, node: builtins) external.
// Usage, from a package directory: node ../../scripts/bundle.mjs
//
// Why: @layerwise/api is ~190 modules. Node's ESM loader keeps per-module records that survive
// V8's young-generation collections, and that survival made V8 double its young generation
// at startup (16 -> 32 MB, kept for the whole process): +16-25 MB peak RSS in every Node
// process that imported it, and an import of 63 ms instead of 9 ms. tsc still compiles (the
// bundler only concatenates tsc's output, so semantics are tsc's) and writes the .d.ts files.
import { rolldown } from 'rolldown';
import { isAbsolute, resolve } from 'node:path';

const pkg = process.cwd();
const bundle = await rolldown({
  input: resolve(pkg, 'build/tsc/index.js'),
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  platform: 'neutral',
  treeshake: false,
  logLevel: 'warn',
});
await bundle.write({ file: resolve(pkg, 'dist/index.js'), format: 'esm', sourcemap: true });
await bundle.close();
