export { Layer, type LayerArgs, type CallArgs, type ApplyArgs, type Mask, uniqueName, isShapeList, toList } from './layer.js';
export { SymbolicTensor, isSymbolic } from './symbolic-tensor.js';
export { Node, type NodeCallArgs } from './node.js';
export { InputLayer, input, type InputArgs, type InputLayerArgs } from './input-layer.js';
export { LayerVariable } from './variable.js';
export type { Shape } from './shape.js';
export { registerLayer, deserializeLayer, registeredLayerClasses, type LayerMaker, type LayerClass, type CustomObject } from './registry.js';
import { InputLayer, type InputLayerArgs } from './input-layer.js';

import { registerLayer } from './registry.js';

/** `layers.inputLayer({ inputShape })`: an InputLayer (usually made by `input()`). */
export const inputLayer = (args: InputLayerArgs): InputLayer => new InputLayer(args);
registerLayer('InputLayer', (c) => new InputLayer(c as InputLayerArgs));
export * from './core/index.js';
export * from './conv/index.js';
export * from './pooling/index.js';
export * from './normalization/index.js';
export * from './embedding/index.js';
export * from './recurrent/index.js';
export * from './wrappers/index.js';
export * from './merge/index.js';
export * from './advanced-activations/index.js';
export * from './noise/index.js';
