import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { poolAttrs } from './max-pool.js';

/** Mean over each window's in-bounds elements with tfjs's AvgPool (XNNPACK). */
export function avgPool(rt: Runtime, x: Info, info: Pool2DInfo): Info {
  const outShape = [info.batch, info.outH, info.outW, info.channels];
  if (outShape.some((d) => d === 0)) return rt.empty(outShape, 'float32');
  return rt.run('AvgPool', { x }, poolAttrs(info));
}
