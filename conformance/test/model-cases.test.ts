import { layers, setRandomSeed, useKernel } from '@layerwise/api';
import { describe, expect, it } from 'vitest';
import { MODEL_CASES, ReferenceKernel } from '../src/index.js';

describe('model cases', () => {
  it('together use every registered layer class', () => {
    const restore = useKernel(new ReferenceKernel());
    const used = new Set<string>();
    try {
      for (const c of MODEL_CASES) {
        setRandomSeed(c.seed);
        const { model } = c.build();
        for (const layer of model.layers) {
          used.add(layer.className);
          const inner = (layer as { layer?: { className: string } }).layer;
          if (inner) used.add(inner.className);
        }
        model.dispose();
      }
    } finally {
      restore();
    }
    expect(layers.registeredLayerClasses().filter((c) => !used.has(c)).sort()).toEqual([]);
  });
});
