import { Precision, type PrecisionArgs } from './precision.js';
import { Recall, type RecallArgs } from './recall.js';
import { AUC, type AUCArgs } from './auc.js';

/** tfjs-style factories: `metrics.precision()` is `new Precision()`. */
export const precision = (args?: PrecisionArgs): Precision => new Precision(args);
/** `metrics.recall()` is `new Recall()`. */
export const recall = (args?: RecallArgs): Recall => new Recall(args);
/** `metrics.auc()` is `new AUC()`. */
export const auc = (args?: AUCArgs): AUC => new AUC(args);
