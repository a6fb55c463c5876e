import type { Conv2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { PLAN } from '../threads/plan.js';

/** tfjs's explicit padding attribute (NHWC). */
export function explicitPad(top: number, bottom: number, left: number, right: number): number[][] {
  return [[0, 0], [top, bottom], [left, right], [0, 0]];
}

/** Output extent of a convolution along one axis. */
function outExtent(inSize: number, padBefore: number, padAfter: number, filter: number, stride: number, dilation: number): number {
  return Math.max(0, Math.floor((inSize + padBefore + padAfter - ((filter - 1) * dilation + 1)) / stride) + 1);
}

/**
 * A Conv2D call (XNNPACK convolution) with explicit padding, strides and dilations, on
 * XNNPACK's thread pool when its multiply-adds reach PLAN.convMacs.
 */
export function runConv(rt: Runtime, x: Info, filter: Info, strides: [number, number], dilations: [number, number],
  pad: number[][]): Info {
  const [n, inH, inW] = x.shape;
  const [fh, fw, inC, outC] = filter.shape;
  const macs = n * outExtent(inH, pad[1][0], pad[1][1], fh, strides[0], dilations[0]) *
    outExtent(inW, pad[2][0], pad[2][1], fw, strides[1], dilations[1]) * outC * fh * fw * inC;
  return rt.run('Conv2D', { x, filter }, { strides, dilations, pad, dataFormat: 'NHWC', dimRoundingMode: undefined }, macs >= PLAN.convMacs);
}

/** x [n, inH, inW, inC], filter [fh, fw, inC, outC] -> [n, outH, outW, outC]. */
export function conv2d(rt: Runtime, x: Info, filter: Info, info: Conv2DInfo): Info {
  const outShape = [info.batch, info.outH, info.outW, info.outC];
  if (info.batch === 0 || info.outH === 0 || info.outW === 0 || info.outC === 0) return rt.empty(outShape, 'float32');
  if (info.inC === 0) return rt.fill(outShape, 0, 'float32');
  return runConv(rt, x, filter, [info.strideH, info.strideW], [info.dilationH, info.dilationW],
    explicitPad(info.padTop, info.padBottom, info.padLeft, info.padRight));
}
