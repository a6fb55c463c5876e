import { describe, expect, it } from 'vitest';
import { ops, tensor, setBackend } from '@layerwise/api';

describe('bad calls name the op, the argument and the shapes', () => {
  it('mismatched shapes', () => {
    expect(() => ops.add(tensor([[1, 2, 3]]), tensor([[1, 2]]))).toThrow("add: shapes of 'a' [1,3] and 'b' [1,2] do not broadcast");
    expect(() => ops.matMul(tensor([[1, 2, 3]]), tensor([[1, 2]]))).toThrow(/matMul: inner dimensions differ: 'a' \[1,1,3\].*'b' \[1,1,2\]/);
    expect(() => ops.conv2d(tensor(new Float32Array(16), [1, 4, 4, 1]), tensor(new Float32Array(8), [2, 2, 2, 1])))
      .toThrow("conv2d: input channels of 'x' [1,4,4,1] (1) must equal filter in-channels of 'filter' [2,2,2,1] (2)");
    expect(() => ops.reshape(tensor([1, 2, 3]), [2, 2])).toThrow("reshape: cannot reshape 'x' of shape [3] (3 elements) to [2,2] (4 elements)");
  });

  it('wrong dtype', () => {
    expect(() => ops.exp(tensor([1, 2], [2], 'int32'))).toThrow("exp: argument 'x' must be float32, got int32 (shape [2])");
    expect(() => ops.add(tensor([1], [1], 'int32'), tensor([1]))).toThrow(/add: arguments 'a' \(int32, shape \[1\]\) and 'b' \(float32, shape \[1\]\) must have the same dtype/);
    expect(() => ops.logicalAnd(tensor([1]), tensor([1]))).toThrow("logicalAnd: argument 'a' must be bool, got float32 (shape [1])");
  });

  it('disposed tensor', () => {
    const x = tensor([1, 2]);
    x.dispose();
    expect(() => ops.relu(x)).toThrow("relu: argument 'x' (shape [2]) is disposed");
    expect(() => x.dataSync()).toThrow(/dataSync: tensor \d+ \(shape \[2\]\) is disposed/);
  });

  it('ragged or malformed data', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow("tensor: argument 'values' is ragged at values[1]: expected an array of length 2, got length 1");
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow("tensor: argument 'values' has 3 values but shape [2,2] needs 4");
    expect(() => ops.sum(tensor([1, 2]), 3)).toThrow('sum: axis 3 is out of range for rank 1');
  });

  it('unknown backend names the registered ones', async () => {
    await expect(setBackend('nope')).rejects.toThrow("setBackend: unknown backend 'nope'; registered: cpu");
  });
});
