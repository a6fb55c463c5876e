// keras-io's options follow the api's one rule: snake_case spellings are aliases, other keys are errors.
import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential, layers, tensor } from '@layerwise/api';
import { kerasFile, loadKerasWeights, saveKerasWeights, type KerasFileOptions } from '../src/index.js';
import { useBackend } from './helpers.js';

describe('keras-io options', () => {
  it("kerasFile and loadKerasWeights refuse an unknown key, naming the closest option; limits' snake_case spelling reads as 'limits'", async () => {
    await useBackend('cpu');
    expect(() => kerasFile('m.h5', { formt: 'h5' } as KerasFileOptions)).toThrow("kerasFile: unknown option 'formt'; did you mean 'format'?");
    const m = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    m.setWeights([tensor([[1], [2]]), tensor([3])]);
    const path = join(await mkdtemp(join(tmpdir(), 'lw-keras-opt-')), 'w.h5');
    await saveKerasWeights(m, path);
    await expect(loadKerasWeights(m, path, { limit: {} } as never)).rejects.toThrow(/unknown option 'limit'; did you mean 'limits'\?/);
    // A limit set through the option is applied (a file bigger than 10 bytes is refused).
    await expect(loadKerasWeights(m, path, { limits: { maxFileBytes: 10 } })).rejects.toThrow(/10/);
  });
});
