import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { mul, neg, relu, sub } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { constraintConfig, initializerConfig, regularizerConfig } from '../core/config-values.js';
import { fmtShape } from '../../tensor/shape.js';

export interface PReLUArgs extends LayerArgs {
  /** Default 'zeros'. */
  alphaInitializer?: InitializerIdentifier;
  /** A penalty on alpha, added to the loss. */
  alphaRegularizer?: RegularizerIdentifier;
  /** A constraint applied to alpha after each update. */
  alphaConstraint?: ConstraintIdentifier;
  /** Axes (1 = the first after the batch) along which one alpha is shared, e.g. [1, 2] for one alpha per channel of an image. */
  sharedAxes?: number | number[] | null;
}

const OPTIONS = optionKeys<PReLUArgs>()([
  'alphaConstraint', 'alphaInitializer', 'alphaRegularizer', 'sharedAxes',
], { base: [LAYER_OPTIONS] });

/**
 * Keras's PReLU: relu(x) - alpha * relu(-x), with a learned alpha of the input's shape
 * (batch axis dropped; size 1 along `sharedAxes`).
 */
export class PReLU extends Layer {
  readonly className = 'PReLU';
  /** The axes (1 = first after the batch) along which one alpha is shared; null: none. */
  readonly sharedAxes: number[] | null;
  private readonly alphaInitializer: InitializerIdentifier;
  private readonly alphaRegularizer: RegularizerIdentifier | null;
  private readonly alphaConstraint: ConstraintIdentifier | null;
  /** The learned slopes, the input's shape without the batch axis (size 1 on sharedAxes), once built (null before). */
  alpha: LayerVariable | null = null;

  constructor(args: PReLUArgs = {}) {
    args = OPTIONS.readFor(args, PReLU, new.target);
    super(args);
    const shared = args.sharedAxes ?? null;
    const list = shared === null ? null : typeof shared === 'number' ? [shared] : Array.isArray(shared) ? shared.slice() : [NaN];
    if (list && list.some((a) => !Number.isInteger(a) || a < 1)) {
      throw new Error(`${this.name}: sharedAxes must be an axis >= 1 (0 is the batch) or a list of them, got ${JSON.stringify(args.sharedAxes)}`);
    }
    this.sharedAxes = list;
    this.alphaInitializer = args.alphaInitializer ?? 'zeros';
    this.alphaRegularizer = args.alphaRegularizer ?? null;
    this.alphaConstraint = args.alphaConstraint ?? null;
    initializerConfig(this.alphaInitializer, `${this.name}: alphaInitializer`);
    regularizerConfig(this.alphaRegularizer, `${this.name}: alphaRegularizer`);
    constraintConfig(this.alphaConstraint, `${this.name}: alphaConstraint`);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const shared = this.sharedAxes ?? [];
    const bad = shared.find((a) => a >= inputShape.length);
    if (bad !== undefined) throw new Error(`${this.name}: shared axis ${bad} is out of range for input of shape ${fmtKerasShape(inputShape)}`);
    const paramShape = inputShape.slice(1).map((d, i) => (shared.includes(i + 1) ? 1 : d));
    if (paramShape.some((d) => d === null)) {
      throw new Error(`${this.name}: every axis of the input but the batch and the shared ones must be known to size alpha, got ${fmtKerasShape(inputShape)}`);
    }
    this.alpha = this.addWeight('alpha', paramShape as number[], this.alphaInitializer, { regularizer: this.alphaRegularizer, constraint: this.alphaConstraint });
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const alpha = this.alpha!;
    if (x.rank !== alpha.shape.length + 1 || alpha.shape.some((d, i) => d !== 1 && d !== x.shape[i + 1])) {
      throw new Error(`${this.name}: the layer was built for inputs of shape (None, ${alpha.shape.join(', ')}) (1 = shared), got ${fmtShape(x.shape)}`);
    }
    return sub(relu(x), mul(alpha.value, relu(neg(x))));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), alphaInitializer: initializerConfig(this.alphaInitializer), alphaRegularizer: regularizerConfig(this.alphaRegularizer),
      alphaConstraint: constraintConfig(this.alphaConstraint), sharedAxes: this.sharedAxes ? this.sharedAxes.slice() : null,
    };
  }
}
