/**
 * The api with backend-webgpu and backend-wasm, bundled for the browser by Vite, trains small
 * Sequential models in headless Chromium (SwiftShader WebGPU; wasm with and without threads),
 * and every step's loss matches backend-cpu's in the same page: same host-side initial
 * weights (setWeights), same data, shuffle off.
 */
import { afterAll, expect, it } from 'vitest';
import type { BackendResult, CheckOptions } from '../src/check.js';
import { describeInBrowser, once, skipReason, startSession, writeReport } from './harness.js';

/** Conformance's "balanced" profile, on each step's loss. */
const RTOL = 1e-4;
const ATOL = 1e-5;
const CHECK_TIMEOUT_MS = 120_000;

const session = once(startSession);
const report: { worstRelative: Record<string, number>; [key: string]: unknown } = { worstRelative: {} };

afterAll(async () => {
  if (skipReason) return;
  await (await session().catch(() => undefined))?.close();
  writeReport('backends', report);
});

async function runCheck(query: string, options: CheckOptions) {
  const { page, logs } = await (await session()).open(`check.html${query}`);
  try {
    await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60_000 });
    const env = await page.evaluate(() => window.layerwiseEnv());
    // A backend that never finishes loading (e.g. pthread workers that die) must fail, not hang.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const results = await Promise.race([
      page.evaluate((o) => window.layerwiseCheck(o), options) as Promise<BackendResult[]>,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`check.html${query} did not finish in ${CHECK_TIMEOUT_MS / 1000} s; page log:\n${logs.join('\n')}`)), CHECK_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    return { env, results, logs };
  } finally {
    await page.close();
  }
}

function byName(results: BackendResult[], name: string): BackendResult {
  const r = results.find((x) => x.backend === name)!;
  expect(r.error, `${name} failed: ${r.error}`).toBeUndefined();
  return r;
}

/** Each step's loss within rtol/atol of cpu's; returns the largest relative difference. */
function expectLossesMatch(actual: BackendResult, cpu: BackendResult): number {
  let worst = 0;
  expect(Object.keys(actual.cases)).toEqual(Object.keys(cpu.cases));
  for (const [name, ref] of Object.entries(cpu.cases)) {
    const got = actual.cases[name].losses;
    expect(got.length, `${actual.backend} ${name}: steps`).toBe(ref.losses.length);
    expect(ref.losses.length).toBeGreaterThan(3);
    got.forEach((loss, step) => {
      const want = ref.losses[step];
      expect(Number.isFinite(loss), `${actual.backend} ${name} step ${step}: loss ${loss}`).toBe(true);
      const diff = Math.abs(loss - want);
      worst = Math.max(worst, diff / Math.abs(want));
      expect(diff, `${actual.backend} ${name} step ${step}: ${loss} vs cpu ${want}`).toBeLessThanOrEqual(ATOL + RTOL * Math.abs(want));
    });
    // Training did something: the losses are not all the same.
    expect(new Set(ref.losses).size).toBeGreaterThan(1);
  }
  // Every buffer of the models, their optimizers and the data was freed.
  expect(actual.buffers.after, `${actual.backend}: live buffers`).toBe(actual.buffers.before);
  return worst;
}

describeInBrowser('in headless Chromium, under cross-origin isolation (COOP/COEP)', () => {
  // Two wasm threads: the threaded SIMD build (SharedArrayBuffer, pthread Web Workers).
  const check = once(async () => {
    const run = await runCheck('', { backends: ['cpu', 'webgpu', 'wasm'], wasmThreads: 2 });
    report.isolated = run;
    return run;
  });

  it('the page is cross-origin isolated and has navigator.gpu', async () => {
    const run = await check();
    expect(run.env).toMatchObject({ crossOriginIsolated: true, sharedArrayBuffer: true, gpu: true });
  });

  it('webgpu: every step loss matches backend-cpu', async () => {
    const run = await check();
    const cpu = byName(run.results, 'cpu');
    const gpu = byName(run.results, 'webgpu');
    report.worstRelative.webgpu = expectLossesMatch(gpu, cpu);
  });

  it('wasm with 2 threads runs the threaded SIMD build and matches backend-cpu', async () => {
    const run = await check();
    const cpu = byName(run.results, 'cpu');
    const wasm = byName(run.results, 'wasm');
    expect(wasm.info, JSON.stringify(wasm.info)).toMatchObject({ threads: 2, build: 'threaded-simd' });
    expect(wasm.warnings).toEqual([]);
    report.worstRelative['wasm-threaded'] = expectLossesMatch(wasm, cpu);
  });
});

describeInBrowser('in headless Chromium, the wasm backend\'s default threads', () => {
  it('are every core up to 4 under cross-origin isolation (the threaded build), and 1 with a logged reason elsewhere', async () => {
    const isolated = await runCheck('', { backends: ['wasm'], cases: ['mlp-adam'] });
    const cores = isolated.env.cores;
    const threads = Math.min(4, cores);
    expect(byName(isolated.results, 'wasm').info).toMatchObject({ threads, build: threads > 1 ? 'threaded-simd' : 'simd' });
    const plain = await runCheck('?coi=0', { backends: ['wasm'], cases: ['mlp-adam'] });
    const wasm = byName(plain.results, 'wasm');
    expect(wasm.info).toMatchObject({ threads: 1, build: 'simd' });
    if (threads > 1) {
      expect(String(wasm.info.fallbackReason)).toMatch(/cross-origin isolated/);
      expect(wasm.infos.join('\n')).toMatch(new RegExp(`the default of ${threads} threads, running on 1`));
      expect(wasm.warnings).toEqual([]);
    }
  });
});

describeInBrowser('in headless Chromium, not cross-origin isolated', () => {
  // Two threads asked for where SharedArrayBuffer is missing: one thread, with a warning.
  const check = once(async () => {
    const run = await runCheck('?coi=0', { backends: ['cpu', 'wasm'], wasmThreads: 2 });
    report.notIsolated = run;
    return run;
  });

  it('wasm falls back to the single-threaded SIMD build with a reason, and matches backend-cpu', async () => {
    const run = await check();
    expect(run.env.crossOriginIsolated).toBe(false);
    const cpu = byName(run.results, 'cpu');
    const wasm = byName(run.results, 'wasm');
    expect(wasm.info).toMatchObject({ threads: 1, build: 'simd' });
    expect(String(wasm.info.fallbackReason)).toMatch(/cross-origin isolated/);
    expect(wasm.warnings.join('\n')).toMatch(/2 threads requested, running on 1/);
    report.worstRelative['wasm-simd'] = expectLossesMatch(wasm, cpu);
  });
});
