import type { Tensor } from '../tensor/tensor.js';
import { add, mul } from '../ops/binary.js';
import { abs, square } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { scalar } from '../ops/create.js';

/** A penalty on a weight, added to the training loss (Keras's L1L2). */
export class L1L2 {
  readonly className = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor(args: { l1?: number; l2?: number } = {}) {
    this.l1 = args.l1 ?? 0;
    this.l2 = args.l2 ?? 0;
  }
  apply(w: Tensor): Tensor {
    let penalty = scalar(0);
    if (this.l1) penalty = add(penalty, mul(sum(abs(w)), this.l1));
    if (this.l2) penalty = add(penalty, mul(sum(square(w)), this.l2));
    return penalty;
  }
  getConfig(): Record<string, unknown> {
    return { l1: this.l1, l2: this.l2 };
  }
}

export const l1 = (value = 0.01): L1L2 => new L1L2({ l1: value });
export const l2 = (value = 0.01): L1L2 => new L1L2({ l2: value });
export const l1l2 = (args: { l1?: number; l2?: number } = { l1: 0.01, l2: 0.01 }): L1L2 => new L1L2(args);

export type RegularizerIdentifier = L1L2 | 'l1' | 'l2' | 'l1l2' | 'l1_l2' | { className: string; config: { l1?: number; l2?: number } };

export function getRegularizer(id: RegularizerIdentifier | null | undefined): L1L2 | null {
  if (id === null || id === undefined) return null;
  if (id instanceof L1L2) return id;
  if (id === 'l1') return l1();
  if (id === 'l2') return l2();
  if (id === 'l1l2' || id === 'l1_l2') return l1l2();
  if (typeof id === 'object' && (id.className === 'L1L2' || id.className === 'l1_l2')) return new L1L2(id.config);
  throw new Error(`unknown regularizer ${JSON.stringify(id)}; use regularizers.l1(), l2(), l1l2() or 'l1' | 'l2' | 'l1l2'`);
}
