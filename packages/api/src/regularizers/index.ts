import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import { add, mul } from '../ops/binary.js';
import { abs, square } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { scalar } from '../ops/create.js';

// Keras 2's l1(l=0.01) and l2(l=0.01) name their factor `l`; tfjs's name it l1 / l2.
const L1L2_OPTIONS = optionKeys<{ l1?: number; l2?: number }>()(['l1', 'l2']);
const L1_OPTIONS = optionKeys<{ l1?: number }>()(['l1'], { aliases: { l: 'l1' } });
const L2_OPTIONS = optionKeys<{ l2?: number }>()(['l2'], { aliases: { l: 'l2' } });

/** A penalty on a weight, added to the training loss (Keras's L1L2). */
export class L1L2 {
  /** The Keras class name, used when saving. */
  readonly className = 'L1L2';
  /** Factor of sum(|w|) (default 0: no L1 term). */
  readonly l1: number;
  /** Factor of sum(w^2) (default 0: no L2 term). */
  readonly l2: number;
  constructor(args: { l1?: number; l2?: number } = {}) {
    args = L1L2_OPTIONS.read(args, 'L1L2');
    this.l1 = factor('l1', args.l1);
    this.l2 = factor('l2', args.l2);
  }
  /** The penalty of `w`: l1 * sum(|w|) + l2 * sum(w^2), a new float32 scalar. */
  apply(w: Tensor): Tensor {
    let penalty = scalar(0);
    if (this.l1) penalty = add(penalty, mul(sum(abs(w)), this.l1));
    if (this.l2) penalty = add(penalty, mul(sum(square(w)), this.l2));
    return penalty;
  }
  /** Its constructor arguments, for saving: `{ l1, l2 }`. */
  getConfig(): Record<string, unknown> {
    return { l1: this.l1, l2: this.l2 };
  }
}

function factor(name: 'l1' | 'l2', v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new Error(`regularizers: ${name} must be a finite number >= 0, got ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  }
  return v;
}

/** The factor from a number or tfjs's `{ l1 }` / `{ l2 }` (0.01 when the key is left out). */
function fromArg(value: unknown, key: 'l1' | 'l2'): number {
  if (typeof value !== 'object' || value === null) return value as number;
  const read = key === 'l1' ? L1_OPTIONS.read(value as { l1?: number }, 'l1').l1 : L2_OPTIONS.read(value as { l2?: number }, 'l2').l2;
  return read ?? 0.01;
}

/** Keras's `l1(0.01)`, or tfjs's `l1({ l1: 0.01 })`. */
export const l1 = (value: number | { l1?: number } = 0.01): L1L2 => new L1L2({ l1: fromArg(value, 'l1') });
/** Keras's `l2(0.01)`, or tfjs's `l2({ l2: 0.01 })`. */
export const l2 = (value: number | { l2?: number } = 0.01): L1L2 => new L1L2({ l2: fromArg(value, 'l2') });
/** Keras's `l1_l2(l1=0.01, l2=0.01)`: both factors 0.01 when no argument is given; a factor left out of `args` is 0. */
export const l1l2 = (args: { l1?: number; l2?: number } = { l1: 0.01, l2: 0.01 }): L1L2 => new L1L2(args);

/**
 * What a layer's `kernelRegularizer` and the like take: an instance, a name ('l1', 'l2' and
 * 'l1l2' or 'l1_l2', each with factor 0.01), or the saved `{ className, config }`.
 */
export type RegularizerIdentifier = L1L2 | 'l1' | 'l2' | 'l1l2' | 'l1_l2' | {
  /** 'L1L2' (or Keras's 'l1_l2'). */
  className: string;
  /** The factors; one left out is 0. */
  config: {
    /** Factor of sum(|w|). */
    l1?: number;
    /** Factor of sum(w^2). */
    l2?: number;
  };
};

/** The regularizer `id` names, or null for none (null or undefined). */
export function getRegularizer(id: RegularizerIdentifier | null | undefined): L1L2 | null {
  if (id === null || id === undefined) return null;
  if (id instanceof L1L2) return id;
  if (id === 'l1') return l1();
  if (id === 'l2') return l2();
  if (id === 'l1l2' || id === 'l1_l2') return l1l2();
  if (typeof id === 'object' && (id.className === 'L1L2' || id.className === 'l1_l2')) return new L1L2(id.config);
  throw new Error(`unknown regularizer ${JSON.stringify(id)}; use regularizers.l1(), l2(), l1l2() or 'l1' | 'l2' | 'l1l2'`);
}
