import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { reshape } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';

export interface ReshapeArgs extends LayerArgs {
  /** The output shape without the batch axis; one entry may be -1 (inferred). */
  targetShape: number[];
}

const OPTIONS = optionKeys<ReshapeArgs>()(['targetShape'], { base: [LAYER_OPTIONS] });

/** Reshapes each sample to `targetShape` (the batch axis is kept). */
export class Reshape extends Layer {
  readonly className = 'Reshape';
  /** The output shape without the batch axis, as given (-1: inferred). */
  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    args = OPTIONS.readFor(args, Reshape, new.target);
    super(args);
    const t = args.targetShape;
    if (!Array.isArray(t) || t.some((d) => !Number.isInteger(d) || (d < 1 && d !== -1)) || t.filter((d) => d === -1).length > 1) {
      throw new Error(`${this.name}: targetShape must be positive integers with at most one -1, got ${JSON.stringify(t)}`);
    }
    this.targetShape = t.slice();
  }

  /** The target shape with its -1 resolved for samples of `sampleShape`. */
  private resolve(sampleShape: readonly number[]): number[] {
    const size = sampleShape.reduce((a, b) => a * b, 1);
    const known = this.targetShape.reduce((a, d) => (d === -1 ? a : a * d), 1);
    const unknown = this.targetShape.indexOf(-1);
    if (unknown >= 0 ? size % known !== 0 : size !== known) {
      throw new Error(`${this.name}: cannot reshape samples of shape ${fmtKerasShape(sampleShape as Shape)} (${size} values) to ${fmtKerasShape(this.targetShape)}`);
    }
    return unknown >= 0 ? this.targetShape.map((d) => (d === -1 ? size / known : d)) : this.targetShape.slice();
  }

  override build(inputShape: Shape): void {
    this.computeOutputShape(inputShape);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const sample = inputShape.slice(1);
    if (sample.some((d) => d === null)) return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? null : d))];
    return [inputShape[0], ...this.resolve(sample as number[])];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return reshape(x, [x.shape[0], ...this.resolve(x.shape.slice(1))]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), targetShape: this.targetShape.slice() };
  }
}
