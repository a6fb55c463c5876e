import type { Tensor } from '../../tensor/tensor.js';
import { keep } from '../../engine/scope.js';
import { add, div, mul } from '../../ops/binary.js';
import { concat, reverse } from '../../ops/layout.js';
import { reshape } from '../../ops/reshape.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { NameScope } from '../name-scope.js';
import { nestedConfig } from '../nested-config.js';
import { deserializeLayer } from '../registry.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { RNN } from '../recurrent/rnn.js';

/** How Bidirectional combines the forward and backward outputs; null keeps both (two outputs). */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

const MERGE_MODES: readonly MergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

export interface BidirectionalArgs extends LayerArgs {
  /** The recurrent layer run forwards; a copy of it (goBackwards flipped) runs backwards. */
  layer: RNN;
  /** Default 'concat' (along the last axis). null: the two outputs are not merged, so the layer has two outputs. */
  mergeMode?: MergeMode;
  /** Initial weights: the forward layer's, then the backward layer's (the caller keeps ownership). */
  weights?: Tensor[];
}

/**
 * Keras 2 Bidirectional: runs `layer` over the sequence and a copy of it (named
 * 'backward_<name>', goBackwards flipped) the other way, and merges the two outputs
 * (with returnSequences the backward outputs are first put back in input order). Weights:
 * the forward layer's, then the backward layer's. The wrapped layer is the forward one, so
 * its weights are the forward weights, as in Keras.
 */
export class Bidirectional extends Layer {
  readonly className = 'Bidirectional';
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: MergeMode;
  /**
   * With `returnState`, the final states of the latest call, the forward layer's then the
   * backward layer's (owned by the layer until the next call or `dispose`).
   */
  lastStates: Tensor[] | null = null;
  private initialWeights: Tensor[] | null = null;

  constructor(args: BidirectionalArgs) {
    const inner = args.layer as unknown;
    super(!args.batchInputShape && !args.inputShape && inner instanceof Layer && inner.batchInputShape ? { ...args, batchInputShape: inner.batchInputShape } : args);
    if (!(inner instanceof RNN)) {
      throw new Error(`${this.name}: 'layer' must be a recurrent layer (an RNN: SimpleRNN, LSTM, GRU, ConvLSTM2D, rnn({ cell })), got ${inner instanceof Layer ? inner.className : typeof inner}`);
    }
    const mode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    if (!MERGE_MODES.includes(mode)) {
      throw new Error(`${this.name}: mergeMode must be 'concat', 'sum', 'mul', 'ave' or null, got ${JSON.stringify(args.mergeMode)}`);
    }
    this.mergeMode = mode;
    this.forwardLayer = inner;
    this.backwardLayer = deserializeLayer(inner.className, {
      ...inner.getConfig(), name: `backward_${inner.name}`, goBackwards: !inner.goBackwards,
    }) as RNN;
    if (args.weights) {
      if (args.weights.length % 2 !== 0) throw new Error(`${this.name}: weights must hold the forward then the backward layer's weights (an even count), got ${args.weights.length}`);
      this.initialWeights = args.weights.map((w) => keep(reshape(w, w.shape)));
    }
    this.supportsMasking = true;
  }

  /** The wrapped layer (Keras's `layer`): the forward one. */
  get layer(): RNN {
    return this.forwardLayer;
  }

  get returnSequences(): boolean {
    return this.forwardLayer.returnSequences;
  }

  get returnState(): boolean {
    return this.forwardLayer.returnState;
  }

  get stateful(): boolean {
    return this.forwardLayer.stateful;
  }

  override build(inputShape: Shape): void {
    // Keras builds each direction in its own name scope: 'bidirectional/forward_lstm/kernel'.
    const scope = this.nameScope?.prefix ?? this.name;
    this.forwardLayer.nameScope = new NameScope(`${scope}/forward_${this.forwardLayer.name}`);
    this.forwardLayer.buildFor(inputShape);
    this.backwardLayer.nameScope = new NameScope(`${scope}/${this.backwardLayer.name}`);
    this.backwardLayer.buildFor(inputShape);
    if (this.initialWeights) {
      const weights = this.initialWeights;
      this.initialWeights = null;
      try {
        this.setWeights(weights);
      } finally {
        for (const w of weights) w.dispose();
      }
    }
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.checkSingleOutput();
    const shape = this.forwardLayer.computeOutputShape(inputShape);
    const last = shape[shape.length - 1];
    return this.mergeMode === 'concat' ? [...shape.slice(0, -1), last === null ? null : 2 * last] : shape;
  }

  override computeMask(_x: Tensor, mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  /** The merged output; with `returnState` the states are also kept in `lastStates`. */
  call(x: Tensor, args: CallArgs): Tensor {
    this.checkSingleOutput();
    const [output, ...states] = this.run(x, args, null);
    if (this.returnState) {
      this.releaseLastStates();
      this.lastStates = states.map((s) => keep(reshape(s, s.shape)));
    }
    return output;
  }

  /**
   * Keras's full result: the merged output (mergeMode null: the forward and the backward
   * outputs), then the forward layer's final states, then the backward layer's, whatever
   * `returnState` says; optionally from `initialState` (the forward states, then the
   * backward ones). The caller owns the results. Builds on first use.
   */
  callWithStates(x: Tensor, args: CallArgs = { training: false, mask: null }, initialState?: readonly Tensor[]): Tensor[] {
    if (!this.built) {
      const shape = x.shape.map((d, i) => (i === 0 ? null : d));
      this.build(shape);
      this.built = true;
      this.inputShape = shape;
    }
    return this.run(x, args, initialState ?? null);
  }

  /** Stateful layers: both directions start the next batch from zeros. */
  resetStates(): void {
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  private run(x: Tensor, args: CallArgs, initialState: readonly Tensor[] | null): Tensor[] {
    if (initialState && initialState.length % 2 !== 0) {
      throw new Error(`${this.name}: initialState must hold the forward then the backward layer's states (an even count), got ${initialState.length}`);
    }
    const half = initialState ? initialState.length / 2 : 0;
    const [y, ...forwardStates] = this.forwardLayer.callWithStates(x, args, initialState?.slice(0, half));
    const [yBack, ...backwardStates] = this.backwardLayer.callWithStates(x, args, initialState?.slice(half));
    // The backward layer outputs its sequence in its processing order; Keras puts it back in input order.
    const yRev = this.returnSequences ? reverse(yBack, 1) : yBack;
    return [...this.merge(y, yRev), ...forwardStates, ...backwardStates];
  }

  private merge(y: Tensor, yRev: Tensor): Tensor[] {
    switch (this.mergeMode) {
      case 'concat': return [concat([y, yRev], -1)];
      case 'sum': return [add(y, yRev)];
      case 'ave': return [div(add(y, yRev), 2)];
      case 'mul': return [mul(y, yRev)];
      case null: return [y, yRev];
    }
  }

  private checkSingleOutput(): void {
    if (this.mergeMode === null) {
      throw new Error(`${this.name}: mergeMode null gives two outputs (forward and backward), but here a layer must give one (a Sequential model): pass a mergeMode, or use callWithStates`);
    }
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? [...this.forwardLayer.trainableWeights, ...this.backwardLayer.trainableWeights] : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return this.trainable
      ? [...this.forwardLayer.nonTrainableWeights, ...this.backwardLayer.nonTrainableWeights]
      : [...this.forwardLayer.weights, ...this.backwardLayer.weights];
  }

  override regularizationLosses(): Tensor[] {
    return this.trainable ? [...this.forwardLayer.regularizationLosses(), ...this.backwardLayer.regularizationLosses()] : [];
  }

  /** Keras's config: the wrapped layer as { className, config }, and mergeMode. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), layer: nestedConfig(this.forwardLayer, `${this.name}: layer`), mergeMode: this.mergeMode };
  }

  private releaseLastStates(): void {
    if (this.lastStates) for (const s of this.lastStates) s.dispose();
    this.lastStates = null;
  }

  override dispose(): void {
    this.releaseLastStates();
    if (this.initialWeights) for (const w of this.initialWeights) w.dispose();
    this.initialWeights = null;
    this.forwardLayer.dispose();
    this.backwardLayer.dispose();
    super.dispose();
  }
}
