import { describe, expect, it } from 'vitest';
import { dispose, memory, ops, Tensor, tensor, type TensorContainer } from '@layerwise/api';

/**
 * Every op, called outside any tidy, leaves behind only what it returns: a composite op
 * (matMul's reshapes, mean's sum, unstack's slices) must free its intermediates, as a
 * single-kernel op has none. Each op is tried with the first argument list it accepts.
 */
describe('ops outside tidy', () => {
  it('free their intermediates: disposing the result returns memory().buffers to where it was', () => {
    const x = tensor(Float32Array.from({ length: 12 }, (_, i) => i - 5.5), [3, 4]);
    const y = tensor(Float32Array.from({ length: 12 }, (_, i) => i * 0.3), [3, 4]);
    const square = tensor(Float32Array.from({ length: 16 }, (_, i) => i * 0.1), [4, 4]);
    const x3 = tensor(Float32Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    const argLists: unknown[][] = [[x], [x, y], [x, square], [x3, square], [x, 1], [x3]];
    const leaks: string[] = [];
    const exercised: string[] = [];
    for (const [name, op] of Object.entries(ops)) {
      // toTensor hands its Tensor argument back: disposing that "result" would free x.
      if (typeof op !== 'function' || name === 'toTensor') continue;
      for (const args of argLists) {
        const before = memory().buffers;
        let out: unknown;
        try {
          out = (op as (...a: unknown[]) => unknown)(...args);
        } catch {
          if (memory().buffers !== before) leaks.push(`${name} (threw): ${memory().buffers - before} buffer(s)`);
          continue;
        }
        if (!(out instanceof Tensor) && (typeof out !== 'object' || out === null)) break;
        dispose(out as TensorContainer);
        exercised.push(name);
        if (memory().buffers !== before) leaks.push(`${name}: ${memory().buffers - before} buffer(s)`);
        break;
      }
    }
    expect(leaks).toEqual([]);
    // Most of the op namespace ran (the check is not vacuous).
    expect(exercised.length).toBeGreaterThan(60);
    for (const name of ['matMul', 'mean', 'logSumExp', 'unstack', 'squaredDifference', 'gather', 'moments']) expect(exercised).toContain(name);
    dispose([x, y, square, x3]);
  });
});
