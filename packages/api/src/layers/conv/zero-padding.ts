import type { Tensor } from '../../tensor/tensor.js';
import { pad } from '../../ops/index.js';
import type { CallArgs } from '../layer.js';
import { SpatialLayer, normalizePairs, type SpatialLayerArgs } from './spatial-layer.js';

/** Keras's _ZeroPadding: adds padding[i] = [before, after] zeros at the ends of spatial axis i. */
export abstract class ZeroPadding extends SpatialLayer {
  /** Per spatial axis, the [before, after] zeros added. */
  readonly padding: [number, number][];

  constructor(rank: number, padding: unknown, args: SpatialLayerArgs, hasDataFormat = true) {
    super(rank, args, hasDataFormat);
    this.padding = normalizePairs(padding, rank, this.name, 'padding');
  }

  protected spatialLength(length: number, i: number): number {
    return length + this.padding[i][0] + this.padding[i][1];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    const axes = this.spatialAxes();
    return pad(x, x.shape.map((_, a) => (axes.includes(a) ? this.padding[axes.indexOf(a)] : [0, 0])));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.padding.map((p) => p.slice()) };
  }
}
