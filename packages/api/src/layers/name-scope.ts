/**
 * Keras's name scope for weights: a layer built inside another one names its weights under
 * the outer layer ('lstm/kernel' for the cell of an LSTM, 'bidirectional/forward_lstm/kernel'),
 * and a second weight of the same name in one scope gets TensorFlow's suffix ('kernel_1'), as
 * the cells of a StackedRNNCells do. Saved weights are matched by these names.
 */
export class NameScope {
  private readonly used = new Map<string, number>();

  constructor(readonly prefix: string) {}

  /** `prefix/name`, unique within this scope ('kernel', then 'kernel_1', 'kernel_2', ...). */
  weightName(name: string): string {
    const n = this.used.get(name) ?? 0;
    this.used.set(name, n + 1);
    return `${this.prefix}/${n === 0 ? name : `${name}_${n}`}`;
  }
}
