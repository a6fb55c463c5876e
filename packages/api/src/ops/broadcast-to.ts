import { broadcastShapes, fmtShape, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { zeros } from './create.js';
import { add, logicalOr } from './binary.js';
import { reshape } from './reshape.js';

/** Repeats size-1 axes (and adds leading ones) to reach `shape`. Composed: x + zeros(shape). */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  const out = broadcastShapes(x.shape, shape);
  if (!out || !shapesEqual(out, shape)) {
    throw new Error(`broadcastTo: 'x' of shape ${fmtShape(x.shape)} cannot broadcast to ${fmtShape(shape)}`);
  }
  if (shapesEqual(x.shape, shape)) return reshape(x, shape);
  const z = zeros(shape, x.dtype);
  return x.dtype === 'bool' ? logicalOr(x, z) : add(x, z);
}
