import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { fmtShape } from '../../tensor/shape.js';
import { batchMatMul } from '../../ops/matmul.js';
import { maximum, mul } from '../../ops/binary.js';
import { rsqrt, square } from '../../ops/unary.js';
import { sum } from '../../ops/reduce.js';
import { reshape } from '../../ops/reshape.js';
import { transpose } from '../../ops/layout.js';
import type { LayerArgs } from '../layer.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { Merge } from './merge.js';

export interface DotArgs extends LayerArgs {
  /** The axis of each input to contract: one for both, or [axis of the first, axis of the second]. */
  axes: number | [number, number];
  /** L2-normalise both inputs along their axes first, so the result is the cosine proximity. */
  normalize?: boolean;
}

const OPTIONS = optionKeys<DotArgs>()(['axes', 'normalize'], { base: [LAYER_OPTIONS] });

/**
 * Keras's Dot: per sample, the dot product of two inputs along the given axes (Keras 2.2.4's
 * K.batch_dot): the output holds the first input's other axes, then the second's (batch
 * excluded); a result of one axis gains a second of size 1.
 */
export class Dot extends Merge {
  readonly className = 'Dot';
  /** The axis contracted in each input: one for both, or [first's, second's]. */
  readonly axes: number | [number, number];
  /** Whether both inputs are L2-normalised along their axes first (cosine proximity); default false. */
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    args = OPTIONS.readFor(args, Dot, new.target);
    super(args);
    const ok = (a: unknown) => Number.isInteger(a);
    if (!(ok(args?.axes) || (Array.isArray(args?.axes) && args.axes.length === 2 && args.axes.every(ok)))) {
      throw new Error(`${this.name}: axes must be an integer or a pair of integers, got ${JSON.stringify(args?.axes)}`);
    }
    this.axes = Array.isArray(args.axes) ? [args.axes[0], args.axes[1]] : args.axes;
    this.normalize = args.normalize ?? false;
  }

  protected override inputCount(): [number, number] {
    return [2, 2];
  }

  /** Both axes as non-negative indices for inputs of these ranks. */
  private axesFor(rank1: number, rank2: number): [number, number] {
    const [a, b] = Array.isArray(this.axes) ? this.axes : [this.axes, this.axes];
    return [a < 0 ? ((a % rank1) + rank1) % rank1 : a, b < 0 ? ((b % rank2) + rank2) % rank2 : b];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [s1, s2] = this.shapes(inputShape);
    const [a1, a2] = this.axesFor(s1.length, s2.length);
    if (a1 === 0 || a2 === 0 || a1 >= s1.length || a2 >= s2.length) {
      throw new Error(`${this.name}: axes ${JSON.stringify(this.axes)} must name a non-batch axis of each input; got shapes ${fmtKerasShape(s1)}, ${fmtKerasShape(s2)}`);
    }
    if (s1[a1] !== null && s2[a2] !== null && s1[a1] !== s2[a2]) {
      throw new Error(`${this.name}: dimension incompatibility ${s1[a1]} != ${s2[a2]} (axes ${JSON.stringify(this.axes)}); layer shapes: ${fmtKerasShape(s1)}, ${fmtKerasShape(s2)}`);
    }
    const out = [...s1.filter((_, i) => i !== a1), ...s2.filter((_, i) => i !== a2 && i !== 0)];
    return out.length === 1 ? [...out, 1] : out;
  }

  protected override align(inputs: Tensor[]): Tensor[] {
    return inputs;
  }

  protected merge(inputs: Tensor[]): Tensor {
    const [x1, x2] = inputs;
    const [a1, a2] = this.axesFor(x1.rank, x2.rank);
    if (x1.shape[0] !== x2.shape[0] || x1.shape[a1] !== x2.shape[a2]) {
      throw new Error(`${this.name}: cannot contract axis ${a1} of ${fmtShape(x1.shape)} with axis ${a2} of ${fmtShape(x2.shape)}`);
    }
    const l2 = (x: Tensor, axis: number) => (this.normalize ? mul(x, rsqrt(maximum(sum(square(x), axis, true), 1e-12))) : x);
    const y1 = l2(x1, a1);
    const y2 = l2(x2, a2);
    // [batch, rest of x1, axis] @ [batch, axis, rest of x2]: one batched matrix product.
    const rest1 = x1.shape.filter((_, i) => i !== 0 && i !== a1);
    const rest2 = x2.shape.filter((_, i) => i !== 0 && i !== a2);
    const size = (s: number[]) => s.reduce((n, d) => n * d, 1);
    const batch = x1.shape[0];
    const m1 = reshape(transpose(y1, [0, ...x1.shape.map((_, i) => i).filter((i) => i !== 0 && i !== a1), a1]), [batch, size(rest1), x1.shape[a1]]);
    const m2 = reshape(transpose(y2, [0, a2, ...x2.shape.map((_, i) => i).filter((i) => i !== 0 && i !== a2)]), [batch, x2.shape[a2], size(rest2)]);
    const out = [batch, ...rest1, ...rest2];
    return reshape(batchMatMul(m1, m2, false, false), out.length === 1 ? [batch, 1] : out);
  }

  override computeMask(): null {
    return null;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axes: this.axes, normalize: this.normalize };
  }
}
