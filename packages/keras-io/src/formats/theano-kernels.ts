import type { HostTensor } from './tensors.js';

// Keras 2's preprocess_weights_for_loading flips these layers' kernels when the file was written
// with Theano, which convolves (flips the kernel) where TensorFlow and layerwise correlate.
const FLIPPED: Readonly<Record<string, number>> = { Conv1D: 1, Conv2D: 1, Conv3D: 1, Conv2DTranspose: 1, ConvLSTM2D: 2 };

/** Reverses every spatial axis of a [...spatial, in, out] kernel (Keras's conv_utils.convert_kernel). */
function flipSpatial(t: HostTensor): HostTensor {
  const shape = t.shape;
  if (shape.length < 3) return t;
  const spatial = shape.length - 2;
  const inner = shape[shape.length - 2] * shape[shape.length - 1];
  const out = new (t.data.constructor as Float32ArrayConstructor)(t.data.length);
  const dims = shape.slice(0, spatial);
  const count = dims.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(spatial).fill(0);
  for (let flat = 0; flat < count; flat++) {
    let rev = 0;
    for (let d = 0; d < spatial; d++) rev = rev * dims[d] + (dims[d] - 1 - idx[d]);
    out.set(t.data.subarray(flat * inner, (flat + 1) * inner), rev * inner);
    for (let d = spatial - 1; d >= 0 && ++idx[d] === dims[d]; d--) idx[d] = 0;
  }
  return { ...t, data: out };
}

/** The layer's weights as TensorFlow lays them out, given the backend that wrote the file. */
export function fromBackend(className: string, weights: HostTensor[], backend: string | undefined): HostTensor[] {
  const flips = FLIPPED[className] ?? 0;
  if (backend !== 'theano' || flips === 0) return weights;
  return weights.map((w, i) => (i < flips ? flipSpatial(w) : w));
}
