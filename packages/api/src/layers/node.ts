import type { Layer } from './layer.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/** Arguments a layer call was given besides its inputs (saved as Keras's node kwargs). */
export interface NodeCallArgs {
  /** Fixed by the caller (`layer.apply(x, { training: true })`), else the model's mode. */
  training?: boolean;
}

/**
 * One call of a layer on symbolic tensors (Keras's Node): the tensors it read, those it made,
 * and how to find the inputs again in a saved model ([layer, nodeIndex, tensorIndex]).
 * A layer called twice has two nodes and shares its weights between them.
 */
export class Node {
  private static nextId = 0;
  /** A unique number, in the order nodes were made. */
  readonly id = Node.nextId++;

  constructor(
    /** The layer that was called (Keras's outbound_layer). */
    readonly outboundLayer: Layer,
    /** The symbolic tensors the call read. */
    readonly inputTensors: readonly SymbolicTensor[],
    /** The symbolic tensors the call made. */
    readonly outputTensors: readonly SymbolicTensor[],
    /** The call's arguments besides its inputs (Keras's node kwargs). */
    readonly callArgs: NodeCallArgs,
  ) {}

  /** The layer that made each input tensor. */
  get inboundLayers(): Layer[] {
    return this.inputTensors.map((t) => t.sourceLayer);
  }

  /** For each input tensor, the index of the node (of its layer) that made it. */
  get nodeIndices(): number[] {
    return this.inputTensors.map((t) => t.nodeIndex);
  }

  /** For each input tensor, its index among that node's outputs. */
  get tensorIndices(): number[] {
    return this.inputTensors.map((t) => t.tensorIndex);
  }
}
