/**
 * Every fenced code block of the documentation (src/markdown.ts: docs/, the READMEs,
 * CONTRIBUTING-BACKEND.md) is executed or checked, so no example can rot:
 * - ```js / ```ts blocks run with node and must exit 0 within the time limit (TypeScript
 *   blocks are type-checked first, with the repository's tsc);
 * - ```sh blocks are checked without running them (src/shell.ts);
 * - ```json blocks must parse.
 * A block is left out only by `<!-- docs-test: skip <reason> -->` before it (listed below, with
 * the reason); docs/README.md describes the directives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentationFiles, readMarkdown } from '../src/markdown.js';
import { JS_LANGS, TS_LANGS, environmentSkip, pool, preparePrograms, programsOf, runProgram, type Prepared, type RunResult } from '../src/programs.js';
import { checkShellBlock } from '../src/shell.js';

/** Per program; a model trains in some, on a shared machine. */
const TIMEOUT_MS = 120_000;
const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

const files = documentationFiles();
const programs = files.flatMap((f) => programsOf(readMarkdown(f).blocks));
const allBlocks = files.flatMap((f) => readMarkdown(f).blocks);

let prepared: Prepared[] = [];
const results = new Map<string, RunResult>();

beforeAll(async () => {
  prepared = preparePrograms(programs);
  const runnable = prepared.map((p, i) => ({ p, i })).filter(({ p }) => !p.program.skip && !environmentSkip(p.program) && p.typeErrors.length === 0);
  const outcomes = await pool(runnable.map(({ p, i }) => () => runProgram(p, i, TIMEOUT_MS)), 2);
  runnable.forEach(({ p }, k) => results.set(p.program.id, outcomes[k]));
}, 1_800_000);

afterAll(() => {
  const skipped = programs.filter((p) => p.skip || environmentSkip(p)).map((p) => `  ${p.id}: ${p.skip ?? environmentSkip(p)}`);
  const skipOf = (b: (typeof allBlocks)[number]) => b.directives.find((d) => d.kind === 'skip') as { reason: string } | undefined;
  const shellSkips = allBlocks.filter((b) => SHELL.has(b.lang) && skipOf(b));
  const notRun = allBlocks.filter((b) => !JS_LANGS.has(b.lang) && !TS_LANGS.has(b.lang) && !SHELL.has(b.lang) && b.lang !== 'json');
  const byLang = new Map<string, number>();
  for (const b of notRun) byLang.set(b.lang || '(none)', (byLang.get(b.lang || '(none)') ?? 0) + 1);
  console.log([
    `docs code blocks: ${programs.length} programs (${allBlocks.filter((b) => JS_LANGS.has(b.lang) || TS_LANGS.has(b.lang)).length} js/ts blocks) in ${files.length} files`,
    `skipped (${skipped.length + shellSkips.length}):`, ...skipped, ...shellSkips.map((b) => `  ${b.file}:${b.line}: ${skipOf(b)!.reason}`),
    `not code, shown as is: ${[...byLang].map(([l, n]) => `${n} ${l}`).join(', ')}`,
  ].join('\n'));
});

describe('js and ts blocks run', () => {
  it('there are some', () => expect(programs.length).toBeGreaterThan(10));
  for (const program of programs) {
    const reason = program.skip ?? environmentSkip(program);
    if (reason) {
      it.skip(`${program.id} (skipped: ${reason})`, () => {});
      continue;
    }
    it(program.id, () => {
      const p = prepared.find((q) => q.program === program)!;
      expect(p.typeErrors, `${program.id} does not type-check:\n${p.typeErrors.join('\n')}`).toEqual([]);
      const r = results.get(program.id)!;
      expect(r.code, `${program.id} exited ${r.code ?? r.signal} after ${r.ms} ms:\n${r.output.slice(-3000)}`).toBe(0);
    });
  }
});

describe('sh blocks call what exists', () => {
  for (const b of allBlocks.filter((x) => SHELL.has(x.lang))) {
    const skip = b.directives.find((d) => d.kind === 'skip');
    if (skip?.kind === 'skip') { it.skip(`${b.file}:${b.line} (skipped: ${skip.reason})`, () => {}); continue; }
    it(`${b.file}:${b.line}`, () => expect(checkShellBlock(b.code, b.file)).toEqual([]));
  }
});

describe('json blocks parse', () => {
  for (const b of allBlocks.filter((x) => x.lang === 'json')) {
    it(`${b.file}:${b.line}`, () => expect(() => JSON.parse(b.code)).not.toThrow());
  }
});
