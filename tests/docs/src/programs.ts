/**
 * The docs' JavaScript and TypeScript blocks as programs: each block alone, or joined to the
 * blocks marked `continues` after it. TypeScript programs are type-checked and compiled with the
 * repository's compiler (TypeScript 7's tsc; Node 20 cannot strip types); every program runs with
 * `node` from a folder inside this package, so `@layerwise/*` resolve to the workspace's packages.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodeBlock, type Directive, ROOT } from './markdown.js';

export const JS_LANGS = new Set(['js', 'javascript', 'mjs', 'cjs']);
export const TS_LANGS = new Set(['ts', 'typescript', 'mts']);

/** Backends a `backend <name>` directive can name, and the package that registers each. */
const BACKEND_PACKAGES: Record<string, string> = {
  cpu: '@layerwise/backend-cpu',
  wasm: '@layerwise/backend-wasm',
  webgpu: '@layerwise/backend-webgpu',
};

export interface Program {
  /** `file:line` of the first block (the test's name). */
  id: string;
  blocks: CodeBlock[];
  ts: boolean;
  /** A CommonJS program (```cjs): written as .cjs, no top-level await. */
  cjs: boolean;
  backend?: string;
  skip?: string;
  /** Files copied into the folder it runs in: name -> path in the repository. */
  files: Record<string, string>;
  source: string;
  /** For each line of `source` (0-based), where it came from: `file:line`, or '' for added lines. */
  lineMap: string[];
}

const isCode = (b: CodeBlock) => JS_LANGS.has(b.lang) || TS_LANGS.has(b.lang);

/** Group one file's blocks into programs (a `continues` block joins the program before it). */
export function programsOf(blocks: CodeBlock[]): Program[] {
  const programs: Program[] = [];
  for (const b of blocks.filter(isCode)) {
    const find = <K extends Directive['kind']>(kind: K) => b.directives.find((d): d is Extract<Directive, { kind: K }> => d.kind === kind);
    const backend = find('backend');
    const files = Object.fromEntries(b.directives.flatMap((d) => (d.kind === 'file' ? [[d.name, d.from]] : [])));
    for (const from of Object.values(files)) {
      if (!existsSync(join(ROOT, from))) throw new Error(`${b.file}:${b.line}: docs-test file: no ${from}`);
    }
    if (find('continues')) {
      const last = programs.at(-1);
      if (!last) throw new Error(`${b.file}:${b.line}: 'continues' but no code block before it`);
      last.blocks.push(b);
      last.ts ||= TS_LANGS.has(b.lang);
      Object.assign(last.files, files);
      continue;
    }
    if (backend && !BACKEND_PACKAGES[backend.name]) {
      throw new Error(`${b.file}:${b.line}: backend '${backend.name}' is none of ${Object.keys(BACKEND_PACKAGES).join(', ')}`);
    }
    programs.push({
      id: `${b.file}:${b.line}`,
      blocks: [b],
      ts: TS_LANGS.has(b.lang),
      cjs: b.lang === 'cjs',
      backend: backend?.name,
      skip: find('skip')?.reason,
      files,
      source: '',
      lineMap: [],
    });
  }
  for (const p of programs) {
    const prelude = p.backend
      ? `import '${BACKEND_PACKAGES[p.backend]}';\nimport { setBackend as docsTestSetBackend } from '@layerwise/api';\nawait docsTestSetBackend('${p.backend}');\n`
      : '';
    const lines = prelude ? prelude.trimEnd().split('\n') : [];
    p.lineMap = lines.map(() => '');
    for (const b of p.blocks) {
      lines.push(`// ${b.file}:${b.line}`);
      p.lineMap.push('');
      b.code.replace(/\n$/, '').split('\n').forEach((text, k) => { lines.push(text); p.lineMap.push(`${b.file}:${b.line + 1 + k}`); });
    }
    // `export {}` makes every program a module (top-level await), whatever it imports.
    p.source = `${lines.join('\n')}\n${p.cjs ? '' : 'export {};\n'}`;
  }
  return programs;
}

/** Why a program cannot run here (the reason), or undefined. */
export function environmentSkip(p: Program): string | undefined {
  const webgpu = p.backend === 'webgpu' || /setBackend\(\s*['"]webgpu['"]\s*\)/.test(p.source);
  const reason = process.env.LAYERWISE_SKIP_WEBGPU_TESTS;
  return webgpu && reason ? `the WebGPU tests are skipped here: ${reason}` : undefined;
}

/** Where the programs are written: inside this package, so its node_modules resolve @layerwise/*. */
export const WORK = join(ROOT, 'tests', 'docs', '.tmp');

const fileName = (i: number) => `block-${String(i).padStart(3, '0')}`;

export interface Prepared {
  program: Program;
  /** The .mjs to run. */
  entry: string;
  /** tsc's errors in this program (TypeScript blocks), each as `file:line: message`. */
  typeErrors: string[];
}

/**
 * Write every program; type-check and compile the TypeScript ones with one tsc run.
 * Returns one entry per program, in order.
 */
export function preparePrograms(programs: Program[]): Prepared[] {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'ts'), { recursive: true });
  const prepared: Prepared[] = programs.map((program, i) => {
    if (program.ts) {
      writeFileSync(join(WORK, 'ts', `${fileName(i)}.mts`), program.source);
      return { program, entry: join(WORK, 'ts', 'out', `${fileName(i)}.mjs`), typeErrors: [] };
    }
    const entry = join(WORK, `${fileName(i)}.${program.cjs ? 'cjs' : 'mjs'}`);
    writeFileSync(entry, program.source);
    return { program, entry, typeErrors: [] };
  });
  if (!programs.some((p) => p.ts)) return prepared;
  writeFileSync(join(WORK, 'ts', 'tsconfig.json'), JSON.stringify({
    extends: '../../../../tsconfig.base.json',
    compilerOptions: { rootDir: '.', outDir: 'out', declaration: false, sourceMap: false, types: ['node'], noEmitOnError: false },
    include: ['*.mts'],
  }));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(WORK, 'ts'), '--pretty', 'false'],
    { cwd: ROOT, encoding: 'utf8' });
  // `block-003.mts(12,5): error TS2304: Cannot find name 'xs'.`
  for (const line of (tsc.stdout + tsc.stderr).split('\n')) {
    const m = /block-(\d+)\.mts\((\d+),(\d+)\): (.*)$/.exec(line);
    if (m) {
      const p = prepared[Number(m[1])];
      p.typeErrors.push(`${p.program.lineMap[Number(m[2]) - 1] || `line ${m[2]} of the program`}: ${m[4]}`);
    }
    else if (line.trim() && !/block-\d+\.mts/.test(line)) prepared.forEach((p) => { if (p.program.ts) p.typeErrors.push(`tsc: ${line}`); });
  }
  return prepared;
}

export interface RunResult { code: number | null; signal: string | null; output: string; ms: number }

/** Run a program with node (cwd: a fresh folder of its own, so files it writes land there). */
export function runProgram(p: Prepared, index: number, timeoutMs: number): Promise<RunResult> {
  const cwd = join(WORK, 'cwd', fileName(index));
  mkdirSync(cwd, { recursive: true });
  for (const [name, from] of Object.entries(p.program.files)) copyFileSync(join(ROOT, from), join(cwd, name));
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [p.entry], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => { output += `\n[killed after ${timeoutMs} ms]`; child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, ms: Math.round(performance.now() - t0) });
    });
  });
}

/** Run `tasks` with at most `limit` at once, results in order. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
