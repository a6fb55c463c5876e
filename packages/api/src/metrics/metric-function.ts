import type { Tensor } from '../tensor/tensor.js';

/** A Keras 2 function metric: per-sample values ([batch] or [batch, time]) from targets and predictions. */
export type MetricFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;
