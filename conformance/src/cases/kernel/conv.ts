import { conv2dInfo, type Conv2DInfo, type PaddingMode } from '@layerwise/api';
import type { KernelCase } from '../case.js';
import { kernelCase, randF32 } from '../build.js';

interface ConvGeometry {
  readonly name: string;
  readonly info: Conv2DInfo;
}

function geometry(name: string, x: number[], filter: number[], strides: [number, number], padding: PaddingMode,
  dilations: [number, number] = [1, 1]): ConvGeometry {
  return { name, info: conv2dInfo(x, filter, strides, padding, dilations) };
}

/** Explicit padding the api's modes never produce (top-heavy, right-only). */
const ASYMMETRIC: Conv2DInfo = {
  batch: 1, inH: 4, inW: 5, inC: 2, outH: 4, outW: 3, outC: 3, filterH: 3, filterW: 3,
  strideH: 1, strideW: 2, dilationH: 1, dilationW: 1, padTop: 2, padBottom: 0, padLeft: 0, padRight: 2,
};

/** The same with 36 output channels: a block of 32 and one of 4 in vectorised kernels. */
const ASYMMETRIC_WIDE: Conv2DInfo = { ...ASYMMETRIC, outC: 36 };

export const CONV_GEOMETRIES: readonly ConvGeometry[] = [
  geometry('valid-3x3', [2, 5, 5, 3], [3, 3, 3, 4], [1, 1], 'valid'),
  geometry('same-3x3', [1, 5, 5, 2], [3, 3, 2, 3], [1, 1], 'same'),
  geometry('same-stride2-even', [1, 6, 6, 2], [3, 3, 2, 2], [2, 2], 'same'),
  geometry('same-stride2-odd', [2, 7, 7, 1], [4, 4, 1, 2], [2, 2], 'same'),
  geometry('valid-stride2', [1, 7, 6, 2], [3, 2, 2, 3], [2, 2], 'valid'),
  geometry('valid-dilation2', [1, 7, 7, 2], [3, 3, 2, 2], [1, 1], 'valid', [2, 2]),
  geometry('same-dilation2', [1, 6, 6, 1], [3, 3, 1, 2], [1, 1], 'same', [2, 2]),
  geometry('causal-conv1d', [2, 1, 8, 3], [1, 3, 3, 2], [1, 1], 'causal'),
  geometry('causal-conv1d-dilation2', [1, 1, 9, 2], [1, 3, 2, 2], [1, 1], 'causal', [1, 2]),
  geometry('pointwise-stride-1x2', [1, 4, 5, 3], [1, 1, 3, 2], [1, 2], 'valid'),
  geometry('same-filter-larger-than-input', [1, 2, 2, 1], [3, 3, 1, 1], [1, 1], 'same'),
  geometry('single-pixel', [1, 1, 1, 1], [1, 1, 1, 1], [1, 1], 'valid'),
  { name: 'explicit-asymmetric-padding', info: ASYMMETRIC },
  // Output channels in multiples of 4 (and of 32), where backends vectorise over channels.
  geometry('valid-3x3-32-out', [2, 6, 6, 1], [3, 3, 1, 32], [1, 1], 'valid'),
  geometry('same-stride2-36-out', [2, 7, 7, 2], [3, 3, 2, 36], [2, 2], 'same'),
  geometry('valid-dilation2-8-out', [1, 7, 7, 1], [3, 3, 1, 8], [1, 1], 'valid', [2, 2]),
  geometry('same-stride-2x1-dilation-1x2-32-out', [1, 6, 7, 3], [2, 3, 3, 32], [2, 1], 'same', [1, 2]),
  geometry('causal-conv1d-32-out', [2, 1, 8, 3], [1, 3, 3, 32], [1, 1], 'causal'),
  geometry('same-filter-larger-than-input-4-out', [1, 2, 2, 2], [3, 3, 2, 4], [1, 1], 'same'),
  { name: 'explicit-asymmetric-padding-36-out', info: ASYMMETRIC_WIDE },
];

function shapes(info: Conv2DInfo) {
  return {
    x: [info.batch, info.inH, info.inW, info.inC],
    filter: [info.filterH, info.filterW, info.inC, info.outC],
    y: [info.batch, info.outH, info.outW, info.outC],
  };
}

function convCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const { name, info } of CONV_GEOMETRIES) {
    const s = shapes(info);
    cases.push(kernelCase(`conv2d/${name}`, 'conv2d', { info }, [randF32(s.x), randF32(s.filter)], 'balanced'));
    cases.push(kernelCase(`conv2dBackpropInput/${name}`, 'conv2dBackpropInput', { info }, [randF32(s.y), randF32(s.filter)], 'balanced'));
    cases.push(kernelCase(`conv2dBackpropFilter/${name}`, 'conv2dBackpropFilter', { info }, [randF32(s.x), randF32(s.y)], 'balanced'));
  }
  return cases;
}

/** conv2d, conv2dBackpropInput and conv2dBackpropFilter ('<primitive>/<geometry>') on every CONV_GEOMETRIES entry: valid/same/causal padding, strides, dilations, explicit asymmetric padding, channel counts that vectorised kernels split; balanced tolerance. */
export const CONV_CASES: readonly KernelCase[] = convCases();
