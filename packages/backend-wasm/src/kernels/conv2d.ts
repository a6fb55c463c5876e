import type { Conv2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';

/** tfjs's explicit padding attribute (NHWC). */
export function explicitPad(top: number, bottom: number, left: number, right: number): number[][] {
  return [[0, 0], [top, bottom], [left, right], [0, 0]];
}

/** A Conv2D call (XNNPACK convolution) with explicit padding, strides and dilations. */
export function runConv(rt: Runtime, x: Info, filter: Info, strides: [number, number], dilations: [number, number],
  pad: number[][]): Info {
  return rt.run('Conv2D', { x, filter }, { strides, dilations, pad, dataFormat: 'NHWC', dimRoundingMode: undefined });
}

/** x [n, inH, inW, inC], filter [fh, fw, inC, outC] -> [n, outH, outW, outC]. */
export function conv2d(rt: Runtime, x: Info, filter: Info, info: Conv2DInfo): Info {
  const outShape = [info.batch, info.outH, info.outW, info.outC];
  if (info.batch === 0 || info.outH === 0 || info.outW === 0 || info.outC === 0) return rt.empty(outShape, 'float32');
  if (info.inC === 0) return rt.fill(outShape, 0, 'float32');
  return runConv(rt, x, filter, [info.strideH, info.strideW], [info.dilationH, info.dilationW],
    explicitPad(info.padTop, info.padBottom, info.padLeft, info.padRight));
}
