// Plain float64 loops for the convolution-family tests (not a test file itself). Every
// tensor is channels-last and row-major; each function follows the definition of its
// Keras/TensorFlow op directly (windows, taps, scatter), not layerwise's composition.

/** Row-major multi-indices of `shape`. */
export function* indices(shape: readonly number[]): Generator<number[]> {
  const n = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < n; flat++) {
    const idx = new Array<number>(shape.length);
    let rest = flat;
    for (let a = shape.length - 1; a >= 0; a--) {
      idx[a] = rest % shape[a];
      rest = Math.floor(rest / shape[a]);
    }
    yield idx;
  }
}

/** Row-major offset of `idx` in `shape`. */
export const offset = (idx: readonly number[], shape: readonly number[]): number => idx.reduce((acc, v, i) => acc * shape[i] + v, 0);

/** Per spatial axis: strides, dilations, zeros before, and the output length. */
export interface Window {
  strides: number[];
  dilations: number[];
  padBefore: number[];
  out: number[];
}

/** TensorFlow's split of 'same' padding and the output length, for one axis. */
export function sameAxis(n: number, k: number, s: number, d = 1): { out: number; before: number } {
  const out = Math.ceil(n / s);
  const total = Math.max(0, (out - 1) * s + (k - 1) * d + 1 - n);
  return { out, before: Math.floor(total / 2) };
}

/** A window over `input` lengths with 'valid' or 'same' padding. */
export function window(input: number[], kernel: number[], strides: number[], padding: 'valid' | 'same', dilations = kernel.map(() => 1)): Window {
  const axes = input.map((n, a) => (padding === 'same'
    ? sameAxis(n, kernel[a], strides[a], dilations[a])
    : { out: Math.floor((n - (kernel[a] - 1) * dilations[a] - 1) / strides[a]) + 1, before: 0 }));
  return { strides, dilations, padBefore: axes.map((a) => a.before), out: axes.map((a) => a.out) };
}

/** The input position tap `t` meets at output position `o`, or null on padding. */
function source(o: readonly number[], t: readonly number[], w: Window, spatial: readonly number[]): number[] | null {
  const p = o.map((v, a) => v * w.strides[a] + t[a] * w.dilations[a] - w.padBefore[a]);
  return p.every((v, a) => v >= 0 && v < spatial[a]) ? p : null;
}

/** Convolution: x [b, ...spatial, c], kernel [...k, c, f] -> [b, ...out, f]. */
export function convRef(x: number[], xShape: number[], kernel: number[], kShape: number[], w: Window): number[] {
  const r = xShape.length - 2;
  const [b, c, f] = [xShape[0], xShape[r + 1], kShape[r + 1]];
  const spatial = xShape.slice(1, r + 1);
  const taps = kShape.slice(0, r);
  const out = new Array<number>(b * w.out.reduce((a, v) => a * v, 1) * f).fill(0);
  for (const [n, ...o] of indices([b, ...w.out])) {
    for (const t of indices(taps)) {
      const p = source(o, t, w, spatial);
      if (!p) continue;
      for (let ci = 0; ci < c; ci++) for (let fi = 0; fi < f; fi++) {
        out[offset([n, ...o, fi], [b, ...w.out, f])] += x[offset([n, ...p, ci], xShape)] * kernel[offset([...t, ci, fi], kShape)];
      }
    }
  }
  return out;
}

/**
 * Transposed convolution by its definition (scatter): x [b, ...in, c], kernel [...k, f, c]
 * -> [b, ...outSpatial, f]; `w` is the window of the forward convolution that maps
 * outSpatial back to x's spatial shape (its padding and strides).
 */
export function convTransposeRef(x: number[], xShape: number[], kernel: number[], kShape: number[], outSpatial: number[], w: Window): number[] {
  const r = xShape.length - 2;
  const [b, c, f] = [xShape[0], xShape[r + 1], kShape[r]];
  const inSpatial = xShape.slice(1, r + 1);
  const outShape = [b, ...outSpatial, f];
  const out = new Array<number>(outShape.reduce((a, v) => a * v, 1)).fill(0);
  for (const [n, ...i] of indices([b, ...inSpatial])) {
    for (const t of indices(kShape.slice(0, r))) {
      const q = source(i, t, w, outSpatial);
      if (!q) continue;
      for (let ci = 0; ci < c; ci++) for (let fi = 0; fi < f; fi++) {
        out[offset([n, ...q, fi], outShape)] += x[offset([n, ...i, ci], xShape)] * kernel[offset([...t, fi, ci], kShape)];
      }
    }
  }
  return out;
}

/** Depthwise convolution: x [b, ...spatial, c], kernel [...k, c, m] -> [b, ...out, c * m]. */
export function depthwiseRef(x: number[], xShape: number[], kernel: number[], kShape: number[], w: Window): number[] {
  const r = xShape.length - 2;
  const [b, c, m] = [xShape[0], xShape[r + 1], kShape[r + 1]];
  const spatial = xShape.slice(1, r + 1);
  const outShape = [b, ...w.out, c * m];
  const out = new Array<number>(outShape.reduce((a, v) => a * v, 1)).fill(0);
  for (const [n, ...o] of indices([b, ...w.out])) {
    for (const t of indices(kShape.slice(0, r))) {
      const p = source(o, t, w, spatial);
      if (!p) continue;
      for (let ci = 0; ci < c; ci++) for (let j = 0; j < m; j++) {
        out[offset([n, ...o, ci * m + j], outShape)] += x[offset([n, ...p, ci], xShape)] * kernel[offset([...t, ci, j], kShape)];
      }
    }
  }
  return out;
}

/** Max or mean (of in-bounds elements) over windows: x [b, ...spatial, c] -> [b, ...out, c]. */
export function poolRef(mode: 'max' | 'avg', x: number[], xShape: number[], pool: number[], w: Window): number[] {
  const r = xShape.length - 2;
  const spatial = xShape.slice(1, r + 1);
  const c = xShape[r + 1];
  const out: number[] = [];
  for (const [n, ...o] of indices([xShape[0], ...w.out])) {
    for (let ci = 0; ci < c; ci++) {
      const seen: number[] = [];
      for (const t of indices(pool)) {
        const p = source(o, t, w, spatial);
        if (p) seen.push(x[offset([n, ...p, ci], xShape)]);
      }
      out.push(mode === 'max' ? Math.max(...seen) : seen.reduce((a, v) => a + v, 0) / seen.length);
    }
  }
  return out;
}

/**
 * Keras 2.2.4's local_conv1d/2d ('valid'): x [b, ...spatial, c], kernel [positions, features, f]
 * with each patch's features (tap, channel) or, channelsMajor, (channel, tap).
 */
export function localRef(x: number[], xShape: number[], kernel: number[], kShape: number[], size: number[], strides: number[], channelsMajor: boolean): number[] {
  const r = xShape.length - 2;
  const [b, c, f] = [xShape[0], xShape[r + 1], kShape[2]];
  const w = window(xShape.slice(1, r + 1), size, strides, 'valid');
  const taps = size.reduce((a, v) => a * v, 1);
  const out: number[] = [];
  for (const [n, ...o] of indices([b, ...w.out])) {
    const pos = offset(o, w.out);
    for (let fi = 0; fi < f; fi++) {
      let s = 0;
      for (const t of indices(size)) {
        const p = o.map((v, a) => v * strides[a] + t[a]);
        const ti = offset(t, size);
        for (let ci = 0; ci < c; ci++) {
          const feature = channelsMajor ? ci * taps + ti : ti * c + ci;
          s += x[offset([n, ...p, ci], xShape)] * kernel[offset([pos, feature, fi], kShape)];
        }
      }
      out.push(s);
    }
  }
  return out;
}

/** Channels-first [b, c, ...spatial] values of a channels-last [b, ...spatial, c] array. */
export function toChannelsFirst(x: number[], shape: number[]): number[] {
  const r = shape.length - 2;
  const first = [shape[0], shape[r + 1], ...shape.slice(1, r + 1)];
  const out = new Array<number>(x.length);
  for (const [n, ...rest] of indices(shape)) out[offset([n, rest[r], ...rest.slice(0, r)], first)] = x[offset([n, ...rest], shape)];
  return out;
}
