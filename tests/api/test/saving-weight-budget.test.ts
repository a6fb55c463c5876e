import { describe, expect, it } from 'vitest';
import { Sequential, layers, loadModel, memory, saving } from '@layerwise/api';

type Layers = { class_name: string; config: Record<string, unknown> }[];

describe('saving: a config that does not fit its weights', () => {
  it('fails before the oversized weight is allocated, and frees what was made', async () => {
    const handler = saving.memoryHandler();
    await new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3], name: 'a' }), layers.dense({ units: 1, name: 'b' })] }).save(handler);
    const a = (await handler.load())!;
    // 3 x 1e9 float32 would be 12 GB; the file holds 11 values.
    (a.modelTopology as { config: { layers: Layers } }).config.layers[1].config.units = 1e9;
    const before = memory();
    await expect(loadModel(saving.fromArtifacts(a))).rejects.toThrow(/layer 'b' would create weight 'kernel' of shape \[2,1000000000\] \(2000000000 values\), more than the saved weights allow/);
    expect(memory().buffers).toBe(before.buffers);
    expect(memory().bytes).toBe(before.bytes);
  });

  it('strict: false (weights may be missing) builds without the bound', async () => {
    const handler = saving.memoryHandler();
    await new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3], name: 'a' })] }).save(handler);
    const a = (await handler.load())!;
    a.weightSpecs = [];
    a.weightData = new ArrayBuffer(0);
    const m = await loadModel(saving.fromArtifacts(a), { strict: false });
    expect(m.weights.map((w) => w.shape)).toEqual([[3, 2], [2]]);
    m.dispose();
  });
});
