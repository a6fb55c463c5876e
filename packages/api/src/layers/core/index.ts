import { Dense, type DenseArgs } from './dense.js';
import { registerLayer } from '../registry.js';

export { Dense, type DenseArgs };

export const dense = (args: DenseArgs): Dense => new Dense(args);

registerLayer('Dense', (c) => new Dense(c as unknown as DenseArgs));
