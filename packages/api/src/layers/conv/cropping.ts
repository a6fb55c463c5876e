import type { Tensor } from '../../tensor/tensor.js';
import { slice } from '../../ops/index.js';
import type { CallArgs } from '../layer.js';
import { SpatialLayer, normalizePairs, type SpatialLayerArgs } from './spatial-layer.js';

/** Keras's _Cropping: removes cropping[i] = [before, after] elements from each end of spatial axis i. */
export abstract class Cropping extends SpatialLayer {
  /** Per spatial axis, the [before, after] elements removed. */
  readonly cropping: [number, number][];

  constructor(rank: number, cropping: unknown, args: SpatialLayerArgs, hasDataFormat = true) {
    super(rank, args, hasDataFormat);
    this.cropping = normalizePairs(cropping, rank, this.name, 'cropping');
  }

  protected spatialLength(length: number, i: number): number {
    const [before, after] = this.cropping[i];
    if (before + after >= length) {
      throw new Error(`${this.name}: cropping [${before}, ${after}] removes all ${length} elements of spatial axis ${i}; crop less`);
    }
    return length - before - after;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const size = this.outputShapeOf(x);
    const axes = this.spatialAxes();
    return slice(x, x.shape.map((_, a) => (axes.includes(a) ? this.cropping[axes.indexOf(a)][0] : 0)), size);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.cropping.map((p) => p.slice()) };
  }
}
