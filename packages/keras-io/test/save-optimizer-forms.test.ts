// layerwise saves an optimizer in the form tfjs-layers reads (RMSprop as tfjs's RMSProp, with
// zero momentum slots) or, where tfjs has no equal (Nadam, SGD with momentum), its training
// config beside model_config: either way a Keras file gets Keras's optimizer back.
import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential, layers, loadModel, optimizers, setRandomSeed } from '@layerwise/api';
import { kerasFile } from '../src/index.js';
import { useBackend } from './helpers.js';

const cases: [string, () => optimizers.Optimizer, Record<string, number | boolean>][] = [
  ['RMSprop', () => optimizers.rmsprop({ learningRate: 0.01, rho: 0.8 }), { learningRate: 0.01, rho: 0.8 }],
  ['Nadam', () => optimizers.nadam(0.01), { learningRate: 0.01 }],
  ['SGD', () => optimizers.sgd({ learningRate: 0.1, momentum: 0.9 }), { learningRate: 0.1, momentum: 0.9 }],
];

describe('an optimizer round-trips through .h5 and .keras files', () => {
  for (const [name, make, expected] of cases) {
    for (const ext of ['h5', 'keras']) {
      it(`${name} (${ext}): class, settings and state come back`, async () => {
        await useBackend('cpu');
        setRandomSeed(7);
        const model = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3], activation: 'softmax', name: 'out' })] });
        model.compile({ optimizer: make(), loss: 'categorical_crossentropy' });
        await model.fit([[1, 2, 3], [0, 1, -1]], [[1, 0], [0, 1]], { epochs: 2, verbose: 0 });
        const path = join(await mkdtemp(join(tmpdir(), 'lw-keras-io-opt-')), `m.${ext}`);
        await model.save(kerasFile(path));
        const back = await loadModel(kerasFile(path));
        expect(back.optimizer!.className).toBe(name);
        expect(back.optimizer!.getConfig()).toMatchObject(expected);
        const theirs = back.optimizer!.getWeights();
        const ours = model.optimizer!.getWeights();
        expect(theirs.length).toBe(ours.length);
        // Nadam's m_schedule (weight 1) is not written to .h5 files by keras-io today (it reloads as 1).
        const first = name === 'Nadam' && ext === 'h5' ? 2 : 1;
        for (let k = first; k < ours.length; k++) expect(Array.from(await theirs[k].data())).toEqual(Array.from(await ours[k].data()));
        model.dispose();
        back.dispose();
      });
    }
  }
});
