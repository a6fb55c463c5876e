/**
 * Plain-JS float64 transcription of Keras 2's optimizers.py update rules (2.2.4/2.3), used
 * as the independent reference for the optimizer tests. Not a test file itself.
 */
export type RefKind = 'sgd' | 'rmsprop' | 'adagrad' | 'adadelta' | 'adam' | 'adamax' | 'nadam';

export interface RefConfig {
  kind: RefKind;
  lr?: number | ((iteration: number) => number);
  momentum?: number;
  nesterov?: boolean;
  rho?: number;
  epsilon?: number;
  beta1?: number;
  beta2?: number;
  amsgrad?: boolean;
  scheduleDecay?: number;
  clipnorm?: number;
  clipvalue?: number;
  decay?: number;
}

const DEFAULT_LR: Record<RefKind, number> = { sgd: 0.01, rmsprop: 0.001, adagrad: 0.01, adadelta: 1.0, adam: 0.001, adamax: 0.002, nadam: 0.002 };
const EPS = 1e-7;

export class RefOptimizer {
  iterations = 0;
  mSchedule = 1;
  /** Per variable: named state arrays. */
  state: Record<string, number[]>[] = [];

  constructor(readonly c: RefConfig) {}

  private slot(i: number, name: string, n: number): number[] {
    this.state[i] ??= {};
    return (this.state[i][name] ??= new Array<number>(n).fill(0));
  }

  /** Updates `ws` in place from `gs`, exactly as one Keras 2 training step would. */
  step(ws: number[][], gsIn: number[][]): void {
    const c = this.c;
    let gs = gsIn.map((g) => g.slice());
    if (c.clipnorm !== undefined) {
      let sq = 0;
      for (const g of gs) for (const x of g) sq += x * x;
      const norm = Math.sqrt(sq);
      if (norm >= c.clipnorm) gs = gs.map((g) => g.map((x) => (x * c.clipnorm!) / norm));
    }
    if (c.clipvalue !== undefined) gs = gs.map((g) => g.map((x) => Math.min(Math.max(x, -c.clipvalue!), c.clipvalue!)));
    const it = this.iterations;
    const baseLr = c.lr === undefined ? DEFAULT_LR[c.kind] : typeof c.lr === 'number' ? c.lr : c.lr(it);
    const lr = c.decay ? baseLr * (1 / (1 + c.decay * it)) : baseLr;
    const t = it + 1;
    const eps = c.epsilon ?? EPS;
    const b1 = c.beta1 ?? 0.9;
    const b2 = c.beta2 ?? 0.999;
    // Nadam's momentum schedule is shared by all variables of one step.
    const sd = c.scheduleDecay ?? 0.004;
    const cacheT = b1 * (1 - 0.5 * Math.pow(0.96, t * sd));
    const cacheT1 = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * sd));
    const mScheduleNew = this.mSchedule * cacheT;
    const mScheduleNext = this.mSchedule * cacheT * cacheT1;

    ws.forEach((p, i) => {
      const g = gs[i];
      const n = p.length;
      for (let k = 0; k < n; k++) {
        switch (c.kind) {
          case 'sgd': {
            const m = this.slot(i, 'm', n);
            const mom = c.momentum ?? 0;
            const v = mom * m[k] - lr * g[k];
            m[k] = v;
            p[k] = c.nesterov ? p[k] + mom * v - lr * g[k] : p[k] + v;
            break;
          }
          case 'rmsprop': {
            const a = this.slot(i, 'a', n);
            const rho = c.rho ?? 0.9;
            a[k] = rho * a[k] + (1 - rho) * g[k] * g[k];
            p[k] = p[k] - (lr * g[k]) / (Math.sqrt(a[k]) + eps);
            break;
          }
          case 'adagrad': {
            const a = this.slot(i, 'a', n);
            a[k] = a[k] + g[k] * g[k];
            p[k] = p[k] - (lr * g[k]) / (Math.sqrt(a[k]) + eps);
            break;
          }
          case 'adadelta': {
            const a = this.slot(i, 'a', n);
            const d = this.slot(i, 'd', n);
            const rho = c.rho ?? 0.95;
            a[k] = rho * a[k] + (1 - rho) * g[k] * g[k];
            const update = (g[k] * Math.sqrt(d[k] + eps)) / Math.sqrt(a[k] + eps);
            p[k] = p[k] - lr * update;
            d[k] = rho * d[k] + (1 - rho) * update * update;
            break;
          }
          case 'adam': {
            const m = this.slot(i, 'm', n);
            const v = this.slot(i, 'v', n);
            const vhat = this.slot(i, 'vhat', n);
            const lrT = lr * (Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)));
            m[k] = b1 * m[k] + (1 - b1) * g[k];
            v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
            if (c.amsgrad) {
              vhat[k] = Math.max(vhat[k], v[k]);
              p[k] = p[k] - (lrT * m[k]) / (Math.sqrt(vhat[k]) + eps);
            } else {
              p[k] = p[k] - (lrT * m[k]) / (Math.sqrt(v[k]) + eps);
            }
            break;
          }
          case 'adamax': {
            const m = this.slot(i, 'm', n);
            const u = this.slot(i, 'u', n);
            const lrT = lr / (1 - Math.pow(b1, t));
            m[k] = b1 * m[k] + (1 - b1) * g[k];
            u[k] = Math.max(b2 * u[k], Math.abs(g[k]));
            p[k] = p[k] - (lrT * m[k]) / (u[k] + eps);
            break;
          }
          case 'nadam': {
            const m = this.slot(i, 'm', n);
            const v = this.slot(i, 'v', n);
            const gPrime = g[k] / (1 - mScheduleNew);
            m[k] = b1 * m[k] + (1 - b1) * g[k];
            const mPrime = m[k] / (1 - mScheduleNext);
            v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
            const vPrime = v[k] / (1 - Math.pow(b2, t));
            const mBar = (1 - cacheT) * gPrime + cacheT1 * mPrime;
            p[k] = p[k] - (lr * mBar) / (Math.sqrt(vPrime) + eps);
            break;
          }
        }
      }
    });
    if (c.kind === 'nadam') this.mSchedule = mScheduleNew;
    this.iterations++;
  }
}

/** Expects `actual` (float32) to match the float64 `expected` to about float32 precision. */
export function closeTo(actual: ArrayLike<number>, expected: readonly number[], rel = 2e-6, abs = 1e-6): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} vs ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const tol = abs + rel * Math.abs(expected[i]);
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) return `element ${i}: got ${actual[i]}, expected ${expected[i]} (tolerance ${tol})`;
  }
  return null;
}
