/** Longest a training, evaluation or prediction loop runs before letting the event loop in. */
const YIELD_EVERY_MS = 25;

/** A macrotask: Node's setImmediate, else a MessageChannel message (no 4 ms timer clamp). */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
    if (typeof immediate === 'function') {
      immediate(resolve);
    } else if (typeof MessageChannel !== 'undefined') {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}

/**
 * A function a batch loop awaits after each batch: at most every YIELD_EVERY_MS it lets the
 * host's event loop run (as tfjs-layers' yieldEvery does). On backends whose readbacks resolve
 * at once a loop never otherwise leaves the microtask queue: a page could not repaint, Node
 * timers and I/O would wait for the whole fit, and V8 could not run the tasks that finish its
 * incremental garbage collection (garbage then piled up until allocation forced a full GC).
 */
export function batchYielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < YIELD_EVERY_MS) return;
    await macrotask();
    last = performance.now();
  };
}

/**
 * Resolves on the next animation frame in a browser, else after one turn of the event loop
 * (tfjs's `tf.nextFrame`): awaited in a training callback, it lets a page repaint.
 */
export function nextFrame(): Promise<void> {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => unknown }).requestAnimationFrame;
  return typeof raf === 'function' ? new Promise((resolve) => { raf(() => resolve()); }) : macrotask();
}
