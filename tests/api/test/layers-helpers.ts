// Shared checks for the layers-*.test.ts files (not a test file itself).
import { expect } from 'vitest';
import { layers, ops, tensor, tidy, valueAndGrads, type Tensor } from '@layerwise/api';

type Layer = InstanceType<typeof layers.Layer>;
export interface ApplyArgs { training: boolean; mask: Tensor | null }
const INFERENCE: ApplyArgs = { training: false, mask: null };

export const vals = (t: Tensor): number[] => Array.from(t.dataSync());

/** Deterministic, irregular sample values. */
export const wave = (n: number, phase = 0.37): number[] => Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + phase) * 1.5 + Math.cos(i * 0.3));

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const ok = Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i]));
    if (!ok) expect.fail(`index ${i}: got ${actual[i]}, expected ${expected[i]} (tol ${tol})`);
  }
}

/**
 * Gradients of sum(layer(x) * c) (c fixed and irregular) with respect to the input and every
 * trainable weight, from valueAndGrads, against central finite differences.
 */
export function checkGradients(layer: Layer, x: Tensor, args: ApplyArgs = INFERENCE, options: { eps?: number; tol?: number; checkInput?: boolean } = {}): void {
  const eps = options.eps ?? 1e-2;
  const tol = options.tol ?? 2e-2;
  const probe = layer.apply(x, args);
  const coeffs = tensor(wave(probe.size, 1.1), probe.shape);
  const loss = (input: Tensor): number => tidy(() => ops.sum(ops.mul(layer.apply(input, args), coeffs)).dataSync()[0]);
  const weights = layer.trainableWeights;
  const { grads } = valueAndGrads(() => ops.sum(ops.mul(layer.apply(x, args), coeffs)), [x, ...weights.map((w) => w.value)]);
  const targets: { name: string; base: Float32Array; grad: Float32Array; set: (v: Float32Array) => number }[] = [];
  if (options.checkInput ?? true) {
    targets.push({ name: 'input', base: Float32Array.from(x.dataSync()), grad: Float32Array.from(grads[0].dataSync()), set: (v) => loss(tensor(v, x.shape)) });
  }
  weights.forEach((w, k) => {
    targets.push({
      name: w.name, base: Float32Array.from(w.value.dataSync()), grad: Float32Array.from(grads[k + 1].dataSync()),
      set: (v) => { const t = tensor(v, w.shape); w.assign(t); t.dispose(); return loss(x); },
    });
  });
  for (const t of targets) {
    const n = t.base.length;
    // Four spread indices, then the rest in order as stand-ins for any that sit on a kink.
    const candidates = [...new Set([0, Math.floor(n / 3), Math.floor((2 * n) / 3), n - 1, ...Array.from({ length: n }, (_, i) => i)])];
    let checked = 0;
    for (const i of candidates) {
      if (checked === Math.min(4, n)) break;
      const plus = t.base.slice(); plus[i] += eps;
      const minus = t.base.slice(); minus[i] -= eps;
      const [up, mid, down] = [t.set(plus), t.set(t.base), t.set(minus)];
      t.set(t.base);
      const numeric = (up - down) / (2 * eps);
      // A relu (or max) input within eps of its kink: one-sided slopes disagree and the central
      // difference is no derivative there, so the point says nothing about the gradient.
      if (Math.abs((up - mid) / eps - (mid - down) / eps) > tol * (1 + Math.abs(numeric))) continue;
      checked++;
      const err = Math.abs(t.grad[i] - numeric);
      if (err > tol * (1 + Math.abs(numeric))) expect.fail(`${layer.name} d/d${t.name}[${i}]: analytic ${t.grad[i]}, numeric ${numeric}`);
    }
    if (checked === 0) expect.fail(`${layer.name} d/d${t.name}: every element sits on a kink; no smooth point to check`);
  }
  probe.dispose();
  coeffs.dispose();
  grads.forEach((g) => g.dispose());
}

/**
 * getConfig survives JSON, recreates an equal layer through the registry, and (with the
 * same weights) the copy computes the same outputs.
 */
export function checkRoundTrip(layer: Layer, x: Tensor, args: ApplyArgs = INFERENCE): Layer {
  const y = layer.apply(x, args);
  const config = JSON.parse(JSON.stringify(layer.getConfig())) as Record<string, unknown>;
  expect(config).toEqual(layer.getConfig());
  const copy = layers.deserializeLayer(layer.className, config);
  expect(copy.className).toBe(layer.className);
  expect(copy.getConfig()).toEqual(layer.getConfig());
  copy.buildFor(x.shape.map((d, i) => (i === 0 ? null : d)));
  copy.setWeights(layer.getWeights());
  const y2 = copy.apply(x, args);
  expect(y2.shape).toEqual(y.shape);
  expectClose(vals(y2), vals(y), 1e-6);
  return copy;
}
