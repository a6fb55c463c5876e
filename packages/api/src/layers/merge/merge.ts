import type { Tensor } from '../../tensor/tensor.js';
import { fmtShape } from '../../tensor/shape.js';
import { expandDims } from '../../ops/reshape.js';
import { cast } from '../../ops/cast.js';
import { logicalAnd } from '../../ops/binary.js';
import { isShapeList, Layer, type CallArgs, type LayerArgs, type Mask } from '../layer.js';
import { fmtKerasShape, type Shape } from '../shape.js';

/** A merge layer takes only the common layer options (name, trainable, dtype). */
export type MergeArgs = LayerArgs;

/** Keras 2.2.4's _compute_elemwise_op_output_shape: trailing axes broadcast (1 stretches, null stays unknown). */
function broadcastTrailing(name: string, a: Shape, b: Shape): Shape {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const out = long.slice(0, long.length - short.length);
  long.slice(long.length - short.length).forEach((i, k) => {
    const j = short[k];
    if (i === null || j === null) out.push(null);
    else if (i === 1) out.push(j);
    else if (j === 1 || i === j) out.push(i);
    else throw new Error(`${name}: operands could not be broadcast together with shapes ${fmtKerasShape(a)} ${fmtKerasShape(b)}`);
  });
  return out;
}

/**
 * The elementwise merge layers (Keras 2.2.4's _Merge): a list of at least two inputs,
 * combined elementwise. Inputs of lower rank gain axes after the batch axis, and axes of
 * size 1 broadcast; the output mask is the AND of the inputs' masks.
 */
export abstract class Merge extends Layer {
  constructor(args: MergeArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  /** Combines inputs of equal rank (broadcasting axes of size 1). */
  protected abstract merge(inputs: Tensor[]): Tensor;

  /** Applies a binary op across the inputs, left to right. */
  protected fold(inputs: Tensor[], op: (a: Tensor, b: Tensor) => Tensor): Tensor {
    return inputs.slice(1).reduce((acc, x) => op(acc, x), inputs[0]);
  }

  /** How many inputs the layer takes: [min, max]. */
  protected inputCount(): [number, number] {
    return [2, Infinity];
  }

  /** The input shapes as a list, checked against inputCount (one shape or a wrong count throws). */
  protected shapes(inputShape: Shape | Shape[]): Shape[] {
    const [lo, hi] = this.inputCount();
    if (!isShapeList(inputShape) || inputShape.length < lo || inputShape.length > hi) {
      const want = lo === hi ? `exactly ${lo}` : `at least ${lo}`;
      const got = isShapeList(inputShape) ? `${inputShape.length} input(s): ${inputShape.map(fmtKerasShape).join(', ')}` : `one input ${fmtKerasShape(inputShape)}`;
      throw new Error(`${this.name}: a ${this.className} layer takes a list of ${want} inputs, got ${got}`);
    }
    return inputShape;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapes(inputShape);
    const batches = new Set(shapes.map((s) => s[0]).filter((d) => d !== null && d !== undefined));
    if (batches.size > 1) throw new Error(`${this.name}: the inputs have different batch sizes: ${shapes.map(fmtKerasShape).join(', ')}`);
    let out = shapes[0].slice(1);
    for (const s of shapes.slice(1)) out = broadcastTrailing(this.name, out, s.slice(1));
    return [batches.size === 1 ? [...batches][0] : null, ...out];
  }

  call(inputs: Tensor | Tensor[], args: CallArgs<Mask>): Tensor {
    void args;
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const [lo, hi] = this.inputCount();
    if (list.length < lo || list.length > hi) throw new Error(`${this.name}: expected ${lo === hi ? lo : `at least ${lo}`} inputs, got ${list.length}`);
    const batch = list[0].shape[0];
    if (list.some((x) => x.shape[0] !== batch)) throw new Error(`${this.name}: the inputs have different batch sizes: ${list.map((t) => fmtShape(t.shape)).join(', ')}`);
    return this.merge(this.align(list));
  }

  /** Elementwise merges: inputs of lower rank gain axes after the batch axis (Keras 2.2.4's _Merge.call). */
  protected align(inputs: Tensor[]): Tensor[] {
    const rank = Math.max(...inputs.map((x) => x.rank));
    return inputs.map((x) => {
      let y = x;
      while (y.rank < rank) y = expandDims(y, 1);
      return y;
    });
  }

  override computeMask(inputs: Tensor | Tensor[], mask: Mask): Tensor | null {
    if (mask === null || !Array.isArray(mask)) return null;
    const given = mask.filter((m): m is Tensor => m !== null);
    if (given.length === 0) return null;
    return given.map((m) => (m.dtype === 'bool' ? m : cast(m, 'bool'))).reduce((a, b) => logicalAnd(a, b));
  }
}
