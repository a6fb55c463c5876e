import { optionKeys } from './options.js';
/**
 * Opens a file path, a URL, or a stream as an async iterable of byte chunks, never reading
 * the whole thing: Node files (paths, file: URLs) through `fs.createReadStream`, http(s)
 * URLs (and, outside Node, every string or URL) through `fetch` with a streamed body.
 * Stopping the iteration early closes the file or cancels the body.
 */
import { isNode } from './platform.js';

/**
 * Where bytes come from: a path or URL (a Node file, or fetched over http(s)), an async iterable
 * of chunks (strings are UTF-8 encoded), or a web ReadableStream.
 */
export type ByteSource =
  | string
  | URL
  | AsyncIterable<Uint8Array | string>
  | ReadableStream<Uint8Array>;

/** How a ByteSource is read (unknown keys are refused). */
export interface OpenBytesOptions {
  /** Chunk size for file reads (Node). Default: Node's 64 KiB. */
  highWaterMark?: number;
}

const encoder = new TextEncoder();

/** Fetched rather than opened as a file: http(s) URLs, and any string or URL outside Node. */
function isFetched(src: string | URL): boolean {
  const s = typeof src === 'string' ? src : src.href;
  return /^https?:\/\//i.test(s) || !isNode;
}

/** openBytes's options (snake_case accepted, unknown keys refused). */
export const OPEN_BYTES_OPTIONS = optionKeys<OpenBytesOptions>()(['highWaterMark']);

export async function* openBytes(src: ByteSource, options: OpenBytesOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  options = OPEN_BYTES_OPTIONS.read(options, 'openBytes');
  if ((typeof src === 'string' || src instanceof URL) && isFetched(src)) {
    const res = await fetch(src);
    if (!res.ok || !res.body) throw new Error(`fetch ${String(src)}: HTTP ${res.status} ${res.statusText}`);
    yield* readWebStream(res.body);
    return;
  }
  if (typeof src === 'string' || src instanceof URL) {
    const fs = await import('node:fs');
    const stream = fs.createReadStream(src, { highWaterMark: options.highWaterMark });
    try {
      for await (const chunk of stream) yield chunk as Uint8Array;
    } finally {
      stream.destroy();
    }
    return;
  }
  if (typeof (src as ReadableStream<Uint8Array>).getReader === 'function') {
    yield* readWebStream(src as ReadableStream<Uint8Array>);
    return;
  }
  for await (const chunk of src as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
  }
}

async function* readWebStream(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = body.getReader();
  let done = false;
  try {
    while (true) {
      const r = await reader.read();
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Reads exact byte counts from a chunk stream. */
export class ByteReader {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;

  constructor(private readonly it: AsyncIterator<Uint8Array>) {}

  /** The next `n` bytes, or null at a clean end of stream; throws on a truncated read. */
  async read(n: number): Promise<Uint8Array | null> {
    while (this.buffered < n && !this.ended) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else if (r.value.length > 0) {
        this.chunks.push(r.value);
        this.buffered += r.value.length;
      }
    }
    if (this.buffered === 0 && n > 0) return null;
    if (this.buffered < n) throw new Error(`unexpected end of data: wanted ${n} bytes, ${this.buffered} left`);
    const out = new Uint8Array(n);
    let k = 0;
    while (k < n) {
      const c = this.chunks[0];
      const m = Math.min(c.length, n - k);
      out.set(c.subarray(0, m), k);
      k += m;
      if (m === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(m);
    }
    this.buffered -= n;
    return out;
  }

  /** Puts bytes back in front of the stream (used to sniff a gzip header). */
  unshift(bytes: Uint8Array): void {
    this.chunks.unshift(bytes);
    this.buffered += bytes.length;
  }

  /** Everything not yet read, as chunks (buffered ones first). */
  async *remaining(): AsyncGenerator<Uint8Array, void, undefined> {
    while (this.chunks.length > 0) {
      const c = this.chunks.shift()!;
      this.buffered -= c.length;
      yield c;
    }
    while (!this.ended) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else yield r.value;
    }
  }

  async close(): Promise<void> {
    await this.it.return?.();
  }
}
