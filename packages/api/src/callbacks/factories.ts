/** tfjs-style lowercase factories: `callbacks.earlyStopping(args)` is `new callbacks.EarlyStopping(args)`. */
import { CSVLogger, type CSVLoggerArgs } from './csv-logger.js';
import { EarlyStopping, type EarlyStoppingArgs } from './early-stopping.js';
import { LambdaCallback, type LambdaCallbackArgs } from './lambda-callback.js';
import { LearningRateScheduler, type LearningRateSchedulerArgs } from './learning-rate-scheduler.js';
import { ModelCheckpoint, type ModelCheckpointArgs } from './model-checkpoint.js';
import { ProgbarLogger, type ProgbarLoggerArgs } from './progbar-logger.js';
import { ReduceLROnPlateau, type ReduceLROnPlateauArgs } from './reduce-lr-on-plateau.js';
import { TerminateOnNaN } from './terminate-on-nan.js';

export const earlyStopping = (args?: EarlyStoppingArgs): EarlyStopping => new EarlyStopping(args);
export const modelCheckpoint = (args: ModelCheckpointArgs): ModelCheckpoint => new ModelCheckpoint(args);
export const reduceLROnPlateau = (args?: ReduceLROnPlateauArgs): ReduceLROnPlateau => new ReduceLROnPlateau(args);
export const learningRateScheduler = (args: LearningRateSchedulerArgs): LearningRateScheduler => new LearningRateScheduler(args);
export const csvLogger = (args: CSVLoggerArgs): CSVLogger => new CSVLogger(args);
export const terminateOnNaN = (): TerminateOnNaN => new TerminateOnNaN();
export const lambdaCallback = (args?: LambdaCallbackArgs): LambdaCallback => new LambdaCallback(args);
export const progbarLogger = (args?: ProgbarLoggerArgs): ProgbarLogger => new ProgbarLogger(args);
