import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { inverseWindowCounts } from '../util/pool-window-counts.js';
import { explicitPad } from './conv2d.js';

/**
 * Spreads each dy element evenly over its window's in-bounds positions. tfjs's AvgPoolGrad
 * divides by the whole window (padding counted), so dy is first scaled by
 * window size / in-bounds count per output position.
 */
export function avgPoolBackprop(rt: Runtime, dy: Info, info: Pool2DInfo): Info {
  const { batch: n, inH, inW, channels: c, outH, outW, filterH, filterW } = info;
  const dxShape = [n, inH, inW, c];
  if (sizeOf(dxShape) === 0) return rt.empty(dxShape, 'float32');
  if (outH * outW === 0) return rt.fill(dxShape, 0, 'float32');
  return rt.scoped((keep) => {
    const scale = keep(rt.upload(inverseWindowCounts(info, filterH * filterW), [1, outH, outW, 1], 'float32'));
    const scaled = keep(rt.run('Multiply', { a: dy, b: scale }));
    const input = { dataId: dy.dataId, shape: dxShape, dtype: 'float32' as const };
    return rt.run('AvgPoolGrad', { dy: scaled, input }, {
      filterSize: [filterH, filterW], strides: [info.strideH, info.strideW],
      pad: explicitPad(info.padTop, info.padBottom, info.padLeft, info.padRight),
    });
  });
}
