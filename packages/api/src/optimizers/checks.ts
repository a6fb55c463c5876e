/** Argument checks shared by the optimizers, so every one words its errors the same way. */

/** Each value must lie in [0, 1) (decay rates such as beta1, beta2, rho). */
export function checkUnitInterval(optimizer: string, values: Record<string, number>): void {
  for (const [name, v] of Object.entries(values)) {
    if (!(typeof v === 'number' && v >= 0 && v < 1)) throw new Error(`${optimizer}: ${name} must be in [0, 1), got ${v}`);
  }
}

export function checkEpsilon(optimizer: string, epsilon: number): void {
  if (!(typeof epsilon === 'number' && epsilon >= 0)) throw new Error(`${optimizer}: epsilon must be a number >= 0, got ${epsilon}`);
}
