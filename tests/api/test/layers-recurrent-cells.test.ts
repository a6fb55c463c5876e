import { describe, expect, it } from 'vitest';
import {
  LayerVariable, Sequential, layers, loadModel, memory, ops, saving, setRandomSeed, tensor, tidy, type Shape, type Tensor,
} from '@layerwise/api';
import { checkGradients, checkRoundTrip } from './layers-helpers.js';
import {
  cellOf, expectClose, flat, kerasArtifacts, kerasCellConfig, makeInput, makeWeights, reference, refStep, stackedReference,
  type Kind, type RefCell, type RefWeights,
} from './recurrent-reference.js';

const BATCH = 2;
const STEPS = 4;
const FEATURES = 3;
const X = makeInput(BATCH, STEPS, FEATURES);
const KINDS: Kind[] = ['simple', 'lstm', 'gru', 'gruAfter'];

const cellFor = (kind: Kind, units: number, extra: Record<string, unknown> = {}): layers.RNNCell => cellOf(kind, { units, ...extra });

const weightList = (w: RefWeights): Tensor[] => [tensor(w.W), tensor(w.U), tensor(w.b)];

/** rnn({ cell }) built for FEATURES and holding `weights` (each cell's kernel, recurrent kernel, bias). */
function rnnWith(cell: layers.RNNCellLike | layers.RNNCellLike[], weights: RefWeights[], extra: Record<string, unknown> = {}): layers.RNN {
  const layer = layers.rnn({ cell, ...extra });
  layer.buildFor([null, null, FEATURES]);
  layer.setWeights(weights.flatMap(weightList));
  return layer;
}

describe('rnn({ cell }) with SimpleRNNCell, LSTMCell, GRUCell (Keras 2 formulas vs a float64 loop)', () => {
  for (const kind of KINDS) {
    it(`${kind}: returnSequences, goBackwards, final states`, () => {
      const w = makeWeights(kind, FEATURES, 3);
      for (const goBackwards of [false, true]) {
        const ref = reference(kind, X, w, 3, { goBackwards });
        const seq = rnnWith(cellFor(kind, 3), [w], { returnSequences: true, goBackwards });
        const last = rnnWith(cellFor(kind, 3), [w], { goBackwards });
        tidy(() => {
          const [out, h, c] = seq.callWithStates(tensor(X));
          expect(out.shape).toEqual([BATCH, STEPS, 3]);
          expectClose(out, ref.seq);
          expectClose(h, ref.h);
          if (kind === 'lstm') expectClose(c, ref.c);
          expectClose(last.apply(tensor(X)), ref.h);
        });
        expect(seq.computeOutputShape([null, STEPS, FEATURES])).toEqual([null, STEPS, 3]);
        expect(last.computeOutputShape([null, STEPS, FEATURES])).toEqual([null, 3]);
        seq.dispose();
        last.dispose();
      }
    });
  }

  it('the same weights give the same numbers as the SimpleRNN, LSTM and GRU layers, dropout draws included', () => {
    const makers: [Kind, (a: Record<string, unknown>) => layers.RNN][] = [
      ['simple', (a) => layers.simpleRNN({ units: 3, ...a })], ['lstm', (a) => layers.lstm({ units: 3, ...a })], ['gru', (a) => layers.gru({ units: 3, ...a })],
    ];
    for (const [kind, make] of makers) {
      const w = makeWeights(kind, FEATURES, 3);
      const rates = { dropout: 0.3, recurrentDropout: 0.2 };
      const viaCell = rnnWith(cellFor(kind, 3, rates), [w], { returnSequences: true });
      const layer = make({ ...rates, returnSequences: true });
      layer.buildFor([null, null, FEATURES]);
      layer.setWeights(weightList(w));
      tidy(() => {
        setRandomSeed(7);
        const a = Array.from(viaCell.apply(tensor(X), { training: true, mask: null }).dataSync());
        setRandomSeed(7);
        const b = Array.from(layer.apply(tensor(X), { training: true, mask: null }).dataSync());
        expect(a).toEqual(b);
      });
      viaCell.dispose();
      layer.dispose();
    }
  });

  it("a cell alone is Keras's cell call: cell.call(x, states) is one step; as a Layer it steps once from zero states", () => {
    for (const kind of KINDS) {
      const w = makeWeights(kind, FEATURES, 3);
      const cell = cellFor(kind, 3);
      cell.buildFor([null, FEATURES]);
      cell.setWeights(weightList(w));
      const h0 = [[0.1, -0.4, 0.3], [0.7, 0.2, -0.5]];
      const c0 = [[0.5, 0.1, -0.2], [-0.3, 0.6, 0.4]];
      const x0 = X.map((s) => s[1]);
      tidy(() => {
        const states = kind === 'lstm' ? [tensor(h0), tensor(c0)] : [tensor(h0)];
        const [out, next] = cell.call(tensor(x0), states);
        const expected = x0.map((x, b) => refStep({ kind, w, units: 3 }, b, x, h0[b], c0[b]));
        expectClose(out, expected.map((e) => e.h));
        expect(next.length).toBe(kind === 'lstm' ? 2 : 1);
        expectClose(next[0], expected.map((e) => e.h));
        if (kind === 'lstm') expectClose(next[1], expected.map((e) => e.c));
        const fromZeros = x0.map((x, b) => refStep({ kind, w, units: 3 }, b, x, [0, 0, 0], [0, 0, 0]).h);
        expectClose(cell.apply(tensor(x0)), fromZeros);
      });
      expect(cell.stateSize).toEqual(kind === 'lstm' ? [3, 3] : 3);
      expect(cell.outputSize).toBe(3);
      cell.dispose();
    }
  });
});

describe('StackedRNNCells', () => {
  const cellsRef = (): RefCell[] => [
    { kind: 'lstm', w: makeWeights('lstm', FEATURES, 3), units: 3 },
    { kind: 'gru', w: makeWeights('gru', 3, 2, 0.4), units: 2 },
    { kind: 'simple', w: makeWeights('simple', 2, 2, 0.9), units: 2 },
  ];
  const stack = (extra: Record<string, unknown> = {}): layers.RNN => rnnWith(
    layers.stackedRNNCells({ cells: [layers.lstmCell({ units: 3 }), layers.gruCell({ units: 2 }), layers.simpleRNNCell({ units: 2 })] }),
    cellsRef().map((c) => c.w), extra,
  );

  it('runs the cells in one loop: output of the last cell, states [h1, c1, h2, h3], weights in cell order, named as tfjs names them', () => {
    const ref = stackedReference(cellsRef(), X);
    const layer = stack({ returnSequences: true, name: 'stacked' });
    const cell = layer.cell as layers.StackedRNNCells;
    expect(cell.stateSize).toEqual([3, 3, 2, 2]);
    expect(cell.outputSize).toBe(2);
    expect(layer.weights.map((w) => w.name)).toEqual([
      ...[0, 1, 2].flatMap((k) => ['kernel', 'recurrent_kernel', 'bias'].map((w) => `stacked/RNNCell_${k}/${w}`)),
    ]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 12], [3, 12], [12], [3, 6], [2, 6], [6], [2, 2], [2, 2], [2]]);
    expect(layer.countParams()).toBe(4 * (3 * 3 + 3 * 3 + 3) + 3 * (3 * 2 + 2 * 2 + 2) + (2 * 2 + 2 * 2 + 2));
    tidy(() => {
      const [out, h1, c1, h2, h3] = layer.callWithStates(tensor(X));
      expectClose(out, ref.seq);
      expectClose(h1, ref.states[0].h);
      expectClose(c1, ref.states[0].c);
      expectClose(h2, ref.states[1].h);
      expectClose(h3, ref.states[2].h);
    });
    // A list of cells is a stack.
    const fromList = rnnWith([layers.lstmCell({ units: 3 }), layers.gruCell({ units: 2 }), layers.simpleRNNCell({ units: 2 })], cellsRef().map((c) => c.w));
    expect(fromList.cell).toBeInstanceOf(layers.StackedRNNCells);
    tidy(() => expectClose(fromList.apply(tensor(X)), ref.seq.map((s) => s[STEPS - 1])));
    layer.dispose();
    fromList.dispose();
  });

  it("masking: states carry over; the output at a masked step is Keras 2's previous first state, or with unroll the previous output", () => {
    const maskRows = [[1, 0, 1, 0], [0, 1, 1, 1]];
    const stackSameUnits = (extra: Record<string, unknown>): layers.RNN => rnnWith([layers.gruCell({ units: 3 }), layers.lstmCell({ units: 3 })],
      [makeWeights('gru', FEATURES, 3), makeWeights('lstm', 3, 3, 0.3)], extra);
    const refCells: RefCell[] = [{ kind: 'gru', w: makeWeights('gru', FEATURES, 3), units: 3 }, { kind: 'lstm', w: makeWeights('lstm', 3, 3, 0.3), units: 3 }];
    for (const unroll of [false, true]) {
      for (const goBackwards of [false, true]) {
        const ref = stackedReference(refCells, X, { mask: maskRows, unroll, goBackwards });
        const layer = stackSameUnits({ returnSequences: true, unroll, goBackwards });
        tidy(() => {
          const mask = tensor(maskRows, [BATCH, STEPS], 'bool');
          const [out, h1, h2, c2] = layer.callWithStates(tensor(X), { training: false, mask });
          expectClose(out, ref.seq);
          expectClose(h1, ref.states[0].h);
          expectClose(h2, ref.states[1].h);
          expectClose(c2, ref.states[1].c);
        });
        layer.dispose();
      }
    }
    // The two conventions differ here, so the test can tell them apart.
    const a = flat(stackedReference(refCells, X, { mask: maskRows }).seq);
    const b = flat(stackedReference(refCells, X, { mask: maskRows, unroll: true }).seq);
    expect(a).not.toEqual(b);
  });

  it('stateful: the stack carries all its states into the next batch', () => {
    const ref = stackedReference(cellsRef(), X);
    const layer = stack({ returnSequences: true, stateful: true });
    tidy(() => {
      expectClose(layer.apply(tensor(X.map((s) => s.slice(0, 2)))), ref.seq.map((s) => s.slice(0, 2)));
      expectClose(layer.apply(tensor(X.map((s) => s.slice(2)))), ref.seq.map((s) => s.slice(2)));
    });
    expect(layer.states!.map((s) => s.shape)).toEqual([[2, 3], [2, 3], [2, 2], [2, 2]]);
    layer.resetStates();
    tidy(() => expectClose(layer.apply(tensor(X)), ref.seq));
    expect(() => layer.resetStates([tensor([[1, 2, 3]])])).toThrow(/expected 4 state tensor\(s\), got 1/);
    layer.dispose();
  });
});

describe('custom cells (Keras allows any object with state_size and call)', () => {
  it('a plain object with stateSize and call(inputs, states): its outputs, masked steps and stacking with a built-in cell', () => {
    // Keras's MinimalRNNCell with fixed weights: h_t = x_t K + h_{t-1} R.
    const K = [[0.5, -0.2], [0.1, 0.3], [-0.4, 0.25]];
    const R = [[0.9, 0.1], [-0.2, 0.8]];
    const k = tensor(K);
    const r = tensor(R);
    const minimal: layers.RNNCellLike = {
      stateSize: 2,
      call: (inputs, [h]) => {
        const out = ops.add(ops.matMul(inputs, k), ops.matMul(h, r));
        return [out, [out]];
      },
    };
    const refRun = (sample: number[][], mask?: number[]): number[][] => {
      let h = [0, 0];
      return sample.map((x, t) => {
        if (!mask || mask[t]) h = [0, 1].map((j) => x.reduce((s, v, i) => s + v * K[i][j], 0) + h.reduce((s, v, i) => s + v * R[i][j], 0));
        return h.slice();
      });
    };
    const layer = layers.rnn({ cell: minimal, returnSequences: true });
    const maskRows = [[1, 1, 0, 1], [1, 0, 0, 1]];
    tidy(() => {
      expectClose(layer.apply(tensor(X)), X.map((s) => refRun(s)));
      expectClose(layer.apply(tensor(X), { training: false, mask: tensor(maskRows, [2, 4], 'bool') }), X.map((s, b) => refRun(s, maskRows[b])));
    });
    expect(layer.weights).toEqual([]);
    expect(() => layer.getConfig()).toThrow(/cell is not a Layer, so it has no config to save/);
    // In a stack, followed by a SimpleRNN cell (weights set by hand).
    const w = makeWeights('simple', 2, 2, 0.2);
    const stacked = layers.rnn({ cell: [minimal, layers.simpleRNNCell({ units: 2 })] });
    stacked.buildFor([null, null, FEATURES]);
    stacked.setWeights(weightList(w));
    tidy(() => {
      const expected = X.map((s, b) => {
        const hs = refRun(s);
        let h = [0, 0];
        for (const x of hs) h = refStep({ kind: 'simple', w, units: 2 }, b, x, h, []).h;
        return h;
      });
      expectClose(stacked.apply(tensor(X)), expected);
    });
    [layer, stacked, k, r].forEach((t) => t.dispose());
  });

  /** A cell written as a layers.RNNCell subclass with its own weights. */
  class ScaledCell extends layers.RNNCell {
    readonly className = 'ScaledCell';
    readonly stateSize = 2;
    kernel: LayerVariable | null = null;
    gain: LayerVariable | null = null;
    override build(inputShape: Shape): void {
      this.kernel = this.addWeight('kernel', [inputShape[1]!, 2], 'glorotUniform');
      this.gain = this.addWeight('gain', [2], 'ones');
    }
    step(inputs: Tensor, states: Tensor[]): [Tensor, Tensor[]] {
      const out = ops.tanh(ops.add(ops.matMul(inputs, this.kernel!.value), ops.mul(states[0], this.gain!.value)));
      return [out, [out]];
    }
  }

  it('a layers.RNNCell subclass with weights: named in the RNN scope, trained through rnn(), gradients match finite differences, saved and loaded once registered', async () => {
    const layer = layers.rnn({ cell: new ScaledCell({}), name: 'scaled' });
    layer.buildFor([null, null, FEATURES]);
    expect(layer.weights.map((w) => w.name)).toEqual(['scaled/kernel', 'scaled/gain']);
    checkGradients(layer, tensor(X));
    layers.registerLayer('ScaledCell', (c) => new ScaledCell(c));
    const copy = checkRoundTrip(layer, tensor(X));
    copy.dispose();

    setRandomSeed(3);
    const model = new Sequential({ layers: [layers.rnn({ cell: new ScaledCell({}), inputShape: [STEPS, FEATURES] }), layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const y = [[0.5], [-0.25]];
    const before = memory().buffers;
    const history = await model.fit(X, y, { epochs: 5, verbose: 0 });
    const loss = history.history.loss;
    expect(loss[4]).toBeLessThan(loss[0]);
    const handler = saving.memoryHandler();
    await model.save(handler);
    const loaded = await loadModel(handler);
    const [a, b] = [await model.predict(X), (await loaded.predict(X)) as Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    [a, b].forEach((t) => t.dispose());
    loaded.layers.forEach((l) => l.dispose());
    expect(memory().buffers).toBeGreaterThanOrEqual(before);
    layer.dispose();
  });
});

describe('gradients of rnn({ cell }) match finite differences', () => {
  for (const kind of KINDS) {
    it(`${kind} cell, with a mask`, () => {
      const layer = rnnWith(cellFor(kind, 3), [makeWeights(kind, FEATURES, 3)], { returnSequences: true });
      const mask = tensor([[1, 1, 0, 1], [1, 1, 1, 0]], [BATCH, STEPS], 'bool');
      checkGradients(layer, tensor(X), { training: false, mask });
      layer.dispose();
    });
  }

  it('StackedRNNCells, goBackwards', () => {
    const layer = rnnWith([layers.lstmCell({ units: 3 }), layers.gruCell({ units: 2, resetAfter: true })],
      [makeWeights('lstm', FEATURES, 3), makeWeights('gruAfter', 3, 2, 0.5)], { goBackwards: true });
    checkGradients(layer, tensor(X));
    layer.dispose();
  });
});

describe('rnn config, loading by class name, summary', () => {
  it('the config nests the cell as Keras does, and round-trips (every cell kind, a stack)', async () => {
    const cases: [layers.RNNCellLike | layers.RNNCellLike[], RefWeights[]][] = [
      ...KINDS.map((k): [layers.RNNCellLike, RefWeights[]] => [cellFor(k, 3, { dropout: 0.1, activation: 'relu' }), [makeWeights(k, FEATURES, 3)]]),
      [[layers.lstmCell({ units: 3, unitForgetBias: false }), layers.simpleRNNCell({ units: 2 })], [makeWeights('lstm', FEATURES, 3), makeWeights('simple', 3, 2)]],
    ];
    for (const [cell, w] of cases) {
      const layer = rnnWith(cell, w, { returnSequences: true, goBackwards: true });
      checkRoundTrip(layer, tensor(X)).dispose();
      layer.dispose();
    }
    const model = new Sequential({ layers: [layers.rnn({ cell: [layers.lstmCell({ units: 3 }), layers.gruCell({ units: 2 })], inputShape: [STEPS, FEATURES], name: 'r' })] });
    const handler = saving.memoryHandler();
    await model.save(handler, { includeOptimizer: false });
    const topology = (await handler.load()).modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    const written = topology.config.layers[0];
    expect(written.class_name).toBe('RNN');
    expect(written.config).toMatchObject({ name: 'r', return_sequences: false, return_state: false, go_backwards: false, stateful: false, unroll: false });
    const cell = written.config.cell as { class_name: string; config: { cells: { class_name: string; config: Record<string, unknown> }[] } };
    expect(cell.class_name).toBe('StackedRNNCells');
    expect(cell.config.cells.map((c) => c.class_name)).toEqual(['LSTMCell', 'GRUCell']);
    expect(cell.config.cells[0].config).toMatchObject({ units: 3, recurrent_activation: 'hard_sigmoid', unit_forget_bias: true, implementation: 1 });
    expect(cell.config.cells[1].config).toMatchObject({ units: 2, reset_after: false });
  });

  it("loads Keras 2.2.4's JSON for RNN(StackedRNNCells) and RNN(SimpleRNNCell), with Keras's weight names (rnn_1/kernel_1)", async () => {
    const wl = makeWeights('lstm', FEATURES, 3);
    const wg = makeWeights('gru', 3, 2, 0.7);
    const ws = makeWeights('simple', 2, 2, 0.1);
    const spec = (name: string, w: number[] | number[][]): { name: string; shape: number[]; values: number[] } => ({
      name, shape: Array.isArray(w[0]) ? [w.length, (w[0] as number[]).length] : [w.length], values: flat(w),
    });
    const artifacts = kerasArtifacts([
      { class_name: 'RNN', config: {
        name: 'rnn_1', trainable: true, batch_input_shape: [null, STEPS, FEATURES], dtype: 'float32',
        return_sequences: true, return_state: false, go_backwards: false, stateful: false, unroll: false,
        cell: { class_name: 'StackedRNNCells', config: { name: 'stacked_rnn_cells_1', trainable: true, cells: [
          { class_name: 'LSTMCell', config: kerasCellConfig('lstm_cell_1', 3, { recurrent_activation: 'hard_sigmoid', unit_forget_bias: true, implementation: 1 }) },
          { class_name: 'GRUCell', config: kerasCellConfig('gru_cell_1', 2, { recurrent_activation: 'hard_sigmoid', implementation: 1, reset_after: false }) },
        ] } },
      } },
      { class_name: 'RNN', config: {
        name: 'rnn_2', trainable: true, return_sequences: false, return_state: false, go_backwards: true, stateful: false, unroll: false,
        cell: { class_name: 'SimpleRNNCell', config: kerasCellConfig('simple_rnn_cell_1', 2) },
      } },
    ], [
      spec('rnn_1/kernel', wl.W), spec('rnn_1/recurrent_kernel', wl.U), spec('rnn_1/bias', wl.b),
      spec('rnn_1/kernel_1', wg.W), spec('rnn_1/recurrent_kernel_1', wg.U), spec('rnn_1/bias_1', wg.b),
      spec('rnn_2/kernel', ws.W), spec('rnn_2/recurrent_kernel', ws.U), spec('rnn_2/bias', ws.b),
    ]);
    const model = await loadModel(saving.fromArtifacts(artifacts));
    expect(model.layers.map((l) => l.className)).toEqual(['RNN', 'RNN']);
    const first = stackedReference([{ kind: 'lstm', w: wl, units: 3 }, { kind: 'gru', w: wg, units: 2 }], X).seq;
    const expected = reference('simple', first, ws, 2, { goBackwards: true }).h;
    const y = (await model.predict(X)) as Tensor;
    expectClose(y, expected);
    y.dispose();
    model.layers.forEach((l) => l.dispose());

    const withConstants = kerasArtifacts([{ class_name: 'RNN', config: {
      name: 'rnn_9', batch_input_shape: [null, 2, 2], num_constants: 1, cell: { class_name: 'SimpleRNNCell', config: kerasCellConfig('c', 2) },
    } }], []);
    await expect(loadModel(saving.fromArtifacts(withConstants), { strict: false })).rejects.toThrow(/constants \(num_constants 1\) are not supported/);
  });

  it('summary counts as Keras prints them', () => {
    const model = new Sequential({ layers: [
      layers.rnn({ cell: layers.lstmCell({ units: 8 }), inputShape: [10, 16], returnSequences: true, name: 'a' }),
      layers.rnn({ cell: [layers.gruCell({ units: 4 }), layers.simpleRNNCell({ units: 5 })], name: 'b' }),
    ] });
    const lines: string[] = [];
    model.summary(65, undefined, (l) => lines.push(l));
    const lstmParams = 4 * (16 * 8 + 8 * 8 + 8);
    const stackParams = 3 * (8 * 4 + 4 * 4 + 4) + (4 * 5 + 5 * 5 + 5);
    expect(lines.find((l) => l.startsWith('a (RNN)'))).toMatch(new RegExp(`\\(None, 10, 8\\)\\s+${lstmParams}\\s*$`));
    expect(lines.find((l) => l.startsWith('b (RNN)'))).toMatch(new RegExp(`\\(None, 5\\)\\s+${stackParams}\\s*$`));
    expect(lines).toContain(`Total params: ${(lstmParams + stackParams).toLocaleString('en-US')}`);
  });
});

describe('bad input', () => {
  it('names the layer, the argument and what was expected', () => {
    expect(() => layers.rnn({ cell: {} as layers.RNNCellLike, name: 'bad' })).toThrow(/bad: cell must be an RNN cell \(an object with stateSize/);
    expect(() => layers.stackedRNNCells({ cells: [], name: 'st' })).toThrow(/st: cells must be a non-empty list of RNN cells/);
    expect(() => layers.lstmCell({ units: -1, name: 'lc' })).toThrow(/lc: units must be a positive integer, got -1/);
    const wrongStates: layers.RNNCellLike = { stateSize: [2, 2], call: (x, [h]) => [h, [h]] };
    const layer = layers.rnn({ cell: wrongStates, name: 'ws' });
    expect(() => tidy(() => layer.apply(tensor(X)))).toThrow(/ws: the cell returned 1 state\(s\), expected 2/);
    const cell = layers.gruCell({ units: 2, name: 'gc' });
    expect(() => tidy(() => cell.call(tensor([[1, 2, 3]]), [tensor([[1, 2, 3]])]))).toThrow(/gc: expected 1 state\(s\) of shape \[1, 2\], got \[1,3\]|gc: expected 1 state\(s\) of shape \[1, 2\], got \[1, 3\]/);
    const r = rnnWith(layers.lstmCell({ units: 3 }), [makeWeights('lstm', FEATURES, 3)], { name: 'init' });
    expect(() => tidy(() => r.callWithStates(tensor(X), undefined, [tensor([[0, 0, 0], [0, 0, 0]])]))).toThrow(/init: initialState: expected 2 state tensor\(s\), got 1/);
    r.dispose();
  });

  it('initialState (Keras initial_state) starts the loop from the given states', () => {
    const w = makeWeights('lstm', FEATURES, 3);
    const h = [[0.1, 0.2, -0.3], [0.4, -0.5, 0.6]];
    const c = [[-0.2, 0.3, 0.1], [0.5, 0.2, -0.4]];
    const layer = rnnWith(layers.lstmCell({ units: 3 }), [w], { returnSequences: true });
    tidy(() => {
      const [out] = layer.callWithStates(tensor(X), undefined, [tensor(h), tensor(c)]);
      expectClose(out, reference('lstm', X, w, 3, { initial: { h, c } }).seq);
    });
    const before = memory().buffers;
    tidy(() => { layer.apply(tensor(X)); });
    expect(memory().buffers).toBe(before);
    layer.dispose();
  });
});
