import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES } from '../src/index.js';

// Runs the built CLI the way a user does: `node bin/layerwise-conformance.js ...`.
const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '../bin/layerwise-conformance.js');
const broken = resolve(here, 'fixtures/broken-relu-backend.mjs');
const factory = resolve(here, 'fixtures/factory-backend.mjs');
const notABackend = resolve(here, 'fixtures/not-a-backend.mjs');

let work: string;

function cli(args: string[], cwd = work) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  if (!existsSync(resolve(here, '../dist/cli/main.js'))) throw new Error('build @layerwise/conformance first (dist/cli/main.js is missing)');
  work = mkdtempSync(join(tmpdir(), 'layerwise-conformance-cli-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('layerwise-conformance CLI', () => {
  it('prints its usage with --help and exits 0', () => {
    const { code, stdout } = cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: layerwise-conformance --backend <name\|module>/);
    expect(stdout).toContain('--filter');
  });

  it('exits 2 with a usage error when no backend is given or an option is unknown', () => {
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give at least one --backend');
    const unknown = cli(['--backend', 'cpu', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/bogus/);
  });

  it('passes every case on cpu, prints the grouped matrix and writes the default markdown report', () => {
    const { code, stdout, stderr } = cli(['--backend', 'cpu']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`${ALL_CASES.length} cases x 1 backend`);
    expect(stdout).toMatch(/^group\s+cases\s+pass\s+fail\s+excl\s+skip\s+max abs/m);
    expect(stdout).toMatch(/^unary\s+\d+\s+\d+\s+0\s+0\s+0/m);
    expect(stdout).toMatch(/^gradient\/conv2d\s+/m);
    expect(stdout).toContain(`cpu: ${ALL_CASES.length} passed, 0 failed, 0 excluded, 0 skipped`);
    expect(stdout).toContain('No failures');
    const report = readFileSync(join(work, 'conformance-report.md'), 'utf8');
    expect(report).toMatch(/^# layerwise conformance report/);
    expect(report).toContain('**PASS**');
    expect(report).toContain(`| \`cpu\` | ${ALL_CASES.length} | 0 | 0 | 0 |`);
    expect(report).toMatch(/^\| unary \| \d+ \| \d+ \/ 0 \/ 0 \/ 0 \|/m);
    expect(report).toContain('| `unary/relu/float32` | pass (abs 0, rel 0) |');
  });

  it('compares a broken backend module with cpu side by side, names its failing cases and exits 1', () => {
    const out = join(work, 'side-by-side.md');
    const { code, stdout, stderr } = cli(['--backend', 'cpu', '--backend', broken, '--filter', 'relu', '--out', out]);
    expect(code, stderr).toBe(1);
    const relu = ALL_CASES.filter((c) => c.name.includes('relu')).length;
    expect(stdout).toContain(`${relu} cases x 2 backends`);
    // Header: one column block per backend, in --backend order.
    const header = stdout.split('\n').find((l) => l.includes('broken-relu') && l.includes('cpu'));
    expect(header, stdout).toBeDefined();
    expect(header!.indexOf('cpu')).toBeLessThan(header!.indexOf('broken-relu'));
    // The failing case, its message and errors; cpu has none.
    expect(stdout).toMatch(/FAIL broken-relu {2}unary\/relu\/float32 {2}\(max abs \d\.\de[+-]\d+, max rel inf\)/);
    expect(stdout).toContain('unary vs reference:');
    expect(stdout).toContain('fusedMatMul/relu/bias/composed');
    expect(stdout).not.toMatch(/FAIL cpu/);
    // The module's own exclusion list applies to the backend it registered.
    expect(stdout).not.toContain('FAIL broken-relu  unary/relu/all-negative');
    expect(stdout).toMatch(/broken-relu: \d+ passed, [1-9]\d* failed, 1 excluded, 0 skipped/);
    expect(stdout).toContain(`cpu: ${relu} passed, 0 failed, 0 excluded, 0 skipped`);

    const report = readFileSync(out, 'utf8');
    expect(report).toMatch(/\*\*FAIL: \d+ failing cases?\*\*/);
    expect(report).toContain('| group | cases | `cpu` | max abs | `broken-relu` | max abs |');
    expect(report).toMatch(/^\| `broken-relu` \| `unary\/relu\/float32` \| \d\.\de[+-]\d+ \| inf \| unary vs reference: .*elements differ/m);
    expect(report).toContain('| `broken-relu` | `unary/relu/all-negative` | excluded | relu is deliberately broken in this fixture');
    expect(report).toMatch(/^\| `unary\/relu\/float32` \| pass \(abs 0, rel 0\) \| \*\*fail\*\* \(abs/m);
    expect(report).not.toMatch(/^\| `cpu` \| `/m); // no failure or exclusion rows for cpu
  });

  it('resolves a module path against the working directory and writes the report there', () => {
    const { code, stdout, stderr } = cli(['--backend', relative(work, broken), '--filter', 'unary/relu/float32']);
    expect(code, stderr).toBe(1);
    expect(stdout, stderr).toContain('FAIL broken-relu  unary/relu/float32');
    expect(readFileSync(join(work, 'conformance-report.md'), 'utf8')).toContain('`unary/relu/float32`');
  });

  it('runs a module whose default export is a Kernel factory, under the kernel name', () => {
    const { code, stdout, stderr } = cli(['--backend', factory, '--filter', 'softmax', '--out', join(work, 'factory.md')]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^\s+factory-reference$/m);
    expect(stdout).toMatch(/factory-reference: \d+ passed, 0 failed/);
  });

  it('exits 2 naming the registered backends for an unknown name, and refuses a module that is no backend', () => {
    const unknown = cli(['--backend', 'no-such-backend']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown backend 'no-such-backend'");
    expect(unknown.stderr).toMatch(/registered: .*cpu/);
    const notBackend = cli(['--backend', notABackend]);
    expect(notBackend.code).toBe(2);
    expect(notBackend.stderr).toContain('neither registered a backend nor default-exports a Kernel factory');
  });

  it('exits 2 when the filter matches no case', () => {
    const { code, stderr } = cli(['--backend', 'cpu', '--filter', 'no-case-has-this-name']);
    expect(code).toBe(2);
    expect(stderr).toContain("no case name contains 'no-case-has-this-name'");
  });
});
