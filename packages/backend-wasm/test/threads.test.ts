import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ranges } from '../src/threads/plan.js';
import { threadpoolGlobalAddress } from '../src/threads/xnn-switch.js';
import { DEFAULT_MAX_THREADS } from '../src/options.js';
import { patchPoolSpin, POOL_SPIN } from '../src/threads/pool-spin.js';

const fixture = fileURLToPath(new URL('./fixtures/train-hash.mjs', import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

function run(args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: r.stdout.trim().split('\n').pop() ?? '', err: r.stderr };
}

describe('ranges', () => {
  it('splits into at most `threads` parts of at least `minItems`, starts aligned, covering every item once', () => {
    expect(ranges(10, 2, 20)).toEqual([[0, 10]]);
    expect(ranges(100, 2, 10)).toEqual([[0, 50], [50, 100]]);
    expect(ranges(100, 4, 30)).toEqual([[0, 33], [33, 67], [67, 100]]);
    expect(ranges(102, 2, 1, 4)).toEqual([[0, 52], [52, 102]]);
    expect(ranges(3, 8, 1)).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(ranges(9, 2, 1)).toEqual([[0, 5], [5, 9]]);
  });
});

describe('the thread pool switch', () => {
  it('finds the address of tfjs\'s thread pool global in the threaded binary', () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm');
    const address = threadpoolGlobalAddress(readFileSync(file));
    expect(address).toBeGreaterThan(0);
    expect(address! % 4).toBe(0);
    expect(threadpoolGlobalAddress(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))).toBeNull();
  });
});

describe('the pool workers\' spin', () => {
  it('rewrites pthreadpool\'s 1,000,000 polls in the threaded binary in place, to a binary that still validates', () => {
    const require = createRequire(import.meta.url);
    const original = readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm'));
    const bytes = new Uint8Array(original);
    expect(patchPoolSpin(bytes, POOL_SPIN)).toBe(true);
    expect(bytes.length).toBe(original.length);
    const changed = [...bytes.keys()].filter((i) => bytes[i] !== original[i]);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThanOrEqual(3);
    // i32.const 1000000 (41 c0 84 3d) became i32.const POOL_SPIN in a 3-byte LEB128.
    const at = changed[0] - 1;
    expect([...original.subarray(at, at + 4)]).toEqual([0x41, 0xc0, 0x84, 0x3d]);
    expect(bytes[at + 1] & 0x7f | (bytes[at + 2] & 0x7f) << 7 | bytes[at + 3] << 14).toBe(POOL_SPIN);
    expect(WebAssembly.validate(bytes)).toBe(true);
    // Patched once, the site no longer matches: a second call changes nothing.
    expect(patchPoolSpin(bytes, 5)).toBe(false);
    expect(patchPoolSpin(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), POOL_SPIN)).toBe(false);
    expect(() => patchPoolSpin(bytes, 1 << 21)).toThrow(/spins must be an integer in \[0, 2\^21\), got 2097152/);
  });
});

describe('threads in Node', () => {
  it('defaults to every core up to DEFAULT_MAX_THREADS, on the threaded build where there are 2 or more', () => {
    const r = run(['--input-type=module', '-e', `import { createWasmKernel } from ${JSON.stringify(dist)};
      const k = await createWasmKernel();
      console.log(JSON.stringify({ threads: k.threads, build: k.build }));`]);
    expect(r.status, r.err).toBe(0);
    const expected = Math.min(availableParallelism(), DEFAULT_MAX_THREADS);
    expect(JSON.parse(r.out)).toEqual({ threads: expected, build: expected > 1 ? 'threaded-simd' : 'simd' });
  });

  it('trains to bit-identical weights on 1 and on 2 threads, with products, convolutions and own kernels on both', () => {
    const one = run([fixture, '1']);
    const two = run([fixture, '2']);
    expect(one.status, one.err).toBe(0);
    expect(two.status, two.err).toBe(0);
    const [a, b] = [JSON.parse(one.out), JSON.parse(two.out)];
    expect(a.threads).toBe(1);
    expect(a.use).toEqual({ xnn: 0, split: 0 });
    expect(b.threads).toBe(2);
    expect(b.use.xnn).toBeGreaterThan(0);
    expect(b.use.split).toBeGreaterThan(0);
    expect(b.hash).toBe(a.hash);
  });
});
