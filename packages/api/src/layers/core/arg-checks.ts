/** Throws unless `value` is a finite number (>= `min` when given); returns it. */
export function checkFinite(value: unknown, layerName: string, arg: string, min?: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (min !== undefined && value < min)) {
    throw new Error(`${layerName}: ${arg} must be a finite number${min !== undefined ? ` >= ${min}` : ''}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Throws unless `rate` is a number in [0, 1), as Dropout's is; returns it. */
export function checkRate(rate: unknown, layerName: string): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw new Error(`${layerName}: rate must be a number in [0, 1), got ${JSON.stringify(rate)}`);
  return rate;
}
