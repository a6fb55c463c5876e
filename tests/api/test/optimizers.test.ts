import { describe, expect, it } from 'vitest';
import { LayerVariable, memory, optimizers, tensor, type Tensor } from '@layerwise/api';
import { closeTo, RefOptimizer, type RefConfig } from './optimizers-reference.js';

type Optimizer = optimizers.Optimizer;

const W0 = [[1, -2]];
/** Three steps of gradients for one 2-element weight, with sign changes and a large one. */
const STEPS = [[[0.5, -1.2]], [[0.1, 0.3]], [[-0.7, 2.0]]];

function variables(init: number[][]): LayerVariable[] {
  return init.map((w, i) => {
    const t = tensor(w);
    const v = new LayerVariable(`w${i}`, t);
    t.dispose();
    return v;
  });
}

function applyStep(opt: Optimizer, vars: LayerVariable[], gs: number[][]): void {
  const grads = gs.map((g) => tensor(g));
  opt.applyGradients(vars, grads);
  for (const g of grads) g.dispose();
}

/** Runs `opt` and the float64 reference side by side and checks the weights after every step. */
function expectMatchesReference(opt: Optimizer, ref: RefConfig, steps = STEPS, init = W0): void {
  const vars = variables(init);
  const r = new RefOptimizer(ref);
  const ws = init.map((w) => w.slice());
  steps.forEach((gs, s) => {
    applyStep(opt, vars, gs);
    r.step(ws, gs);
    vars.forEach((v, i) => {
      const problem = closeTo(v.value.dataSync(), ws[i]);
      expect(problem, `${opt.className} step ${s + 1}, variable ${i}`).toBeNull();
    });
  });
  // The test must be sensitive: every step moved the weights.
  expect(ws[0]).not.toEqual(init[0]);
  expect(opt.iterations).toBe(steps.length);
  vars.forEach((v) => v.dispose());
  opt.dispose();
}

describe('optimizer updates match Keras 2 formulas (float64 reference)', () => {
  const cases: [string, () => Optimizer, RefConfig][] = [
    ['SGD default', () => optimizers.sgd(), { kind: 'sgd' }],
    ['SGD lr 0.1', () => optimizers.sgd({ learningRate: 0.1 }), { kind: 'sgd', lr: 0.1 }],
    ['SGD momentum', () => optimizers.sgd({ learningRate: 0.1, momentum: 0.9 }), { kind: 'sgd', lr: 0.1, momentum: 0.9 }],
    ['SGD nesterov', () => optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true }), { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true }],
    ['RMSprop default', () => optimizers.rmsprop(), { kind: 'rmsprop' }],
    ['RMSprop rho 0.5', () => optimizers.rmsprop({ learningRate: 0.01, rho: 0.5, epsilon: 1e-3 }), { kind: 'rmsprop', lr: 0.01, rho: 0.5, epsilon: 1e-3 }],
    ['Adagrad default', () => optimizers.adagrad(), { kind: 'adagrad' }],
    ['Adadelta default', () => optimizers.adadelta(), { kind: 'adadelta' }],
    ['Adadelta rho 0.5, eps 1e-2', () => optimizers.adadelta({ rho: 0.5, epsilon: 1e-2 }), { kind: 'adadelta', rho: 0.5, epsilon: 1e-2 }],
    ['Adam default', () => optimizers.adam(), { kind: 'adam' }],
    ['Adam betas', () => optimizers.adam({ learningRate: 0.05, beta1: 0.5, beta2: 0.8 }), { kind: 'adam', lr: 0.05, beta1: 0.5, beta2: 0.8 }],
    ['Adamax default', () => optimizers.adamax(), { kind: 'adamax' }],
    ['Adamax betas', () => optimizers.adamax({ learningRate: 0.05, beta1: 0.5, beta2: 0.8 }), { kind: 'adamax', lr: 0.05, beta1: 0.5, beta2: 0.8 }],
    ['Nadam default', () => optimizers.nadam(), { kind: 'nadam' }],
    ['Nadam scheduleDecay 0.5', () => optimizers.nadam({ learningRate: 0.01, scheduleDecay: 0.5, beta1: 0.8 }), { kind: 'nadam', lr: 0.01, scheduleDecay: 0.5, beta1: 0.8 }],
  ];
  for (const [name, make, ref] of cases) it(name, () => expectMatchesReference(make(), ref));

  it('SGD step by hand: w - lr g, then momentum velocity', () => {
    const [v] = variables([[1, -2]]);
    const opt = optimizers.sgd({ learningRate: 0.5, momentum: 0.5 });
    applyStep(opt, [v], [[2, 4]]); // v = -1, -2
    expect(Array.from(v.value.dataSync())).toEqual([0, -4]);
    applyStep(opt, [v], [[0, 0]]); // v = 0.5 * v = -0.5, -1
    expect(Array.from(v.value.dataSync())).toEqual([-0.5, -5]);
    v.dispose();
    opt.dispose();
  });

  it('amsgrad keeps the running max of v (differs from plain Adam once v shrinks)', () => {
    const steps = [[[3, -3]], [[0.01, 0.02]], [[0.01, -0.02]], [[0.02, 0.01]]];
    expectMatchesReference(optimizers.adam({ learningRate: 0.1, beta2: 0.5, amsgrad: true }),
      { kind: 'adam', lr: 0.1, beta2: 0.5, amsgrad: true }, steps);
    const ams = new RefOptimizer({ kind: 'adam', lr: 0.1, beta2: 0.5, amsgrad: true });
    const plain = new RefOptimizer({ kind: 'adam', lr: 0.1, beta2: 0.5 });
    const a = [[1, -2]];
    const p = [[1, -2]];
    for (const gs of steps) { ams.step(a, gs); plain.step(p, gs); }
    expect(Math.abs(a[0][0] - p[0][0])).toBeGreaterThan(1e-3);
  });

  it('clipnorm scales all gradients by the global norm over every variable', () => {
    const init = [[1, -2], [0.5, 0.25, -1]];
    const steps = [[[3, -4], [1, 2, 2]], [[0.1, 0.1], [0.1, 0, 0]], [[-6, 0], [0, 8, 0]]];
    expectMatchesReference(optimizers.sgd({ learningRate: 0.1, clipnorm: 1 }), { kind: 'sgd', lr: 0.1, clipnorm: 1 }, steps, init);
    expectMatchesReference(optimizers.adam({ learningRate: 0.1, clipnorm: 2 }), { kind: 'adam', lr: 0.1, clipnorm: 2 }, steps, init);
    // By hand: global norm of ([3,-4],[1,2,2]) is sqrt(34); lr 1, clipnorm 1.
    const vars = variables([[0, 0], [0, 0, 0]]);
    applyStep(optimizers.sgd({ learningRate: 1, clipnorm: 1 }), vars, steps[0]);
    const n = Math.sqrt(34);
    expect(closeTo(vars[0].value.dataSync(), [-3 / n, 4 / n])).toBeNull();
    expect(closeTo(vars[1].value.dataSync(), [-1 / n, -2 / n, -2 / n])).toBeNull();
    vars.forEach((v) => v.dispose());
  });

  it('clipvalue clips each gradient element', () => {
    expectMatchesReference(optimizers.sgd({ learningRate: 0.1, clipvalue: 0.4 }), { kind: 'sgd', lr: 0.1, clipvalue: 0.4 });
    expectMatchesReference(optimizers.rmsprop({ clipvalue: 0.4 }), { kind: 'rmsprop', clipvalue: 0.4 });
    const [v] = variables([[0, 0]]);
    applyStep(optimizers.sgd({ learningRate: 1, clipvalue: 0.5 }), [v], [[2, -0.25]]);
    expect(Array.from(v.value.dataSync())).toEqual([-0.5, 0.25]);
    v.dispose();
  });

  it('decay: lr / (1 + decay * iterations), iterations counted before the step', () => {
    expectMatchesReference(optimizers.sgd({ learningRate: 0.1, decay: 0.5 }), { kind: 'sgd', lr: 0.1, decay: 0.5 });
    expectMatchesReference(optimizers.adam({ learningRate: 0.01, decay: 0.3 }), { kind: 'adam', lr: 0.01, decay: 0.3 });
    expectMatchesReference(optimizers.adagrad({ decay: 1 }), { kind: 'adagrad', decay: 1 });
    const opt = optimizers.sgd({ learningRate: 1, decay: 1 });
    const [v] = variables([[0, 0]]);
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) { seen.push(opt.currentLearningRate()); applyStep(opt, [v], [[1, 1]]); }
    expect(seen).toEqual([1, 1 / 2, 1 / 3]);
    v.dispose();
  });

  it('a schedule drives the learning rate by iteration', () => {
    const schedule = new optimizers.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
    expectMatchesReference(optimizers.sgd({ learningRate: schedule, momentum: 0.5 }),
      { kind: 'sgd', lr: (it) => 0.1 * 0.5 ** it, momentum: 0.5 });
    const pw = new optimizers.PiecewiseConstantDecay({ boundaries: [0, 1], values: [0.1, 0.01, 0.001] });
    expectMatchesReference(optimizers.nadam({ learningRate: pw }), { kind: 'nadam', lr: (it) => [0.1, 0.01, 0.001][it] });
    expectMatchesReference(optimizers.adam({ learningRate: schedule, decay: 0.5 }),
      { kind: 'adam', lr: (it) => 0.1 * 0.5 ** it, decay: 0.5 });
  });
});

describe('optimizer state: getWeights / setWeights', () => {
  const makers: [string, () => Optimizer][] = [
    ['sgd', () => optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
    ['rmsprop', () => optimizers.rmsprop({ learningRate: 0.01 })],
    ['adagrad', () => optimizers.adagrad({ learningRate: 0.1 })],
    ['adadelta', () => optimizers.adadelta()],
    ['adam', () => optimizers.adam({ learningRate: 0.01 })],
    ['adam amsgrad', () => optimizers.adam({ learningRate: 0.01, amsgrad: true })],
    ['adamax', () => optimizers.adamax({ learningRate: 0.01 })],
    ['nadam', () => optimizers.nadam({ learningRate: 0.01 })],
  ];
  const init = [[1, -2], [0.5, 0.25, -1]];
  const steps = [[[0.5, -1.2], [0.3, 0.2, -0.1]], [[0.1, 0.3], [-1, 0.5, 2]]];
  const next = [[-0.7, 2.0], [0.4, -0.4, 0.9]];

  for (const [name, make] of makers) {
    it(`${name}: a fresh optimizer given the weights takes the same next step`, async () => {
      const a = make();
      const varsA = variables(init);
      for (const gs of steps) applyStep(a, varsA, gs);
      const saved = a.getWeights();
      expect(saved[0].dtype).toBe('int32');
      expect(saved[0].dataSync()[0]).toBe(2);

      const b = make();
      const varsB = variables(varsA.map((v) => Array.from(v.value.dataSync())));
      await b.setWeights(saved, varsB);
      expect(b.iterations).toBe(2);
      applyStep(a, varsA, next);
      applyStep(b, varsB, next);
      varsA.forEach((v, i) => expect(Array.from(varsB[i].value.dataSync())).toEqual(Array.from(v.value.dataSync())));

      // Without the state the step differs, so the comparison above is meaningful.
      const c = make();
      const varsC = variables(varsA.map((v) => Array.from(v.value.dataSync())));
      applyStep(c, varsC, next);
      applyStep(a, varsA, next);
      expect(Array.from(varsC[0].value.dataSync())).not.toEqual(Array.from(varsA[0].value.dataSync()));

      for (const t of saved) t.dispose();
      [...varsA, ...varsB, ...varsC].forEach((v) => v.dispose());
      [a, b, c].forEach((o) => o.dispose());
    });
  }

  it('weights are in Keras 2 order: iterations, then slots grouped by kind (Adam: ms, vs, vhats)', () => {
    const vars = variables(init);
    const adam = optimizers.adam();
    applyStep(adam, vars, steps[0]);
    const shapes = (ws: Tensor[]): number[][] => ws.map((w) => w.shape);
    const ws = adam.getWeights();
    // Keras 2 keeps shape-[1] vhat placeholders without amsgrad.
    expect(shapes(ws)).toEqual([[], [2], [3], [2], [3], [1], [1]]);
    // m after one step is (1 - beta1) g.
    expect(closeTo(ws[1].dataSync(), [0.05, -0.12])).toBeNull();
    expect(closeTo(ws[4].dataSync(), [0.001 * 0.09, 0.001 * 0.04, 0.001 * 0.01])).toBeNull();
    const ams = optimizers.adam({ amsgrad: true });
    applyStep(ams, vars, steps[0]);
    expect(shapes(ams.getWeights())).toEqual([[], [2], [3], [2], [3], [2], [3]]);
    const sgd = optimizers.sgd();
    applyStep(sgd, vars, steps[0]);
    // Keras 2 SGD keeps its moments even with momentum 0.
    expect(shapes(sgd.getWeights())).toEqual([[], [2], [3]]);
    const ada = optimizers.adadelta();
    applyStep(ada, vars, steps[0]);
    expect(shapes(ada.getWeights())).toEqual([[], [2], [3], [2], [3]]);
    for (const o of [adam, ams, sgd, ada]) o.dispose();
    vars.forEach((v) => v.dispose());
  });

  it('Nadam carries m_schedule at index 1 and restores it', async () => {
    const vars = variables(init);
    const a = optimizers.nadam();
    const ref = new RefOptimizer({ kind: 'nadam' });
    const ws = init.map((w) => w.slice());
    for (const gs of steps) { applyStep(a, vars, gs); ref.step(ws, gs); }
    // The product of the momentum caches mu_1 mu_2 (float32, as Keras keeps it).
    expect(a.mSchedule).toBeCloseTo(ref.mSchedule, 7);
    const saved = a.getWeights();
    expect(saved.map((w) => w.shape)).toEqual([[], [], [2], [3], [2], [3]]);
    expect(saved[1].dataSync()[0]).toBe(a.mSchedule);
    const b = optimizers.nadam();
    await b.setWeights(saved, variables(init));
    expect(b.mSchedule).toBe(a.mSchedule);
    expect(b.iterations).toBe(2);
    await expect(b.setWeights(saved.slice(0, 5), vars)).rejects.toThrow(/Nadam.setWeights: expected 6 weights/);
    for (const t of saved) t.dispose();
    [a, b].forEach((o) => o.dispose());
  });

  it('setWeights rejects a wrong count or shape before changing anything', async () => {
    const vars = variables(init);
    const a = optimizers.adam({ amsgrad: true });
    applyStep(a, vars, steps[0]);
    const saved = a.getWeights();
    const b = optimizers.adam({ amsgrad: true });
    await expect(b.setWeights(saved.slice(0, 4), vars)).rejects.toThrow(/expected 7 weights .*got 4/);
    const swapped = [saved[0], saved[2], saved[1], ...saved.slice(3)];
    await expect(b.setWeights(swapped, vars)).rejects.toThrow(/weight 1 \('w0\/m'\).*shape \[3\].*expected float32 of shape \[2\]/);
    expect(b.iterations).toBe(0);
    expect(b.getWeights()).toHaveLength(1);
    for (const t of saved) t.dispose();
    [a, b].forEach((o) => o.dispose());
    vars.forEach((v) => v.dispose());
  });
});

describe('optimizers do not leak buffers', () => {
  const all: [string, () => Optimizer][] = [
    ['sgd', () => optimizers.sgd({ momentum: 0.9, nesterov: true, clipnorm: 1, clipvalue: 0.5, decay: 0.1 })],
    ['rmsprop', () => optimizers.rmsprop({ clipnorm: 1 })],
    ['adagrad', () => optimizers.adagrad({ clipvalue: 1 })],
    ['adadelta', () => optimizers.adadelta()],
    ['adam', () => optimizers.adam({ amsgrad: true, clipnorm: 1 })],
    ['adamax', () => optimizers.adamax()],
    ['nadam', () => optimizers.nadam({ learningRate: new optimizers.CosineDecay({ initialLearningRate: 0.01, decaySteps: 5 }) })],
  ];
  for (const [name, make] of all) {
    it(`${name}: memory().buffers is constant after the first step`, () => {
      const vars = variables([[1, -2], [0.5, 0.25, -1]]);
      const grads = [tensor([0.5, -1.2]), tensor([0.3, 0.2, -0.1])];
      const opt = make();
      opt.applyGradients(vars, grads);
      const after = memory().buffers;
      for (let i = 0; i < 10; i++) opt.applyGradients(vars, grads);
      expect(memory().buffers).toBe(after);
      opt.dispose();
      grads.forEach((g) => g.dispose());
      vars.forEach((v) => v.dispose());
    });
  }
});
