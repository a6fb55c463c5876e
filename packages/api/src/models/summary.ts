import type { Layer } from '../layers/layer.js';
import { fmtKerasShape, type Shape } from '../layers/shape.js';

/** Keras 2's model.summary() table, as Keras 2.2.4's print_summary draws it (no 'Model: "name"' header; that came in 2.3). */
export function summaryLines(layers: readonly Layer[], lineLength = 65, positions: number[] = [0.45, 0.85, 1]): string[] {
  const cols = positions[positions.length - 1] <= 1 ? positions.map((p) => Math.floor(lineLength * p)) : positions.slice();
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
  const lines: string[] = ['_'.repeat(lineLength), row(['Layer (type)', 'Output Shape', 'Param #']), '='.repeat(lineLength)];
  layers.forEach((layer, i) => {
    lines.push(row([`${layer.name} (${layer.className})`, layer.outputShape ? fmtKerasShape(layer.outputShape as Shape) : 'multiple', String(layer.countParams())]));
    lines.push(i === layers.length - 1 ? '='.repeat(lineLength) : '_'.repeat(lineLength));
  });
  const count = (ws: { value: { size: number } }[]): number => ws.reduce((n, w) => n + w.value.size, 0);
  const trainable = layers.reduce((n, l) => n + count(l.trainableWeights), 0);
  const frozen = layers.reduce((n, l) => n + count(l.nonTrainableWeights), 0);
  const fmt = (n: number): string => n.toLocaleString('en-US');
  lines.push(`Total params: ${fmt(trainable + frozen)}`, `Trainable params: ${fmt(trainable)}`, `Non-trainable params: ${fmt(frozen)}`, '_'.repeat(lineLength));
  return lines;
}
