export type { LossFunction, LossEntry } from './loss.js';
