/**
 * The API reference (`pnpm run docs`, api-reference.mjs) builds from the doc comments without a
 * single TypeDoc warning: every public export of the published packages is documented, every {@link} resolves, and
 * no public signature uses a type the package does not export.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script (the root `docs` command runs it), without types
import { buildApiReference } from '../api-reference.mjs';

const out = mkdtempSync(join(tmpdir(), 'layerwise-api-reference-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('builds without warnings: every public export documented', async () => {
  const messages = (await buildApiReference(out)) as string[];
  const plain = messages.map((m) => m.replace(/\x1b\[[0-9;]*m/g, ''));
  expect(plain, `TypeDoc said:\n${plain.join('\n')}`).toEqual([]);
  expect(existsSync(join(out, 'index.html'))).toBe(true);
  // Pages are named by package (each entry point's @module), with the doc comments in them.
  const sequential = readFileSync(join(out, 'classes', '_layerwise_api.Sequential.html'), 'utf8');
  expect(sequential).toContain('Keras 2 evaluate');
  expect(existsSync(join(out, 'modules', '_layerwise_backend-wasm.html'))).toBe(true);
}, 600_000);
