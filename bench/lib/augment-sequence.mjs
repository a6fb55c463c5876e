// A Sequence whose getItem does CPU-bound augmentation (random rotation + shift with
// bilinear resampling, `rounds` times over every image), for the fitGenerator workers
// workload. Plain .mjs with a static moduleUrl, so worker threads can load it by URL.
import { Sequence } from '@layerwise/data';
import { mlpData, prng } from './data.mjs';

const SIDE = 28;

/** Pixel (yy, xx) of a 28x28 image, 0 outside it. A plain function, not a per-pixel closure: a
 * closure allocated per pixel made this workload measure the garbage collector, not compute. */
function pixel(img, yy, xx) {
  return yy >= 0 && yy < SIDE && xx >= 0 && xx < SIDE ? img[yy * SIDE + xx] : 0;
}

/** One pass of rotate-and-shift with bilinear sampling over `count` 28x28 images, in place. */
export function augmentPass(x, count, rand, scratch) {
  for (let s = 0; s < count; s++) {
    const img = x.subarray(s * SIDE * SIDE, (s + 1) * SIDE * SIDE);
    const angle = (rand() - 0.5) * 0.2;
    const dx = (rand() - 0.5) * 2;
    const dy = (rand() - 0.5) * 2;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const c = (SIDE - 1) / 2;
    for (let r = 0; r < SIDE; r++) {
      for (let q = 0; q < SIDE; q++) {
        const sx = cos * (q - c) - sin * (r - c) + c + dx;
        const sy = sin * (q - c) + cos * (r - c) + c + dy;
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        scratch[r * SIDE + q] =
          (1 - fy) * ((1 - fx) * pixel(img, y0, x0) + fx * pixel(img, y0, x0 + 1)) +
          fy * ((1 - fx) * pixel(img, y0 + 1, x0) + fx * pixel(img, y0 + 1, x0 + 1));
      }
    }
    img.set(scratch);
  }
}

/** Batches of the MLP data (784 features, 10 classes), augmented `rounds` times each. */
export class AugmentSequence extends Sequence {
  static moduleUrl = import.meta.url;
  static exportName = 'AugmentSequence';

  constructor(batches = 16, batchSize = 128, rounds = 8, seed = 7) {
    super();
    this.batches = batches;
    this.batchSize = batchSize;
    this.rounds = rounds;
    this.seed = seed;
    this.workerArgs = [batches, batchSize, rounds, seed];
  }

  get length() {
    return this.batches;
  }

  getItem(i) {
    const { x, y } = mlpData(this.batchSize, this.seed * 7919 + i);
    const rand = prng(this.seed * 104729 + i);
    const scratch = new Float32Array(SIDE * SIDE);
    for (let k = 0; k < this.rounds; k++) augmentPass(x, this.batchSize, rand, scratch);
    return [{ data: x, shape: [this.batchSize, 784] }, { data: y, shape: [this.batchSize, 10] }];
  }
}
