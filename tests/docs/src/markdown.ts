/**
 * What the docs tests read from a markdown file: its fenced code blocks (with the
 * `<!-- docs-test: ... -->` directive before each), its links and its heading anchors.
 * Parsed with markdown-it (CommonMark), so a fence inside a list or a link inside a table
 * is found where GitHub would render it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const md = new MarkdownIt({ html: true });

/** A fenced code block. `file` is relative to the repository root; `line` is 1-based (the fence). */
export interface CodeBlock {
  file: string;
  line: number;
  /** The fence's language, lower-cased (`''` when none). */
  lang: string;
  code: string;
  /** The `<!-- docs-test: ... -->` comments right before it, in order. */
  directives: Directive[];
}

/**
 * A comment before a block: `skip <reason>` (not run; the reason is listed), `continues`
 * (run after the previous runnable block of the same file, as one program),
 * `backend <name>` (run with `<name>` registered and selected; a webgpu block is skipped
 * where the root test command skips the WebGPU tests), `file <name> from <repo path>` (the
 * program runs in a folder holding a copy of that file under that name: a file the reader has).
 */
export type Directive =
  | { kind: 'skip'; reason: string }
  | { kind: 'continues' }
  | { kind: 'backend'; name: string }
  | { kind: 'file'; name: string; from: string };

export interface Link { file: string; line: number; href: string }

export interface ParsedMarkdown {
  blocks: CodeBlock[];
  links: Link[];
  /** GitHub's anchor for every heading (`## Use the packages` -> `use-the-packages`). */
  anchors: Set<string>;
}

const DIRECTIVE = /^<!--\s*docs-test:\s*(.*?)\s*-->\s*$/s;

function parseDirective(file: string, line: number, text: string): Directive {
  const [word, ...rest] = text.split(/\s+/);
  const arg = rest.join(' ');
  if (word === 'skip' && arg) return { kind: 'skip', reason: arg };
  if (word === 'continues' && !arg) return { kind: 'continues' };
  if (word === 'backend' && /^[a-z0-9-]+$/.test(arg)) return { kind: 'backend', name: arg };
  const from = /^(\S+) from (\S+)$/.exec(arg);
  if (word === 'file' && from) return { kind: 'file', name: from[1], from: from[2] };
  throw new Error(`${file}:${line}: unknown docs-test directive '${text}' (expected 'skip <reason>', 'continues', 'backend <name>' or 'file <name> from <path>')`);
}

/** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

interface Token {
  type: string;
  tag: string;
  info: string;
  content: string;
  map: [number, number] | null;
  children: Token[] | null;
  attrGet(name: string): string | null;
}

export function parseMarkdown(file: string, text: string): ParsedMarkdown {
  const tokens = md.parse(text, {}) as Token[];
  const blocks: CodeBlock[] = [];
  const links: Link[] = [];
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let pending: { directives: Directive[]; line: number } | undefined;
  let line = 1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Tokens inside a table row carry no position: they keep the last one seen.
    if (t.map) line = t.map[0] + 1;
    if (t.type === 'html_block') {
      const m = DIRECTIVE.exec(t.content.trim());
      if (m) {
        pending ??= { directives: [], line };
        pending.directives.push(parseDirective(file, line, m[1]));
      }
      continue;
    }
    if (t.type === 'fence') {
      blocks.push({ file, line, lang: t.info.trim().split(/\s+/)[0].toLowerCase(), code: t.content, directives: pending?.directives ?? [] });
      pending = undefined;
      continue;
    }
    if (pending && t.type !== 'html_block') {
      throw new Error(`${file}:${pending.line}: docs-test directive not followed by a code block`);
    }
    if (t.type === 'heading_open') {
      const inline = tokens[i + 1];
      const words = (inline.children ?? []).filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content).join('');
      const base = slug(words);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    if (t.type === 'inline') {
      for (const c of t.children ?? []) {
        const href = c.type === 'link_open' ? c.attrGet('href') : c.type === 'image' ? c.attrGet('src') : null;
        if (href !== null) links.push({ file, line, href });
      }
    }
  }
  if (pending) throw new Error(`${file}:${pending.line}: docs-test directive not followed by a code block`);
  return { blocks, links, anchors };
}

/** Folders that hold no documentation: build output, generated pages (TypeDoc's, the bench table), test data. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'fixtures']);
const SKIP_PATHS = new Set(['docs/api', 'bench/results']);

function markdownUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) {
      if (!SKIP_DIRS.has(name) && !SKIP_PATHS.has(path) && !name.startsWith('.')) out.push(...markdownUnder(path));
    } else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

const exists = (path: string) => { try { statSync(join(ROOT, path)); return true; } catch { return false; } };

/**
 * The user's documentation: docs/ (not docs/api, TypeDoc's output), the root README and
 * CONTRIBUTING-BACKEND.md, and the README of every package, example, the conformance suite and
 * the benchmarks (each folder's other .md pages too, such as examples/tfjs-ports/DIFFERENCES.md).
 * Generated pages (bench/results, test fixtures) are left out.
 */
export function documentationFiles(): string[] {
  const files = ['README.md', 'CONTRIBUTING-BACKEND.md'].filter(exists);
  if (exists('docs')) files.push(...markdownUnder('docs'));
  for (const parent of ['packages', 'examples']) {
    for (const name of readdirSync(join(ROOT, parent)).sort()) files.push(...markdownUnder(join(parent, name)));
  }
  files.push(...markdownUnder('conformance'), ...markdownUnder('bench'));
  return files.map((f) => relative(ROOT, join(ROOT, f))).sort();
}

const cache = new Map<string, ParsedMarkdown>();

/** The parsed file (cached: every test file reads the same pages). */
export function readMarkdown(file: string): ParsedMarkdown {
  let parsed = cache.get(file);
  if (!parsed) {
    parsed = parseMarkdown(file, readFileSync(join(ROOT, file), 'utf8'));
    cache.set(file, parsed);
  }
  return parsed;
}
