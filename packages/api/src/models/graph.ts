import type { Tensor } from '../tensor/tensor.js';
import { fmtShape } from '../tensor/shape.js';
import { isShapeList, toList, type Layer, type Mask } from '../layers/layer.js';
import { InputLayer } from '../layers/input-layer.js';
import type { Node } from '../layers/node.js';
import type { SymbolicTensor } from '../layers/symbolic-tensor.js';
import { fmtKerasShape, type Shape } from '../layers/shape.js';

/**
 * The layer graph between a model's inputs and outputs (Keras 2.2.4's Network map): the
 * nodes that belong to it, deepest first (the order to run them), and its layers ordered by
 * depth, then by first visit from the outputs (Keras's and tfjs's `model.layers` order,
 * which fixes the weight and summary order).
 */
export interface Graph {
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  readonly layers: readonly Layer[];
  /** Nodes grouped by depth, deepest first; the inputs' nodes come first. */
  readonly nodesByDepth: readonly (readonly Node[])[];
  readonly nodes: ReadonlySet<Node>;
}

/** Maps the graph from `outputs` back to `inputs`; errors name what is wrong (not an input, a cycle, a disconnected tensor). */
export function mapGraph(inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[], modelName: string): Graph {
  if (inputs.length === 0) throw new Error(`${modelName}: a model needs at least one input`);
  if (outputs.length === 0) throw new Error(`${modelName}: a model needs at least one output`);
  inputs.forEach((x, i) => {
    if (!(x.sourceLayer instanceof InputLayer)) {
      throw new Error(`${modelName}: inputs[${i}] ('${x.name}') comes from layer '${x.sourceLayer.name}' (${x.sourceLayer.className}); model inputs must come from input()`);
    }
  });
  if (new Set(inputs).size !== inputs.length) throw new Error(`${modelName}: the same input appears twice in 'inputs' (${inputs.map((x) => x.name).join(', ')})`);
  const layerIndex = new Map<Layer, number>();
  const finished = new Set<Node>();
  const inProgress = new Set<Node>();
  const postOrder: Node[] = [];
  const visit = (t: SymbolicTensor): void => {
    const node = t.sourceLayer.inboundNodes[t.nodeIndex];
    if (inProgress.has(node)) throw new Error(`${modelName}: the tensor ${t.name} at layer '${t.sourceLayer.name}' is part of a cycle`);
    if (finished.has(node)) return;
    if (!layerIndex.has(t.sourceLayer)) layerIndex.set(t.sourceLayer, layerIndex.size);
    inProgress.add(node);
    for (const x of node.inputTensors) visit(x);
    inProgress.delete(node);
    finished.add(node);
    postOrder.push(node);
  };
  for (const t of outputs) visit(t);

  const nodeDepth = new Map<Node, number>();
  const layerDepth = new Map<Layer, number>();
  for (const node of postOrder.slice().reverse()) {
    const depth = Math.max(nodeDepth.get(node) ?? 0, layerDepth.get(node.outboundLayer) ?? 0);
    layerDepth.set(node.outboundLayer, depth);
    nodeDepth.set(node, depth);
    for (const x of node.inputTensors) {
      const inbound = x.sourceLayer.inboundNodes[x.nodeIndex];
      nodeDepth.set(inbound, Math.max(depth + 1, nodeDepth.get(inbound) ?? 0));
    }
  }
  const byDepth = <T>(depths: Map<T, number>): T[][] => {
    const groups = new Map<number, T[]>();
    for (const [item, d] of depths) groups.set(d, [...(groups.get(d) ?? []), item]);
    return [...groups.keys()].sort((a, b) => b - a).map((d) => groups.get(d)!);
  };
  const layers = byDepth(layerDepth).flatMap((group) => group.sort((a, b) => layerIndex.get(a)! - layerIndex.get(b)!));
  const nodesByDepth = byDepth(nodeDepth);

  // Every tensor must be computable from the inputs.
  const computable = new Set<SymbolicTensor>(inputs);
  const reached: string[] = [];
  for (const group of nodesByDepth) {
    for (const node of group) {
      if (node.inputTensors.length === 0 && !inputs.includes(node.outputTensors[0])) {
        throw new Error(`${modelName}: graph disconnected: cannot obtain a value for ${node.outputTensors[0].name} (input '${node.outboundLayer.name}', which is not among the model's inputs); layers reached without trouble: ${reached.join(', ') || 'none'}`);
      }
      for (const x of node.inputTensors) {
        if (!computable.has(x)) {
          throw new Error(`${modelName}: graph disconnected: cannot obtain a value for ${x.name} at layer '${node.outboundLayer.name}'; layers reached without trouble: ${reached.join(', ') || 'none'}`);
        }
      }
      for (const y of node.outputTensors) computable.add(y);
      reached.push(node.outboundLayer.name);
    }
  }
  const names = new Map<string, Layer>();
  for (const l of layers) {
    const other = names.get(l.name);
    if (other && other !== l) throw new Error(`${modelName}: two layers are named '${l.name}'; layer names in a model must be unique`);
    names.set(l.name, l);
  }
  return { inputs: inputs.slice(), outputs: outputs.slice(), layers, nodesByDepth, nodes: finished };
}

/** What a graph run gives back: one tensor and one mask per graph output. */
export interface GraphRun {
  outputs: Tensor[];
  masks: (Tensor | null)[];
}

/**
 * Runs the graph on concrete tensors (one per graph input), node by node, deepest first,
 * carrying each tensor's mask. `training` applies where a node did not fix it.
 */
export function runGraph(graph: Graph, inputs: readonly Tensor[], inputMasks: readonly (Tensor | null)[], training: boolean): GraphRun {
  const values = new Map<SymbolicTensor, { value: Tensor; mask: Tensor | null }>();
  graph.inputs.forEach((x, i) => values.set(x, { value: inputs[i], mask: inputMasks[i] ?? null }));
  for (const group of graph.nodesByDepth) {
    for (const node of group) {
      if (node.inputTensors.length === 0) continue;
      const ins = node.inputTensors.map((x) => values.get(x)!);
      const single = ins.length === 1;
      const x = single ? ins[0].value : ins.map((v) => v.value);
      const mask: Mask = single ? ins[0].mask : ins.every((v) => v.mask === null) ? null : ins.map((v) => v.mask);
      const layer = node.outboundLayer;
      const { outputs, masks } = layer.callAndMask(x, { training: node.callArgs.training ?? training, mask });
      if (outputs.length !== node.outputTensors.length) {
        throw new Error(`${layer.name}: returned ${outputs.length} output(s) where the graph expects ${node.outputTensors.length}`);
      }
      node.outputTensors.forEach((t, i) => values.set(t, { value: outputs[i], mask: masks[i] ?? null }));
    }
  }
  const out = graph.outputs.map((t) => values.get(t)!);
  return { outputs: out.map((v) => v.value), masks: out.map((v) => v.mask) };
}

/** The output shapes of the graph for inputs of `inputShapes`, through each layer's computeOutputShape. */
export function graphOutputShapes(graph: Graph, inputShapes: readonly Shape[], modelName: string): Shape[] {
  const shapes = new Map<SymbolicTensor, Shape>();
  graph.inputs.forEach((x, i) => {
    const given = inputShapes[i];
    const want = x.shape;
    const ok = given.length === want.length && want.every((d, k) => d === null || given[k] === null || d === given[k]);
    if (!ok) throw new Error(`${modelName}: input '${x.sourceLayer.name}' expects shape ${fmtKerasShape(want)}, got ${fmtKerasShape(given)}`);
    shapes.set(x, given);
  });
  for (const group of graph.nodesByDepth) {
    for (const node of group) {
      if (node.inputTensors.length === 0) continue;
      const ins = node.inputTensors.map((x) => shapes.get(x)!);
      const out = node.outboundLayer.computeOutputShape(ins.length === 1 ? ins[0] : ins);
      const list = isShapeList(out) ? out : [out];
      node.outputTensors.forEach((t, i) => shapes.set(t, list[i]));
    }
  }
  return graph.outputs.map((t) => shapes.get(t)!);
}

/** Tensors for the graph inputs from what a call passed: one tensor, or a list in input order. */
export function graphInputs(graph: Graph, inputs: Tensor | Tensor[], modelName: string): Tensor[] {
  const list = toList(inputs);
  if (list.length !== graph.inputs.length) {
    throw new Error(`${modelName}: expected ${graph.inputs.length} input tensor(s) (${graph.inputs.map((x) => `'${x.sourceLayer.name}'`).join(', ')}), got ${list.length}`);
  }
  list.forEach((t, i) => {
    const want = graph.inputs[i].shape;
    const ok = t.rank === want.length && want.every((d, k) => d === null || d === t.shape[k]);
    if (!ok) throw new Error(`${modelName}: input '${graph.inputs[i].sourceLayer.name}' expects shape ${fmtKerasShape(want)}, got ${fmtShape(t.shape)}`);
  });
  return list;
}
