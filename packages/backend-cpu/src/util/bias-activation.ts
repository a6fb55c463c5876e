import type { FusedActivation } from '@layerwise/api';

/** In place: out[r, j] = activation(out[r, j] + bias[j]) over rows of n (bias may be null). */
export function biasActivation(out: Float32Array, n: number, bias: Float32Array | null, activation: FusedActivation): void {
  const len = out.length;
  if (bias !== null && n > 0) {
    for (let r = 0; r < len; r += n) for (let j = 0; j < n; j++) out[r + j] += bias[j];
  }
  switch (activation) {
    case 'linear': break;
    case 'relu': for (let i = 0; i < len; i++) { const x = out[i]; out[i] = x > 0 ? x : x === x ? 0 : x; } break;
    case 'sigmoid': for (let i = 0; i < len; i++) out[i] = 1 / (1 + Math.exp(-out[i])); break;
    case 'tanh': for (let i = 0; i < len; i++) out[i] = Math.tanh(out[i]); break;
  }
}
