import { describe, expect, it } from 'vitest';
import { loadModel, memory, tensor } from '@layerwise/api';
import { DEFAULT_LIMITS, kerasFile } from '../src/index.js';
import { withH5 } from '../src/hdf5/h5-reader.js';
import { BACKENDS, EXPECTED, customObjectsFor, fixture, fixtureBytes, inputTensors, maxAbsDiff, useBackend } from './helpers.js';

const NAMES = Object.keys(EXPECTED).sort();

describe.each(BACKENDS)('real Keras .h5 files on %s', (backend) => {
  it('the fixture set covers at least 15 models', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(NAMES)('%s predicts what the NumPy reference computes from its weights (to 1e-5)', async (name) => {
    await useBackend(backend);
    const before = memory().buffers;
    const e = EXPECTED[name];
    const model = await loadModel(kerasFile(fixture(name)), { compile: false, ...customObjectsFor(name) });
    expect(model.inputs.length).toBe(e.inputs.length);
    const xs = inputTensors(e);
    const out = await model.predict(xs.length === 1 ? xs[0] : xs, { batchSize: 2 });
    const ys = Array.isArray(out) ? out : [out];
    expect(ys.length).toBe(e.outputs.length);
    for (const [i, y] of ys.entries()) {
      expect(y.shape).toEqual(e.outputs[i].shape);
      expect(maxAbsDiff(await y.data(), e.outputs[i].values)).toBeLessThan(1e-5);
    }
    for (const t of [...xs, ...ys]) t.dispose();
    model.dispose();
    expect(memory().buffers).toBe(before);
  });
});

describe('loading from bytes, as a browser does', () => {
  it('a Uint8Array, an ArrayBuffer and a Blob load the same model', async () => {
    await useBackend('cpu');
    const bytes = fixtureBytes('dense_2.1.3.h5');
    const e = EXPECTED['dense_2.1.3.h5'];
    const outputs: number[][] = [];
    for (const source of [bytes, bytes.slice().buffer, new Blob([bytes])]) {
      const model = await loadModel(kerasFile(source), { compile: false });
      const [x] = inputTensors(e);
      const y = await model.predict(x);
      x.dispose();
      outputs.push(Array.from(await y.data()));
      y.dispose();
      model.dispose();
    }
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    expect(maxAbsDiff(outputs[0], e.outputs[0].values)).toBeLessThan(1e-5);
  });
});

describe("Keras's own predictions (dl4j recorded them beside nine of the models)", () => {
  it.each(['dense_softmax_2.3.1', 'conv1d_same_2.3.1', 'elu_2.3.1', 'leaky_relu_2.3.1', 'relu_2.3.1', 'softmax_2.3.1', 'thresholded_relu_2.3.1', 'conv1d_causal_dilated_2.3.1', 'conv1d_channels_first_dilated_2.3.1'])('%s matches the outputs Keras computed, to 1e-5', async (name) => {
    await useBackend('cpu');
    const io = await withH5(fixtureBytes(`${name}.keras-outputs.h5`), DEFAULT_LIMITS, name, (h5) => {
      const [input] = h5.keys('inputs');
      const [output] = h5.keys('predictions');
      return { x: h5.read(`inputs/${input}`), y: h5.read(`predictions/${output}`) };
    });
    const model = await loadModel(kerasFile(fixture(`${name}.h5`)), { compile: false });
    const x = tensor(io.x.data, io.x.info.shape);
    const y = await model.predict(x);
    expect(y.shape).toEqual(io.y.info.shape);
    expect(maxAbsDiff(await y.data(), io.y.data)).toBeLessThan(1e-5);
    x.dispose();
    y.dispose();
    model.dispose();
  });
});
