import type { Buffer, Kernel } from '../kernel/kernel.js';

/** One backend buffer shared by the tensors that view it (reshape shares, never copies). */
export class Storage {
  private refs = 1;
  constructor(readonly kernel: Kernel, readonly buffer: Buffer) {}

  retain(): this {
    this.refs++;
    return this;
  }

  release(): void {
    if (--this.refs === 0) this.kernel.dispose(this.buffer);
  }
}
