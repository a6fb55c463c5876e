import { parseArgs as parseNodeArgs } from 'node:util';

/** What the command line asked for. */
export interface CliOptions {
  /** Registered backend names or module specifiers, in column order. */
  readonly backends: readonly string[];
  /** Case-name substrings; a case runs when its name contains any of them (none: every case). */
  readonly filters: readonly string[];
  /** Where the markdown report goes (relative to the working directory). */
  readonly out: string;
  /** Print every case row, not only the per-primitive summary and the failures. */
  readonly verbose: boolean;
  /** Print the usage and exit 0 without running anything (`-h`, `--help`). */
  readonly help: boolean;
}

/** A command line that cannot be run; the CLI prints it with the usage and exits with 2. */
export class UsageError extends Error {
  /** Always 'UsageError'. */
  override readonly name = 'UsageError';
}

/** The markdown report's file name when `--out` is not given. */
export const DEFAULT_OUT = 'conformance-report.md';

/** The help text `--help` and usage errors print: options and exit codes. */
export const USAGE = `Usage: layerwise-conformance --backend <name|module> [--backend ...] [options]

Runs the layerwise conformance suite (kernel and gradient cases) on one or more backends,
prints the case x backend matrix grouped by primitive, and writes it as markdown.

  -b, --backend <name|module>  a registered backend name (cpu, wasm, webgpu, ... once their
                               packages are installed), or a module path/package whose import
                               registers a backend or whose default export is a Kernel factory.
                               Repeat to compare backends side by side.
  -f, --filter <substring>     run only cases whose name contains it (repeatable: any of them)
  -o, --out <file.md>          markdown report (default ${DEFAULT_OUT} in the working directory)
  -v, --verbose                print every case, not only the summary and the failures
  -h, --help                   show this help

Exit code: 0 when no case fails, 1 when any case fails, 2 on a usage or loading error.`;

/** Parses argv (without the node and script paths); throws UsageError on anything unknown. */
export function parseArgs(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseNodeArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        backend: { type: 'string', short: 'b', multiple: true },
        filter: { type: 'string', short: 'f', multiple: true },
        out: { type: 'string', short: 'o' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const help = values.help ?? false;
  const backends = values.backend ?? [];
  if (!help && backends.length === 0) throw new UsageError('give at least one --backend <name|module>');
  for (const b of backends) if (b.trim() === '') throw new UsageError('--backend needs a non-empty name or module');
  const out = values.out ?? DEFAULT_OUT;
  if (out.trim() === '') throw new UsageError('--out needs a file name');
  return { backends, filters: values.filter ?? [], out, verbose: values.verbose ?? false, help };
}
