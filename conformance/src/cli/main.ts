import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALL_CASES } from '../cases/index.js';
import { runCases, type CaseResult } from '../runner.js';
import { parseArgs, USAGE, UsageError } from './args.js';
import { importKnownBackends, loadBackends, missingPrimitives } from './backends.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import { buildMatrix, failuresOf } from './matrix.js';

/** Where the CLI writes and which folder it resolves paths against (replaceable in tests). */
export interface CliIO {
  /** Receives the matrix and the help text (process.stdout by default). */
  readonly stdout: (text: string) => void;
  /** Receives errors, warnings and per-backend progress lines (process.stderr by default). */
  readonly stderr: (text: string) => void;
  /** The folder backend modules and `--out` are resolved against (process.cwd() by default). */
  readonly cwd: string;
}

const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/**
 * layerwise-conformance: loads the backends, runs the selected cases on each (one backend
 * after another, cases in order), prints the matrix and writes the markdown report.
 * Resolves to the exit code: 0 no failure, 1 a case failed, 2 a usage or loading error.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`layerwise-conformance: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  const cases = options.filters.length
    ? ALL_CASES.filter((c) => options.filters.some((f) => c.name.includes(f)))
    : ALL_CASES;
  if (cases.length === 0) {
    io.stderr(`layerwise-conformance: no case name contains ${options.filters.map((f) => `'${f}'`).join(' or ')}\n`);
    return 2;
  }

  let backends;
  try {
    const known = await importKnownBackends(io.cwd);
    backends = await loadBackends(options.backends, io.cwd, known);
  } catch (err) {
    io.stderr(`layerwise-conformance: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }

  const resultsByBackend: CaseResult[][] = [];
  for (const backend of backends) {
    const missing = missingPrimitives(backend.kernel);
    if (missing.length) io.stderr(`warning: ${backend.label} lacks required Kernel methods: ${missing.join(', ')}\n`);
    const started = performance.now();
    const results = await runCases(backend.kernel, { cases, exclusions: backend.exclusions });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stderr(`ran ${cases.length} cases on ${backend.label} (${backend.kernel.name}, from ${backend.spec}) in ${seconds}s\n`);
    resultsByBackend.push(results);
  }

  const matrix = buildMatrix(cases, backends.map((b) => b.label), resultsByBackend);
  io.stdout(`layerwise conformance: ${cases.length} cases x ${backends.length} backend${backends.length === 1 ? '' : 's'}\n\n`);
  io.stdout(formatText(matrix, { verbose: options.verbose }));
  const outPath = resolve(io.cwd, options.out);
  try {
    writeFileSync(outPath, formatMarkdown(matrix, { filters: options.filters }));
  } catch (err) {
    io.stderr(`layerwise-conformance: could not write ${outPath}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  io.stdout(`\nwrote ${outPath}\n`);
  return failuresOf(matrix).length > 0 ? 1 : 0;
}
