/** Running mean of batch values weighted by batch size (how Keras 2 averages batch losses and metrics over an epoch). */
export class MeanTracker {
  private total = 0;
  private count = 0;
  private latest = 0;

  add(value: number, n: number): void {
    this.total += value * n;
    this.count += n;
    this.latest = value;
  }

  get value(): number {
    return this.count === 0 ? 0 : this.total / this.count;
  }

  /** The last batch's value alone. */
  get last(): number {
    return this.latest;
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
    this.latest = 0;
  }
}
