// GFLOP/s of the cpu backend's matmul on square float32 problems. Run after `pnpm build`:
//   node bench/matmul.mjs
import { CpuKernel } from '../dist/index.js';

const kernel = new CpuKernel();

function random(n) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() * 2 - 1;
  return a;
}

for (const [size, reps] of [[256, 30], [1024, 4]]) {
  const shape = [1, size, size];
  const a = { buffer: kernel.upload(random(size * size), shape, 'float32'), shape, dtype: 'float32' };
  const b = { buffer: kernel.upload(random(size * size), shape, 'float32'), shape, dtype: 'float32' };
  kernel.dispose(kernel.matmul(a, b, false, false)); // warm up the JIT
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const c = kernel.matmul(a, b, false, false);
    best = Math.min(best, performance.now() - t0);
    kernel.dispose(c);
  }
  const gflops = (2 * size ** 3) / (best / 1000) / 1e9;
  console.log(`matmul ${size}x${size}x${size}: ${gflops.toFixed(2)} GFLOP/s (best of ${reps}, ${best.toFixed(1)} ms)`);
  kernel.dispose(a.buffer);
  kernel.dispose(b.buffer);
}
