/**
 * The example page (index.html) in headless Chromium: it starts on a backend by itself,
 * the Train button trains the spiral classifier while the curve is drawn live, the loss
 * falls, and a screenshot of each run goes to test-output/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import type { RunSummary } from '../src/main.js';
import { describeInBrowser, once, outputDir, skipReason, startSession, writeReport } from './harness.js';

const session = once(startSession);
const runs: Record<string, RunSummary & { wallSeconds: number; framesWhileTraining: number }> = {};

afterAll(async () => {
  if (skipReason) return;
  await (await session().catch(() => undefined))?.close();
  writeReport('example', runs);
});

async function trainWith(page: Page, backend: string, logs: string[]) {
  await page.selectOption('#backend', backend);
  const start = Date.now();
  const drawsBefore = await page.evaluate(() => window.layerwiseExample.draws);
  await page.click('#train');
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state!), undefined, { timeout: 180_000 });
  const wallSeconds = (Date.now() - start) / 1000;
  const statusText = await page.textContent('#status');
  await page.screenshot({ path: join(outputDir, `example-${backend}.png`), fullPage: true });
  expect(await page.getAttribute('body', 'data-state'), `${statusText}\n${logs.join('\n')}`).toBe('done');
  const run = await page.evaluate(() => window.layerwiseExample.lastRun!);
  // Animation frames that redrew the chart while fit ran (the curve is live, not drawn at the end).
  const framesWhileTraining = await page.evaluate(() => window.layerwiseExample.draws) - drawsBefore;
  runs[backend] = { ...run, wallSeconds, framesWhileTraining };
  return { run, statusText: statusText!, framesWhileTraining };
}

function expectLossFell(run: RunSummary): void {
  expect(run.epochLosses.length).toBe(15);
  expect(run.batchLosses.length).toBe(15 * 8);
  for (const l of run.batchLosses) expect(Number.isFinite(l)).toBe(true);
  const first = run.epochLosses[0];
  const last = run.epochLosses.at(-1)!;
  // Chance level for two balanced classes is ln 2 = 0.69; the spirals are learnable.
  expect(first).toBeGreaterThan(0.3);
  expect(last).toBeLessThan(first * 0.5);
  expect(run.accuracy.at(-1)).toBeGreaterThan(0.9);
}

describeInBrowser('examples/browser in headless Chromium', () => {
  const opened = once(async () => {
    const { page, logs } = await (await session()).open('');
    await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state!), undefined, { timeout: 60_000 });
    return { page, logs };
  });

  it('starts on a backend by itself (webgpu, the highest priority that initialises here)', async () => {
    const { page, logs } = await opened();
    expect(await page.getAttribute('body', 'data-state'), logs.join('\n')).toBe('ready');
    expect(await page.inputValue('#backend')).toBe('webgpu');
    expect(await page.textContent('#status')).toMatch(/^Ready on webgpu/);
    expect(await page.isEnabled('#train')).toBe(true);
  });

  it('Train on webgpu: the curve is drawn while training and the loss falls', async () => {
    const { page, logs } = await opened();
    const { run, statusText, framesWhileTraining } = await trainWith(page, 'webgpu', logs);
    expect(run.backend).toBe('webgpu');
    expect(statusText).toMatch(/^Done on webgpu: loss/);
    expect(framesWhileTraining).toBeGreaterThan(5);
    expectLossFell(run);
  });

  it('Train on wasm (threaded: the page is cross-origin isolated): the loss falls', async () => {
    const { page, logs } = await opened();
    const { run, statusText, framesWhileTraining } = await trainWith(page, 'wasm', logs);
    expect(run.backend).toBe('wasm');
    // The page takes the backend's default, min(4, navigator.hardwareConcurrency) threads; it is isolated.
    const threads = Math.min(4, await page.evaluate(() => navigator.hardwareConcurrency));
    expect(statusText).toContain(threads > 1 ? `Done on wasm (threaded SIMD, ${threads} threads): loss` : 'Done on wasm (SIMD, 1 thread): loss');
    expect(framesWhileTraining).toBeGreaterThan(5);
    expectLossFell(run);
  });

  it('no page errors', async () => {
    const { logs } = await opened();
    expect(logs.filter((l) => l.startsWith('[pageerror]') || l.startsWith('[error]'))).toEqual([]);
  });
});
