/**
 * Keras's name scope for weights: a layer built inside another one names its weights under
 * the outer layer ('lstm/kernel' for the cell of an LSTM, 'bidirectional/forward_lstm/kernel',
 * 'rnn/RNNCell_1/kernel' for the second cell of a stack, as tfjs-layers names them). Saved
 * weights are matched by these names.
 */
export class NameScope {
  constructor(readonly prefix: string) {}

  /** The scope `layer`'s weights are named in: the one an enclosing layer gave it, else its own name. */
  static of(layer: { readonly name: string; readonly nameScope: NameScope | null }): NameScope {
    return layer.nameScope ?? new NameScope(layer.name);
  }

  /** `prefix/name`. */
  weightName(name: string): string {
    return `${this.prefix}/${name}`;
  }

  /** The scope of a layer built inside this one. */
  child(name: string): NameScope {
    return new NameScope(`${this.prefix}/${name}`);
  }
}
