import { registerLayer } from '../registry.js';
import { Conv, type ConvArgs } from './conv.js';
import { Conv1D, type Conv1DArgs } from './conv1d.js';
import { Conv2D, type Conv2DArgs } from './conv2d.js';

export { Conv, type ConvArgs, Conv1D, type Conv1DArgs, Conv2D, type Conv2DArgs };

export const conv1d = (args: Conv1DArgs): Conv1D => new Conv1D(args);
export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);

registerLayer('Conv1D', (c) => new Conv1D(c as unknown as Conv1DArgs));
registerLayer('Conv2D', (c) => new Conv2D(c as unknown as Conv2DArgs));
