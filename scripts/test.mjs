// The root `test` command: every package's tests (turbo, one package at a time), then the tally.
//
// The WebGPU tests (Dawn in Node needs Mesa's EGL), the browser tests (Debian's chromium) and
// keras-io's file-layout tests (Python's h5py) need system packages. Missing ones are installed first when this runs as root with apt-get
// (scripts/install-system-deps.sh); otherwise those tests are skipped, with one line saying
// why and how to include them, and the tally counts them as skipped.
// LAYERWISE_REQUIRE_SYSTEM_TESTS=1 (CI) makes a skip an error instead.
// Extra arguments go to `turbo run test` (e.g. `pnpm test -- --filter=@layerwise/api`;
// `pnpm test --filter=...` would be pnpm's own filter, running the package's script instead).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SKIP_ENV } from './skip-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const deps = join(root, 'scripts', 'install-system-deps.sh');

/** Missing system packages by test group, from install-system-deps.sh --missing. */
function missingByGroup() {
  const r = spawnSync('bash', [deps, '--missing'], { cwd: root, encoding: 'utf8' });
  // No bash (or the check itself broke): nothing is known to be missing, so nothing is skipped.
  if (r.status !== 0) return {};
  const groups = {};
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const [group, pkg] = line.split(' ');
    (groups[group] ??= []).push(pkg);
  }
  return groups;
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function staleReports(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) staleReports(path);
    else if (name === 'test-results.json') rmSync(path);
  }
}

// A report left by an earlier run must not be counted.
staleReports(root);

let missing = missingByGroup();
let cannot = '';
if (Object.keys(missing).length > 0) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && has('apt-get')) {
    const all = Object.values(missing).flat();
    console.log(`test: installing the system packages some tests need (${all.join(' ')})`);
    const r = spawnSync('bash', [deps], { cwd: root, stdio: 'inherit' });
    missing = missingByGroup();
    cannot = r.status === 0 ? 'still missing after installing them' : 'installing them failed (see above)';
  } else {
    cannot = isRoot ? 'no apt-get to install them with' : 'not root, so they cannot be installed';
  }
}

const GROUPS = { browser: 'browser tests', webgpu: 'WebGPU tests', h5py: "keras-io tests that read files with h5py" };
const env = { ...process.env };
const skipped = [];
for (const [group, pkgs] of Object.entries(missing)) {
  const reason = `${pkgs.join(', ')} not installed, ${cannot}`;
  env[SKIP_ENV[group]] = reason;
  skipped.push(`the ${GROUPS[group]} (${reason})`);
}
if (skipped.length > 0) {
  const all = Object.values(missing).flat().join(' ');
  console.log(`test: SKIPPING ${skipped.join(' and ')}; to run them: sudo bash scripts/install-system-deps.sh ` +
    `(or apt-get install -y ${all}), then test again`);
  if (process.env.LAYERWISE_REQUIRE_SYSTEM_TESTS === '1') {
    console.log('0 passed, 1 failed');
    console.error('test: LAYERWISE_REQUIRE_SYSTEM_TESTS=1: the tests that need system packages must run');
    process.exit(1);
  }
}

// node_modules/.bin first, as `pnpm test` would have it, so `node scripts/test.mjs` works too.
env.PATH = `${join(root, 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`;
// `pnpm test -- --filter=x` hands over the `--` too; turbo would pass what follows it to vitest.
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
const turbo = spawnSync('turbo', ['run', 'test', '--concurrency=1', '--continue', ...args], {
  cwd: root, env, stdio: 'inherit',
});
if (turbo.error) console.error(`test: could not run turbo: ${turbo.error.message}`);
const tally = spawnSync(process.execPath, [join(root, 'scripts', 'tally.mjs')], { cwd: root, env, stdio: 'inherit' });
process.exit(turbo.status !== 0 || tally.status !== 0 ? 1 : 0);
