import type { CallbackModel, Logs } from './callback.js';

/** Whether a monitored log improves by falling ('min') or rising ('max'); 'auto' decides from its name. */
export type MonitorMode = 'auto' | 'min' | 'max';

/**
 * Keras 2's mode rule shared by EarlyStopping, ModelCheckpoint and ReduceLROnPlateau:
 * 'auto' maximises a monitor whose name contains 'acc' (or starts with 'fmeasure') and
 * minimises everything else.
 */
export function resolveMode(owner: string, mode: unknown, monitor: string): 'min' | 'max' {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max') {
    throw new Error(`${owner}: mode must be 'auto', 'min' or 'max', got ${JSON.stringify(mode)}`);
  }
  if (mode !== 'auto') return mode;
  return monitor.includes('acc') || monitor.startsWith('fmeasure') ? 'max' : 'min';
}

export function checkMonitor(owner: string, monitor: unknown): string {
  if (typeof monitor !== 'string' || monitor === '') throw new Error(`${owner}: monitor must be a non-empty string, got ${JSON.stringify(monitor)}`);
  return monitor;
}

/** An integer >= 0 (patience, cooldown, verbose, period-like counts). */
export function checkCount(owner: string, name: string, value: unknown, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${owner}: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

export function checkNonNegative(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity) {
    throw new Error(`${owner}: ${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/**
 * Reads the monitored value from epoch logs; a missing key is a warning (once per training
 * run), as Keras warns rather than failing, and the epoch is skipped.
 */
export class MonitorReader {
  private warned = false;

  constructor(private readonly owner: string, readonly monitor: string) {}

  reset(): void {
    this.warned = false;
  }

  read(logs: Logs | undefined): number | undefined {
    const value = logs?.[this.monitor];
    if (typeof value === 'number') return value;
    if (!this.warned) {
      this.warned = true;
      const available = Object.keys(logs ?? {}).join(',');
      console.warn(`${this.owner} conditioned on metric \`${this.monitor}\` which is not available. Available metrics are: ${available}`);
    }
    return undefined;
  }
}

/** The model a callback was attached to; hooks run only after `setModel`. */
export function requireModel(owner: string, model: CallbackModel | null): CallbackModel {
  if (!model) throw new Error(`${owner}: no model set; the callback must be passed to fit (or setModel called) before training`);
  return model;
}

/** The optimizer's learning rate, which these callbacks can read and replace only when it is a plain number. */
export function numericLearningRate(owner: string, model: CallbackModel): number {
  const opt = model.optimizer;
  if (!opt) throw new Error(`${owner}: the model has no optimizer (compile the model first)`);
  if (typeof opt.learningRate !== 'number') {
    throw new Error(`${owner}: the optimizer's learningRate is a schedule; this callback needs a numeric learningRate`);
  }
  return opt.learningRate;
}

export function setLearningRate(owner: string, model: CallbackModel, lr: number): void {
  numericLearningRate(owner, model);
  model.optimizer!.learningRate = lr;
}
