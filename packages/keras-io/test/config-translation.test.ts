import { describe, expect, it } from 'vitest';
import { Model, loadModel, saving } from '@layerwise/api';
import { toModelTopology } from '../src/config/model-config.js';
import { toArtifacts } from '../src/formats/artifacts.js';
import { useBackend } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// Keras 3's serialization, as in the Keras 3.7 .h5 fixture: wrapped objects, DTypePolicy, calls as { args, kwargs }.
const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const tensorOf = (layer: string, node: number, index = 0): Json => ({ class_name: '__keras_tensor__', config: { shape: [null, 3], dtype: 'float32', keras_history: [layer, node, index] } });
const call = (args: Json, kwargs: Json = {}): Json => ({ args: [args], kwargs });
const dense = (name: string, units: number, nodes: Json[]): Json => ({
  module: 'keras.layers', class_name: 'Dense', registered_name: null, name, inbound_nodes: nodes,
  config: { name, trainable: true, dtype: policy, units, activation: 'linear', use_bias: true, kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null }, bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null }, kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.01 }, registered_name: null }, bias_regularizer: null, kernel_constraint: null, bias_constraint: null },
});
const inputLayer = (name: string): Json => ({ module: 'keras.layers', class_name: 'InputLayer', registered_name: null, name, inbound_nodes: [], config: { batch_shape: [null, 3], dtype: 'float32', sparse: false, name } });

/**
 * A Keras 3 Functional: input x; d1 = Dense(x); a nested Functional 'enc' called twice (on x,
 * then on d1); Add of both calls; Dropout called with training=False; a nested Sequential
 * 'seq' on the sum; outputs [seq, drop]; input_layers as one ref, as Keras 3 writes one input.
 */
const keras3Config: Json = {
  module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional',
  config: {
    name: 'k3', trainable: true,
    layers: [
      inputLayer('x'),
      dense('d1', 3, [call(tensorOf('x', 0))]),
      {
        module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional', name: 'enc',
        config: { name: 'enc', trainable: true, layers: [inputLayer('ei'), dense('ed', 3, [call(tensorOf('ei', 0))])], input_layers: ['ei', 0, 0], output_layers: ['ed', 0, 0] },
        inbound_nodes: [call(tensorOf('x', 0)), call(tensorOf('d1', 0))],
      },
      { module: 'keras.layers', class_name: 'Add', registered_name: null, name: 'add', config: { name: 'add', trainable: true, dtype: policy }, inbound_nodes: [call([tensorOf('enc', 0), tensorOf('enc', 1)])] },
      { module: 'keras.layers', class_name: 'Dropout', registered_name: null, name: 'drop', config: { name: 'drop', trainable: true, dtype: policy, rate: 0.5, seed: null, noise_shape: null }, inbound_nodes: [call(tensorOf('add', 0), { training: false })] },
      {
        module: 'keras', class_name: 'Sequential', registered_name: null, name: 'seq',
        config: { name: 'seq', trainable: true, dtype: policy, layers: [{ module: 'keras.layers', class_name: 'InputLayer', registered_name: null, config: { batch_shape: [null, 3], dtype: 'float32', sparse: false, name: 'si' } }, dense('sd', 2, [])] },
        inbound_nodes: [call(tensorOf('add', 0))],
      },
    ],
    input_layers: ['x', 0, 0],
    output_layers: [['seq', 0, 0], ['drop', 0, 0]],
  },
};

type Layer = { name: string; class_name: string; config: Record<string, unknown>; inbound_nodes: unknown[] };
const layersOf = (t: { config: unknown }): Map<string, Layer> => new Map(((t.config as { layers: Layer[] }).layers).map((l) => [l.name, l]));

describe('functional configs of every Keras version, as the Keras 2 graph layerwise builds', () => {
  it('Keras 3: { args, kwargs } calls with __keras_tensor__ inputs, nested models numbered from 0 (Functional and Sequential), a fixed training argument, one-ref input_layers', async () => {
    const topology = toModelTopology(keras3Config, 'test', true);
    expect(topology.class_name).toBe('Model');
    const byName = layersOf(topology);
    expect(byName.get('enc')!.inbound_nodes).toEqual([[['x', 0, 0, {}]], [['d1', 0, 0, {}]]]);
    // Keras 3's enc calls 0 and 1 are layerwise's (and Keras 2's) 1 and 2.
    expect(byName.get('add')!.inbound_nodes).toEqual([[['enc', 1, 0, {}], ['enc', 2, 0, {}]]]);
    expect(byName.get('drop')!.inbound_nodes).toEqual([[['add', 0, 0, { training: false }]]]);
    expect(topology.config.input_layers).toEqual([['x', 0, 0]]);
    expect(topology.config.output_layers).toEqual([['seq', 1, 0], ['drop', 0, 0]]);
    // Wrappers, DTypePolicy and L2 become Keras 2's spellings.
    expect(byName.get('d1')!.config).toMatchObject({ dtype: 'float32', kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.01 } } });
    expect(byName.get('enc')!.class_name).toBe('Model');

    await useBackend('cpu');
    const model = await loadModel(saving.fromArtifacts(toArtifacts(topology, '3.7.0', [], null, [])), { strict: false });
    expect(model).toBeInstanceOf(Model);
    // Keras's order: by depth, then by first visit from the outputs (seq before drop).
    expect(model.layers.map((l) => l.name)).toEqual(['x', 'd1', 'enc', 'add', 'seq', 'drop']);
    expect(model.getLayer('enc').inboundNodes.length).toBe(3);
    expect(model.outputs.map((o) => o.shape)).toEqual([[null, 2], [null, 3]]);
    expect(model.getLayer('drop').inboundNodes[0].callArgs).toEqual({ training: false });
    model.dispose();
  });

  it('tf.keras: initial_state passed as a keyword becomes extra inputs of the call, as Keras 2.2.4 writes them', () => {
    const lstm = (name: string, nodes: Json): Json => ({ class_name: 'LSTM', name, inbound_nodes: nodes, config: { name, units: 3, return_state: true, return_sequences: false } });
    const topology = toModelTopology({
      class_name: 'Functional',
      config: {
        name: 'seq2seq',
        layers: [
          { class_name: 'InputLayer', name: 'enc_in', inbound_nodes: [], config: { batch_input_shape: [null, 4, 2], name: 'enc_in' } },
          { class_name: 'InputLayer', name: 'dec_in', inbound_nodes: [], config: { batch_input_shape: [null, 4, 2], name: 'dec_in' } },
          lstm('enc', [[['enc_in', 0, 0, {}]]]),
          lstm('dec', [[['dec_in', 0, 0, { initial_state: [['enc', 0, 1], ['enc', 0, 2]] }]]]),
        ],
        input_layers: [['enc_in', 0, 0], ['dec_in', 0, 0]],
        output_layers: [['dec', 0, 0]],
      },
    }, 'test', false);
    expect(layersOf(topology).get('dec')!.inbound_nodes).toEqual([[['dec_in', 0, 0, {}], ['enc', 0, 1, {}], ['enc', 0, 2, {}]]]);
  });

  it('call arguments layerwise cannot replay are refused, naming the layer and the argument', () => {
    const withNode = (node: Json): Json => ({
      class_name: 'Model',
      config: {
        name: 'm', input_layers: [['x', 0, 0]], output_layers: [['d', 0, 0]],
        layers: [{ class_name: 'InputLayer', name: 'x', inbound_nodes: [], config: { batch_input_shape: [null, 3], name: 'x' } }, { class_name: 'Dense', name: 'd', inbound_nodes: [node], config: { name: 'd', units: 2 } }],
      },
    });
    expect(() => toModelTopology(withNode([['x', 0, 0, { mask: ['x', 0, 0] }]]), 'f', false)).toThrow(/f: layer 'd' call 0: the call passes 'mask' = \["x",0,0\], which layerwise's functional models do not replay/);
    expect(() => toModelTopology(withNode([['_CONSTANT_VALUE', -1, 2, {}]]), 'f', false)).toThrow(/f: layer 'd' call 0: input 0 is a constant \(2\)/);
    expect(() => toModelTopology(withNode({ args: [tensorOf('x', 0), tensorOf('x', 0)], kwargs: {} }), 'f', true)).toThrow(/f: layer 'd' call 0: the call passes 2 positional arguments/);
    expect(() => toModelTopology(withNode([['x', 0, 0, { training: false, return_attention_scores: false }]]), 'f', false)).not.toThrow();
  });
});
