export { Optimizer, type OptimizerArgs } from './optimizer.js';
export { LearningRateSchedule } from './schedules.js';
export { SGD, type SGDArgs } from './sgd.js';
export { Adam, type AdamArgs } from './adam.js';
