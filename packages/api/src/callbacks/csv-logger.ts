import { optionKeys } from '@layerwise/data';
import { Callback, type Logs } from './callback.js';
import { kerasArgs } from './keras-args.js';
import { pythonRepr } from './python-format.js';

/** The options of `CSVLogger`. */
export interface CSVLoggerArgs {
  /** Path of the CSV file (Node only). */
  filename: string;
  /** Field separator. Default ','. */
  separator?: string;
  /** Append to an existing file (its header is kept) instead of overwriting. Default false. */
  append?: boolean;
}

/** The part of node:fs/promises this uses (typed here: the api package builds without Node's types). */
interface FsPromises {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  appendFile(path: string, data: string): Promise<void>;
}

/** Rows end with CRLF, as Python's csv module (excel dialect) writes them for Keras. */
const LINE_END = '\r\n';

const OPTIONS = optionKeys<CSVLoggerArgs>()(['filename', 'separator', 'append']);

/**
 * Writes one row per epoch (the 0-based epoch, then every log key, sorted) to a CSV file,
 * appending as training goes (Keras 2 CSVLogger). Needs Node's fs.
 */
export class CSVLogger extends Callback {
  /** The CSV file written. */
  readonly filename: string;
  /** The column separator. */
  readonly separator: string;
  /** Append to an existing file instead of overwriting it. */
  readonly append: boolean;
  private keys: string[] | null = null;
  private writeHeader = true;
  private fs: FsPromises | null = null;

  constructor(args: CSVLoggerArgs);
  /** Keras's positional form: `new CSVLogger(filename, separator, append)`. */
  constructor(filename: string, separator?: string | Omit<CSVLoggerArgs, 'filename'>, append?: boolean);
  constructor(...given: unknown[]) {
    super();
    const args = kerasArgs<CSVLoggerArgs>(OPTIONS, 'CSVLogger', given, ['filename', 'separator', 'append']);
    if (!args || typeof args.filename !== 'string' || args.filename === '') {
      throw new Error(`CSVLogger: filename must be a non-empty string, got ${JSON.stringify(args?.filename)}`);
    }
    const separator = args.separator ?? ',';
    if (typeof separator !== 'string' || separator.length !== 1 || separator === '"' || separator === '\n' || separator === '\r') {
      throw new Error(`CSVLogger: separator must be one character other than a quote or a line break, got ${JSON.stringify(separator)}`);
    }
    this.filename = args.filename;
    this.separator = separator;
    this.append = args.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    this.fs = await loadFs();
    this.keys = null;
    this.writeHeader = true;
    if (this.append) {
      const existing = await this.fs.readFile(this.filename, 'utf8').catch((err: { code?: string }) => {
        if (err.code === 'ENOENT') return '';
        throw err;
      });
      this.writeHeader = existing.split('\n', 1)[0].length === 0;
    } else {
      await this.fs.writeFile(this.filename, '');
    }
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (!this.fs) throw new Error('CSVLogger: onEpochEnd before onTrainBegin; the file is not open');
    this.keys ??= Object.keys(logs).sort();
    let text = '';
    if (this.writeHeader) {
      text += this.row(['epoch', ...this.keys]);
      this.writeHeader = false;
    }
    // A key missing from a row (an epoch cut short) is written as NA, so CSV readers still parse it.
    text += this.row([String(epoch), ...this.keys.map((k) => (k in logs ? pythonRepr(logs[k]) : 'NA'))]);
    await this.fs.appendFile(this.filename, text);
  }

  override onTrainEnd(): void {
    this.fs = null;
  }

  private row(fields: string[]): string {
    return fields.map((f) => this.quote(f)).join(this.separator) + LINE_END;
  }

  private quote(field: string): string {
    if (!field.includes(this.separator) && !/["\r\n]/.test(field)) return field;
    return `"${field.replace(/"/g, '""')}"`;
  }
}

async function loadFs(): Promise<FsPromises> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!proc?.versions?.node) {
    throw new Error('CSVLogger: writing a file needs Node.js (node:fs); in a browser, collect the logs with a LambdaCallback or History instead');
  }
  // A computed specifier keeps browser bundlers from trying to resolve a Node builtin.
  const specifier = 'node:fs/promises';
  return (await import(/* @vite-ignore */ specifier)) as FsPromises;
}
