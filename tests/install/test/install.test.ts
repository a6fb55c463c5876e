/**
 * A newcomer's path, as the README tells it: `pnpm pack-local <dir>` (scripts/pack-local.mjs)
 * packs every published package the way `pnpm publish` would, then `@layerwise/api` plus ONE
 * backend are installed from those tarballs with plain `npm install` into an empty folder
 * outside the workspace; there a small model trains with `node`, and the README's Quick start
 * runs as written (on cpu, and on wasm with only the backend's name changed).
 *
 * Our packages are not on the registry: every tarball a backend needs (api, data, the backend)
 * goes into one `npm install`, so dependencies between them resolve to the local tarballs.
 * Third-party dependencies (@tensorflow/*, webgpu) come from the npm registry.
 *
 * The webgpu backend is not skipped where no adapter can be created: its test fails with the
 * backend's own message ("webgpu: no GPU adapter; tried: ..."). Only the root test command
 * skips it (LAYERWISE_SKIP_WEBGPU_TESTS), when Mesa's EGL is missing and cannot be installed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every published package: name -> folder. */
const PACKAGES: Record<string, string> = {
  '@layerwise/data': 'packages/data',
  '@layerwise/api': 'packages/api',
  '@layerwise/backend-cpu': 'packages/backend-cpu',
  '@layerwise/backend-wasm': 'packages/backend-wasm',
  '@layerwise/backend-webgpu': 'packages/backend-webgpu',
  '@layerwise/conformance': 'conformance',
  '@layerwise/keras-io': 'packages/keras-io',
};
const BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;
type BackendName = (typeof BACKENDS)[number];

/** Keep temp folders for inspection with LAYERWISE_KEEP_INSTALL_DIRS=1. */
const KEEP = process.env.LAYERWISE_KEEP_INSTALL_DIRS === '1';

interface RunResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> {
  const t0 = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { stderr += `\n[killed after ${opts.timeoutMs} ms]`; child.kill('SIGKILL'); }, opts.timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}`)); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr, ms: Math.round(performance.now() - t0) });
    });
  });
}

function describeRun(what: string, r: RunResult): string {
  return `${what} exited ${r.code ?? r.signal} after ${r.ms} ms\n--- stdout ---\n${r.stdout.slice(-6000)}\n--- stderr ---\n${r.stderr.slice(-6000)}`;
}

/**
 * The environment for npm and node in the install folder: the workspace's script variables
 * (npm_package_*, npm_lifecycle_*, pnpm's npm_config_* and pnpm_config_*) removed, so the
 * install behaves as a user's would; registry, cache and proxy settings kept.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|https?_proxy|proxy|noproxy|no_proxy|strict_ssl|cafile|ca|prefer_offline|fetch_.*)$/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_)/i.test(k) && !keep.test(k)) continue;
    if (k === 'INIT_CWD' || k === 'NODE_OPTIONS' || k === 'NODE_ENV' || k.startsWith('VITEST') || k === 'TEST') continue;
    env[k] = v;
  }
  return env;
}

/** Why the webgpu install is skipped ('' when it runs): set by the root test command. */
const WEBGPU_SKIP = process.env.LAYERWISE_SKIP_WEBGPU_TESTS ?? '';

/** The README's Quick start: the first ```js block after its "## Quick start" heading. */
function readmeQuickStart(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```js\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md: no ```js block after "## Quick start"');
  return block[1];
}

/** Relative link targets in a markdown file: `[text](target)` and `<a href="target">`. */
function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)[^)]*\)|href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
}

function tarEntries(tgz: string): Promise<RunResult> {
  return run('tar', ['-tzf', tgz], { cwd: ROOT, timeoutMs: 60_000 });
}

async function tarFile(tgz: string, path: string): Promise<string> {
  const r = await run('tar', ['-xzOf', tgz, path], { cwd: ROOT, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(describeRun(`tar -xzOf ${tgz} ${path}`, r));
  return r.stdout;
}

/** All `package.json` files of an installed tree, as [relative folder, name]. */
function installedPackages(nodeModules: string, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!existsSync(nodeModules)) return out;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin' || entry.name === '.cache') continue;
    const dirs = entry.name.startsWith('@')
      ? readdirSync(join(nodeModules, entry.name), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${entry.name}/${e.name}`)
      : [entry.name];
    for (const d of dirs) {
      const folder = join(nodeModules, d);
      out.push([`${prefix}${d}`, d]);
      out.push(...installedPackages(join(folder, 'node_modules'), `${prefix}${d}/node_modules/`));
    }
  }
  return out;
}

/** Every package name in `npm ls --all --json`'s tree. */
function namesInLsTree(node: { dependencies?: Record<string, unknown> }, into = new Set<string>()): Set<string> {
  for (const [name, child] of Object.entries(node.dependencies ?? {})) {
    into.add(name);
    namesInLsTree(child as { dependencies?: Record<string, unknown> }, into);
  }
  return into;
}

const trainScript = (backend: BackendName): string => `\
import { Sequential, layers, optimizers, setBackend, getBackend, listBackends, setRandomSeed } from '@layerwise/api';
import '@layerwise/backend-${backend}';

try {
  const t0 = performance.now();
  await setBackend('${backend}');
  setRandomSeed(42); // the same initial weights and shuffles on every backend and every run
  // y = 0.5 a - 1.5 b + 0.25 on an 8x8 grid of [-1, 0.75]^2
  const xs = [];
  const ys = [];
  for (let i = 0; i < 64; i++) {
    const a = (i % 8) / 4 - 1;
    const b = Math.floor(i / 8) / 4 - 1;
    xs.push([a, b]);
    ys.push([0.5 * a - 1.5 * b + 0.25]);
  }
  const model = new Sequential({
    layers: [
      layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
      layers.dense({ units: 1 }),
    ],
  });
  model.compile({ optimizer: optimizers.adam({ learningRate: 0.05 }), loss: 'mse' });
  const history = await model.fit(xs, ys, { epochs: 40, batchSize: 16, verbose: 0 });
  const loss = history.history.loss;
  console.log('final loss: ' + loss[loss.length - 1]);
  console.log('RESULT ' + JSON.stringify({
    backend: getBackend(), backends: listBackends(), epochs: loss.length,
    firstLoss: loss[0], finalLoss: loss[loss.length - 1], ms: Math.round(performance.now() - t0), loss,
  }));
  process.exit(0); // a live Dawn instance (webgpu) or wasm worker threads keep Node running
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
}
`;

let work = '';
let packDir = '';
let packOutput = '';
const tarballs: Record<string, string> = {};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerwise-install-'));
  packDir = join(work, 'tarballs');
  // A tarball left from an older version must be removed, not installed beside the new one.
  mkdirSync(packDir);
  writeFileSync(join(packDir, 'layerwise-api-0.0.0-old.tgz'), '');
  // The README's command, `pnpm pack-local <dir>`, run from another folder (as a user would,
  // and to check that a relative <dir> is taken from there). It runs under this pnpm when there
  // is one (npm_execpath), else the pinned one through npx.
  const r = await run(process.execPath, [join(ROOT, 'scripts', 'pack-local.mjs'), 'tarballs'], {
    cwd: work, env: { ...process.env, INIT_CWD: work }, timeoutMs: 540_000,
  });
  if (r.code !== 0) throw new Error(describeRun('scripts/pack-local.mjs', r));
  packOutput = r.stdout;
  for (const [name, folder] of Object.entries(PACKAGES)) {
    const file = join(packDir, `${name.replace('@', '').replace('/', '-')}-${JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')).version}.tgz`);
    if (!existsSync(file)) throw new Error(`pack-local did not write ${file}:\n${r.stdout}\n${r.stderr}`);
    tarballs[name] = file;
  }
}, 600_000);

afterAll(() => {
  if (work && !KEEP) rmSync(work, { recursive: true, force: true });
});

describe('pnpm pack-local', () => {
  it('packs exactly the public packages into the folder, removing older tarballs of ours', () => {
    const files = readdirSync(packDir).sort();
    expect(files).toEqual(Object.values(tarballs).map((f) => f.slice(packDir.length + 1)).sort());
    const privates = ['example', 'bench', 'tests', 'template'];
    for (const f of files) for (const p of privates) expect(f, `a private package was packed: ${f}`).not.toContain(p);
  });

  it('prints the npm install command, and says the api tarball needs the data tarball beside it', () => {
    expect(packOutput).toContain(`npm install ${tarballs['@layerwise/api']} ${tarballs['@layerwise/data']} ${tarballs['@layerwise/backend-cpu']}`);
    expect(packOutput).toMatch(/@layerwise\/api depends on @layerwise\/data, which is not on the registry, so its tarball must\s+be installed beside the api's/);
    expect(packOutput).toMatch(/"type": "module"/);
  });
});

describe('packed tarballs', () => {
  for (const [name, folder] of Object.entries(PACKAGES)) {
    it(`${name}: package.json has real versions and the publishing metadata; the tarball has what it points at`, async () => {
      const tgz = tarballs[name];
      const list = await tarEntries(tgz);
      expect(list.code, describeRun('tar -tzf', list)).toBe(0);
      const entries = new Set(list.stdout.split('\n').filter(Boolean));
      for (const f of ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/dist/index.js', 'package/dist/index.d.ts']) {
        expect(entries, `${name} tarball lacks ${f}`).toContain(f);
      }
      // Nothing but dist, README, LICENSE, package.json (and conformance's bin).
      for (const e of entries) {
        expect(e, `${name} tarball ships ${e}`).toMatch(/^package\/(dist\/|bin\/|README\.md$|LICENSE$|package\.json$)/);
      }
      expect(readFileSync(join(ROOT, folder, 'LICENSE'), 'utf8')).toContain('Apache License');
      // The packed README links nothing outside the package (a link to ../../README.md breaks
      // once packed): every relative link points at a file in the tarball.
      for (const target of relativeLinks(await tarFile(tgz, 'package/README.md'))) {
        expect(entries, `${name} README.md links ${target}, which is not in the package`).toContain(`package/${target.split('#')[0].replace(/^\.\//, '')}`);
      }

      const text = await tarFile(tgz, 'package/package.json');
      expect(text, `${name}: a workspace: range survived packing`).not.toMatch(/workspace:/);
      const pkg = JSON.parse(text);
      expect(pkg.license).toBe('Apache-2.0');
      expect(pkg.repository).toMatchObject({ type: 'git', directory: folder });
      expect(pkg.repository.url).toMatch(/^git\+https:\/\//);
      expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
      expect(pkg.engines?.node).toBe('>=20');
      expect(pkg.publishConfig).toEqual({ access: 'public' });
      expect(typeof pkg.description).toBe('string');
      expect(pkg.keywords?.length).toBeGreaterThan(0);
      expect(entries).toContain(`package/${pkg.main.replace(/^\.\//, '')}`);
      expect(entries).toContain(`package/${pkg.types.replace(/^\.\//, '')}`);
      for (const [sub, cond] of Object.entries(pkg.exports as Record<string, Record<string, string>>)) {
        expect(Object.keys(cond)[0], `${name} exports["${sub}"]: "types" must come first`).toBe('types');
        for (const target of Object.values(cond)) expect(entries, `${name} exports["${sub}"] -> ${target}`).toContain(`package/${target.replace(/^\.\//, '')}`);
      }
      for (const target of Object.values((pkg.bin ?? {}) as Record<string, string>)) {
        expect(entries).toContain(`package/${target.replace(/^\.\//, '')}`);
      }
      // Dependencies on our own packages point at this release.
      for (const field of ['dependencies', 'peerDependencies']) {
        for (const [dep, range] of Object.entries((pkg[field] ?? {}) as Record<string, string>)) {
          if (dep.startsWith('@layerwise/')) expect(range, `${name} ${field}.${dep}`).toMatch(/^\^?\d+\.\d+\.\d+/);
        }
      }
      if (name === '@layerwise/api') {
        expect(Object.keys(pkg.dependencies ?? {})).toEqual(['@layerwise/data']);
      }
    });
  }
});

const installs = new Map<BackendName, { dir: string; installMs: number }>();
const losses = new Map<BackendName, number[]>();

describe('relativeLinks (the packed-README check)', () => {
  it('finds relative markdown and href links, not URLs or anchors', () => {
    const md = 'A [layerwise](../../README.md) backend, [docs](https://x.dev/a), [here](#use), ' +
      '[guide](docs/guide.md#top "title"), <a href="LICENSE">license</a>, <a href="http://y">y</a>';
    expect(relativeLinks(md)).toEqual(['../../README.md', 'docs/guide.md#top', 'LICENSE']);
  });
});

describe.each(BACKENDS)('npm install @layerwise/api + @layerwise/backend-%s from the tarballs', (backend) => {
  const skip = backend === 'webgpu' ? WEBGPU_SKIP : '';
  const it = skip ? test.skip : test;
  const needed = ['@layerwise/api', '@layerwise/data', `@layerwise/backend-${backend}`];

  it('installs with plain npm into an empty folder outside the workspace', async () => {
    const dir = mkdtempSync(join(tmpdir(), `layerwise-user-${backend}-`));
    expect(dir.startsWith(ROOT)).toBe(false);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `try-layerwise-${backend}`, version: '1.0.0', private: true, type: 'module' }, null, 2));
    const r = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn', ...needed.map((n) => tarballs[n])], {
      cwd: dir, env: cleanEnv(), timeoutMs: 540_000,
    });
    expect(r.code, describeRun('npm install', r)).toBe(0);
    installs.set(backend, { dir, installMs: r.ms });
    console.log(`[install-tests] ${backend}: npm install took ${r.ms} ms`);

    // Our packages came from the tarballs, not from a registry.
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
    for (const n of needed) {
      const entry = lock.packages[`node_modules/${n}`];
      expect(entry, `${n} missing from package-lock.json`).toBeDefined();
      expect(String(entry.resolved), `${n} resolved from ${entry.resolved}`).toMatch(/^file:/);
      expect(entry.version).toBe(JSON.parse(readFileSync(join(ROOT, PACKAGES[n], 'package.json'), 'utf8')).version);
    }
    // No second copy of an @layerwise package anywhere in the tree.
    const ours = installedPackages(join(dir, 'node_modules')).filter(([, n]) => n.startsWith('@layerwise/'));
    expect(ours.map(([p]) => p).sort()).toEqual(needed.map((n) => n).sort());

    // npm ls: the tree is complete (peer @layerwise/api satisfied, nothing missing or invalid).
    const ls = await run('npm', ['ls', '--all', '--json'], { cwd: dir, env: cleanEnv(), timeoutMs: 120_000 });
    expect(ls.code, describeRun('npm ls --all --json', ls)).toBe(0);
    const tree = JSON.parse(ls.stdout);
    expect(tree.problems ?? []).toEqual([]);
    const names = namesInLsTree(tree);
    for (const n of needed) expect(names).toContain(n);

    const tfjs = [...names].filter((n) => n.startsWith('@tensorflow/'));
    const onDisk = installedPackages(join(dir, 'node_modules')).filter(([, n]) => n.startsWith('@tensorflow/')).map(([p]) => p);
    if (backend === 'cpu') {
      // api + backend-cpu: no TensorFlow.js package at all.
      expect(tfjs, 'npm ls --all lists @tensorflow packages').toEqual([]);
      expect(onDisk, 'node_modules holds @tensorflow packages').toEqual([]);
      expect(existsSync(join(dir, 'node_modules', '@tensorflow'))).toBe(false);
    } else {
      expect(tfjs).toContain('@tensorflow/tfjs-core');
      expect(tfjs).toContain(`@tensorflow/tfjs-backend-${backend}`);
    }
    // The api's own dependency tree never holds a tfjs package, whatever the backend.
    const apiLs = await run('npm', ['ls', '--all', '--json', '@layerwise/api'], { cwd: dir, env: cleanEnv(), timeoutMs: 120_000 });
    const apiNode = JSON.parse(apiLs.stdout).dependencies?.['@layerwise/api'] ?? {};
    expect([...namesInLsTree(apiNode)].filter((n) => n.startsWith('@tensorflow/'))).toEqual([]);
  });

  it('trains a small Sequential there with node and prints the final loss', async () => {
    const install = installs.get(backend);
    if (!install) throw new Error(`npm install for backend-${backend} failed (see the test above)`);
    const script = join(install.dir, 'train.mjs');
    writeFileSync(script, trainScript(backend));
    const r = await run(process.execPath, [script], { cwd: install.dir, env: cleanEnv(), timeoutMs: 300_000 });
    // A backend that cannot start (e.g. "webgpu: no GPU adapter; tried: ...") fails here with its message.
    expect(r.code, describeRun(`node train.mjs (${backend})`, r)).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, describeRun('node train.mjs', r)).toBeDefined();
    const result = JSON.parse(line!.slice('RESULT '.length)) as { backend: string; backends: string[]; epochs: number; firstLoss: number; finalLoss: number; ms: number; loss: number[] };
    console.log(`[install-tests] ${backend}: trained ${result.epochs} epochs in ${result.ms} ms (node ran ${r.ms} ms); loss ${result.firstLoss} -> ${result.finalLoss}`);
    expect(r.stdout).toMatch(/^final loss: \d/m);
    expect(result.backend).toBe(backend);
    expect(result.backends).toContain(backend);
    expect(result.epochs).toBe(40);
    expect(Number.isFinite(result.finalLoss)).toBe(true);
    const curve = `loss per epoch on ${backend}: ${result.loss.map((v) => v.toPrecision(4)).join(' ')}`;
    expect(result.finalLoss, curve).toBeLessThan(result.firstLoss * 0.5);
    expect(result.finalLoss, curve).toBeLessThan(0.05);
    losses.set(backend, result.loss);
  });

  if (backend !== 'webgpu') {
    it("runs the README's Quick start as written (only the backend's name changed)", async () => {
      const install = installs.get(backend);
      if (!install) throw new Error(`npm install for backend-${backend} failed (see the test above)`);
      const code = readmeQuickStart()
        .replaceAll('@layerwise/backend-cpu', `@layerwise/backend-${backend}`)
        .replaceAll("setBackend('cpu')", `setBackend('${backend}')`);
      // quickstart.js, not .mjs: the folder's package.json has "type": "module", as the README says.
      writeFileSync(join(install.dir, 'quickstart.js'), code);
      const r = await run(process.execPath, ['quickstart.js'], { cwd: install.dir, env: cleanEnv(), timeoutMs: 300_000 });
      expect(r.code, describeRun(`node quickstart.js (${backend})`, r)).toBe(0);
      const line = r.stdout.split('\n').find((l) => l.startsWith('validation accuracy per epoch:'));
      expect(line, describeRun('node quickstart.js', r)).toBeDefined();
      const acc = line!.split(':')[1].trim().split(' ').map(Number);
      console.log(`[install-tests] ${backend}: README quick start: ${line}`);
      expect(acc).toHaveLength(20);
      for (const a of acc) expect(a).toBeGreaterThanOrEqual(0);
      // Points above or below the diagonal: a linear boundary, learnt well within 20 epochs.
      expect(acc.at(-1)).toBeGreaterThanOrEqual(0.8);
    });
  }

  if (backend === 'cpu') {
    it('require() from CommonJS works too (Node loads the ES modules synchronously)', async () => {
      const install = installs.get(backend);
      if (!install) throw new Error('npm install for backend-cpu failed (see the test above)');
      writeFileSync(join(install.dir, 'require.cjs'), `\
const { tensor, setBackend, ops } = require('@layerwise/api');
require('@layerwise/backend-cpu');
setBackend('cpu').then(async () => {
  console.log('sum ' + (await ops.sum(tensor([1, 2, 3.5])).data())[0]);
});
`);
      const r = await run(process.execPath, ['require.cjs'], { cwd: install.dir, env: cleanEnv(), timeoutMs: 60_000 });
      expect(r.code, describeRun('node require.cjs', r)).toBe(0);
      expect(r.stdout.trim()).toBe('sum 6.5');
    });
  }

  if (backend !== 'cpu') {
    it('gives the loss curve of the cpu install (same seed, same data)', () => {
      const cpu = losses.get('cpu');
      const mine = losses.get(backend);
      if (!cpu || !mine) throw new Error(`no loss curve from ${!cpu ? 'the cpu' : `the ${backend}`} install (see the tests above)`);
      const worst = Math.max(...mine.map((v, i) => Math.abs(v - cpu[i]) / Math.max(Math.abs(cpu[i]), 1e-3)));
      expect(worst, `${backend}: ${mine.map((v) => v.toPrecision(4)).join(' ')}\ncpu: ${cpu.map((v) => v.toPrecision(4)).join(' ')}`).toBeLessThan(0.02);
    });
  }

  afterAll(() => {
    const install = installs.get(backend);
    if (install && !KEEP) rmSync(install.dir, { recursive: true, force: true });
  });
});

const kerasScript = `\
import { loadModel, setBackend, tensor } from '@layerwise/api';
import '@layerwise/backend-cpu';
import { kerasFile } from '@layerwise/keras-io';

try {
  await setBackend('cpu');
  const t0 = performance.now();
  const model = await loadModel(kerasFile('model.h5'));
  const loadMs = performance.now() - t0;
  const y = await model.predict(tensor([[0.1, -0.2, 0.3, 0.4]]));
  await model.save(kerasFile('again.h5'));
  await model.save(kerasFile('again.keras'));
  const [a, b] = [await loadModel(kerasFile('again.h5')), await loadModel(kerasFile('again.keras'))];
  const ya = await a.predict(tensor([[0.1, -0.2, 0.3, 0.4]]));
  const yb = await b.predict(tensor([[0.1, -0.2, 0.3, 0.4]]));
  console.log('RESULT ' + JSON.stringify({ y: Array.from(await y.data()), ya: Array.from(await ya.data()), yb: Array.from(await yb.data()), optimizer: model.optimizer?.className ?? null, loadMs: Math.round(loadMs) }));
  process.exit(0);
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
}
`;

describe('npm install @layerwise/api + backend-cpu + keras-io from the tarballs', () => {
  it('installs (h5wasm from the registry, no download step) and loads, saves and reloads a Keras .h5 model with node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-user-keras-'));
    const needed = ['@layerwise/api', '@layerwise/data', '@layerwise/backend-cpu', '@layerwise/keras-io'];
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'try-layerwise-keras', version: '1.0.0', private: true, type: 'module' }, null, 2));
    const r = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=warn', ...needed.map((n) => tarballs[n])], {
      cwd: dir, env: cleanEnv(), timeoutMs: 540_000,
    });
    expect(r.code, describeRun('npm install', r)).toBe(0);
    const ls = await run('npm', ['ls', '--all', '--json'], { cwd: dir, env: cleanEnv(), timeoutMs: 120_000 });
    expect(JSON.parse(ls.stdout).problems ?? []).toEqual([]);
    expect(namesInLsTree(JSON.parse(ls.stdout))).toContain('h5wasm');
    writeFileSync(join(dir, 'model.h5'), readFileSync(join(ROOT, 'packages/keras-io/test/fixtures/keras/dense_2.1.3.h5')));
    writeFileSync(join(dir, 'keras.mjs'), kerasScript);
    const node = await run(process.execPath, ['keras.mjs'], { cwd: dir, env: cleanEnv(), timeoutMs: 300_000 });
    expect(node.code, describeRun('node keras.mjs', node)).toBe(0);
    const line = node.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    const result = JSON.parse(line!.slice('RESULT '.length)) as { y: number[]; ya: number[]; yb: number[]; optimizer: string | null; loadMs: number };
    console.log(`[install-tests] keras-io: npm install took ${r.ms} ms; first .h5 load (h5wasm start included) ${result.loadMs} ms`);
    expect(result.y.length).toBe(6);
    expect(result.ya).toEqual(result.y);
    expect(result.yb).toEqual(result.y);
    expect(result.optimizer).toBe('Adam');
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  });
});
