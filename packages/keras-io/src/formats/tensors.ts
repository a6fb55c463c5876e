/** A named array on the host, as read from or written to a file. */
export interface HostTensor {
  name: string;
  shape: number[];
  data: Float32Array | Int32Array;
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export const fmt = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
