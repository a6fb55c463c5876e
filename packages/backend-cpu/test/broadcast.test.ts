import { describe, it, expect } from 'vitest';
import { BroadcastWalk } from '../src/util/broadcast.js';
import { k, t, read, rand } from './helpers.js';

/** Every operand's flat index of every output element, by unravelling (the numpy definition). */
function naiveIndex(inShape: number[], outShape: number[]): number[] {
  const n = outShape.reduce((p, q) => p * q, 1);
  const idx: number[] = [];
  for (let o = 0; o < n; o++) {
    let rem = o, flat = 0, mul = 1;
    for (let ax = outShape.length - 1; ax >= 0; ax--) {
      const coord = rem % outShape[ax];
      rem = Math.floor(rem / outShape[ax]);
      const d = ax - (outShape.length - inShape.length);
      if (d >= 0) {
        if (inShape[d] !== 1) flat += coord * mul;
        mul *= inShape[d];
      }
    }
    idx.push(flat);
  }
  return idx;
}

/** The indices a walk visits, in output order. */
function walked(shapes: number[][], outShape: number[]): number[][] {
  const w = new BroadcastWalk(shapes, outShape);
  const out: number[][] = shapes.map(() => []);
  for (let r = 0; r < w.rows; r++, w.next()) {
    for (let j = 0; j < w.inner; j++) shapes.forEach((_, s) => out[s].push(w.base[s] + j * w.stride[s]));
  }
  return out;
}

/** Seeded shapes: an output of rank 0-4 with dims 1-3, and operands that drop leading axes or set dims to 1. */
function* shapeCases(count: number): Generator<{ out: number[]; ins: number[][] }> {
  let s = 12345;
  const next = (m: number) => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s % m; };
  for (let c = 0; c < count; c++) {
    const rank = next(5);
    const out = Array.from({ length: rank }, () => 1 + next(3));
    const ins = [0, 1, 2].map(() => {
      const drop = next(rank + 1);
      return out.slice(drop).map((d) => (next(3) === 0 ? 1 : d));
    });
    yield { out, ins };
  }
}

describe('BroadcastWalk', () => {
  it('visits the numpy broadcast indices for 300 seeded shape triples', () => {
    for (const { out, ins } of shapeCases(300)) {
      const got = walked(ins, out);
      ins.forEach((shape, s) => expect(got[s], `${JSON.stringify(shape)} -> ${JSON.stringify(out)}`).toEqual(naiveIndex(shape, out)));
    }
  });

  it('merges axes into as few runs as the broadcast allows', () => {
    const runs = (shapes: number[][], out: number[]) => { const w = new BroadcastWalk(shapes, out); return [w.rows, w.inner]; };
    expect(runs([[64, 26, 26, 32], [64, 26, 26, 32]], [64, 26, 26, 32])).toEqual([1, 1384448]); // same shape
    expect(runs([[64, 26, 26, 32], []], [64, 26, 26, 32])).toEqual([1, 1384448]); // scalar
    expect(runs([[128, 10], [10]], [128, 10])).toEqual([128, 10]); // bias row
    expect(runs([[4, 1, 5], [1, 3, 1]], [4, 3, 5])).toEqual([12, 5]);
    expect(runs([[2, 1, 3, 4], [2, 1, 3, 4]], [2, 1, 3, 4])).toEqual([1, 24]); // size-1 axes dropped
    expect(runs([[6, 1], [1]], [6, 1])).toEqual([1, 6]);
    expect(runs([[], []], [])).toEqual([1, 1]);
    expect(runs([[0, 3], [3]], [0, 3])).toEqual([0, 0]);
    expect(runs([[3, 1], [1, 0]], [3, 0])).toEqual([0, 0]);
  });
});

describe('broadcasting kernels over seeded shapes', () => {
  it('binary and select agree with the unravelled definition', () => {
    let c = 0;
    for (const { out, ins } of shapeCases(120)) {
      const [sa, sb, sc] = ins;
      const size = (shape: number[]) => shape.reduce((p, q) => p * q, 1);
      const a = rand(size(sa), ++c), b = rand(size(sb), ++c);
      const cond = Uint8Array.from(rand(size(sc), ++c), (v) => (v > 0 ? 1 : 0));
      const ia = naiveIndex(sa, out), ib = naiveIndex(sb, out), ic = naiveIndex(sc, out);
      const label = `${JSON.stringify(ins)} -> ${JSON.stringify(out)}`;
      for (const op of ['add', 'sub', 'mul', 'div', 'maximum'] as const) {
        const expected = ia.map((x, i) => {
          const p = a[x], q = b[ib[i]];
          return Math.fround(op === 'add' ? p + q : op === 'sub' ? p - q : op === 'mul' ? p * q : op === 'div' ? p / q : Math.max(p, q));
        });
        expect(read(k.binary(op, t(a, sa), t(b, sb), out)), `${op} ${label}`).toEqual(expected);
      }
      expect(read(k.binary('less', t(a, sa), t(b, sb), out), out, 'bool'), `less ${label}`)
        .toEqual(ia.map((x, i) => (a[x] < b[ib[i]] ? 1 : 0)));
      const ai = Int32Array.from(a, (v) => Math.round(v * 100)), bi = Int32Array.from(b, (v) => Math.round(v * 100));
      expect(read(k.binary('sub', t(ai, sa, 'int32'), t(bi, sb, 'int32'), out), out, 'int32'), `int sub ${label}`)
        .toEqual(ia.map((x, i) => ai[x] - bi[ib[i]]));
      expect(read(k.select(t(cond, sc, 'bool'), t(a, sa), t(b, sb), out)), `select ${label}`)
        .toEqual(ic.map((ci, i) => (cond[ci] !== 0 ? a[ia[i]] : b[ib[i]])));
    }
  });
});
