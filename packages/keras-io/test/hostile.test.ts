import { describe, expect, it } from 'vitest';
import h5wasm from 'h5wasm';
import { loadModel, memory } from '@layerwise/api';
import { kerasFile } from '../src/index.js';
import { H5Writer } from '../src/hdf5/h5-writer.js';
import { writeZip } from '../src/zip/zip-write.js';
import { fixtureBytes, useBackend } from './helpers.js';

const dense = (extra: Record<string, unknown> = {}) => JSON.stringify({
  class_name: 'Sequential',
  config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'dense', units: 3, activation: 'linear', use_bias: false, batch_input_shape: [null, 4], ...extra } }] },
});

/** A Keras 2 model file with `config` and a [4, 3] kernel for layer 'dense'. */
async function modelFile(config: string, kernel = new Float32Array(12), shape = [4, 3]): Promise<Uint8Array> {
  const h5 = await H5Writer.create();
  h5.stringAttr('', 'keras_version', '2.2.4');
  h5.stringAttr('', 'backend', 'tensorflow');
  h5.stringAttr('', 'model_config', config);
  h5.namesAttr('model_weights', 'layer_names', ['dense']);
  h5.stringAttr('model_weights', 'keras_version', '2.2.4');
  h5.namesAttr('model_weights/dense', 'weight_names', ['dense/kernel:0']);
  h5.dataset('model_weights/dense/dense/kernel:0', kernel, shape);
  return h5.finish();
}

/** Loading must fail with `message`, leaving no tensor behind. */
async function rejects(bytes: Uint8Array, message: RegExp): Promise<void> {
  const before = memory();
  await expect(loadModel(kerasFile(bytes))).rejects.toThrow(message);
  expect(memory().buffers).toBe(before.buffers);
  expect(memory().bytes).toBe(before.bytes);
}

describe('hostile or broken files', () => {
  it('bytes that are neither HDF5 nor zip, and a truncated HDF5 file', async () => {
    await useBackend('cpu');
    await rejects(new TextEncoder().encode('<html>not found</html>'), /neither an HDF5 \(\.h5\) nor a zip \(\.keras\) file \(it starts with bytes 3c 68 74 6d/);
    const whole = fixtureBytes('dense_2.1.3.h5');
    await rejects(whole.slice(0, whole.length >> 1), /not a readable HDF5 file|model_config/);
  });

  it('a model_config that is not JSON, or nests without end', async () => {
    await useBackend('cpu');
    await rejects(await modelFile('{"class_name": "Sequential", '), /model_config: not valid JSON/);
    let deep = '0';
    for (let i = 0; i < 200; i++) deep = `[${deep}]`;
    await rejects(await modelFile(`{"class_name": "Sequential", "config": ${deep}}`), /nests deeper than 64 levels/);
  });

  it('a dataset whose header declares more data than the file holds is refused before it is read', async () => {
    await useBackend('cpu');
    const { FS } = await h5wasm.ready;
    const path = '/hostile-shape.h5';
    FS.writeFile(path, await modelFile(dense()));
    const f = new h5wasm.File(path, 'a');
    const g = f.get('model_weights/dense/dense') as InstanceType<typeof h5wasm.Group>;
    g.create_dataset({ name: 'big', data: new Float32Array(12), shape: [4, 3], maxshape: [null, null], chunks: [4, 3] });
    (g.get('big') as InstanceType<typeof h5wasm.Dataset>).resize([100000, 100000]);
    const layer = f.get('model_weights/dense') as InstanceType<typeof h5wasm.Group>;
    layer.delete_attribute('weight_names');
    layer.create_attribute('weight_names', ['dense/big'], [1], 'A9');
    f.close();
    const bytes = FS.readFile(path) as Uint8Array;
    FS.unlink(path);
    await rejects(bytes.slice(), /dataset 'model_weights\/dense\/dense\/big' declares shape \[100000, 100000\] \(40000000000 bytes\), more data than the \d+-byte file holds/);
  });

  it('a config whose layer is far larger than its saved weights fails before the layer allocates', async () => {
    await useBackend('cpu');
    await rejects(await modelFile(dense({ units: 1e9 })), /layer 'dense' would create weight 'kernel' of shape \[4,1000000000\].*does not fit its weights/);
  });

  it('Keras settings layerwise would silently drop are refused, naming layer and key', async () => {
    await useBackend('cpu');
    await rejects(await modelFile(dense({ lora_rank: 4 })), /layer 'dense' \(Dense\): 'lora_rank' = 4 is a Keras setting layerwise does not support/);
    const ok = await loadModel(kerasFile(await modelFile(dense({ lora_rank: null, kernel_constraint: null, quantization_config: null }))));
    ok.dispose();
  });

  it('a Keras 1 file is refused (its weight layouts differ)', async () => {
    await useBackend('cpu');
    await rejects(fixtureBytes('dense_keras1_1.2.2.h5'), /written by Keras 1 \(keras_version 1\.2\.2\)/);
  });

  it('.keras archives: a missing member, a damaged directory, an entry that would inflate past its bound', async () => {
    await useBackend('cpu');
    const enc = new TextEncoder();
    await rejects(writeZip([{ name: 'config.json', data: enc.encode('{}') }]), /has no 'model\.weights\.h5'/);
    const zip = writeZip([{ name: 'config.json', data: enc.encode('{}') }, { name: 'model.weights.h5', data: new Uint8Array(8) }]);
    const damaged = zip.slice();
    new DataView(damaged.buffer).setUint32(damaged.length - 6, 0x7fffffff, true);
    await rejects(damaged, /central directory lies outside the file/);
    // Mark config.json deflated with a declared size of 2 GiB.
    const bomb = zip.slice();
    const v = new DataView(bomb.buffer);
    const dir = v.getUint32(bomb.length - 6, true);
    v.setUint16(dir + 10, 8, true);
    v.setUint32(dir + 24, 2 ** 31, true);
    await rejects(bomb, /'config\.json' would inflate to 2147483648 bytes/);
  });

  it('a file larger than the limit is refused before it is read', async () => {
    await useBackend('cpu');
    await expect(loadModel(kerasFile(fixtureBytes('dense_2.1.3.h5').buffer as ArrayBuffer, { limits: { maxFileBytes: 1000 } }))).rejects.toThrow(/more than the limit of 1000/);
  });
});
