// Timing helpers shared by both sides.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();
export const elapsedS = (t0) => (performance.now() - t0) / 1000;

/**
 * A plain-object callback (both libraries accept one) that counts batches, records the
 * first and last batch loss, and stops training once `budgetS` seconds have passed since
 * it was made (at least one batch always runs).
 */
export function budgetCallback(model, budgetS) {
  const t0 = now();
  const state = {
    batches: 0,
    lossFirst: null,
    lossLast: null,
    hooks: {
      onBatchEnd(_batch, logs) {
        state.batches++;
        const loss = logs && typeof logs.loss === 'number' ? logs.loss : null;
        if (state.lossFirst === null) state.lossFirst = loss;
        state.lossLast = loss;
        if (elapsedS(t0) > budgetS) model.stopTraining = true;
      },
    },
  };
  return state;
}

export function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Wall and process CPU time (all threads) since creation. work / cpuS is a throughput that
 * other load on a shared machine perturbs less than work / wallS (for one-thread work).
 */
export function stopwatch() {
  const w0 = now();
  const c0 = process.cpuUsage();
  return {
    wallS: () => (now() - w0) / 1000,
    cpuS: () => {
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1e6;
    },
  };
}

/**
 * GFLOP/s of an n x n x n matmul: `once()` multiplies and reads back (returning one value as a
 * checksum); warmed once, then timed up to `reps` times within `budgetS`, median taken.
 */
export async function timeMatmul(once, size) {
  await once();
  const times = [];
  const start = now();
  const sw = stopwatch();
  let checksum = 0;
  for (let r = 0; r < size.reps; r++) {
    const t0 = now();
    checksum = await once();
    times.push(elapsedS(t0));
    if (elapsedS(start) > size.budgetS) break;
  }
  const flop = 2 * size.size ** 3;
  return { value: flop / median(times) / 1e9, perCpuS: (flop * times.length) / sw.cpuS() / 1e9, seconds: median(times), reps: times.length, checksum };
}

/**
 * CPU milliseconds used so far by each thread of this process, by thread id (Linux
 * /proc/self/task; null where that does not exist). Ticks are 10 ms, so use it over
 * spans of a second or more.
 */
export function threadCpuMs() {
  if (!existsSync('/proc/self/task')) return null;
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(f[11]) + Number(f[12])) * 10); // utime + stime, in 100 Hz ticks
    } catch {
      // the thread ended between readdir and read
    }
  }
  return out;
}
