/**
 * The worker side of WorkerPool: loads a Sequence by module URL, then answers getItem and
 * epochEnd requests one at a time. Result buffers go back by structured-clone copy, or, when
 * the pool asked for transfer, by transfer: a typed array that spans its whole ArrayBuffer
 * is transferred as is (so `getItem` must return fresh arrays, not ones it keeps). Either
 * way a view into a larger buffer is first copied into its own buffer, so the rest of that
 * buffer is neither cloned nor detached.
 */
import { mapHostArrays } from './host-array.js';
import { isNode } from './platform.js';
import { loadSequence, type SequenceLike } from './sequence.js';
import type { Batch, TypedArray } from './types.js';
import { serializeError, type FromWorker, type ToWorker } from './worker-protocol.js';

interface Port {
  post(msg: FromWorker, transfer?: Transferable[]): void;
  listen(fn: (msg: ToWorker) => void): void;
}

async function connect(): Promise<Port> {
  if (isNode) {
    const { parentPort } = await import('node:worker_threads');
    if (!parentPort) throw new Error('worker-entry must run inside a worker thread');
    return {
      post: (m, t) => parentPort.postMessage(m, t as never),
      listen: (fn) => parentPort.on('message', fn),
    };
  }
  const scope = globalThis as unknown as { postMessage(m: unknown, t?: Transferable[]): void; addEventListener(t: 'message', fn: (e: MessageEvent) => void): void };
  return {
    post: (m, t) => scope.postMessage(m, t),
    listen: (fn) => scope.addEventListener('message', (e) => fn(e.data as ToWorker)),
  };
}

function forPosting(value: Batch, transferWhole: boolean): { value: Batch; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  const out = mapHostArrays(value, (h) => {
    let data: TypedArray = h.data;
    const buf = data.buffer;
    const whole = buf instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === buf.byteLength;
    if (!whole || transfer.has(buf as ArrayBuffer)) data = data.slice();
    transfer.add(data.buffer as ArrayBuffer);
    return { data, shape: h.shape };
  });
  return { value: out, transfer: transferWhole ? [...transfer] : [] };
}

const port = await connect();
let seq: SequenceLike | null = null;
let transferWhole = false;
// One request at a time, in arrival order.
let chain: Promise<void> = Promise.resolve();

port.listen((msg) => {
  chain = chain.then(() => handle(msg));
});

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'init') {
    try {
      seq = await loadSequence(msg.spec);
      transferWhole = msg.transfer;
      port.post({ type: 'ready', length: seq.length });
    } catch (e) {
      port.post({ type: 'initError', error: serializeError(e) });
    }
    return;
  }
  try {
    if (!seq) throw new Error('worker got a request before init');
    if (msg.type === 'getItem') {
      const { value, transfer } = forPosting(await seq.getItem(msg.index), transferWhole);
      port.post({ type: 'result', id: msg.id, value }, transfer);
    } else {
      await seq.onEpochEnd?.();
      port.post({ type: 'result', id: msg.id, value: null });
    }
  } catch (e) {
    port.post({ type: 'error', id: msg.id, error: serializeError(e) });
  }
}
