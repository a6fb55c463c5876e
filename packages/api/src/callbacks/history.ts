import { Callback, type Logs } from './callback.js';

/** What `fit` returns: per-epoch logs (Keras's History). */
export class History extends Callback {
  /** The indices of the epochs run. */
  epoch: number[] = [];
  /** Per log name (`loss`, `accuracy`, `val_loss`, ...), its value at the end of each epoch. */
  history: Record<string, number[]> = {};

  override onTrainBegin(): void {
    this.epoch = [];
    this.history = {};
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
