import type { Case } from '../cases/case.js';
import type { CaseResult, CaseStatus } from '../runner.js';

/** One case with one result per backend (in column order). */
export interface MatrixRow {
  /** The case's name. */
  readonly case: string;
  /** Kernel cases group by primitive ('unary'), gradient cases by 'gradient/<primitive>', others by kind ('model'). */
  readonly group: string;
  /** Its result on each backend, in the order of `Matrix.backends`. */
  readonly results: readonly CaseResult[];
}

/** Per-backend totals of one group (or of everything). */
export interface GroupCell {
  /** How many of the group's cases ended in each status on this backend. */
  readonly counts: Readonly<Record<CaseStatus, number>>;
  /** Largest max-abs error over the group's passed and failed results, NaN ones left out (NaN when none). */
  readonly maxAbsError: number;
  /** Largest max-rel error over the same results (NaN when none; Infinity where an expected 0 met a nonzero value). */
  readonly maxRelError: number;
}

/** One group of rows (a primitive, a gradient's primitive, or a kind) with a summary cell per backend. */
export interface MatrixGroup {
  /** The group's name, as `groupOf` gives it ('unary', 'gradient/matmul', 'model'). */
  readonly name: string;
  /** How many cases (rows) it holds. */
  readonly cases: number;
  /** Its totals on each backend, in the order of `Matrix.backends`. */
  readonly cells: readonly GroupCell[];
}

/** The case x backend matrix. */
export interface Matrix {
  /** The column headings, one per backend, in `--backend` order. */
  readonly backends: readonly string[];
  /** One row per case that ran, in case order. */
  readonly rows: readonly MatrixRow[];
  /** The rows' groups, in the order the cases first name them. */
  readonly groups: readonly MatrixGroup[];
  /** Every row's totals on each backend, in the order of `backends`. */
  readonly totals: readonly GroupCell[];
}

/** A failing result with its column. */
export interface MatrixFailure {
  readonly backend: string;
  readonly group: string;
  readonly result: CaseResult;
}

/** The matrix group of a case: its primitive for a kernel case, 'gradient/<primitive>' for a gradient case, else its kind ('model'). */
export function groupOf(testCase: Case): string {
  const primitive = 'primitive' in testCase ? testCase.primitive : undefined;
  if (testCase.kind === 'kernel' && primitive) return primitive;
  return primitive ? `${testCase.kind}/${primitive}` : testCase.kind;
}

function cellOf(results: readonly CaseResult[]): GroupCell {
  const counts: Record<CaseStatus, number> = { pass: 0, fail: 0, excluded: 0, skipped: 0 };
  let maxAbsError = NaN;
  let maxRelError = NaN;
  for (const r of results) {
    counts[r.status]++;
    if (r.status !== 'pass' && r.status !== 'fail') continue;
    if (!Number.isNaN(r.maxAbsError)) maxAbsError = Number.isNaN(maxAbsError) ? r.maxAbsError : Math.max(maxAbsError, r.maxAbsError);
    if (!Number.isNaN(r.maxRelError)) maxRelError = Number.isNaN(maxRelError) ? r.maxRelError : Math.max(maxRelError, r.maxRelError);
  }
  return { counts, maxAbsError, maxRelError };
}

/**
 * Builds the matrix from the cases that ran and, per backend, its results in the same order
 * (as `runCases` returns them). Groups keep the order in which the cases first name them.
 */
export function buildMatrix(cases: readonly Case[], backends: readonly string[], resultsByBackend: readonly (readonly CaseResult[])[]): Matrix {
  if (resultsByBackend.length !== backends.length) throw new Error('buildMatrix: one result list per backend');
  for (const [i, results] of resultsByBackend.entries()) {
    if (results.length !== cases.length) throw new Error(`buildMatrix: ${backends[i]} has ${results.length} results for ${cases.length} cases`);
  }
  const rows = cases.map((c, i) => ({ case: c.name, group: groupOf(c), results: resultsByBackend.map((rs) => rs[i]) }));
  const names = [...new Set(rows.map((r) => r.group))];
  const groups = names.map((name) => {
    const inGroup = rows.filter((r) => r.group === name);
    return { name, cases: inGroup.length, cells: backends.map((_, b) => cellOf(inGroup.map((r) => r.results[b]))) };
  });
  const totals = backends.map((_, b) => cellOf(rows.map((r) => r.results[b])));
  return { backends, rows, groups, totals };
}

/** Every failing result, row by row, backend by backend. */
export function failuresOf(matrix: Matrix): MatrixFailure[] {
  const out: MatrixFailure[] = [];
  for (const row of matrix.rows) {
    row.results.forEach((result, b) => {
      if (result.status === 'fail') out.push({ backend: matrix.backends[b], group: row.group, result });
    });
  }
  return out;
}

/** Excluded and skipped results, with their reasons. */
export function notRunOf(matrix: Matrix): MatrixFailure[] {
  const out: MatrixFailure[] = [];
  for (const row of matrix.rows) {
    row.results.forEach((result, b) => {
      if (result.status === 'excluded' || result.status === 'skipped') out.push({ backend: matrix.backends[b], group: row.group, result });
    });
  }
  return out;
}

/** An error for a table: '0', '3.1e-7', 'inf', or '-' where nothing was compared. */
export function formatError(value: number): string {
  if (Number.isNaN(value)) return '-';
  if (value === Infinity) return 'inf';
  if (value === 0) return '0';
  return value.toExponential(1);
}
