import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { pool } from './max-pool.js';

/** Mean over each window's in-bounds elements (padding is not counted); NaN propagates. */
export function avgPool(rt: Runtime, x: Info, info: Pool2DInfo): Info {
  return pool(rt, x, info, true);
}
