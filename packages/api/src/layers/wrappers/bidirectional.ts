import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { keep } from '../../engine/scope.js';
import { add, div, mul } from '../../ops/binary.js';
import { concat, reverse } from '../../ops/layout.js';
import { reshape } from '../../ops/reshape.js';
import { isShapeList, Layer, type ApplyArgs, type CallArgs, type LayerArgs, type Mask } from '../layer.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { NameScope } from '../name-scope.js';
import { nestedConfig } from '../nested-config.js';
import { deserializeLayer } from '../registry.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { RNN } from '../recurrent/rnn.js';
import { stateSizes } from '../recurrent/cell.js';
import { applyFirstOutput, keepStates, sequenceMask, sequenceShape, splitInputs } from '../recurrent/sequence-io.js';

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

const OPTIONS = optionKeys<BidirectionalArgs>()(['layer', 'mergeMode', 'weights'], { base: [LAYER_OPTIONS] });

/**
 * Keras 2 Bidirectional: runs `layer` over the sequence and a copy of it (named
 * 'backward_<name>', goBackwards flipped) the other way, and merges the two outputs
 * (with returnSequences the backward outputs are first put back in input order). Weights:
 * the forward layer's, then the backward layer's. The wrapped layer is the forward one, so
 * its weights are the forward weights, as in Keras.
 */
export class Bidirectional extends Layer {
  readonly className = 'Bidirectional';
  /** The wrapped layer, run forwards (Keras's forward_layer). */
  readonly forwardLayer: RNN;
  /** The copy run backwards, named 'backward_<name>' (Keras's backward_layer). */
  readonly backwardLayer: RNN;
  /** How the two outputs are combined (default 'concat'; null: not merged, two outputs). */
  readonly mergeMode: MergeMode;
  /**
   * With `returnState`, the final states of the latest call, the forward layer's then the
   * backward layer's (owned by the layer until the next call or `dispose`).
   */
  lastStates: Tensor[] | null = null;
  private initialWeights: Tensor[] | null = null;

  constructor(args: BidirectionalArgs) {
    args = OPTIONS.readFor(args, Bidirectional, new.target);
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

  /** The wrapped layer's returnSequences: whether every step is output. */
  get returnSequences(): boolean {
    return this.forwardLayer.returnSequences;
  }

  /** The wrapped layer's returnState: whether both layers' final states follow the output. */
  get returnState(): boolean {
    return this.forwardLayer.returnState;
  }

  /** The wrapped layer's stateful: whether final states carry into the next batch. */
  get stateful(): boolean {
    return this.forwardLayer.stateful;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = sequenceShape(inputShape);
    // Keras builds each direction in its own name scope: 'bidirectional/forward_lstm/kernel'.
    const scope = NameScope.of(this);
    this.forwardLayer.nameScope = scope.child(`forward_${this.forwardLayer.name}`);
    this.forwardLayer.buildFor(shape);
    this.backwardLayer.nameScope = scope.child(this.backwardLayer.name);
    this.backwardLayer.buildFor(shape);
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

  /**
   * Keras's output shapes: the merged output (mergeMode null: the forward and the backward
   * outputs), then with `returnState` the forward layer's states and the backward layer's.
   */
  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = sequenceShape(inputShape);
    const out = this.forwardLayer.computeOutputShape(shape);
    const [y, ...states] = isShapeList(out) ? out : [out];
    const last = y[y.length - 1];
    const outputs = this.mergeMode === null ? [y, y.slice()] : this.mergeMode === 'concat' ? [[...y.slice(0, -1), last === null ? null : 2 * last]] : [y];
    const all = this.returnState ? [...outputs, ...states, ...states.map((s) => s.slice())] : outputs;
    return all.length === 1 ? all[0] : all;
  }

  /** The mask passes on with returnSequences (to both outputs when they are not merged); the states have none. */
  override computeMask(_inputs: Tensor | Tensor[], mask: Mask): Mask {
    const out = this.returnSequences ? sequenceMask(mask) : null;
    const outputs = this.mergeMode === null ? [out, out] : [out];
    const all = this.returnState ? [...outputs, ...stateSizes(this.forwardLayer.cell).flatMap(() => [null, null])] : outputs;
    return all.length === 1 ? all[0] : all;
  }

  /**
   * Keras's call: `inputs` is the sequence, or [sequence, ...forward states, ...backward
   * states] to start from. Gives the merged output, or a list: with mergeMode null the
   * forward and backward outputs, then with `returnState` the forward layer's final states
   * and the backward layer's (also kept in `lastStates`).
   */
  call(inputs: Tensor | Tensor[], args: CallArgs<Mask>): Tensor | Tensor[] {
    const { x, initialState } = splitInputs(inputs);
    const all = this.run(x, { training: args.training, mask: sequenceMask(args.mask) }, initialState);
    const outputs = all.slice(0, this.mergeMode === null ? 2 : 1);
    if (!this.returnState) return outputs.length === 1 ? outputs[0] : outputs;
    this.lastStates = keepStates(all.slice(outputs.length), this.lastStates);
    return all;
  }

  /**
   * On tensors with `returnState` and a mergeMode, the merged output alone (the states are
   * in `lastStates`). With mergeMode null the layer has two outputs: use `applyMulti`.
   */
  override apply(inputs: SymbolicTensor | SymbolicTensor[], args?: ApplyArgs): SymbolicTensor;
  override apply(inputs: Tensor | Tensor[], args?: ApplyArgs): Tensor;
  override apply(inputs: SymbolicTensor | SymbolicTensor[] | Tensor | Tensor[], args: ApplyArgs = {}): SymbolicTensor | Tensor {
    return applyFirstOutput(this, inputs, args, this.returnState && this.mergeMode !== null) ?? super.apply(inputs as Tensor | Tensor[], args);
  }

  /**
   * Keras's full result: the merged output (mergeMode null: the forward and the backward
   * outputs), then the forward layer's final states, then the backward layer's, whatever
   * `returnState` says; optionally from `initialState` (the forward states, then the
   * backward ones). The caller owns the results. Builds on first use.
   */
  callWithStates(x: Tensor, args: CallArgs = { training: false, mask: null }, initialState?: readonly Tensor[]): Tensor[] {
    if (!this.built) this.buildFor(x.shape.map((d, i) => (i === 0 ? null : d)));
    return this.run(x, args, initialState ?? null);
  }

  /** Stateful layers: both directions start the next batch from zeros. */
  resetStates(): void {
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  private run(x: Tensor, args: CallArgs, initialState: readonly Tensor[] | null): Tensor[] {
    const half = stateSizes(this.forwardLayer.cell).length;
    if (initialState && initialState.length !== 2 * half) {
      throw new Error(`${this.name}: initialState must hold the forward layer's ${half} state(s) then the backward layer's ${half}, got ${initialState.length} tensor(s)`);
    }
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

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? [...this.forwardLayer.trainableWeights, ...this.backwardLayer.trainableWeights] : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return this.trainable
      ? [...this.forwardLayer.nonTrainableWeights, ...this.backwardLayer.nonTrainableWeights]
      : [...this.forwardLayer.weights, ...this.backwardLayer.weights];
  }

  override regularizationLosses(): Tensor[] {
    const inner = this.trainable ? [...this.forwardLayer.regularizationLosses(), ...this.backwardLayer.regularizationLosses()] : [];
    return [...inner, ...super.regularizationLosses()];
  }

  /** Keras's config: the wrapped layer as { className, config }, and mergeMode. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), layer: nestedConfig(this.forwardLayer, `${this.name}: layer`), mergeMode: this.mergeMode };
  }

  override dispose(): void {
    if (this.lastStates) for (const s of this.lastStates) s.dispose();
    this.lastStates = null;
    if (this.initialWeights) for (const w of this.initialWeights) w.dispose();
    this.initialWeights = null;
    this.forwardLayer.dispose();
    this.backwardLayer.dispose();
    super.dispose();
  }
}
