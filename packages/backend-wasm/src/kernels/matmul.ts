import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { fewRowsMatmul } from './few-rows-matmul.js';
import { PLAN } from '../threads/plan.js';
import { transpose } from './transpose.js';

export function matmulShape(a: Info, b: Info, transposeA: boolean, transposeB: boolean): number[] {
  const m = transposeA ? a.shape[2] : a.shape[1];
  const n = transposeB ? b.shape[1] : b.shape[2];
  return [a.shape[0] === 1 ? b.shape[0] : a.shape[0], m, n];
}

/** Below this many multiply-adds per batch, tfjs's scalar loop beats transposes and copies. */
const SMALL = 4096;

/**
 * The weights shape each dataId was last used with by XNNPACK's fully connected operator:
 * tfjs caches that operator (with the packed weights) by the weights' id alone, so the same
 * dataId under another [k, n] must go in as a fresh copy.
 */
const packedAs = new WeakMap<object, string>();

type Keep = <I extends Info>(t: I) => I;

/** `b` as a safe XNNPACK weights operand of shape [1, k, n]. */
function weights(rt: Runtime, b: Info, keep: Keep): Info {
  const key = `${b.shape[1]}x${b.shape[2]}`;
  const seen = packedAs.get(b.dataId);
  if (seen === undefined) {
    packedAs.set(b.dataId, key);
    return b;
  }
  if (seen === key) return b;
  const copy = keep(rt.copy(b));
  packedAs.set(copy.dataId, key);
  return copy;
}

/** Whether XNNPACK's pool pays for a2 [1, rows, k] @ b2 [1, k, n]. */
export function threadedGemm(a2: Info, b2: Info): boolean {
  return a2.shape[1] * a2.shape[2] * b2.shape[2] >= PLAN.gemmMacs;
}

/** XNNPACK's GEMM through tfjs's BatchMatMul (untransposed, batch 1). */
function batchMatMul(rt: Runtime, a2: Info, b2: Info): Info {
  return rt.run('BatchMatMul', { a: a2, b: b2 }, { transposeA: false, transposeB: false }, threadedGemm(a2, b2));
}

/**
 * Runs `gemm(a2, b2)` with a2 [1, rows, k] and b2 [1, k, n] (no transposes, batch 1): the only
 * form tfjs's BatchMatMul / _FusedMatMul hand to XNNPACK (and its threads); every other
 * form falls into a single-threaded scalar loop there (which also adds a fused bias at the
 * wrong index). Transposes become explicit transposes (transpose.ts), and batches fold into rows.
 * Returns null where the batches cannot fold (both operands batched): the caller loops.
 */
export function viaGemm(rt: Runtime, a: Info, b: Info, transposeA: boolean, transposeB: boolean, keep: Keep,
  gemm: (a2: Info, b2: Info) => Info): Info | null {
  const [ba, bb] = [a.shape[0], b.shape[0]];
  if (ba > 1 && bb > 1) return null;
  const at = transposeA ? keep(transpose(rt, a, [0, 2, 1])) : a;
  const bt = transposeB ? keep(transpose(rt, b, [0, 2, 1])) : b;
  const [, m, k] = at.shape;
  const n = bt.shape[2];
  if (bb === 1) {
    // a [ba, m, k] @ b [k, n] = (a as [ba * m, k]) @ b.
    const out = gemm(rt.view(at, [1, ba * m, k]), weights(rt, rt.view(bt, [1, k, n]), keep));
    return rt.view(out, [ba, m, n]);
  }
  // a [m, k] @ b [bb, k, n]: a @ (b as [k, bb * n]), then [m, bb, n] -> [bb, m, n].
  const bk = keep(transpose(rt, bt, [1, 0, 2]));
  const wide = keep(gemm(at, weights(rt, rt.view(bk, [1, k, bb * n]), keep)));
  return transpose(rt, rt.view(wide, [m, bb, n]), [1, 0, 2]);
}

/** Batched matrix product on tfjs's BatchMatMul (XNNPACK GEMM, threaded). */
export function matmul(rt: Runtime, a: Info, b: Info, transposeA: boolean, transposeB: boolean): Info {
  const outShape = matmulShape(a, b, transposeA, transposeB);
  if (sizeOf(outShape) === 0) return rt.empty(outShape, 'float32');
  const k = transposeA ? a.shape[1] : a.shape[2];
  if (k === 0) return rt.fill(outShape, 0, 'float32');
  const few = fewRowsMatmul(rt, a, b, null, false, transposeA, transposeB);
  if (few) return few;
  const [, m, n] = outShape;
  if (m * n * k < SMALL) return rt.view(rt.run('BatchMatMul', { a, b }, { transposeA, transposeB }), outShape);
  return rt.scoped((keep) => {
    const folded = viaGemm(rt, a, b, transposeA, transposeB, keep, (a2, b2) => batchMatMul(rt, a2, b2));
    if (folded) return rt.view(folded, outShape);
    // Both operands batched: one GEMM per batch.
    const out = rt.empty(outShape, 'float32');
    const [ba] = a.shape;
    const aStep = sizeOf(a.shape.slice(1));
    const bStep = sizeOf(b.shape.slice(1));
    for (let i = 0; i < ba; i++) {
      const ai = keep(rt.range(a, i * aStep, [1, a.shape[1], a.shape[2]]));
      const bi = keep(rt.range(b, i * bStep, [1, b.shape[1], b.shape[2]]));
      const yi = viaGemm(rt, ai, bi, transposeA, transposeB, keep, (a2, b2) => batchMatMul(rt, a2, b2))!;
      rt.heap(out).set(rt.heap(yi), i * m * n);
      rt.free(yi);
    }
    return out;
  });
}
