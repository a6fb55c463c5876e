import type { CaseResult } from '../runner.js';
import { failuresOf, formatError, notRunOf, type GroupCell, type Matrix } from './matrix.js';

/** What `formatMarkdown` states about the run besides the matrix. */
export interface MarkdownMeta {
  /** The filters the cases were selected with (empty: every case). */
  readonly filters?: readonly string[];
  /** When the report was made (default now). */
  readonly date?: Date;
}

/** Makes text safe inside a table cell: pipes escaped, newlines as <br>. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The header separator; the listed columns are right-aligned (numbers). */
function separator(count: number, rightAligned: readonly number[] = []): string {
  return row(Array.from({ length: count }, (_, i) => (rightAligned.includes(i) ? '---:' : '---')));
}

function counts(c: GroupCell): string {
  const { pass, fail, excluded, skipped } = c.counts;
  return `${pass} / ${fail ? `**${fail}**` : '0'} / ${excluded} / ${skipped}`;
}

/** One case x backend cell: the status, with the errors where values were compared. */
function caseCell(result: CaseResult): string {
  if (result.status === 'excluded' || result.status === 'skipped') return result.status;
  const errors = `(abs ${formatError(result.maxAbsError)}, rel ${formatError(result.maxRelError)})`;
  return result.status === 'fail' ? `**fail** ${errors}` : `pass ${errors}`;
}

/**
 * The matrix as a markdown report: totals per backend, a table per primitive group
 * (pass / fail / excluded / skipped, max abs error), the failures with their messages, the
 * excluded and skipped cases with their reasons, and every case x backend cell.
 */
export function formatMarkdown(matrix: Matrix, meta: MarkdownMeta = {}): string {
  const date = meta.date ?? new Date();
  const filters = meta.filters ?? [];
  const failures = failuresOf(matrix);
  const out: string[] = [];
  out.push('# layerwise conformance report', '');
  out.push(`${matrix.rows.length} cases${filters.length ? ` (names containing ${filters.map((f) => `\`${f}\``).join(' or ')})` : ''}`
    + ` on ${matrix.backends.map((b) => `\`${b}\``).join(', ')}; ${date.toISOString()}.`);
  out.push('', `**${failures.length === 0 ? 'PASS' : `FAIL: ${failures.length} failing case${failures.length === 1 ? '' : 's'}`}**`, '');

  out.push('## Totals', '', row(['backend', 'pass', 'fail', 'excluded', 'skipped', 'max abs error', 'max rel error']), separator(7, [1, 2, 3, 4, 5, 6]));
  matrix.backends.forEach((b, i) => {
    const t = matrix.totals[i];
    out.push(row([`\`${b}\``, String(t.counts.pass), String(t.counts.fail), String(t.counts.excluded), String(t.counts.skipped),
      formatError(t.maxAbsError), formatError(t.maxRelError)]));
  });

  out.push('', '## By primitive', '', 'Each backend cell: pass / fail / excluded / skipped, then the largest absolute error.', '');
  out.push(row(['group', 'cases', ...matrix.backends.flatMap((b) => [`\`${b}\``, 'max abs'])]), separator(2 + 2 * matrix.backends.length, [1, ...matrix.backends.map((_, i) => 3 + 2 * i)]));
  for (const g of matrix.groups) {
    out.push(row([g.name, String(g.cases), ...g.cells.flatMap((c) => [counts(c), formatError(c.maxAbsError)])]));
  }

  out.push('', '## Failures', '');
  if (failures.length === 0) out.push('None.');
  else {
    out.push(row(['backend', 'case', 'max abs', 'max rel', 'message']), separator(5, [2, 3]));
    for (const f of failures) {
      out.push(row([`\`${f.backend}\``, `\`${f.result.case}\``, formatError(f.result.maxAbsError), formatError(f.result.maxRelError), cell(f.result.message)]));
    }
  }

  const notRun = notRunOf(matrix);
  out.push('', '## Excluded and skipped', '');
  if (notRun.length === 0) out.push('None.');
  else {
    out.push(row(['backend', 'case', 'status', 'reason']), separator(4));
    for (const n of notRun) out.push(row([`\`${n.backend}\``, `\`${n.result.case}\``, n.result.status, cell(n.result.message)]));
  }

  out.push('', '## Every case', '', `<details><summary>${matrix.rows.length} cases x ${matrix.backends.length} backend${matrix.backends.length === 1 ? '' : 's'}</summary>`, '');
  out.push(row(['case', ...matrix.backends.map((b) => `\`${b}\``)]), separator(1 + matrix.backends.length));
  for (const r of matrix.rows) {
    out.push(row([`\`${r.case}\``, ...r.results.map(caseCell)]));
  }
  out.push('', '</details>', '');
  return out.join('\n');
}
