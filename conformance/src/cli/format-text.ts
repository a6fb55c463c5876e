import { failuresOf, formatError, type GroupCell, type Matrix } from './matrix.js';

const STATUS_COLUMNS = ['pass', 'fail', 'excl', 'skip', 'max abs'] as const;
const COUNT_WIDTH = 5;
const ERROR_WIDTH = 9;
const GAP = '   ';

function cellColumns(cell: GroupCell): string[] {
  const { pass, fail, excluded, skipped } = cell.counts;
  return [
    ...[pass, fail, excluded, skipped].map((n) => String(n).padStart(COUNT_WIDTH)),
    formatError(cell.maxAbsError).padStart(ERROR_WIDTH),
  ];
}

const cellWidth = 4 * COUNT_WIDTH + ERROR_WIDTH;

function headerColumns(): string[] {
  return STATUS_COLUMNS.map((h, i) => h.padStart(i < 4 ? COUNT_WIDTH : ERROR_WIDTH));
}

function indent(text: string, by: string): string {
  return text.split('\n').map((line) => by + line).join('\n');
}

/** Options of `formatText`. */
export interface TextOptions {
  /** Also list every case with its status and errors per backend. */
  readonly verbose?: boolean;
}

/**
 * The matrix as a console table: one row per primitive group with pass/fail/excluded/skipped
 * counts and the largest absolute error per backend, then each failing case with its
 * message and max abs/rel error.
 */
export function formatText(matrix: Matrix, options: TextOptions = {}): string {
  const groupWidth = Math.max('group'.length, 'total'.length, ...matrix.groups.map((g) => g.name.length));
  const lead = (label: string, cases: string) => `${label.padEnd(groupWidth)} ${cases.padStart(6)}`;
  const lines: string[] = [];
  lines.push(`${' '.repeat(groupWidth + 7)}${matrix.backends.map((b) => GAP + b.padStart(cellWidth)).join('')}`);
  lines.push(`${lead('group', 'cases')}${matrix.backends.map(() => GAP + headerColumns().join('')).join('')}`);
  for (const g of matrix.groups) {
    lines.push(`${lead(g.name, String(g.cases))}${g.cells.map((c) => GAP + cellColumns(c).join('')).join('')}`);
  }
  const total = matrix.rows.length;
  lines.push(`${lead('total', String(total))}${matrix.totals.map((c) => GAP + cellColumns(c).join('')).join('')}`);

  if (options.verbose) {
    lines.push('', 'cases:');
    const caseWidth = Math.max(...matrix.rows.map((r) => r.case.length), 4);
    for (const row of matrix.rows) {
      const cells = row.results.map((r) => `${r.status.padEnd(8)} ${formatError(r.maxAbsError).padStart(ERROR_WIDTH)}`.padEnd(cellWidth));
      lines.push(`  ${row.case.padEnd(caseWidth)}${cells.map((c) => GAP + c).join('')}`);
    }
  }

  const failures = failuresOf(matrix);
  lines.push('');
  if (failures.length === 0) {
    lines.push(`No failures: ${matrix.backends.join(', ')} ${matrix.backends.length === 1 ? 'passes' : 'pass'} every case that ran.`);
  } else {
    lines.push(`${failures.length} failure${failures.length === 1 ? '' : 's'}:`);
    for (const f of failures) {
      lines.push(`  FAIL ${f.backend}  ${f.result.case}  (max abs ${formatError(f.result.maxAbsError)}, max rel ${formatError(f.result.maxRelError)})`);
      lines.push(indent(f.result.message, '       '));
    }
  }
  lines.push('');
  lines.push(matrix.backends.map((b, i) => {
    const { pass, fail, excluded, skipped } = matrix.totals[i].counts;
    return `${b}: ${pass} passed, ${fail} failed, ${excluded} excluded, ${skipped} skipped`;
  }).join('\n'));
  return `${lines.join('\n')}\n`;
}
