import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { concat } from '../../ops/layout.js';
import { expandDims } from '../../ops/reshape.js';
import { cast } from '../../ops/cast.js';
import { onesLike } from '../../ops/create.js';
import { min } from '../../ops/reduce.js';
import type { LayerArgs, Mask } from '../layer.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { Merge } from './merge.js';

export interface ConcatenateArgs extends LayerArgs {
  /** The axis to join along (default -1, the last). */
  axis?: number;
}

const OPTIONS = optionKeys<ConcatenateArgs>()(['axis'], { base: [LAYER_OPTIONS] });

/**
 * Keras's Concatenate: joins its inputs along `axis`; every other axis must match. The
 * output mask (where inputs have masks) keeps a position only if every input keeps it.
 */
export class Concatenate extends Merge {
  readonly className = 'Concatenate';
  /** The axis the inputs are joined along, as given (negative counts from the end; default -1). */
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    args = OPTIONS.readFor(args, Concatenate, new.target);
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new Error(`${this.name}: axis must be an integer, got ${axis}`);
    this.axis = axis;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapes(inputShape);
    const rank = shapes[0].length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const mismatch = axis < 1 || axis >= rank || shapes.some((s) => s.length !== rank
      || s.some((d, i) => i !== axis && d !== null && shapes[0][i] !== null && d !== shapes[0][i]));
    if (mismatch) {
      throw new Error(`${this.name}: a Concatenate layer (axis ${this.axis}) needs inputs of the same rank whose shapes match except on the concat axis; got ${shapes.map(fmtKerasShape).join(', ')}`);
    }
    const out = shapes[0].map((d, i) => (i === 0 ? shapes.map((s) => s[0]).find((b) => b !== null) ?? null : d ?? shapes.map((s) => s[i]).find((v) => v !== null) ?? null));
    out[axis] = shapes.some((s) => s[axis] === null) ? null : shapes.reduce((n, s) => n + (s[axis] as number), 0);
    return out;
  }

  protected override align(inputs: Tensor[]): Tensor[] {
    return inputs;
  }

  protected merge(inputs: Tensor[]): Tensor {
    return concat(inputs, this.axis);
  }

  override computeMask(inputs: Tensor | Tensor[], mask: Mask): Tensor | null {
    if (mask === null || !Array.isArray(mask) || mask.every((m) => m === null)) return null;
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    // Keras 2.2.4: unmasked inputs count as all-true; a mask of lower rank gains a last axis.
    const parts = xs.map((x, i) => {
      const m = mask[i];
      if (m === null || m === undefined) return onesLike(cast(x, 'float32'));
      const f = cast(m, 'float32');
      return f.rank < x.rank ? expandDims(f, -1) : f;
    });
    return cast(min(concat(parts, this.axis), -1), 'bool');
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}
