import type { Layer } from '../layers/layer.js';
import { isShapeList } from '../layers/layer.js';
import type { Node } from '../layers/node.js';
import { fmtKerasShape, type Shape } from '../layers/shape.js';
import type { LayerVariable } from '../layers/variable.js';

/** What the summary reads from a model. */
export interface SummaryModel {
  readonly className: string;
  readonly layers: Layer[];
  readonly trainableWeights: LayerVariable[];
  readonly nonTrainableWeights: LayerVariable[];
  /** The graph's nodes, grouped by depth (null: a chain by construction). */
  readonly graphNodes: readonly (readonly Node[])[] | null;
}

/** Keras's `layer.output_shape` as print_summary shows it: one shape, a list for several outputs, 'multiple' when calls disagree. */
function outputShapeText(layer: Layer): string {
  const fmt = (s: Shape | Shape[]): string => (isShapeList(s) ? `[${s.map(fmtKerasShape).join(', ')}]` : fmtKerasShape(s));
  const nodes = layer.className === 'InputLayer' || layer.inboundNodes.length === 0 ? null
    : layer.inboundNodes.filter((n) => n.inputTensors.length > 0);
  if (!nodes || nodes.length === 0) return layer.outputShape ? fmt(layer.outputShape) : 'multiple';
  const texts = new Set(nodes.map((n) => fmt(n.outputTensors.length === 1 ? n.outputTensors[0].shape : n.outputTensors.map((t) => t.shape))));
  return texts.size === 1 ? [...texts][0] : 'multiple';
}

/**
 * Keras 2.2.4's print_summary: a Sequential, or a graph that is a chain of single-input
 * nodes with no shared layer, gets the three-column table; any other graph adds "Connected
 * to" (`layer[node][tensor]` per input of each call in this model). No 'Model: "name"'
 * header: that came in Keras 2.3.
 */
export function summaryLines(model: SummaryModel, lineLength?: number, positions?: number[]): string[] {
  const groups = model.graphNodes;
  let sequentialLike = model.className === 'Sequential' || groups === null;
  const relevant = new Set<Node>(groups ? groups.flat() : []);
  if (!sequentialLike && groups) {
    sequentialLike = groups.every((g) => g.length === 1 && g[0].inputTensors.length <= 1)
      && model.layers.every((l) => l.inboundNodes.filter((n) => relevant.has(n)).length <= 1);
  }
  const width = lineLength ?? (sequentialLike ? 65 : 98);
  const pos = positions ?? (sequentialLike ? [0.45, 0.85, 1] : [0.33, 0.55, 0.67, 1]);
  const cols = pos[pos.length - 1] <= 1 ? pos.map((p) => Math.floor(width * p)) : pos.slice();
  const row = (fields: string[]): string => {
    let line = '';
    fields.forEach((f, i) => {
      if (i > 0) line = line.slice(0, cols[i - 1] - 1) + ' ';
      line += f;
      line = line.slice(0, cols[i]);
      line += ' '.repeat(Math.max(0, cols[i] - line.length));
    });
    return line;
  };
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(sequentialLike ? [] : ['Connected to'])];
  const lines: string[] = ['_'.repeat(width), row(header), '='.repeat(width)];
  const layers = model.layers;
  layers.forEach((layer, i) => {
    const fields = [`${layer.name} (${layer.className})`, outputShapeText(layer), String(layer.countParams())];
    if (sequentialLike) {
      lines.push(row(fields));
    } else {
      const connections = layer.inboundNodes.filter((n) => relevant.has(n))
        .flatMap((n) => n.inputTensors.map((t) => `${t.sourceLayer.name}[${t.nodeIndex}][${t.tensorIndex}]`));
      lines.push(row([...fields, connections[0] ?? '']));
      for (const c of connections.slice(1)) lines.push(row(['', '', '', c]));
    }
    lines.push(i === layers.length - 1 ? '='.repeat(width) : '_'.repeat(width));
  });
  const count = (ws: readonly LayerVariable[]): number => ws.reduce((n, w) => n + w.value.size, 0);
  const trainable = count(model.trainableWeights);
  const frozen = count(model.nonTrainableWeights);
  const fmt = (n: number): string => n.toLocaleString('en-US');
  lines.push(`Total params: ${fmt(trainable + frozen)}`, `Trainable params: ${fmt(trainable)}`, `Non-trainable params: ${fmt(frozen)}`, '_'.repeat(width));
  return lines;
}
