import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { Sequential, layers, saving } from '@layerwise/api';
import { bytesFromArtifacts } from '../src/index.js';
import { withH5 } from '../src/hdf5/h5-reader.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { FIXTURES, fixtureBytes, useBackend } from './helpers.js';

type Entry = { class_name: string; config: Record<string, unknown> };

async function modelConfig(bytes: Uint8Array): Promise<{ version: string; layers: Entry[] }> {
  return withH5(bytes, DEFAULT_LIMITS, 'config', (h5) => {
    const config = JSON.parse(String(h5.attr('', 'model_config'))) as { config: Entry[] | { layers: Entry[] } };
    return { version: String(h5.attr('', 'keras_version')), layers: Array.isArray(config.config) ? config.config : config.config.layers };
  });
}

describe('saved layer configs use only arguments Keras 2 takes', () => {
  it('every key layerwise writes for a layer class is one a standalone Keras 2 file of the fixtures writes for it', async () => {
    await useBackend('cpu');
    // What Keras 2.0-2.3 itself wrote, per class (its constructors reject any other keyword).
    const kerasKeys = new Map<string, Set<string>>();
    for (const file of readdirSync(FIXTURES).filter((f) => /_2\.[0-3]\.\d+\.h5$/.test(f))) {
      const { version, layers: entries } = await modelConfig(fixtureBytes(file));
      if (version.endsWith('-tf')) continue;
      for (const e of entries) {
        const keys = kerasKeys.get(e.class_name) ?? new Set<string>();
        for (const k of Object.keys(e.config)) keys.add(k);
        kerasKeys.set(e.class_name, keys);
      }
    }
    const model = new Sequential({
      layers: [
        layers.embedding({ inputDim: 9, outputDim: 4, inputLength: 6 }),
        layers.conv1d({ filters: 3, kernelSize: 2, padding: 'same' }),
        layers.batchNormalization({}),
        layers.lstm({ units: 3, returnSequences: true }),
        layers.simpleRNN({ units: 2, returnSequences: true }),
        layers.reshape({ targetShape: [6, 2, 1] }),
        layers.conv2d({ filters: 2, kernelSize: 1 }),
        layers.flatten({}),
        layers.dropout({ rate: 0.1 }),
        layers.dense({ units: 2 }),
        layers.activation({ activation: 'softmax' }),
      ],
    });
    const handler = saving.memoryHandler();
    await model.save(handler, { includeOptimizer: false });
    const written = (await modelConfig(await bytesFromArtifacts((await handler.load())!, 'h5', 'test'))).layers;
    const checked: string[] = [];
    for (const e of written) {
      const allowed = kerasKeys.get(e.class_name);
      expect(allowed, `the fixtures have no Keras 2 ${e.class_name}`).toBeDefined();
      const extra = Object.keys(e.config).filter((k) => !allowed!.has(k) && !['batch_input_shape', 'dtype'].includes(k));
      expect(extra, `${e.class_name} keys Keras 2 does not write`).toEqual([]);
      checked.push(e.class_name);
    }
    expect(checked.length).toBe(11);
    model.dispose();
  });
});
