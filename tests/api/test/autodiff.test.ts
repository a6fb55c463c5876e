import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads, grads, dispose, type Tensor } from '@layerwise/api';

const vals = (t: Tensor): number[] => Array.from(t.dataSync());

describe('autodiff', () => {
  it('gradients of a polynomial are exact', () => {
    const x = tensor([1, -2, 3]);
    const { value, grads: [g] } = valueAndGrads(() => ops.sum(ops.add(ops.mul(x, x), ops.mul(x, 3))), [x]);
    expect(vals(value)).toEqual([20]);
    expect(vals(g)).toEqual([5, -1, 9]);
    dispose([x, value, g]);
  });

  it('broadcast gradients are summed back to the operand shape', () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const b = tensor([10, 20, 30]);
    const [ga, gb] = grads(() => ops.sum(ops.mul(a, b)), [a, b]);
    expect(ga.shape).toEqual([2, 3]);
    expect(vals(ga)).toEqual([10, 20, 30, 10, 20, 30]);
    expect(gb.shape).toEqual([3]);
    expect(vals(gb)).toEqual([5, 7, 9]);
    dispose([a, b, ga, gb]);
  });

  it('a tensor used twice accumulates both contributions; unused inputs get zeros', () => {
    const x = tensor([2]);
    const unused = tensor([7, 7]);
    const [gx, gu] = grads(() => ops.sum(ops.mul(ops.exp(x), x)), [x, unused]);
    expect(vals(gx)[0]).toBeCloseTo(Math.exp(2) * 3, 4);
    expect(vals(gu)).toEqual([0, 0]);
    dispose([x, unused, gx, gu]);
  });

  it('matMul, conv2d, pooling, gather and softmax gradients match finite differences', () => {
    const x = tensor(Array.from({ length: 2 * 4 * 4 * 2 }, (_, i) => Math.sin(i * 1.3)), [2, 4, 4, 2]);
    const w = tensor(Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => Math.cos(i * 0.7)), [3, 3, 2, 3]);
    const f = (xv: Tensor, wv: Tensor): Tensor => {
      const c = ops.conv2d(xv, wv, { padding: 'same', strides: 1 });
      const p = ops.maxPool2d(c, { poolSize: 2 });
      const flat = ops.reshape(p, [2, -1]);
      const s = ops.logSoftmax(flat);
      return ops.sum(ops.mul(s, ops.gather(tensor([[0.5, -1, 2, 0.25, 1, -0.5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]]), tensor([0, 0], [2], 'int32'))));
    };
    const [gx, gw] = grads(() => f(x, w), [x, w]);
    const eps = 1e-2;
    for (const [t, g] of [[x, gx], [w, gw]] as const) {
      const base = t.dataSync();
      const analytic = g.dataSync();
      for (const i of [0, 5, 17, base.length - 1]) {
        const plus = base.slice(); plus[i] += eps;
        const minus = base.slice(); minus[i] -= eps;
        const numeric = tidy(() => {
          const fp = t === x ? f(tensor(plus, t.shape), w) : f(x, tensor(plus, t.shape));
          const fm = t === x ? f(tensor(minus, t.shape), w) : f(x, tensor(minus, t.shape));
          return (fp.dataSync()[0] - fm.dataSync()[0]) / (2 * eps);
        });
        expect(analytic[i]).toBeCloseTo(numeric, 1);
      }
    }
    dispose([x, w, gx, gw]);
  });

  it('frees every intermediate, including ones inside tidy within f', () => {
    const x = tensor([[1, 2], [3, 4]]);
    const w = tensor([[0.5], [-1]]);
    const before = memory().buffers;
    const { value, grads: gs } = valueAndGrads(() => {
      const h = tidy(() => ops.tanh(ops.matMul(x, w)));
      return ops.mean(ops.square(ops.sub(h, 1)));
    }, [x, w]);
    expect(memory().buffers).toBe(before + 3);
    expect(gs[1].shape).toEqual([2, 1]);
    dispose([value, ...gs]);
    expect(memory().buffers).toBe(before);
    dispose([x, w]);
  });

  it('an error inside f leaves no buffers behind', () => {
    const x = tensor([1, 2, 3]);
    const before = memory().buffers;
    expect(() => valueAndGrads(() => ops.add(ops.exp(x), tensor([1, 2])), [x])).toThrow(/add: shapes of 'a' \[3\] and 'b' \[2\] do not broadcast/);
    expect(memory().buffers).toBe(before);
    x.dispose();
  });
});

describe('memory scopes', () => {
  it('tidy frees everything but its result, for any op sequence', () => {
    const before = memory().buffers;
    const kept = tidy(() => {
      const a = ops.randomNormal([4, 4], 0, 1, 1);
      const b = ops.relu(ops.matMul(a, a));
      const c = ops.concat([b, ops.transpose(b)], 0);
      return ops.softmax(ops.reshape(c, [8, 4]));
    });
    expect(memory().buffers).toBe(before + 1);
    kept.dispose();
    expect(memory().buffers).toBe(before);
  });

  it('reshape views keep the buffer alive until the last view is freed', () => {
    const before = memory().buffers;
    const x = tensor([1, 2, 3, 4]);
    const y = ops.reshape(x, [2, 2]);
    expect(memory().buffers).toBe(before + 1);
    x.dispose();
    expect(memory().buffers).toBe(before + 1);
    y.dispose();
    expect(memory().buffers).toBe(before);
  });
});
