/**
 * Generator-based input pipelines with no tensor math: `Dataset`, `Sequence`, the prefetch queue
 * and the worker pool that `fitGenerator` and friends pull batches from.
 *
 * @module @layerwise/data
 */
export type { Batch, Element, HostArray, NestedNumbers, TypedArray } from './types.js';
export { isHostArray, sizeOf, stackElements, toHostArray, sliceFirstAxis, mapHostArrays } from './host-array.js';
export { deriveSeed, mulberry32 } from './random.js';
export { type IteratorLike } from './iterators.js';
export { type ByteSource, type OpenBytesOptions } from './byte-source.js';
export { type CsvOptions } from './csv.js';
export { Dataset, type BatchOptions } from './dataset.js';
export { Sequence, isSequence, loadSequence, type SequenceLike, type SequenceSpec } from './sequence.js';
export { PrefetchQueue, type PrefetchQueueOptions, type Pull } from './prefetch-queue.js';
export { WorkerPool, type WorkerHandle, type WorkerPoolOptions } from './worker-pool.js';
export { ItemTimeoutError } from './timeout.js';
export {
  createBatchSource,
  type BatchSource,
  type BatchSourceInput,
  type BatchSourceOptions,
  type EpochResult,
} from './enqueuer.js';
export { OptionSpec, optionKeys, trustOptions, readingSavedConfig, snakeCase, type BaseSpec, type IgnoredOption, type OptionsExtra, type ReadMode } from './options.js';
