import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { explicitPad } from './conv2d.js';

export function poolAttrs(info: Pool2DInfo) {
  return {
    filterSize: [info.filterH, info.filterW], strides: [info.strideH, info.strideW],
    pad: explicitPad(info.padTop, info.padBottom, info.padLeft, info.padRight), dimRoundingMode: undefined,
  };
}

/** Max over each window with tfjs's MaxPool (XNNPACK); padding never wins. */
export function maxPool(rt: Runtime, x: Info, info: Pool2DInfo): Info {
  const outShape = [info.batch, info.outH, info.outW, info.channels];
  if (outShape.some((d) => d === 0)) return rt.empty(outShape, 'float32');
  return rt.run('MaxPool', { x }, poolAttrs(info));
}
