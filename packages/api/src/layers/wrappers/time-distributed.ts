import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { fmtShape } from '../../tensor/shape.js';
import { reshape } from '../../ops/reshape.js';
import { isShapeList, Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { nestedConfig } from '../nested-config.js';
import type { LayerVariable } from '../variable.js';
import { fmtKerasShape, type Shape } from '../shape.js';

export interface TimeDistributedArgs extends LayerArgs {
  /** The layer applied to every timestep; its weights are this wrapper's weights. */
  layer: Layer;
}

const OPTIONS = optionKeys<TimeDistributedArgs>()(['layer'], { base: [LAYER_OPTIONS] });

/**
 * Applies `layer` to every timestep of a [batch, time, ...] input by folding time into
 * the batch ([batch*time, ...]), so all steps share the inner layer's weights.
 * As in Keras 2, the incoming mask is passed on unchanged and not given to the inner layer.
 */
export class TimeDistributed extends Layer {
  readonly className = 'TimeDistributed';
  /** The layer applied to every timestep (its weights are this wrapper's). */
  readonly layer: Layer;

  constructor(args: TimeDistributedArgs) {
    args = OPTIONS.readFor(args, TimeDistributed, new.target);
    super(args);
    if (!(args.layer instanceof Layer)) throw new Error(`${this.name}: 'layer' must be a Layer instance, got ${typeof args.layer}`);
    this.layer = args.layer;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    if (inputShape.length < 3) {
      throw new Error(`${this.name}: expected input of shape (batch, timesteps, ...) with rank >= 3, got ${fmtKerasShape(inputShape)}`);
    }
    this.layer.buildFor(this.innerShape(inputShape));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const inner = this.layer.computeOutputShape(this.innerShape(inputShape));
    if (isShapeList(inner)) throw new Error(`${this.name}: the wrapped layer '${this.layer.name}' has several outputs; TimeDistributed needs one`);
    return [inputShape[0], inputShape[1], ...inner.slice(1)];
  }

  call(x: Tensor, args: CallArgs): Tensor {
    if (x.rank < 3) throw new Error(`${this.name}: expected input of rank >= 3 (batch, timesteps, ...), got ${fmtShape(x.shape)}`);
    const [batch, steps, ...rest] = x.shape;
    const y = this.layer.apply(reshape(x, [batch * steps, ...rest]), { training: args.training });
    return reshape(y, [batch, steps, ...y.shape.slice(1)]);
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.layer.trainableWeights : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return this.trainable ? this.layer.nonTrainableWeights : this.layer.weights;
  }

  override regularizationLosses(): Tensor[] {
    return this.trainable ? this.layer.regularizationLosses() : [];
  }

  /** Keras's config: the inner layer as { className, config } (see the registered maker). */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), layer: nestedConfig(this.layer, `${this.name}: layer`) };
  }

  override dispose(): void {
    this.layer.dispose();
    super.dispose();
  }

  private innerShape(inputShape: Shape): Shape {
    const [batch, steps, ...rest] = inputShape;
    return [batch !== null && steps !== null ? batch * steps : null, ...rest];
  }
}
