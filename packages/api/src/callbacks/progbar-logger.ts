import { optionKeys } from '@layerwise/data';
import { Callback, type Logs } from './callback.js';
import { Progbar, type PrintFn } from './progbar.js';
import { defaultPrint, stdoutIsTTY } from './output.js';

/** The options of `ProgbarLogger`. */
export interface ProgbarLoggerArgs {
  /** Count progress in 'samples' (the batch logs' `size`) or 'steps' (batches). Default: samples when params know them, else steps. */
  countMode?: 'samples' | 'steps';
  /** Output sink. Default: process.stdout.write where it exists, console.log otherwise. */
  print?: PrintFn;
  /** Clock in milliseconds. Default performance.now. */
  now?: () => number;
  /** Draw one line in place (\r) instead of printing lines. Default: process.stdout.isTTY. */
  isTTY?: boolean;
  /** Least seconds between in-place redraws on a terminal. Default 0.05 (Keras). */
  interval?: number;
  /** Least seconds between printed progress lines when not on a terminal. Default 5. */
  lineInterval?: number;
}

const OPTIONS = optionKeys<ProgbarLoggerArgs>()(['countMode', 'print', 'now', 'isTTY', 'interval', 'lineInterval']);

/**
 * Prints training progress (Keras 2 ProgbarLogger), following `params.verbose`:
 * 1 draws a progress bar per epoch, 2 prints one line per epoch, 0 prints nothing.
 * Batch logs hold each batch's own values (and `size`); the bar shows their running average
 * and, at the end of the epoch, the epoch logs as given.
 */
export class ProgbarLogger extends Callback {
  private readonly countMode: 'samples' | 'steps' | undefined;
  private readonly print: PrintFn;
  private readonly now: () => number;
  private readonly isTTY: boolean;
  private readonly interval: number;
  private readonly lineInterval: number;
  private verbose: 0 | 1 | 2 = 0;
  private epochs = 0;
  private useSteps = false;
  private target: number | null = null;
  private seen = 0;
  private progbar: Progbar | null = null;
  /** Per key: the sum of batch values weighted by samples (or steps) and that weight. */
  private totals = new Map<string, { sum: number; weight: number }>();

  constructor(args: ProgbarLoggerArgs = {}) {
    super();
    args = OPTIONS.read(args, new.target.name);
    if (args.countMode !== undefined && args.countMode !== 'samples' && args.countMode !== 'steps') {
      throw new Error(`ProgbarLogger: countMode must be 'samples' or 'steps', got ${JSON.stringify(args.countMode)}`);
    }
    for (const key of ['interval', 'lineInterval'] as const) {
      const v = args[key];
      if (v !== undefined && !(typeof v === 'number' && v >= 0)) throw new Error(`ProgbarLogger: ${key} must be a number >= 0, got ${String(v)}`);
    }
    if (args.print !== undefined && typeof args.print !== 'function') throw new Error(`ProgbarLogger: print must be a function, got ${typeof args.print}`);
    this.countMode = args.countMode;
    this.print = args.print ?? defaultPrint();
    this.now = args.now ?? (() => performance.now());
    this.isTTY = args.isTTY ?? stdoutIsTTY();
    this.interval = args.interval ?? 0.05;
    this.lineInterval = args.lineInterval ?? 5;
  }

  override onTrainBegin(): void {
    const params = this.params;
    if (!params) throw new Error('ProgbarLogger: no params set; setParams must be called before training');
    this.verbose = params.verbose;
    this.epochs = params.epochs;
    this.useSteps = this.countMode ? this.countMode === 'steps' : params.samples === null;
  }

  override onEpochBegin(epoch: number): void {
    this.seen = 0;
    this.totals = new Map();
    if (!this.verbose) return;
    this.print(`Epoch ${epoch + 1}/${this.epochs}`, false);
    this.target = (this.useSteps ? this.params?.steps : this.params?.samples) ?? null;
    this.progbar = new Progbar({
      target: this.target,
      verbose: this.verbose,
      print: this.print,
      now: this.now,
      dynamic: this.isTTY,
      interval: this.isTTY ? this.interval : this.lineInterval,
    });
  }

  override onBatchEnd(_batch: number, logs: Logs = {}): void {
    const before = this.seen;
    if (this.useSteps) {
      this.seen += 1;
    } else {
      const fallback = this.params?.batchSize ?? 1;
      this.seen += logs.size ?? (this.target === null ? fallback : Math.min(fallback, this.target - this.seen));
    }
    // Batch logs hold that batch's values; the bar shows their average so far, weighted like Keras 2's Progbar.
    const weight = this.seen - before;
    for (const k of this.shownKeys(logs)) {
      const t = this.totals.get(k) ?? { sum: 0, weight: 0 };
      t.sum += logs[k] * weight;
      t.weight += weight;
      this.totals.set(k, t);
    }
    // The last batch is drawn by onEpochEnd, with the epoch's (validation) values.
    if (this.verbose && this.progbar && (this.target === null || this.seen < this.target)) {
      this.progbar.update(this.seen, this.averages(), false);
    }
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    // The epoch logs are the engine's exact epoch values; they replace the running averages.
    for (const k of this.shownKeys(logs)) this.totals.set(k, { sum: logs[k], weight: 1 });
    if (this.verbose && this.progbar) this.progbar.update(this.seen, this.averages(), true);
  }

  /** The keys of params.metrics present in `logs` (every numeric key but batch/size when params name none). */
  private shownKeys(logs: Logs): string[] {
    const names = this.params?.metrics.length ? this.params.metrics : Object.keys(logs).filter((k) => k !== 'batch' && k !== 'size');
    return names.filter((k) => typeof logs[k] === 'number');
  }

  private averages(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [k, t] of this.totals) out.set(k, t.sum / Math.max(1, t.weight));
    return out;
  }
}
