/**
 * Turns XNNPACK's thread pool on and off per kernel call. tfjs-backend-wasm keeps one global
 * `pthreadpool*` (backend.cc's `threadpool`) and every kernel passes it to XNNPACK at the
 * call; XNNPACK runs an operator on the calling thread when that pointer is null. So a
 * product big enough to gain from threads runs with the pointer in place, and everything
 * else (element-wise ops, reductions, small products) with it zeroed: the pool's dispatch
 * cost (~400 us a call measured for a [128, 128] broadcast add under load, 20x the add) is
 * never paid where it cannot pay off.
 */
export class XnnThreadSwitch {
  private readonly index: number;
  private readonly pool: number;

  /** `heap`: an Int32Array over the module's (shared) memory; `address`: the global's byte offset. */
  constructor(private readonly heap: Int32Array, address: number) {
    this.index = address >>> 2;
    this.pool = heap[this.index];
    this.heap[this.index] = 0;
  }

  /** Runs `body` with XNNPACK on its thread pool. */
  threaded<T>(body: () => T): T {
    this.heap[this.index] = this.pool;
    try {
      return body();
    } finally {
      this.heap[this.index] = 0;
    }
  }
}

/**
 * The byte address of tfjs's `threadpool` global in a tfjs-backend-wasm binary: the address
 * its exported `get_threads_count` loads first (`i32.const A; i32.load offset=O`). Null when
 * the binary does not have that shape (another tfjs version): then threads stay off.
 */
export function threadpoolGlobalAddress(bytes: Uint8Array): number | null {
  try {
    return findAddress(bytes);
  } catch {
    return null;
  }
}

function findAddress(bytes: Uint8Array): number | null {
  let pos = 8;
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++];
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  };
  const s32 = (): number => {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[pos++];
      result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return shift < 32 && (b & 0x40) ? result | (~0 << shift) : result;
  };
  const name = (): string => {
    const len = u32();
    const s = String.fromCharCode(...bytes.subarray(pos, pos + len));
    pos += len;
    return s;
  };
  const limits = (): void => {
    const flags = bytes[pos++];
    u32();
    if (flags & 1) u32();
  };
  let importedFuncs = 0;
  let exportIndex = -1;
  let code = -1;
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = u32();
    const end = pos + size;
    if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        name();
        name();
        const kind = bytes[pos++];
        if (kind === 0) {
          u32();
          importedFuncs++;
        } else if (kind === 1) {
          pos++;
          limits();
        } else if (kind === 2) limits();
        else pos += 2;
      }
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const field = name();
        const kind = bytes[pos++];
        const index = u32();
        if (kind === 0 && field === 'get_threads_count') exportIndex = index;
      }
    } else if (id === 10) {
      code = pos;
    }
    pos = end;
  }
  if (exportIndex < importedFuncs || code < 0) return null;
  pos = code;
  const bodies = u32();
  const target = exportIndex - importedFuncs;
  if (target >= bodies) return null;
  for (let i = 0; i < target; i++) {
    const size = u32();
    pos += size;
  }
  u32();
  for (let groups = u32(); groups > 0; groups--) {
    u32();
    pos++;
  }
  if (bytes[pos++] !== 0x41) return null; // i32.const
  const base = s32();
  if (bytes[pos++] !== 0x28) return null; // i32.load
  u32();
  const offset = u32();
  return base + offset;
}
