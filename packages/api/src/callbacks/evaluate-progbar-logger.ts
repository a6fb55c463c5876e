import { optionKeys } from '@layerwise/data';
import { Callback, type Logs } from './callback.js';
import { Progbar, type PrintFn } from './progbar.js';
import { defaultPrint, stdoutIsTTY } from './output.js';

/** The options of `EvaluateProgbarLogger`. */
export interface EvaluateProgbarLoggerArgs {
  print?: PrintFn;
  /** Clock in milliseconds. Default performance.now. */
  now?: () => number;
  isTTY?: boolean;
}

const OPTIONS = optionKeys<EvaluateProgbarLoggerArgs>()(['print', 'now', 'isTTY']);

/**
 * The bar Keras 2's test and predict loops draw: counts and time, no values; redrawn in place
 * on a terminal (at most every 50 ms), else a line every 5 s.
 */
export function countProgbar(target: number | null, print: PrintFn = defaultPrint(), now: () => number = () => performance.now(),
  isTTY: boolean = stdoutIsTTY()): Progbar {
  return new Progbar({ target, verbose: 1, print, now, dynamic: isTTY, interval: isTTY ? 0.05 : 5 });
}

/**
 * The progress bar `evaluate` draws with verbose 1, over samples (or steps when the sample
 * count is unknown): like Keras 2's test loop, it shows counts and time, not the metrics.
 */
export class EvaluateProgbarLogger extends Callback {
  private readonly print: PrintFn;
  private readonly now: () => number;
  private readonly isTTY: boolean;
  private progbar: Progbar | null = null;
  private target: number | null = null;
  private useSteps = false;
  private seen = 0;

  constructor(args: EvaluateProgbarLoggerArgs = {}) {
    super();
    args = OPTIONS.read(args, new.target.name);
    this.print = args.print ?? defaultPrint();
    this.now = args.now ?? (() => performance.now());
    this.isTTY = args.isTTY ?? stdoutIsTTY();
  }

  override onTestBegin(): void {
    const params = this.params;
    if (!params) throw new Error('EvaluateProgbarLogger: no params set; setParams must be called before evaluating');
    this.seen = 0;
    this.progbar = null;
    if (params.verbose !== 1) return;
    this.useSteps = params.samples === null;
    this.target = (this.useSteps ? params.steps : params.samples) ?? null;
    this.progbar = countProgbar(this.target, this.print, this.now, this.isTTY);
  }

  override onTestBatchEnd(_batch: number, logs: Logs = {}): void {
    this.seen += this.useSteps ? 1 : (logs.size ?? 0);
    if (this.progbar && (this.target === null || this.seen < this.target)) this.progbar.update(this.seen, new Map(), false);
  }

  override onTestEnd(): void {
    this.progbar?.update(this.seen, new Map(), true);
    this.progbar = null;
  }
}
