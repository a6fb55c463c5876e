import type { Tensor } from '../../tensor/tensor.js';
import { repeatElements } from '../../ops/index.js';
import type { CallArgs } from '../layer.js';
import { normalizeTuple } from './window-args.js';
import { SpatialLayer, type SpatialLayerArgs } from './spatial-layer.js';

/** Keras's _UpSampling: each spatial axis i grows size[i] times; by default each element is repeated (nearest neighbour). */
export abstract class UpSampling extends SpatialLayer {
  /** Per spatial axis, the integer factor it grows by. */
  readonly size: number[];

  constructor(rank: number, size: number | number[], args: SpatialLayerArgs, hasDataFormat = true) {
    super(rank, args, hasDataFormat);
    this.size = normalizeTuple(size, rank, this.name, 'size', 2);
  }

  protected spatialLength(length: number, i: number): number {
    return length * this.size[i];
  }

  /** The upsampling of an input of the checked rank. */
  protected upsample(x: Tensor): Tensor {
    return repeatElements(x, this.size, this.spatialAxes());
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    return this.upsample(x);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: this.size.slice() };
  }
}
