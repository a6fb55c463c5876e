/**
 * How many times an idle XNNPACK pool worker polls for the next job before it sleeps on a
 * futex. pthreadpool (inside tfjs's threaded binary) polls 1,000,000 times, 1-2 ms on this
 * machine: through a training step, whose products come every few hundred microseconds, its
 * worker never sleeps and holds a core that the calling thread and V8's own threads (garbage
 * collection, compilation) need. On 2 cores, fit with the products threaded then ran at
 * 0.84x of one thread (MLP) and 0.74x (residual MLP), although each product alone ran
 * 1.5-1.7x faster. See plan.ts for the measurements with the shorter spin.
 */
export const POOL_SPIN = 20_000;

/**
 * pthreadpool's `wait_for_new_command` in tfjs-backend-wasm 4.22.0's threaded binary:
 * `i32.const 1000000; local.set $i; local.get $flags; i32.const 2; i32.and` (2 is
 * PTHREADPOOL_FLAG_YIELD_WORKERS); null matches any local index.
 */
const SPIN_SITE: readonly (number | null)[] = [0x41, 0xc0, 0x84, 0x3d, 0x21, null, 0x20, null, 0x41, 0x02, 0x71];

function matchesAt(bytes: Uint8Array, at: number): boolean {
  for (let j = 0; j < SPIN_SITE.length; j++) {
    const want = SPIN_SITE[j];
    if (want !== null && bytes[at + j] !== want) return false;
  }
  return true;
}

/**
 * Rewrites, in place, the spin count of the pool workers' wait in a tfjs threaded binary to
 * `spins` (< 2^21: the 3-byte LEB128 immediate keeps its length, so no offset moves). Returns
 * false, changing nothing, unless the site occurs exactly once (another tfjs version): the
 * workers then keep pthreadpool's spin.
 */
export function patchPoolSpin(bytes: Uint8Array, spins: number): boolean {
  if (!(Number.isInteger(spins) && spins >= 0 && spins < 1 << 21)) throw new Error(`patchPoolSpin: spins must be an integer in [0, 2^21), got ${spins}`);
  let site = -1;
  for (let i = bytes.indexOf(0x41); i >= 0 && i + SPIN_SITE.length <= bytes.length; i = bytes.indexOf(0x41, i + 1)) {
    if (!matchesAt(bytes, i)) continue;
    if (site >= 0) return false;
    site = i;
  }
  if (site < 0) return false;
  bytes[site + 1] = 0x80 | (spins & 0x7f);
  bytes[site + 2] = 0x80 | ((spins >> 7) & 0x7f);
  bytes[site + 3] = (spins >> 14) & 0x7f;
  return true;
}
