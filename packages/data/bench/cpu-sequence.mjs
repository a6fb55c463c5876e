// A Sequence whose getItem burns ~`ms` milliseconds of CPU building a Float32Array batch.
export class CpuSequence {
  constructor(length = 40, ms = 20, size = 4096) {
    this.n = length;
    this.ms = ms;
    this.size = size;
  }
  get length() {
    return this.n;
  }
  getItem(i) {
    const x = new Float32Array(this.size);
    const end = performance.now() + this.ms;
    let k = 0;
    while (performance.now() < end) {
      for (let j = 0; j < x.length; j++) x[j] = Math.sin(i + j + k);
      k++;
    }
    return [{ data: x, shape: [this.size] }, { data: new Int32Array([i]), shape: [1] }];
  }
}
