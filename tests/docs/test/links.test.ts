/**
 * Every relative link in the documentation resolves: the file or folder exists, and an anchor
 * (`page.md#section`, `#section`) names a heading of that page as GitHub renders it. Links into
 * this repository on GitHub (`https://github.com/layerwise/layerwise/blob/main/<path>`, which a
 * packed README must use) point at files that exist. A published package's README links nothing
 * outside its package, since the README ships in the tarball without the rest of the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, documentationFiles, readMarkdown } from '../src/markdown.js';

const REPO_URL = /^https:\/\/github\.com\/layerwise\/layerwise\/(?:blob|tree)\/main\/([^#?]*)(?:#(.*))?$/;
/** Folders whose README ships in a published tarball. */
const PUBLISHED = ['packages/api', 'packages/data', 'packages/backend-cpu', 'packages/backend-wasm', 'packages/backend-webgpu', 'packages/keras-io', 'conformance'];

/** Whether git ignores `path` (build output such as docs/api); false where git is not there to ask. */
function ignored(path: string): boolean {
  return spawnSync('git', ['check-ignore', '-q', path], { cwd: ROOT }).status === 0;
}

/** What is wrong with one link (undefined when nothing). */
function problem(file: string, href: string): string | undefined {
  let path: string;
  let anchor: string | undefined;
  const repo = REPO_URL.exec(href);
  if (repo) [, path, anchor] = repo;
  else if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined; // https:, mailto: (not fetched here)
  else {
    const hash = href.indexOf('#');
    const target = hash < 0 ? href : href.slice(0, hash);
    anchor = hash < 0 ? undefined : decodeURIComponent(href.slice(hash + 1));
    path = target === '' ? file : normalize(join(dirname(file), decodeURIComponent(target.split('?')[0])));
    const pkg = PUBLISHED.find((p) => file === `${p}/README.md`);
    if (pkg && target !== '' && !path.startsWith(`${pkg}/`)) return `links ${href}, outside the published package ${pkg} (use https://github.com/layerwise/layerwise/blob/main/...)`;
  }
  path = path.replace(/\/$/, '');
  if (path.startsWith('..') || !existsSync(join(ROOT, path))) return `links ${href}: no ${path}`;
  if (ignored(path)) return `links ${href}: ${path} is build output (gitignored), not in a clone; link to how to make it`;
  if (anchor && path.endsWith('.md') && statSync(join(ROOT, path)).isFile()) {
    const anchors = readMarkdown(path).anchors;
    if (!anchors.has(anchor)) return `links ${href}: ${path} has no heading #${anchor}`;
  }
  return undefined;
}

describe('links resolve', () => {
  for (const file of documentationFiles()) {
    it(file, () => {
      const bad = readMarkdown(file).links.map((l) => ({ l, why: problem(file, l.href) })).filter((x) => x.why);
      expect(bad.map(({ l, why }) => `${file}:${l.line}: ${why}`)).toEqual([]);
    });
  }
});
