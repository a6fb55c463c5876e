export { Metric } from './metric.js';
