// A plain float64 reference of Keras 2's recurrent cells and K.rnn loop, independent of
// layerwise, shared by the layers-recurrent-*.test.ts files (not a test file itself).
import { expect } from 'vitest';
import { layers, type saving, type Tensor } from '@layerwise/api';

export type Kind = 'simple' | 'lstm' | 'gru' | 'gruAfter';
export type Mat = number[][];
export interface RefWeights { W: Mat; U: Mat; b: number[] | Mat }
export interface RefOptions {
  goBackwards?: boolean;
  /** [batch][time], 1 = keep. */
  mask?: number[][];
  /** Per gate, [batch][features]: input dropout masks. */
  inMasks?: Mat[];
  /** Per gate, [batch][units]: recurrent dropout masks. */
  recMasks?: Mat[];
  initial?: { h: Mat; c?: Mat };
}
export interface RefResult { seq: number[][][]; h: Mat; c: Mat | null }

export const GATES: Record<Kind, number> = { simple: 1, lstm: 4, gru: 3, gruAfter: 3 };
export const hardSigmoid = (v: number): number => Math.min(1, Math.max(0, 0.2 * v + 0.5));

/** v @ M[:, block*u : (block+1)*u] */
function dotBlock(v: number[], M: Mat, block: number, u: number): number[] {
  return Array.from({ length: u }, (_, j) => v.reduce((s, vi, i) => s + vi * M[i][block * u + j], 0));
}
const vadd = (...vs: number[][]): number[] => vs[0].map((_, j) => vs.reduce((s, v) => s + v[j], 0));
const vmul = (a: number[], b: number[]): number[] => a.map((v, j) => v * b[j]);

/** One cell of a reference RNN: its kind, weights, units and (optional) dropout masks. */
export interface RefCell {
  kind: Kind;
  w: RefWeights;
  units: number;
  inMasks?: Mat[];
  recMasks?: Mat[];
}

/** Keras 2's cell call for sample `bi`: the step input and the previous h, c to the new h, c (c only for LSTM). */
export function refStep(cell: RefCell, bi: number, x: number[], h: number[], c: number[]): { h: number[]; c: number[] } {
  const { kind, w, units: u } = cell;
  const xg = (gate: number): number[] => (cell.inMasks ? vmul(x, cell.inMasks[gate][bi]) : x);
  const hg = (gate: number): number[] => (cell.recMasks ? vmul(h, cell.recMasks[gate][bi]) : h);
  const inBias = (gate: number): number[] => {
    const b = kind === 'gruAfter' ? (w.b as Mat)[0] : (w.b as number[]);
    return b.slice(gate * u, (gate + 1) * u);
  };
  const xw = (gate: number): number[] => vadd(dotBlock(xg(gate), w.W, gate, u), inBias(gate));
  if (kind === 'simple') return { h: vadd(xw(0), dotBlock(hg(0), w.U, 0, u)).map(Math.tanh), c };
  if (kind === 'lstm') {
    const z = [0, 1, 2, 3].map((k) => vadd(xw(k), dotBlock(hg(k), w.U, k, u)));
    const i = z[0].map(hardSigmoid);
    const f = z[1].map(hardSigmoid);
    const o = z[3].map(hardSigmoid);
    const cNext = c.map((cv, j) => f[j] * cv + i[j] * Math.tanh(z[2][j]));
    return { h: cNext.map((cv, j) => o[j] * Math.tanh(cv)), c: cNext };
  }
  if (kind === 'gru') {
    const z = vadd(xw(0), dotBlock(hg(0), w.U, 0, u)).map(hardSigmoid);
    const r = vadd(xw(1), dotBlock(hg(1), w.U, 1, u)).map(hardSigmoid);
    const hh = vadd(xw(2), dotBlock(vmul(r, hg(2)), w.U, 2, u)).map(Math.tanh);
    return { h: h.map((hv, j) => z[j] * hv + (1 - z[j]) * hh[j]), c };
  }
  const rb = (w.b as Mat)[1];
  const rec = (k: number): number[] => vadd(dotBlock(hg(k), w.U, k, u), rb.slice(k * u, (k + 1) * u));
  const z = vadd(xw(0), rec(0)).map(hardSigmoid);
  const r = vadd(xw(1), rec(1)).map(hardSigmoid);
  const hh = vadd(xw(2), vmul(r, rec(2))).map(Math.tanh);
  return { h: h.map((hv, j) => z[j] * hv + (1 - z[j]) * hh[j]), c };
}

export function reference(kind: Kind, x: number[][][], w: RefWeights, units: number, opts: RefOptions = {}): RefResult {
  const r = stackedReference([{ kind, w, units, inMasks: opts.inMasks, recMasks: opts.recMasks }], x, {
    ...opts, initial: opts.initial ? [opts.initial] : undefined,
  });
  return { seq: r.seq, h: r.states[0].h, c: kind === 'lstm' ? r.states[0].c : null };
}

export interface StackedResult {
  /** The output sequence (processing order), [batch][step][units of the last cell]. */
  seq: number[][][];
  /** Each cell's final h and c, [batch][units]. */
  states: { h: Mat; c: Mat }[];
}

/**
 * K.rnn over StackedRNNCells (one cell: a plain RNN). A masked step carries every state
 * over; its output is the previous first state (the first cell's h) as in Keras 2's loop,
 * or with `unroll` the previous output (zeros before the first step).
 */
export function stackedReference(cells: RefCell[], x: number[][][], opts: { goBackwards?: boolean; mask?: number[][]; unroll?: boolean; initial?: { h: Mat; c?: Mat }[] } = {}): StackedResult {
  const seq: number[][][] = [];
  const finals = cells.map(() => ({ h: [] as Mat, c: [] as Mat }));
  x.forEach((sample, bi) => {
    let hs = cells.map((cell, k) => opts.initial?.[k] ? opts.initial[k].h[bi].slice() : new Array<number>(cell.units).fill(0));
    let cs = cells.map((cell, k) => opts.initial?.[k]?.c ? opts.initial[k].c![bi].slice() : new Array<number>(cell.units).fill(0));
    const last = cells[cells.length - 1].units;
    let previous = new Array<number>(last).fill(0);
    const outs: Mat = [];
    const order = sample.map((_, t) => (opts.goBackwards ? sample.length - 1 - t : t));
    for (const t of order) {
      let input = sample[t];
      const nextH: Mat = [];
      const nextC: Mat = [];
      cells.forEach((cell, k) => {
        const s = refStep(cell, bi, input, hs[k], cs[k]);
        nextH.push(s.h);
        nextC.push(s.c);
        input = s.h;
      });
      let out = input;
      if (opts.mask && !opts.mask[bi][t]) {
        out = opts.unroll ? previous : hs[0];
      } else {
        hs = nextH;
        cs = nextC;
      }
      previous = out.slice();
      outs.push(out.slice());
    }
    seq.push(outs);
    cells.forEach((_, k) => {
      finals[k].h.push(hs[k]);
      finals[k].c.push(cs[k]);
    });
  });
  return { seq, states: finals };
}

/** Deterministic weights of a `kind` cell in Keras's layout. */
export function makeWeights(kind: Kind, features: number, units: number, phase = 0): RefWeights {
  const cols = GATES[kind] * units;
  const W = Array.from({ length: features }, (_, i) => Array.from({ length: cols }, (_, j) => 0.5 * Math.sin(0.5 + phase + i * 1.1 + j * 0.37)));
  const U = Array.from({ length: units }, (_, i) => Array.from({ length: cols }, (_, j) => 0.4 * Math.cos(0.2 + phase + i * 0.53 + j * 0.29)));
  const row = (k: number): number[] => Array.from({ length: cols }, (_, j) => 0.2 * Math.sin(j * 0.9 + k + phase));
  return { W, U, b: kind === 'gruAfter' ? [row(0), row(1)] : row(0) };
}

/** A deterministic [batch][steps][features] input. */
export function makeInput(batch: number, steps: number, features: number, phase = 0): number[][][] {
  return Array.from({ length: batch }, (_, b) => Array.from({ length: steps }, (_, t) =>
    Array.from({ length: features }, (_, i) => Math.sin(1 + phase + b * 3.1 + t * 1.3 + i * 0.7))));
}

/** The Keras 2 layer of `kind` (SimpleRNN, LSTM, GRU, GRU with resetAfter) with `args`. */
export function layerOf(kind: Kind, args: Record<string, unknown> & { units: number }): layers.RNN {
  switch (kind) {
    case 'simple': return layers.simpleRNN(args);
    case 'lstm': return layers.lstm(args);
    case 'gru': return layers.gru(args);
    case 'gruAfter': return layers.gru({ ...args, resetAfter: true });
  }
}

/** The Keras 2 cell of `kind` with `args`. */
export function cellOf(kind: Kind, args: Record<string, unknown> & { units: number }): layers.RNNCell {
  switch (kind) {
    case 'simple': return layers.simpleRNNCell(args);
    case 'lstm': return layers.lstmCell(args);
    case 'gru': return layers.gruCell(args);
    case 'gruAfter': return layers.gruCell({ ...args, resetAfter: true });
  }
}

export const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

export function expectClose(actual: Tensor, expected: unknown, tol = 1e-5): void {
  const a = Array.from(actual.dataSync());
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => {
    if (Math.abs(v - e[i]) > tol) throw new Error(`element ${i}: got ${v}, expected ${e[i]} (tolerance ${tol})`);
  });
}

/**
 * A model as Keras 2.2.4 writes it (`model.to_json()` of a Sequential, converted by
 * tensorflowjs_converter): `layers` are { class_name, config } in Keras's snake_case, and
 * `weights` are named as Keras names them ('rnn_1/kernel_1'), in file order.
 */
export function kerasArtifacts(layers: Record<string, unknown>[], weights: { name: string; shape: number[]; values: number[] }[]): saving.ModelArtifacts {
  const data = new Float32Array(weights.reduce((n, w) => n + w.values.length, 0));
  let offset = 0;
  for (const w of weights) {
    data.set(w.values, offset);
    offset += w.values.length;
  }
  return {
    modelTopology: { keras_version: '2.2.4', backend: 'tensorflow', model_config: { class_name: 'Sequential', config: { name: 'sequential_1', layers } } },
    weightSpecs: weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' })),
    weightData: data.buffer,
  } as saving.ModelArtifacts;
}

/** Keras 2.2.4's serialised initializers and cell arguments shared by the dense cells (the defaults). */
export function kerasCellConfig(name: string, units: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name, trainable: true, units, activation: 'tanh', use_bias: true,
    kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1.0, mode: 'fan_avg', distribution: 'uniform', seed: null } },
    recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } },
    bias_initializer: { class_name: 'Zeros', config: {} },
    kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null,
    kernel_constraint: null, recurrent_constraint: null, bias_constraint: null, dropout: 0.0, recurrent_dropout: 0.0, ...extra,
  };
}
