/**
 * Figures quoted in the documentation come from a script's output. Each quoted measurement is
 * registered here with the command that prints it (the page must name that command beside the
 * figure) and, where the script writes its result to a file, that file: when the file is there
 * (a run left it; outputs are gitignored), the quoted figure must equal what it holds for the
 * same settings. Quoting a new measurement means adding it here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/markdown.js';

interface Figure {
  doc: string;
  /** The heading whose section holds the figures. */
  section: string;
  /** The command that prints them; the section must name it. */
  command: string;
  /** The quoted figures, read from the section. */
  quoted: (section: string) => Record<string, string>;
  /** The script's output file and the same figures read from it, when it matches the quoted run. */
  output?: { file: string; figures: (json: Record<string, unknown>) => Record<string, string> | undefined };
}

const pct = (x: unknown) => `${(100 * Number(x)).toFixed(2)}%`;

const FIGURES: Figure[] = [
  {
    doc: 'examples/fashion-mnist/README.md',
    section: '## Measured',
    command: 'npx -y pnpm@12.4.2 demo',
    // | embedded (8,000 train / 2,000 test) | 86.55% | 86.55% | 46.8 s |
    quoted: (text) => {
      const row = /\|\s*embedded[^|]*\|\s*([\d.]+%)\s*\|\s*([\d.]+%)\s*\|/.exec(text);
      return row ? { testAccuracy: row[1], reloadedAccuracy: row[2] } : {};
    },
    output: {
      file: 'examples/fashion-mnist/out/summary.json',
      // The table's row: the demo's defaults (wasm, embedded data, 3 epochs, batch 32, seed 1).
      figures: (s) => s.backend === 'wasm' && s.data === 'embedded' && s.epochs === 3 && s.batchSize === 32 && s.seed === 1
        ? { testAccuracy: pct(s.testAccuracy), reloadedAccuracy: pct(s.reloadedAccuracy) }
        : undefined,
    },
  },
  {
    doc: 'bench/README.md',
    section: '## Long runs',
    command: 'node --expose-gc bench/soak-rss.mjs',
    // | cpu | 1k / 4k / ... | 62.4 / 61.5 / ... | ...
    quoted: (text) => Object.fromEntries([...text.matchAll(/^\| (cpu|wasm[^|]*) \| [^|]+ \| ([\d. /]+) \|/gm)].map((m) => [m[1].trim(), m[2].trim()])),
  },
  {
    doc: 'bench/README.md',
    section: '## Input checks',
    command: 'node bench/non-finite-check.mjs',
    quoted: (text) => Object.fromEntries([...text.matchAll(/([\d.]+%) on (cpu|wasm)/g)].map((m) => [m[2], m[1]])),
  },
  {
    doc: 'docs/backends.md',
    section: '## wasm',
    command: 'node bench/run.mjs --backend wasm',
    // What threads buy ...: convolutional training 1.33x, an LSTM 1.10x, ...
    quoted: (text) => {
      const para = /What threads buy[^]*?\n\n/.exec(text)?.[0] ?? '';
      return Object.fromEntries([...para.matchAll(/([\d.]+(?:-[\d.]+)?x)/g)].map((m, i) => [String(i), m[1]]));
    },
  },
  {
    doc: 'packages/backend-wasm/README.md',
    section: '## Threads',
    command: 'node bench/threads-thresholds.mjs --gap 300',
    // | `adam_step` | 2^16 floats a part | 100,352 1.06x | 131,072 1.33x, 2^20 1.87x |
    quoted: (text) => Object.fromEntries([...text.matchAll(/^\| ([^|]+) \| (2\^\d+)[^|]*\|/gm)].map((m) => [m[1].trim(), m[2]])),
  },
];

function section(doc: string, heading: string): string {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const start = text.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`${doc}: no section '${heading}'`);
  const level = heading.split(' ')[0];
  const next = text.indexOf(`\n${level} `, start + heading.length + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

describe('quoted figures come from a script', () => {
  for (const f of FIGURES) {
    it(`${f.doc} ${f.section}`, () => {
      const text = section(f.doc, f.section);
      expect(text, `${f.doc} ${f.section} must name the command that prints its figures`).toContain(f.command);
      const quoted = f.quoted(text);
      expect(Object.keys(quoted).length, `${f.doc} ${f.section}: no figures found where expected`).toBeGreaterThan(0);
      if (!f.output) return;
      const path = join(ROOT, f.output.file);
      if (!existsSync(path)) {
        console.log(`figures: ${f.doc}: not compared, ${f.output.file} is absent (\`${f.command}\` writes it)`);
        return;
      }
      const measured = f.output.figures(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
      if (!measured) {
        console.log(`figures: ${f.doc}: not compared, ${f.output.file} is from a run with other settings`);
        return;
      }
      expect(quoted, `${f.doc} ${f.section} quotes figures that ${f.output.file} does not hold`).toEqual(measured);
    });
  }
});
