/** A Keras shape: `null` marks a dimension unknown until data arrives (usually the batch). */
export type Shape = (number | null)[];

export function fmtKerasShape(shape: Shape): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}
