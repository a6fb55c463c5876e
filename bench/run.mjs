#!/usr/bin/env node
// Runs every workload for layerwise and for tfjs-layers on the same backend, each run in its
// own process (runner.mjs), alternating A B A B, and writes results/results.md,
// results/results.json and results/ratios.svg.
//
//   node bench/run.mjs [--runs N] [--quick] [--only w1,w2] [--backend cpu|wasm|all]
//                      [--threads N] [--out DIR] [--timeout S]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKLOADS, WORKLOAD_NAMES, sidesOf } from './lib/workloads.mjs';
import { fmtNum, markdown, ratioOf, summarise, svgChart } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const USAGE = `usage: node bench/run.mjs [options]
  --runs N            runs per side (default 3, 1 with --quick)
  --quick             smaller sizes and 1 run: a fast sanity pass
  --only a,b          only these workloads (${WORKLOAD_NAMES.join(', ')})
  --backend B         cpu, wasm or all (default all)
  --threads N         layerwise's wasm backend on N threads only (default: 1 and 2 side by side)
  --out DIR           where results.md, results.json, ratios.svg go (default bench/results)
  --timeout S         seconds before a run is killed (default 300)
  --render            only rewrite results.md and ratios.svg in --out from its results.json`;

export function parseArgs(argv) {
  const o = { render: false, runs: null, size: 'full', only: WORKLOAD_NAMES, backends: ['cpu', 'wasm'], threads: undefined, out: join(here, 'results'), timeoutS: 300 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--runs') o.runs = Number(next());
    else if (a === '--quick') o.size = 'quick';
    else if (a === '--size') o.size = next();
    else if (a === '--only') o.only = next().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--backend') {
      const b = next();
      o.backends = b === 'all' ? ['cpu', 'wasm'] : [b];
    } else if (a === '--threads') o.threads = Number(next());
    else if (a === '--out') o.out = resolve(next());
    else if (a === '--timeout') o.timeoutS = Number(next());
    else if (a === '--render') o.render = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument '${a}'\n${USAGE}`);
  }
  for (const w of o.only) if (!WORKLOADS[w]) throw new Error(`unknown workload '${w}'; workloads: ${WORKLOAD_NAMES.join(', ')}`);
  for (const b of o.backends) if (b !== 'cpu' && b !== 'wasm') throw new Error(`unknown backend '${b}' (cpu, wasm or all)`);
  if (!['full', 'quick', 'tiny'].includes(o.size)) throw new Error(`unknown size '${o.size}'`);
  if (o.runs === null) o.runs = o.size === 'full' ? 3 : 1;
  if (!(Number.isInteger(o.runs) && o.runs >= 1)) throw new Error(`--runs must be a positive integer, got ${o.runs}`);
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1)) throw new Error(`--threads must be a positive integer, got ${o.threads}`);
  return o;
}

/** Spawns the runner once; resolves to its JSON line (or a failure record). */
export function runOnce({ workload, impl, backend, variant, size, threads, timeoutS }) {
  const args = [join(here, 'runner.mjs'), workload, impl, backend, '--size', size];
  if (variant) args.push('--variant', variant);
  if (threads !== undefined && impl === 'layerwise') args.push('--threads', String(threads));
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: here });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').reverse().find((l) => l.startsWith('{"bench":1'));
      if (line) {
        resolvePromise(JSON.parse(line));
        return;
      }
      const why = timedOut ? `timed out after ${timeoutS} s` : `exit ${code ?? signal}: ${(stderr.trim().split('\n').find((l) => /Error|error/.test(l)) ?? stderr.trim().split('\n').pop() ?? '').slice(0, 200)}`;
      resolvePromise({ bench: 1, workload, impl, variant, backend, threads: impl === 'layerwise' ? threads : undefined, ok: false, error: why });
    });
  });
}

/** The commit the bench ran at, with '+dirty' when the packages it measures had local changes. */
function commitOf() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', '../packages').length > 0;
    return `${head}${dirty ? '+dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}

function tfjsVersion() {
  try {
    return JSON.parse(readFileSync(join(here, 'node_modules/@tensorflow/tfjs-layers/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** A table row from each side's summary: a = the first side, b = the last, more = those between. */
function rowOf(backend, workload, sides, summaries) {
  return { backend, workload, label: sides[0].label, a: summaries[0], b: summaries[summaries.length - 1], more: sides.slice(1, -1).map((side, i) => ({ side, s: summaries[i + 1] })) };
}

/** Rebuilds the rows of a results.json (to re-render the table and chart without rerunning). */
function rowsFromRuns(meta, raw) {
  const rows = [];
  for (const backend of meta.backends) {
    for (const workload of WORKLOAD_NAMES) {
      const sides = sidesOf(workload, backend, meta.threadsOption);
      const runs = sides.map((side) => raw.filter((r) => r.backend === backend && r.workload === workload && r.impl === side.impl &&
        (r.variant ?? '') === side.variant && (r.impl !== 'layerwise' || r.threads === side.threads)));
      if (runs.every((r) => r.length === 0)) continue;
      rows.push(rowOf(backend, workload, sides, runs.map(summarise)));
    }
  }
  return rows;
}

function write(out, rows, meta, raw) {
  const md = markdown(rows, meta);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.md'), md);
  writeFileSync(join(out, 'results.json'), `${JSON.stringify({ meta, runs: raw }, null, 1)}\n`);
  writeFileSync(join(out, 'ratios.svg'), `${svgChart(rows, meta)}\n`);
  return md;
}

export async function main(argv = process.argv.slice(2), log = (s) => process.stderr.write(`${s}\n`)) {
  const o = parseArgs(argv);
  if (o.render) {
    const { meta, runs: raw } = JSON.parse(readFileSync(join(o.out, 'results.json'), 'utf8'));
    const rows = rowsFromRuns(meta, raw);
    const md = write(o.out, rows, meta, raw);
    log(`rewrote ${join(o.out, 'results.md')} and ratios.svg from results.json`);
    return { md, rows, raw };
  }
  const rows = [];
  const raw = [];
  const dead = new Map(); // impl|backend -> unavailable record: skip the rest of that side
  const started = Date.now();
  const loadStart = loadavg()[0].toFixed(1);
  for (const backend of o.backends) {
    for (const workload of o.only) {
      const sides = sidesOf(workload, backend, o.threads);
      const runs = sides.map(() => []);
      const stop = sides.map(() => false);
      for (let r = 0; r < o.runs; r++) {
        for (let s = 0; s < sides.length; s++) {
          const side = sides[s];
          if (stop[s]) continue;
          const key = `${side.impl}|${backend}|${side.threads}`;
          let res;
          if (dead.has(key)) res = { ...dead.get(key), workload, variant: side.variant };
          else res = await runOnce({ workload, impl: side.impl, backend, variant: side.variant, size: o.size, threads: side.threads, timeoutS: o.timeoutS });
          raw.push(res);
          runs[s].push(res);
          if (res.unavailable) dead.set(key, res);
          const what = res.ok ? `${fmtNum(res.value)} ${res.unit} (${res.seconds.toFixed(2)} s, ${res.maxRssMB} MB)` : res.unavailable ? `not available: ${res.error}` : `fails: ${res.error}`;
          log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${backend} ${workload} ${side.label} run ${r + 1}/${o.runs}: ${what}`);
          // A failure is deterministic here (missing kernel, missing package): do not repeat it.
          if (!res.ok) stop[s] = true;
        }
      }
      const row = rowOf(backend, workload, sides, runs.map(summarise));
      rows.push(row);
      const ratio = ratioOf(row.a, row.b);
      if (ratio !== null) log(`    ${backend} ${workload}: ratio ${ratio.toFixed(2)}x`);
    }
  }
  const meta = {
    tfjsVersion: tfjsVersion(),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    commit: commitOf(),
    load: [loadStart, loadavg()[0].toFixed(1)],
    cpuCount: cpus().length,
    cpus: `${cpus().length} x ${cpus()[0]?.model?.trim() ?? 'cpu'}`,
    runs: o.runs,
    size: o.size,
    backends: o.backends,
    threadsOption: o.threads,
    threads: { wasm: `layerwise on ${o.threads === undefined ? '2 and on 1 thread (2 is the main column)' : `${o.threads} thread(s)`}, tfjs-layers on 1 (it cannot run threads in Node)` },
    notes: [
      'Same model, seeded float32 data, initial weights, batch size and Adam(lr 0.001, beta 0.9/0.999, eps 1e-7) on both sides; tfjs-layers runs on tfjs-core + tfjs-backend-cpu/-wasm (no tfjs-node).',
      'CNN and LSTM time a fixed number of batches after a warm-up, cut short by a time budget (tfjs cpu takes ~18 s a CNN batch); MLP batch 1 runs up to 1000 trainOnBatch steps within a budget.',
    ],
  };
  const md = write(o.out, rows, meta, raw);
  log(`wrote ${join(o.out, 'results.md')}, results.json, ratios.svg in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { md, rows, raw };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    ({ md }) => {
      console.log(md);
    },
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
