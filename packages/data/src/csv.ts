import { optionKeys } from './options.js';
import { OPEN_BYTES_OPTIONS } from './byte-source.js';
import { openBytes, type ByteSource, type OpenBytesOptions } from './byte-source.js';
import type { HostArray } from './types.js';

/** Options of `Dataset.fromCsv` (and the byte-source options it reads the file with). */
export interface CsvOptions extends OpenBytesOptions {
  /** Feature columns, by header name or 0-based index. Default: every column but the label. */
  columns?: ReadonlyArray<string | number>;
  /** Label column(s), by header name or index. Without it, samples are features only. */
  label?: string | number | ReadonlyArray<string | number>;
  /** Whether the first line names the columns. Default true. */
  header?: boolean;
  /** Field separator. Default ','. */
  delimiter?: string;
}

/** Splits one CSV line, honouring double-quoted fields ("a,b" and "" escapes). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      out.push(field);
      field = '';
      i += delimiter.length - 1;
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** The lines of a byte stream, decoded as UTF-8, split on \n or \r\n, without the newline. */
export async function* readLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of chunks) {
    rest += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  }
  rest += decoder.decode();
  if (rest.length > 0) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/** readCsv's and Dataset.fromCsv's options (snake_case accepted, unknown keys refused). */
export const CSV_OPTIONS = optionKeys<CsvOptions>()(['columns', 'label', 'header', 'delimiter'], { base: [OPEN_BYTES_OPTIONS] });

/** Streams numeric CSV rows as `[features, label]` (or `features` without a label). */
export async function* readCsv(src: ByteSource, options: CsvOptions = {}): AsyncGenerator<HostArray | [HostArray, HostArray], void, undefined> {
  options = CSV_OPTIONS.read(options, 'readCsv');
  const delimiter = options.delimiter ?? ',';
  const header = options.header ?? true;
  let names: string[] | null = null;
  let featureIdx: number[] = [];
  let labelIdx: number[] | null = null;
  let lineNo = 0;
  const resolve = (c: string | number): number => {
    if (typeof c === 'number') return c;
    const i = names ? names.indexOf(c) : -1;
    if (i < 0) throw new Error(`fromCsv: no column named "${c}"${names ? ` (columns: ${names.join(', ')})` : ' (the file has no header)'}`);
    return i;
  };
  const setup = (width: number): void => {
    const labelCols = options.label === undefined ? null : Array.isArray(options.label) ? options.label : [options.label as string | number];
    labelIdx = labelCols ? labelCols.map(resolve) : null;
    featureIdx = options.columns
      ? options.columns.map(resolve)
      : Array.from({ length: width }, (_, i) => i).filter((i) => !labelIdx?.includes(i));
    for (const i of [...featureIdx, ...(labelIdx ?? [])]) {
      if (i < 0 || i >= width) throw new Error(`fromCsv: column index ${i} is out of range for ${width} columns`);
    }
  };
  const parse = (fields: string[], idx: number[]): Float32Array => {
    const out = new Float32Array(idx.length);
    idx.forEach((c, j) => {
      const s = (fields[c] ?? '').trim();
      const v = s === '' ? NaN : Number(s);
      if (Number.isNaN(v) && s !== '' && s.toLowerCase() !== 'nan') {
        throw new Error(`fromCsv: line ${lineNo}, column ${names ? `"${names[c]}"` : c}: "${s}" is not a number`);
      }
      out[j] = v;
    });
    return out;
  };
  let ready = false;
  for await (const line of readLines(openBytes(src, options))) {
    lineNo++;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line, delimiter);
    if (!ready) {
      if (header) names = fields.map((f) => f.trim());
      setup(fields.length);
      ready = true;
      if (header) continue;
    }
    const features: HostArray = { data: parse(fields, featureIdx), shape: [featureIdx.length] };
    if (labelIdx) yield [features, { data: parse(fields, labelIdx), shape: [(labelIdx as number[]).length] }];
    else yield features;
  }
}
