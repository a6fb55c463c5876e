import { optionKeys } from '@layerwise/data';
import { CELL_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Layer, type LayerArgs } from '../layer.js';
import { NameScope } from '../name-scope.js';
import { nestedConfig } from '../nested-config.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import {
  buildCell, cellWeights, checkCell, outputSizeOf, RNNCell, stateShapesOf, stateSizes, stepperOf,
  type CellStepper, type RNNCellLike,
} from './cell.js';

/** StackedRNNCells's options: the cells, and a cell's name, trainable and dtype. */
export interface StackedRNNCellsArgs extends Pick<LayerArgs, 'name' | 'trainable' | 'dtype'> {
  /** The cells, first to last: each one's output is the next one's step input. */
  cells: RNNCellLike[];
}

const OPTIONS = optionKeys<StackedRNNCellsArgs>()(['cells'], { base: [CELL_OPTIONS] });

/**
 * Keras 2 StackedRNNCells: several cells run as one (`rnn({ cell: stackedRNNCells({ cells }) })`
 * is a stacked RNN in one time loop). The states are every cell's states in cell order
 * ([h1, c1, h2, c2] for two LSTM cells); the output is the last cell's. Weights: each
 * cell's, in cell order, named as tfjs-layers names them ('rnn/RNNCell_1/kernel'); files
 * naming them as Keras 2.2.4 ('rnn_1/kernel_1') or tf.keras ('rnn/lstm_cell_1/kernel') load too.
 */
export class StackedRNNCells extends RNNCell {
  readonly className = 'StackedRNNCells';
  /** The cells, first to last: each one's output is the next one's step input. */
  readonly cells: RNNCellLike[];

  constructor(args: StackedRNNCellsArgs) {
    args = OPTIONS.readFor(args, StackedRNNCells, new.target);
    super(args);
    if (!Array.isArray(args.cells) || args.cells.length === 0) {
      throw new Error(`${this.name}: cells must be a non-empty list of RNN cells, got ${JSON.stringify(args.cells)}`);
    }
    args.cells.forEach((c, i) => checkCell(c, `${this.name}: cells[${i}]`));
    this.cells = args.cells.slice();
  }

  get stateSize(): number[] {
    return this.cells.flatMap((c) => stateSizes(c));
  }

  override get outputSize(): number {
    return outputSizeOf(this.cells[this.cells.length - 1]);
  }

  /** Each cell's step input shape: the stack's for the first, the previous cell's output for the rest. */
  private stepShapes(stepShape: Shape): Shape[] {
    return this.cells.map((_, k) => (k === 0 ? stepShape.slice() : [stepShape[0], outputSizeOf(this.cells[k - 1])]));
  }

  override build(inputShape: Shape): void {
    // Each cell in its own scope within the enclosing RNN's, as tfjs-layers names them: 'rnn/RNNCell_1/kernel'.
    const scope = NameScope.of(this);
    this.stepShapes(inputShape).forEach((shape, k) => buildCell(this.cells[k], scope.child(`RNNCell_${k}`), shape));
  }

  override stateShapes(stepShape: Shape): Shape[] {
    return this.stepShapes(stepShape).flatMap((shape, k) => stateShapesOf(this.cells[k], shape));
  }

  override stepper(batch: number, training: boolean): CellStepper {
    const steppers = this.cells.map((c) => stepperOf(c, batch, training));
    const counts = this.cells.map((c) => stateSizes(c).length);
    return {
      project: (x) => steppers[0].project(x),
      step: (projected, states) => {
        let input = projected;
        let offset = 0;
        const next: Tensor[] = [];
        steppers.forEach((s, k) => {
          const [out, own] = s.step(k === 0 ? input : s.project(input), states.slice(offset, offset + counts[k]));
          offset += counts[k];
          input = out;
          next.push(...own);
        });
        return [input, next];
      },
    };
  }

  step(inputs: Tensor, states: Tensor[], training: boolean): [Tensor, Tensor[]] {
    if (!this.built) this.buildFor(inputs.shape.map((d, i) => (i === 0 ? null : d)));
    return this.stepOnce(inputs, states, training);
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.cells.flatMap((c) => cellWeights(c, 'trainable')) : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    const frozen = this.cells.flatMap((c) => cellWeights(c, 'nonTrainable'));
    return this.trainable ? frozen : [...this.cells.flatMap((c) => cellWeights(c, 'trainable')), ...frozen];
  }

  override regularizationLosses(): Tensor[] {
    return this.trainable ? this.cells.flatMap((c) => (c instanceof Layer ? c.regularizationLosses() : [])) : [];
  }

  /** Keras's config: each cell as { className, config }. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cells: this.cells.map((c, i) => nestedConfig(c, `${this.name}: cells[${i}]`)) };
  }

  override dispose(): void {
    for (const c of this.cells) if (c instanceof Layer) c.dispose();
    super.dispose();
  }
}
