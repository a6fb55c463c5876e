// Smoke test: every workload's layerwise runner works on cpu at a tiny size, and the
// orchestrator writes its table and chart. No timing assertions: only that runs complete.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKLOAD_NAMES, sidesOf } from '../lib/workloads.mjs';
import { main, parseArgs, runOnce } from '../run.mjs';

describe('layerwise runners (cpu, tiny)', () => {
  for (const workload of WORKLOAD_NAMES) {
    for (const side of sidesOf(workload).filter((s) => s.impl === 'layerwise')) {
      it(`${workload}${side.variant ? ` ${side.variant}` : ''}`, async () => {
        const res = await runOnce({ workload, impl: 'layerwise', backend: 'cpu', variant: side.variant, size: 'tiny', timeoutS: 120 });
        expect(res.error).toBeUndefined();
        expect(res.ok).toBe(true);
        expect(res.workload).toBe(workload);
        expect(Number.isFinite(res.value) && res.value > 0).toBe(true);
        expect(res.maxRssMB).toBeGreaterThan(0);
      }, 130_000);
    }
  }
});

describe('run.mjs', () => {
  it('parses its options', () => {
    const o = parseArgs(['--quick', '--only', 'matmul,mlp-train', '--backend', 'cpu']);
    expect(o).toMatchObject({ size: 'quick', runs: 1, only: ['matmul', 'mlp-train'], backends: ['cpu'] });
    expect(parseArgs([]).runs).toBe(3);
    expect(() => parseArgs(['--only', 'nope'])).toThrow(/unknown workload 'nope'/);
    expect(() => parseArgs(['--backend', 'gpu'])).toThrow(/unknown backend/);
  });

  it('runs both sides and writes results.md, results.json and ratios.svg', async () => {
    const out = mkdtempSync(join(tmpdir(), 'layerwise-bench-'));
    const { rows } = await main(['--size', 'tiny', '--only', 'mlp-predict', '--backend', 'cpu', '--runs', '1', '--out', out], () => {});
    expect(rows).toHaveLength(1);
    expect(rows[0].a.ok).toBe(true);
    expect(rows[0].b.ok).toBe(true);
    const md = readFileSync(join(out, 'results.md'), 'utf8');
    expect(md).toMatch(/\| MLP predict \(batch 1000\) \| samples\/s \| [\d,.]+ \| [\d,.]+ \| [\d.]+x \|/);
    const svg = readFileSync(join(out, 'ratios.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('cpu · mlp-predict');
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs).toHaveLength(2);
  }, 120_000);
});
