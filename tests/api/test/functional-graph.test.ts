import { describe, expect, it } from 'vitest';
import { InputLayer, SymbolicTensor, input, layers, memory, tensor } from '@layerwise/api';
import { values } from './sequential-helpers.js';

describe('symbolic tensors and layer calls', () => {
  it('input() gives a symbolic tensor of an InputLayer, batch axis unknown', () => {
    const x = input({ shape: [4, 3], name: 'tokens', dtype: 'int32' });
    expect(x).toBeInstanceOf(SymbolicTensor);
    expect(x.shape).toEqual([null, 4, 3]);
    expect(x.dtype).toBe('int32');
    expect(x.sourceLayer).toBeInstanceOf(InputLayer);
    expect(x.sourceLayer.name).toBe('tokens');
    expect(input({ shape: [2], batchSize: 8 }).shape).toEqual([8, 2]);
    expect(input({ batchShape: [null, null, 5] }).shape).toEqual([null, null, 5]);
    expect(() => input({} as never)).toThrow(/give a shape/);
  });

  it('apply on a symbolic tensor infers the shape and records a node', () => {
    const x = input({ shape: [6] });
    const dense = layers.dense({ units: 3 });
    const y = dense.apply(x);
    expect(y.shape).toEqual([null, 3]);
    expect(y.sourceLayer).toBe(dense);
    expect(dense.inboundNodes).toHaveLength(1);
    expect(dense.inboundNodes[0].inputTensors[0]).toBe(x);
    expect(x.sourceLayer.outboundNodes[0]).toBe(dense.inboundNodes[0]);
    expect(dense.built).toBe(true);
    expect(dense.weights.map((w) => w.shape)).toEqual([[6, 3], [3]]);
    expect(dense.output).toBe(y);
    expect(dense.input).toBe(x);
  });

  it('a layer applied twice shares its weights and has two nodes', () => {
    const shared = layers.dense({ units: 2 });
    const a = shared.apply(input({ shape: [5] }));
    const b = shared.apply(input({ shape: [5] }));
    expect(shared.inboundNodes).toHaveLength(2);
    expect(a.nodeIndex).toBe(0);
    expect(b.nodeIndex).toBe(1);
    expect(shared.weights).toHaveLength(2);
    expect(() => shared.output).toThrow(/applied 2 times/);
  });

  it('a mismatch names the layer and both shapes', () => {
    const dense = layers.dense({ units: 2, name: 'head' });
    dense.apply(input({ shape: [4] }));
    expect(() => dense.apply(input({ shape: [5] }))).toThrow(/head: the layer was built for inputs of shape \(None, 4\) and cannot take shape \(None, 5\)/);
    expect(dense.inboundNodes).toHaveLength(1);
    const conv = layers.conv2d({ filters: 2, kernelSize: 3, name: 'conv_bad' });
    expect(() => conv.apply(input({ shape: [7] }))).toThrow(/conv_bad.*\(None, 7\)/);
    expect(conv.inboundNodes).toHaveLength(0);
  });

  it('mixing Tensors and symbolic tensors is an error', () => {
    const t = tensor([[1, 2]]);
    expect(() => layers.dense({ units: 1 }).apply([t, input({ shape: [2] })] as never)).toThrow(/all Tensors or all symbolic/);
    t.dispose();
  });

  it('apply on Tensors still runs the layer eagerly', async () => {
    const before = memory().buffers;
    const dense = layers.dense({ units: 1, kernelInitializer: 'ones', inputShape: [2] });
    const x = tensor([[1, 2], [3, 4]]);
    const y = dense.apply(x);
    expect(await values(y)).toEqual([3, 7]);
    expect(dense.inboundNodes).toHaveLength(0);
    x.dispose(); y.dispose(); dense.dispose();
    expect(memory().buffers).toBe(before);
  });
});

describe('call arguments recorded on nodes', () => {
  it('apply(x, { training: true }) fixes the mode of that call, in predict and after a save/load', async () => {
    const { Model, loadModel, saving } = await import('@layerwise/api');
    const x = input({ shape: [200] });
    const y = layers.dropout({ rate: 0.5, name: 'always_drop' }).apply(x, { training: true });
    const m = new Model({ inputs: x, outputs: y });
    const ones = tensor(new Float32Array(200).fill(1), [1, 200]);
    const dropped = async (model: InstanceType<typeof Model>) => {
      const p = (await model.predict(ones)) as ReturnType<typeof tensor>;
      const v = await values(p);
      p.dispose();
      return v.filter((e) => e === 0).length;
    };
    expect(await dropped(m)).toBeGreaterThan(50);
    const handler = saving.memoryHandler();
    await m.save(handler);
    const topo = handler.artifacts!.modelTopology as { config: { layers: { name: string; inbound_nodes: unknown }[] } };
    expect(topo.config.layers.find((l) => l.name === 'always_drop')!.inbound_nodes).toEqual([[[x.sourceLayer.name, 0, 0, { training: true }]]]);
    const back = await loadModel(handler);
    expect(await dropped(back)).toBeGreaterThan(50);
    ones.dispose();
    m.dispose();
    back.dispose();
  });
});
