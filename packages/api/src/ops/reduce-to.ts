import { broadcastedAxes, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { sum } from './reduce.js';
import { reshape } from './reshape.js';

/** Sums a broadcast gradient back down to the shape of the operand it flows to. */
export function reduceTo(dx: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(dx.shape, shape)) return dx;
  const axes = broadcastedAxes(shape, dx.shape);
  const summed = axes.length > 0 ? sum(dx, axes) : dx;
  return reshape(summed, shape);
}
