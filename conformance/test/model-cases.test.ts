import { layers, setRandomSeed, useKernel } from '@layerwise/api';
import { describe, expect, it } from 'vitest';
import { MODEL_CASES, ReferenceKernel } from '../src/index.js';

/** Every className in a (nested) config. */
function classNames(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(classNames);
  if (!v || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => (k === 'className' && typeof x === 'string' ? [x] : classNames(x)));
}

describe('model cases', () => {
  it('together use every registered layer class', () => {
    const restore = useKernel(new ReferenceKernel());
    const used = new Set<string>();
    try {
      for (const c of MODEL_CASES) {
        setRandomSeed(c.seed);
        const { model } = c.build();
        // Layers nested in others' configs count too: a wrapper's layer, an RNN's cells.
        for (const layer of model.layers) for (const name of [layer.className, ...classNames(layer.getConfig())]) used.add(name);
        model.dispose();
      }
    } finally {
      restore();
    }
    expect(layers.registeredLayerClasses().filter((c) => !used.has(c)).sort()).toEqual([]);
  });
});
