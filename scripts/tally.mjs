// Sums the vitest JSON reports (test-results.json in each package) into one line:
// "N passed, N failed". Exits non-zero when anything failed or no report was found.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  files++;
  console.error(`${path}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${r.success ? '' : ' (run failed)'}`);
  // A suite that failed to load fails the run with no failed test: count it once.
  if (!r.success && (r.numFailedTests ?? 0) === 0) failed++;
}
if (files === 0) {
  console.log('0 passed, 1 failed');
  console.error('no test-results.json found: no vitest run reported');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
