// Sums the vitest JSON reports (test-results.json in each package) into one line:
// "N passed, N failed", then ", N skipped" and why, when tests were skipped (the reasons
// scripts/test.mjs passed down in the SKIP_ENV variables). Exits non-zero when anything
// failed or no report was found.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SKIP_ENV } from './skip-env.mjs';

function* reports(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* reports(path);
    else if (name === 'test-results.json') yield path;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
let files = 0;
for (const path of reports(process.cwd())) {
  const r = JSON.parse(readFileSync(path, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  files++;
  const fileSkipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  skipped += fileSkipped;
  console.error(`${path}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${fileSkipped ? `, ${fileSkipped} skipped` : ''}${r.success ? '' : ' (run failed)'}`);
  // A suite that failed to load fails the run with no failed test: count it once.
  if (!r.success && (r.numFailedTests ?? 0) === 0) failed++;
}
if (files === 0) {
  console.log('0 passed, 1 failed');
  console.error('no test-results.json found: no vitest run reported');
  process.exit(1);
}
const why = Object.entries(SKIP_ENV).filter(([, v]) => process.env[v]).map(([group, v]) => `${group} tests: ${process.env[v]}`);
const skips = skipped ? `, ${skipped} skipped${why.length ? ` (${why.join('; ')})` : ''}` : '';
console.log(`${passed} passed, ${failed} failed${skips}`);
process.exit(failed > 0 ? 1 : 0);
