import { Sequential, callbacks, layers, optimizers, tensor, type HostData } from '@layerwise/api';
import type { ModelCase, ModelRun, ModelSetup } from '../case.js';
import { regressionFrom, uniform } from './data.js';

// Models meeting NaN (kernel.ts, NON-FINITE VALUES): every backend must show the NaN a
// diverging or corrupted model produces, not plausible numbers, so TerminateOnNaN works
// everywhere. Each case also checks its run against what the rule says (expect).

function modelCase(name: string, seed: number, build: () => ModelSetup, expect: (run: ModelRun) => string | null): ModelCase {
  return { kind: 'model', name: `model/non-finite/${name}`, seed, build, tolerance: 'permissive', expect };
}

/** A copy of `x` with NaN at the given [row, column] places. */
function withNaN(x: HostData, places: readonly [number, number][]): HostData {
  const width = x.data.length / x.shape[0];
  const data = Float32Array.from(x.data);
  for (const [row, col] of places) data[row * width + col] = NaN;
  return { data, shape: [...x.shape] };
}

/** Which of `values`' rows (of `width`) are all NaN, and which hold only finite values. */
function rowKinds(values: Float32Array, width: number): { nan: number[]; finite: number[] } {
  const nan: number[] = [];
  const finite: number[] = [];
  for (let r = 0; r < values.length / width; r++) {
    const row = values.subarray(r * width, (r + 1) * width);
    if (row.every(Number.isNaN)) nan.push(r);
    else if (row.every(Number.isFinite)) finite.push(r);
  }
  return { nan, finite };
}

const list = (xs: readonly number[]) => `[${xs.join(', ')}]`;

export const NON_FINITE_MODEL_CASES: readonly ModelCase[] = [
  // A NaN feature goes through a max-pool window (next to a finite value), Dense + relu,
  // BatchNormalization (inference statistics) and relu: its row's prediction is NaN, and
  // only its row's.
  modelCase('nan-input-pool-dense-batchnorm-relu', 31, () => {
    const x = uniform([12, 4], 31);
    return {
      model: new Sequential({ layers: [
        layers.reshape({ targetShape: [4, 1], inputShape: [4] }),
        layers.maxPooling1d({ poolSize: 2 }),
        layers.flatten(),
        layers.dense({ units: 6, activation: 'relu' }),
        layers.batchNormalization({}),
        layers.activation({ activation: 'relu' }),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.05 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 2, batchSize: 4,
      predictX: withNaN(x, [[1, 2], [7, 0]]),
    };
  }, (run) => {
    const { nan, finite } = rowKinds(run.predictions, 1);
    const wantNaN = [1, 7];
    if (list(nan) !== list(wantNaN)) return `prediction rows ${list(nan)} are NaN; rows ${list(wantNaN)} (fed a NaN) should be, and only they`;
    if (finite.length !== 10) return `only rows ${list(finite)} of the 10 NaN-free rows have finite predictions`;
    return null;
  }),

  // A negative moving variance (a diverged or corrupted model) makes BatchNormalization's
  // inference output NaN (sqrt of a negative); relu must keep it, so every prediction is NaN.
  modelCase('batchnorm-negative-variance-relu', 32, () => {
    const x = uniform([8, 3], 32);
    const bn = layers.batchNormalization({});
    const model = new Sequential({ layers: [
      layers.dense({ units: 4, inputShape: [3] }), bn, layers.activation({ activation: 'relu' }), layers.dense({ units: 1 }),
    ] });
    const [gamma, beta, mean, variance] = bn.getWeights();
    const negative = tensor([-1, 1, -2, 1]);
    bn.setWeights([gamma, beta, mean, negative]);
    for (const t of [gamma, beta, mean, variance, negative]) t.dispose();
    return {
      model, compile: { optimizer: optimizers.sgd({ learningRate: 0.05 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 1, batchSize: 4,
    };
  }, (run) => {
    if (!run.logs.loss.every(Number.isFinite)) return `training losses ${list(run.logs.loss)} should be finite (batch statistics)`;
    if (!run.predictions.every(Number.isNaN)) return `predictions ${list([...run.predictions])} should all be NaN`;
    return null;
  }),

  // A NaN sample in the third batch turns the loss NaN: TerminateOnNaN stops the fit after
  // that batch, in the first epoch, and the NaN update has reached every weight.
  modelCase('terminate-on-nan', 33, () => {
    const x = uniform([16, 4], 33);
    return {
      model: new Sequential({ layers: [layers.dense({ units: 5, activation: 'relu', inputShape: [4] }), layers.dense({ units: 1 })] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.05 }), loss: 'mse' },
      x: withNaN(x, [[9, 1]]), y: regressionFrom(x), epochs: 3, batchSize: 4,
      callbacks: [new callbacks.TerminateOnNaN()],
    };
  }, (run) => {
    if (run.batches !== 3) return `${run.batches} batches ran; TerminateOnNaN should stop after the third (the one with the NaN)`;
    if (run.logs.loss.length !== 1 || !Number.isNaN(run.logs.loss[0])) return `per-epoch losses ${list(run.logs.loss)}: want one epoch, NaN`;
    if (!run.predictions.every(Number.isNaN)) return 'predictions after the NaN update should all be NaN';
    return null;
  }),

  // A NaN target: the inputs and the forward pass are finite, the loss is NaN, and one SGD
  // step makes every trainable weight NaN. Its gradient reaches every weight even through
  // relus switched off for the NaN sample (dy * 0 is NaN) and through BatchNormalization.
  modelCase('nan-loss-reaches-every-weight', 34, () => {
    const x = uniform([8, 4], 34);
    const y = regressionFrom(x);
    return {
      model: new Sequential({ layers: [
        layers.dense({ units: 6, activation: 'relu', inputShape: [4] }),
        layers.batchNormalization({}),
        layers.activation({ activation: 'relu' }),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' },
      x, y: withNaN(y, [[5, 0]]), epochs: 1, batchSize: 8,
    };
  }, (run) => {
    if (!Number.isNaN(run.logs.loss[0])) return `the loss is ${run.logs.loss[0]}, should be NaN`;
    const partly = run.trainableWeights.map((w, i) => [i, w.filter((v) => !Number.isNaN(v)).length]).filter(([, n]) => n > 0);
    if (partly.length > 0) return `trainable weights ${partly.map(([i, n]) => `#${i} (${n} not NaN)`).join(', ')} escaped the NaN gradient`;
    return null;
  }),
];
