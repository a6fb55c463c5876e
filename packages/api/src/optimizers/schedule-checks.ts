/** Argument checks shared by the learning-rate schedules. */

export function checkNonNegative(schedule: string, name: string, v: number): void {
  if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new Error(`${schedule}: ${name} must be a finite number >= 0, got ${v}`);
}

export function checkPositive(schedule: string, name: string, v: number): void {
  if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new Error(`${schedule}: ${name} must be a finite number > 0, got ${v}`);
}

export function checkStep(schedule: string, step: number): void {
  if (!(typeof step === 'number' && step >= 0)) throw new Error(`${schedule}.at: step must be a number >= 0, got ${step}`);
}
