import { formatExponential, formatFixed } from './python-format.js';

/** Where progress text goes: `inPlace` lines replace the line being drawn; others complete it with a newline. */
export type PrintFn = (line: string, inPlace: boolean) => void;

export interface ProgbarOptions {
  /** Total steps or samples; null when unknown. */
  target: number | null;
  verbose: 1 | 2;
  print: PrintFn;
  /** Milliseconds, monotonic. */
  now: () => number;
  /** Redraw the line in place (a terminal) rather than printing new lines. */
  dynamic: boolean;
  /** Least seconds between two drawn updates (the final one is always drawn). */
  interval: number;
  /** Bar width in characters. Default 30. */
  width?: number;
}

/** Keras 2's value format: 4 decimals, or scientific for magnitudes at or below 1e-3. */
function formatValue(v: number): string {
  return Math.abs(v) > 1e-3 ? formatFixed(v, 4) : formatExponential(v, 4);
}

function formatEta(eta: number): string {
  const two = (n: number): string => String(Math.floor(n)).padStart(2, '0');
  if (eta > 3600) return `${Math.floor(eta / 3600)}:${two((eta % 3600) / 60)}:${two(eta % 60)}`;
  if (eta > 60) return `${Math.floor(eta / 60)}:${two(eta % 60)}`;
  return `${Math.trunc(eta)}s`;
}

function formatPerStep(secondsPerUnit: number): string {
  if (secondsPerUnit >= 1) return `${formatFixed(secondsPerUnit, 0)}s/step`;
  if (secondsPerUnit >= 1e-3) return `${formatFixed(secondsPerUnit * 1e3, 0)}ms/step`;
  return `${formatFixed(secondsPerUnit * 1e6, 0)}us/step`;
}

/**
 * One epoch's progress display, drawn as Keras 2's Progbar draws it:
 * `12/100 [==>...........................] - ETA: 3s - loss: 0.1234`, and when done
 * `100/100 [==============================] - 2s 20ms/step - loss: 0.1234` (verbose 1), or
 * ` - 2s - loss: 0.1234` (verbose 2). It draws the values it is given.
 */
export class Progbar {
  private readonly start: number;
  private lastUpdate: number;
  private totalWidth = 0;
  private readonly width: number;

  constructor(private readonly opts: ProgbarOptions) {
    this.start = opts.now();
    this.width = opts.width ?? 30;
    // A terminal draws the first update at once (as Keras); a log file waits a full interval.
    this.lastUpdate = opts.dynamic ? -Infinity : this.start;
  }

  update(current: number, values: ReadonlyMap<string, number>, finalize: boolean): void {
    const { target, verbose, print } = this.opts;
    const now = this.opts.now();
    const elapsed = (now - this.start) / 1000;
    if (verbose === 2) {
      if (finalize) print(` - ${formatFixed(elapsed, 0)}s${this.valuesText(values)}`, false);
      return;
    }
    if (!finalize && (now - this.lastUpdate) / 1000 < this.opts.interval) return;
    this.lastUpdate = now;

    const bar = this.bar(current);
    const secondsPerUnit = current ? elapsed / current : 0;
    let info: string;
    if (target !== null && current < target) {
      info = ` - ETA: ${formatEta(secondsPerUnit * (target - current))}`;
    } else {
      info = ` - ${formatFixed(elapsed, 0)}s ${formatPerStep(secondsPerUnit)}`;
    }
    info += this.valuesText(values);
    let line = bar + info;
    if (this.opts.dynamic) {
      // Pad over what is left of a longer previous line.
      const prev = this.totalWidth;
      this.totalWidth = line.length;
      if (prev > line.length) line += ' '.repeat(prev - line.length);
      print(line, !finalize);
    } else {
      print(line, false);
    }
  }

  private bar(current: number): string {
    const { target } = this.opts;
    if (target === null) return `${String(current).padStart(7, ' ')}/Unknown`;
    const digits = target > 0 ? Math.floor(Math.log10(target)) + 1 : 1;
    let bar = `${String(current).padStart(digits, ' ')}/${target} [`;
    const progWidth = target > 0 ? Math.floor((this.width * current) / target) : this.width;
    if (progWidth > 0) bar += '='.repeat(progWidth - 1) + (current < target ? '>' : '=');
    bar += '.'.repeat(Math.max(0, this.width - progWidth));
    return `${bar}]`;
  }

  private valuesText(values: ReadonlyMap<string, number>): string {
    let text = '';
    for (const [k, v] of values) text += ` - ${k}: ${formatValue(v)}`;
    return text;
  }
}
