/** tfjs-style lowercase factories: `callbacks.earlyStopping(args)` is `new callbacks.EarlyStopping(args)`. */
import { CSVLogger, type CSVLoggerArgs } from './csv-logger.js';
import { EarlyStopping, type EarlyStoppingArgs } from './early-stopping.js';
import { LambdaCallback, type LambdaCallbackArgs } from './lambda-callback.js';
import { LearningRateScheduler, type LearningRateSchedulerArgs } from './learning-rate-scheduler.js';
import { ModelCheckpoint, type ModelCheckpointArgs } from './model-checkpoint.js';
import { ProgbarLogger, type ProgbarLoggerArgs } from './progbar-logger.js';
import { ReduceLROnPlateau, type ReduceLROnPlateauArgs } from './reduce-lr-on-plateau.js';
import { TerminateOnNaN } from './terminate-on-nan.js';

/** `new EarlyStopping(args)`, tfjs-style. */
export const earlyStopping = (args?: EarlyStoppingArgs): EarlyStopping => new EarlyStopping(args);
/** `new ModelCheckpoint(args)`, tfjs-style. */
export const modelCheckpoint = (args: ModelCheckpointArgs): ModelCheckpoint => new ModelCheckpoint(args);
/** `new ReduceLROnPlateau(args)`, tfjs-style. */
export const reduceLROnPlateau = (args?: ReduceLROnPlateauArgs): ReduceLROnPlateau => new ReduceLROnPlateau(args);
/** `new LearningRateScheduler(args)`, tfjs-style. */
export const learningRateScheduler = (args: LearningRateSchedulerArgs): LearningRateScheduler => new LearningRateScheduler(args);
/** `new CSVLogger(args)`, tfjs-style. */
export const csvLogger = (args: CSVLoggerArgs): CSVLogger => new CSVLogger(args);
/** `new TerminateOnNaN()`, tfjs-style. */
export const terminateOnNaN = (): TerminateOnNaN => new TerminateOnNaN();
/** `new LambdaCallback(args)`, tfjs-style. */
export const lambdaCallback = (args?: LambdaCallbackArgs): LambdaCallback => new LambdaCallback(args);
/** `new ProgbarLogger(args)`, tfjs-style. */
export const progbarLogger = (args?: ProgbarLoggerArgs): ProgbarLogger => new ProgbarLogger(args);
