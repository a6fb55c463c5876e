/** Where the channels axis sits: last (NHWC, Keras's default) or right after the batch (NCHW). */
export type DataFormat = 'channelsLast' | 'channelsFirst';

/** Accepts tfjs ('channelsLast') and Keras ('channels_last') spellings. */
export function normalizeDataFormat(value: string | undefined, layerName: string): DataFormat {
  if (value === undefined || value === 'channelsLast' || value === 'channels_last') return 'channelsLast';
  if (value === 'channelsFirst' || value === 'channels_first') return 'channelsFirst';
  throw new Error(`${layerName}: dataFormat must be 'channelsLast' or 'channelsFirst', got ${JSON.stringify(value)}`);
}

/** The permutation taking channels-first [b, c, ...spatial] to channels-last [b, ...spatial, c]. */
export function toChannelsLastPerm(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

/** The permutation taking channels-last [b, ...spatial, c] back to channels-first [b, c, ...spatial]. */
export function toChannelsFirstPerm(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

const SPATIAL_AXES: Record<number, string> = { 1: 'steps', 2: 'rows, cols', 3: 'dim1, dim2, dim3' };

/** The input layout of a layer over `rank` spatial axes, in words for errors: '(batch, rows, cols, channels)'. */
export function spatialLayout(rank: number, dataFormat: DataFormat): string {
  const spatial = SPATIAL_AXES[rank] ?? `${rank} spatial axes`;
  return dataFormat === 'channelsLast' ? `(batch, ${spatial}, channels)` : `(batch, channels, ${spatial})`;
}
