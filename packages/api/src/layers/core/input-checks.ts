import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';

/** Throws unless the input (batch axis included) has one of `ranks`; `layout` describes what is expected. */
export function assertInputRank(layerName: string, shape: readonly (number | null)[], ranks: readonly number[], layout: string): void {
  if (!ranks.includes(shape.length)) {
    throw new Error(`${layerName}: expected input of rank ${ranks.join(' or ')} ${layout}, got shape ${fmtKerasShape(shape as Shape)}`);
  }
}

/** Throws unless the input has at least `minRank` axes (batch axis included). */
export function assertMinInputRank(layerName: string, shape: readonly (number | null)[], minRank: number, layout: string): void {
  if (shape.length < minRank) {
    throw new Error(`${layerName}: expected input of rank >= ${minRank} ${layout}, got shape ${fmtKerasShape(shape as Shape)}`);
  }
}
