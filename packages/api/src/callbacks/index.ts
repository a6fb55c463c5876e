export { Callback, CallbackList, isCallbackLike, type CallbacksArg, type CallbackHooks, type CallbackModel, type CallbackParams, type Logs } from './callback.js';
export { History } from './history.js';
export { ProgbarLogger, type ProgbarLoggerArgs } from './progbar-logger.js';
export type { PrintFn } from './progbar.js';
export { EarlyStopping, type EarlyStoppingArgs } from './early-stopping.js';
export { ModelCheckpoint, type ModelCheckpointArgs } from './model-checkpoint.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauArgs } from './reduce-lr-on-plateau.js';
export { LearningRateScheduler, type LearningRateSchedulerArgs, type EpochSchedule } from './learning-rate-scheduler.js';
export { CSVLogger, type CSVLoggerArgs } from './csv-logger.js';
export { TerminateOnNaN } from './terminate-on-nan.js';
export { LambdaCallback, type LambdaCallbackArgs } from './lambda-callback.js';
export type { MonitorMode } from './monitor.js';
export {
  earlyStopping, modelCheckpoint, reduceLROnPlateau, learningRateScheduler, csvLogger, terminateOnNaN, lambdaCallback, progbarLogger,
} from './factories.js';
