import { pool2dInfo, type Pool2DInfo } from '@layerwise/api';
import type { KernelCase } from '../case.js';
import { f32, kernelCase, randChoice, randF32, type InputMaker } from '../build.js';

interface PoolGeometry {
  readonly name: string;
  readonly info: Pool2DInfo;
}

function geometry(name: string, x: number[], pool: [number, number], strides: [number, number], padding: 'valid' | 'same'): PoolGeometry {
  return { name, info: pool2dInfo(x, pool, strides, padding) };
}

/** Windows that reach two columns into the left padding and one row into the top. */
const LEFT_HEAVY: Pool2DInfo = {
  batch: 1, inH: 4, inW: 4, channels: 2, outH: 4, outW: 4, filterH: 3, filterW: 3,
  strideH: 1, strideW: 1, padTop: 1, padBottom: 1, padLeft: 2, padRight: 0,
};

export const POOL_GEOMETRIES: readonly PoolGeometry[] = [
  geometry('valid-2x2-stride2', [1, 4, 4, 2], [2, 2], [2, 2], 'valid'),
  geometry('same-3x3-stride1', [2, 5, 5, 3], [3, 3], [1, 1], 'same'),
  geometry('same-3x3-stride2-even', [1, 6, 6, 1], [3, 3], [2, 2], 'same'),
  geometry('same-2x2-stride2-odd', [1, 5, 5, 2], [2, 2], [2, 2], 'same'),
  geometry('valid-3x2-stride-2x1', [1, 7, 5, 2], [3, 2], [2, 1], 'valid'),
  geometry('valid-1x1', [1, 3, 3, 2], [1, 1], [1, 1], 'valid'),
  geometry('same-window-larger-than-input', [1, 2, 3, 1], [4, 4], [1, 1], 'same'),
  { name: 'explicit-left-heavy-padding', info: LEFT_HEAVY },
  // Channels past a backend's vector width (4) plus a remainder.
  geometry('valid-2x2-stride2-6ch', [2, 6, 6, 6], [2, 2], [2, 2], 'valid'),
  geometry('same-3x3-stride2-9ch', [1, 5, 5, 9], [3, 3], [2, 2], 'same'),
];

function xShape(info: Pool2DInfo) {
  return [info.batch, info.inH, info.inW, info.channels];
}

function yShape(info: Pool2DInfo) {
  return [info.batch, info.outH, info.outW, info.channels];
}

function poolCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const { name, info } of POOL_GEOMETRIES) {
    const x = randF32(xShape(info));
    const negative = randF32(xShape(info), -5, -1);
    // Ties: values from {0, 1} so most windows hold several maxima.
    const ties = randChoice(xShape(info), [0, 1]);
    const dy = randF32(yShape(info));
    cases.push(kernelCase(`maxPool/${name}`, 'maxPool', { info }, [x], 'exact'));
    cases.push(kernelCase(`maxPool/${name}/all-negative`, 'maxPool', { info }, [negative], 'exact'));
    cases.push(kernelCase(`maxPool/${name}/ties`, 'maxPool', { info }, [ties], 'exact'));
    cases.push(kernelCase(`maxPoolBackprop/${name}`, 'maxPoolBackprop', { info }, [dy, x], 'strict'));
    cases.push(kernelCase(`maxPoolBackprop/${name}/all-negative`, 'maxPoolBackprop', { info }, [dy, negative], 'strict'));
    cases.push(kernelCase(`maxPoolBackprop/${name}/ties`, 'maxPoolBackprop', { info }, [dy, ties], 'strict'));
    cases.push(kernelCase(`avgPool/${name}`, 'avgPool', { info }, [x], 'balanced'));
    cases.push(kernelCase(`avgPool/${name}/all-negative`, 'avgPool', { info }, [negative], 'balanced'));
    cases.push(kernelCase(`avgPoolBackprop/${name}`, 'avgPoolBackprop', { info }, [dy], 'balanced'));
  }
  return cases;
}

/** A hand-checked 3x3 input, 2x2 windows at stride 1: every window's maximum is tied. */
const TIE_INFO = pool2dInfo([1, 3, 3, 1], [2, 2], [1, 1], 'valid');
const TIE_X: InputMaker = f32([1, 3, 3, 1], [1, 1, 0, 1, 1, 1, 0, 1, 1]);

/** maxPool, maxPoolBackprop, avgPool and avgPoolBackprop ('<primitive>/<geometry>') on every POOL_GEOMETRIES entry, plus tied maxima (the first in row-major window order wins) and 'same' windows that count only in-bounds elements. */
export const POOL_CASES: readonly KernelCase[] = [
  ...poolCases(),
  kernelCase('maxPoolBackprop/ties-first-in-row-major-window', 'maxPoolBackprop', { info: TIE_INFO },
    [f32([1, 2, 2, 1], [1, 10, 100, 1000]), TIE_X], 'exact'),
  kernelCase('avgPool/same-corners-count-in-bounds', 'avgPool', { info: pool2dInfo([1, 2, 2, 1], [3, 3], [1, 1], 'same') },
    [f32([1, 2, 2, 1], [1, 2, 3, 4])], 'strict'),
];
