import { describe, expect, it } from 'vitest';
import { Sequential, layers, memory, saving, tensor, tidy, type Tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';

// References, in float64 over flat row-major arrays: each output element is computed from
// the input coordinates Keras 2.2.4 reads (layers/convolutional.py: _Cropping slices,
// K.temporal_padding / spatial_2d_padding / spatial_3d_padding, K.repeat_elements,
// K.resize_images -> TensorFlow 1.x resize_nearest_neighbor / resize_bilinear).

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function coordsOf(i: number, shape: number[]): number[] {
  const c = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) { c[d] = i % shape[d]; i = Math.floor(i / shape[d]); }
  return c;
}

const indexOf = (c: number[], shape: number[]) => c.reduce((acc, v, d) => acc * shape[d] + v, 0);

/** out[c] = read(c), for every coordinate c of outShape. */
function build(outShape: number[], read: (c: number[]) => number): number[] {
  return Array.from({ length: size(outShape) }, (_, i) => read(coordsOf(i, outShape)));
}

const spatialAxes = (rank: number, first: boolean) => Array.from({ length: rank }, (_, i) => (first ? 2 : 1) + i);

function refCrop(x: number[], shape: number[], crops: [number, number][], first = false): { y: number[]; shape: number[] } {
  const axes = spatialAxes(crops.length, first);
  const out = shape.map((d, a) => (axes.includes(a) ? d - crops[axes.indexOf(a)][0] - crops[axes.indexOf(a)][1] : d));
  return { shape: out, y: build(out, (c) => x[indexOf(c.map((v, a) => (axes.includes(a) ? v + crops[axes.indexOf(a)][0] : v)), shape)]) };
}

function refPad(x: number[], shape: number[], pads: [number, number][], first = false): { y: number[]; shape: number[] } {
  const axes = spatialAxes(pads.length, first);
  const out = shape.map((d, a) => (axes.includes(a) ? d + pads[axes.indexOf(a)][0] + pads[axes.indexOf(a)][1] : d));
  return {
    shape: out,
    y: build(out, (c) => {
      const src = c.map((v, a) => (axes.includes(a) ? v - pads[axes.indexOf(a)][0] : v));
      return src.every((v, a) => v >= 0 && v < shape[a]) ? x[indexOf(src, shape)] : 0;
    }),
  };
}

function refNearest(x: number[], shape: number[], sizes: number[], first = false): { y: number[]; shape: number[] } {
  const axes = spatialAxes(sizes.length, first);
  const out = shape.map((d, a) => (axes.includes(a) ? d * sizes[axes.indexOf(a)] : d));
  return { shape: out, y: build(out, (c) => x[indexOf(c.map((v, a) => (axes.includes(a) ? Math.floor(v / sizes[axes.indexOf(a)]) : v)), shape)]) };
}

/**
 * TensorFlow 1.x resize_bilinear (align_corners false, half_pixel_centers false): output o
 * of an axis of length n scaled to m samples in = o * n / m; lower = floor(in),
 * upper = min(lower + 1, n - 1), lerp = in - lower; top = tl + (tr - tl) * xl,
 * bottom = bl + (br - bl) * xl, out = top + (bottom - top) * yl.
 */
function refBilinear(x: number[], shape: number[], [fh, fw]: number[], first = false): { y: number[]; shape: number[] } {
  const [ra, ca] = first ? [2, 3] : [1, 2];
  const h = shape[ra];
  const w = shape[ca];
  const out = shape.map((d, a) => (a === ra ? d * fh : a === ca ? d * fw : d));
  const axis = (o: number, n: number, m: number) => {
    const pos = (o * n) / m;
    const lo = Math.floor(pos);
    return { lo, hi: Math.min(lo + 1, n - 1), l: pos - lo };
  };
  return {
    shape: out,
    y: build(out, (c) => {
      const ry = axis(c[ra], h, h * fh);
      const rx = axis(c[ca], w, w * fw);
      const at = (yy: number, xx: number) => x[indexOf(c.map((v, a) => (a === ra ? yy : a === ca ? xx : v)), shape)];
      const top = at(ry.lo, rx.lo) + (at(ry.lo, rx.hi) - at(ry.lo, rx.lo)) * rx.l;
      const bottom = at(ry.hi, rx.lo) + (at(ry.hi, rx.hi) - at(ry.hi, rx.lo)) * rx.l;
      return top + (bottom - top) * ry.l;
    }),
  };
}

type AnyLayer = InstanceType<typeof layers.Layer>;

/** Applies the layer to wave data of `shape` and compares with the reference; returns the input. */
function expectForward(layer: AnyLayer, shape: number[], ref: (x: number[], shape: number[]) => { y: number[]; shape: number[] }): Tensor {
  const xv = wave(size(shape));
  const x = tensor(xv, shape);
  const y = layer.apply(x);
  const expected = ref(xv, shape);
  expect(y.shape).toEqual(expected.shape);
  expect(layer.computeOutputShape([null, ...shape.slice(1)])).toEqual([null, ...expected.shape.slice(1)]);
  expectClose(vals(y), expected.y, 1e-6);
  expect(layer.countParams()).toBe(0);
  expect(layer.weights).toEqual([]);
  y.dispose();
  return x;
}

describe('Cropping1D/2D/3D', () => {
  it('Cropping1D: default [1, 1], a number, [start, end]', () => {
    expectForward(layers.cropping1d(), [2, 5, 3], (x, s) => refCrop(x, s, [[1, 1]]));
    expectForward(layers.cropping1d({ cropping: 2 }), [2, 6, 2], (x, s) => refCrop(x, s, [[2, 2]]));
    const x = expectForward(layers.cropping1d({ cropping: [0, 3] }), [1, 5, 2], (x, s) => refCrop(x, s, [[0, 3]]));
    checkGradients(layers.cropping1d({ cropping: [1, 2] }), x);
  });

  it('Cropping2D: pairs, a number per axis, channelsFirst; gradients', () => {
    expect(layers.cropping2d().cropping).toEqual([[0, 0], [0, 0]]);
    expectForward(layers.cropping2d({ cropping: [[1, 2], [0, 1]] }), [2, 5, 4, 3], (x, s) => refCrop(x, s, [[1, 2], [0, 1]]));
    expectForward(layers.cropping2d({ cropping: [1, 2] }), [1, 4, 6, 2], (x, s) => refCrop(x, s, [[1, 1], [2, 2]]));
    const first = layers.cropping2d({ cropping: [[0, 1], [2, 1]], dataFormat: 'channelsFirst' });
    const x = expectForward(first, [2, 3, 4, 5], (x, s) => refCrop(x, s, [[0, 1], [2, 1]], true));
    checkGradients(first, x);
    checkRoundTrip(first, x);
  });

  it('Cropping3D: default [[1, 1]] x 3, per-axis pairs, channelsFirst', () => {
    expectForward(layers.cropping3d(), [1, 4, 3, 5, 2], (x, s) => refCrop(x, s, [[1, 1], [1, 1], [1, 1]]));
    const l = layers.cropping3d({ cropping: [[0, 1], [1, 0], [2, 1]], dataFormat: 'channels_first' });
    const x = expectForward(l, [2, 2, 3, 3, 4], (x, s) => refCrop(x, s, [[0, 1], [1, 0], [2, 1]], true));
    checkGradients(l, x);
  });

  it('refuses bad croppings and inputs, naming the layer', () => {
    expect(() => layers.cropping2d({ name: 'c', cropping: [[1, 2], [3]] as never })).toThrow('c: cropping must be an integer >= 0, 2 integers, or 2 [before, after] pairs, got [[1,2],[3]]');
    expect(() => layers.cropping1d({ name: 'c1', cropping: -1 })).toThrow('c1: cropping must be an integer >= 0 or [before, after], got -1');
    expect(() => layers.cropping2d({ name: 'c2', cropping: [2, 2] }).apply(tensor(wave(16), [1, 4, 4, 1]))).toThrow('c2: cropping [2, 2] removes all 4 elements of spatial axis 0; crop less');
    expect(() => layers.cropping2d({ name: 'c3' }).apply(tensor(wave(4), [1, 4]))).toThrow('c3: expected input of rank 4 (batch, rows, cols, channels), got shape (None, 4)');
    const model = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3, 3] })] });
    expect(() => model.add(layers.cropping1d({ name: 'c4', cropping: [2, 1] }))).toThrow('c4: cropping [2, 1] removes all 3 elements of spatial axis 0; crop less');
  });
});

describe('ZeroPadding1D/2D/3D', () => {
  it('ZeroPadding1D: default 1, [start, end]; gradients', () => {
    expectForward(layers.zeroPadding1d(), [2, 3, 2], (x, s) => refPad(x, s, [[1, 1]]));
    const l = layers.zeroPadding1d({ padding: [0, 2] });
    const x = expectForward(l, [2, 3, 2], (x, s) => refPad(x, s, [[0, 2]]));
    checkGradients(l, x);
  });

  it('ZeroPadding2D: default 1, per-axis, pairs, channelsFirst', () => {
    expect(layers.zeroPadding2d().padding).toEqual([[1, 1], [1, 1]]);
    expectForward(layers.zeroPadding2d(), [1, 2, 3, 2], (x, s) => refPad(x, s, [[1, 1], [1, 1]]));
    expectForward(layers.zeroPadding2d({ padding: [2, 0] }), [1, 2, 3, 2], (x, s) => refPad(x, s, [[2, 2], [0, 0]]));
    const l = layers.zeroPadding2d({ padding: [[0, 1], [2, 1]], dataFormat: 'channelsFirst' });
    const x = expectForward(l, [2, 2, 3, 3], (x, s) => refPad(x, s, [[0, 1], [2, 1]], true));
    checkGradients(l, x);
    checkRoundTrip(l, x);
  });

  it('ZeroPadding3D: default 1 and pairs, channelsFirst', () => {
    expectForward(layers.zeroPadding3d(), [1, 2, 2, 2, 1], (x, s) => refPad(x, s, [[1, 1], [1, 1], [1, 1]]));
    const l = layers.zeroPadding3d({ padding: [[1, 0], [0, 2], [1, 1]], dataFormat: 'channelsFirst' });
    const x = expectForward(l, [1, 2, 2, 3, 2], (x, s) => refPad(x, s, [[1, 0], [0, 2], [1, 1]], true));
    checkGradients(l, x);
  });
});

describe('UpSampling1D/2D/3D', () => {
  it('UpSampling1D: default 2 and 3 (each step repeated); gradients', () => {
    expectForward(layers.upSampling1d(), [2, 3, 2], (x, s) => refNearest(x, s, [2]));
    const l = layers.upSampling1d({ size: 3 });
    const x = expectForward(l, [2, 3, 2], (x, s) => refNearest(x, s, [3]));
    checkGradients(l, x);
  });

  it("UpSampling2D 'nearest': default [2, 2], [2, 3], channelsFirst", () => {
    expectForward(layers.upSampling2d(), [2, 2, 3, 2], (x, s) => refNearest(x, s, [2, 2]));
    expectForward(layers.upSampling2d({ size: [2, 3] }), [1, 3, 2, 2], (x, s) => refNearest(x, s, [2, 3]));
    const l = layers.upSampling2d({ size: [3, 2], dataFormat: 'channelsFirst' });
    const x = expectForward(l, [2, 2, 2, 3], (x, s) => refNearest(x, s, [3, 2], true));
    checkGradients(l, x);
  });

  it("UpSampling2D 'bilinear': TensorFlow 1.x resize_bilinear (align_corners false, no half-pixel centres)", () => {
    // A hand-checked row: [0, 1, 4] upsampled 2x reads positions 0, .5, 1, 1.5, 2, 2.5 -> [0, .5, 1, 2.5, 4, 4].
    const row = layers.upSampling2d({ size: [1, 2], interpolation: 'bilinear' }).apply(tensor([0, 1, 4], [1, 1, 3, 1]));
    expect(vals(row)).toEqual([0, 0.5, 1, 2.5, 4, 4]);
    expectForward(layers.upSampling2d({ interpolation: 'bilinear' }), [2, 3, 4, 2], (x, s) => refBilinear(x, s, [2, 2]));
    expectForward(layers.upSampling2d({ size: [3, 2], interpolation: 'bilinear' }), [1, 3, 2, 2], (x, s) => refBilinear(x, s, [3, 2]));
    const single = expectForward(layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }), [1, 1, 3, 1], (x, s) => refBilinear(x, s, [2, 3]));
    single.dispose();
    const l = layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear', dataFormat: 'channelsFirst' });
    const x = expectForward(l, [2, 2, 3, 3], (x, s) => refBilinear(x, s, [2, 3], true));
    checkGradients(l, x);
    checkRoundTrip(l, x);
  });

  it('UpSampling3D: default [2, 2, 2] and [1, 2, 3] channelsFirst', () => {
    expectForward(layers.upSampling3d(), [1, 2, 2, 2, 2], (x, s) => refNearest(x, s, [2, 2, 2]));
    const l = layers.upSampling3d({ size: [1, 2, 3], dataFormat: 'channelsFirst' });
    const x = expectForward(l, [2, 2, 2, 2, 2], (x, s) => refNearest(x, s, [1, 2, 3], true));
    checkGradients(l, x);
  });

  it('refuses bad sizes and interpolations', () => {
    expect(() => layers.upSampling2d({ name: 'u', size: [2, 0] })).toThrow('u: size must be an integer >= 1 or a list of 2 such integers, got [2,0]');
    expect(() => layers.upSampling2d({ name: 'u2', interpolation: 'bicubic' as never })).toThrow(`u2: interpolation must be 'nearest' or 'bilinear', got "bicubic"`);
    expect(() => layers.upSampling3d({ name: 'u3', dataFormat: 'nchw' as never })).toThrow(`u3: dataFormat must be 'channelsLast' or 'channelsFirst', got "nchw"`);
  });
});

describe('shape layers: memory, configs and Keras files', () => {
  it('free every intermediate (bilinear included)', () => {
    const all = [
      layers.cropping2d({ cropping: 1 }), layers.zeroPadding2d(), layers.upSampling2d({ interpolation: 'bilinear', size: 3 }), layers.upSampling2d(),
    ];
    const x = tensor(wave(2 * 4 * 4 * 2), [2, 4, 4, 2]);
    for (const l of all) l.apply(x).dispose();
    const before = memory().buffers;
    tidy(() => { for (const l of all) l.apply(x); });
    expect(memory().buffers).toBe(before);
    x.dispose();
  });

  it('are written with the keys and values Keras writes, and read back', async () => {
    const model = new Sequential({ layers: [
      layers.zeroPadding1d({ padding: [1, 2], inputShape: [4, 2] }),
      layers.cropping1d({ cropping: [0, 1] }),
      layers.upSampling1d({ size: 3 }),
      layers.reshape({ targetShape: [3, 6, 2] }),
      layers.zeroPadding2d({ padding: [[1, 0], [0, 2]] }),
      layers.cropping2d({ cropping: 1 }),
      layers.upSampling2d({ size: [2, 1], interpolation: 'bilinear' }),
      layers.reshape({ targetShape: [2, 3, 4, 2] }),
      layers.zeroPadding3d({ padding: 1, dataFormat: 'channelsFirst' }),
      layers.cropping3d({ cropping: [[0, 1], [1, 1], [2, 0]] }),
      layers.upSampling3d({ size: [1, 2, 1] }),
    ] });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const cfg = (handler.artifacts!.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
    expect(cfg.map((l) => l.class_name)).toEqual([
      'ZeroPadding1D', 'Cropping1D', 'UpSampling1D', 'Reshape', 'ZeroPadding2D', 'Cropping2D', 'UpSampling2D', 'Reshape', 'ZeroPadding3D', 'Cropping3D', 'UpSampling3D',
    ]);
    const base = (c: Record<string, unknown>) => ({ name: c.name, trainable: true, dtype: 'float32' });
    expect(cfg[0].config).toEqual({ ...base(cfg[0].config), batch_input_shape: [null, 4, 2], padding: [1, 2] });
    expect(cfg[1].config).toEqual({ ...base(cfg[1].config), cropping: [0, 1] });
    expect(cfg[2].config).toEqual({ ...base(cfg[2].config), size: 3 });
    expect(cfg[4].config).toEqual({ ...base(cfg[4].config), padding: [[1, 0], [0, 2]], data_format: 'channels_last' });
    expect(cfg[5].config).toEqual({ ...base(cfg[5].config), cropping: [[1, 1], [1, 1]], data_format: 'channels_last' });
    expect(cfg[6].config).toEqual({ ...base(cfg[6].config), size: [2, 1], data_format: 'channels_last', interpolation: 'bilinear' });
    expect(cfg[8].config).toEqual({ ...base(cfg[8].config), padding: [[1, 1], [1, 1], [1, 1]], data_format: 'channels_first' });
    expect(cfg[9].config).toEqual({ ...base(cfg[9].config), cropping: [[0, 1], [1, 1], [2, 0]], data_format: 'channels_last' });
    expect(cfg[10].config).toEqual({ ...base(cfg[10].config), size: [1, 2, 1], data_format: 'channels_last' });
    expect(model.outputShape).toEqual([null, 1, 6, 4, 4]);
    expect(model.countParams()).toBe(0);

    const loaded = await saving.loadModel(handler);
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    const x = tensor(wave(2 * 4 * 2), [2, 4, 2]);
    expect(vals(await loaded.predict(x))).toEqual(vals(await model.predict(x)));
    model.dispose();
    loaded.dispose();
  });
});
