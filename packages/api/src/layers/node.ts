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
  readonly id = Node.nextId++;

  constructor(
    readonly outboundLayer: Layer,
    readonly inputTensors: readonly SymbolicTensor[],
    readonly outputTensors: readonly SymbolicTensor[],
    readonly callArgs: NodeCallArgs,
  ) {}

  get inboundLayers(): Layer[] {
    return this.inputTensors.map((t) => t.sourceLayer);
  }

  get nodeIndices(): number[] {
    return this.inputTensors.map((t) => t.nodeIndex);
  }

  get tensorIndices(): number[] {
    return this.inputTensors.map((t) => t.tensorIndex);
  }
}
