import { registerLayer } from '../registry.js';
import { Pooling, type PoolingArgs } from './pooling.js';
import { MaxPooling1D, type MaxPooling1DArgs } from './max-pooling1d.js';
import { MaxPooling2D, type MaxPooling2DArgs } from './max-pooling2d.js';
import { AveragePooling1D, type AveragePooling1DArgs } from './average-pooling1d.js';
import { AveragePooling2D, type AveragePooling2DArgs } from './average-pooling2d.js';
import { MaxPooling3D, type MaxPooling3DArgs } from './max-pooling3d.js';
import { AveragePooling3D, type AveragePooling3DArgs } from './average-pooling3d.js';
import { GlobalPooling, GlobalMaxPooling, GlobalAveragePooling, type GlobalPoolingArgs } from './global-pooling.js';
import { GlobalAveragePooling1D, type GlobalAveragePooling1DArgs } from './global-average-pooling1d.js';
import { GlobalAveragePooling2D, type GlobalAveragePooling2DArgs } from './global-average-pooling2d.js';
import { GlobalMaxPooling1D, type GlobalMaxPooling1DArgs } from './global-max-pooling1d.js';
import { GlobalMaxPooling2D, type GlobalMaxPooling2DArgs } from './global-max-pooling2d.js';
import { GlobalAveragePooling3D, type GlobalAveragePooling3DArgs } from './global-average-pooling3d.js';
import { GlobalMaxPooling3D, type GlobalMaxPooling3DArgs } from './global-max-pooling3d.js';

export {
  Pooling, type PoolingArgs, MaxPooling1D, type MaxPooling1DArgs, MaxPooling2D, type MaxPooling2DArgs,
  AveragePooling1D, type AveragePooling1DArgs, AveragePooling2D, type AveragePooling2DArgs,
  GlobalPooling, type GlobalPoolingArgs, GlobalAveragePooling1D, type GlobalAveragePooling1DArgs,
  GlobalAveragePooling2D, type GlobalAveragePooling2DArgs, GlobalMaxPooling1D, type GlobalMaxPooling1DArgs,
  GlobalMaxPooling2D, type GlobalMaxPooling2DArgs, MaxPooling3D, type MaxPooling3DArgs, AveragePooling3D,
  type AveragePooling3DArgs, GlobalMaxPooling, GlobalAveragePooling, GlobalAveragePooling3D, type GlobalAveragePooling3DArgs,
  GlobalMaxPooling3D, type GlobalMaxPooling3DArgs,
};

/** `layers.maxPooling1d({ poolSize, strides, padding })`: a MaxPooling1D layer (default poolSize 2, 'valid'). */
export const maxPooling1d = (args: MaxPooling1DArgs = {}): MaxPooling1D => new MaxPooling1D(args);
/** `layers.maxPooling2d({ poolSize, strides, padding })`: a MaxPooling2D layer (default poolSize [2, 2], 'valid'). */
export const maxPooling2d = (args: MaxPooling2DArgs = {}): MaxPooling2D => new MaxPooling2D(args);
/** `layers.maxPooling3d({ poolSize, strides, padding })`: a MaxPooling3D layer (default poolSize [2, 2, 2], 'valid'). */
export const maxPooling3d = (args: MaxPooling3DArgs = {}): MaxPooling3D => new MaxPooling3D(args);
/** `layers.averagePooling1d({ poolSize, strides, padding })`: an AveragePooling1D layer (default poolSize 2, 'valid'). */
export const averagePooling1d = (args: AveragePooling1DArgs = {}): AveragePooling1D => new AveragePooling1D(args);
/** `layers.averagePooling2d({ poolSize, strides, padding })`: an AveragePooling2D layer (default poolSize [2, 2], 'valid'). */
export const averagePooling2d = (args: AveragePooling2DArgs = {}): AveragePooling2D => new AveragePooling2D(args);
/** `layers.averagePooling3d({ poolSize, strides, padding })`: an AveragePooling3D layer (default poolSize [2, 2, 2], 'valid'). */
export const averagePooling3d = (args: AveragePooling3DArgs = {}): AveragePooling3D => new AveragePooling3D(args);
/** `layers.globalAveragePooling1d()`: the mean over the steps axis, [batch, channels]. */
export const globalAveragePooling1d = (args: GlobalAveragePooling1DArgs = {}): GlobalAveragePooling1D => new GlobalAveragePooling1D(args);
/** `layers.globalAveragePooling2d()`: the mean over rows and cols, [batch, channels]. */
export const globalAveragePooling2d = (args: GlobalAveragePooling2DArgs = {}): GlobalAveragePooling2D => new GlobalAveragePooling2D(args);
/** `layers.globalAveragePooling3d()`: the mean over the three spatial axes, [batch, channels]. */
export const globalAveragePooling3d = (args: GlobalAveragePooling3DArgs = {}): GlobalAveragePooling3D => new GlobalAveragePooling3D(args);
/** `layers.globalMaxPooling1d()`: the maximum over the steps axis, [batch, channels]. */
export const globalMaxPooling1d = (args: GlobalMaxPooling1DArgs = {}): GlobalMaxPooling1D => new GlobalMaxPooling1D(args);
/** `layers.globalMaxPooling2d()`: the maximum over rows and cols, [batch, channels]. */
export const globalMaxPooling2d = (args: GlobalMaxPooling2DArgs = {}): GlobalMaxPooling2D => new GlobalMaxPooling2D(args);
/** `layers.globalMaxPooling3d()`: the maximum over the three spatial axes, [batch, channels]. */
export const globalMaxPooling3d = (args: GlobalMaxPooling3DArgs = {}): GlobalMaxPooling3D => new GlobalMaxPooling3D(args);

registerLayer('MaxPooling1D', (c) => new MaxPooling1D(c as MaxPooling1DArgs));
registerLayer('MaxPooling2D', (c) => new MaxPooling2D(c as MaxPooling2DArgs));
registerLayer('AveragePooling1D', (c) => new AveragePooling1D(c as AveragePooling1DArgs));
registerLayer('AveragePooling2D', (c) => new AveragePooling2D(c as AveragePooling2DArgs));
registerLayer('GlobalAveragePooling1D', (c) => new GlobalAveragePooling1D(c as GlobalAveragePooling1DArgs));
registerLayer('GlobalAveragePooling2D', (c) => new GlobalAveragePooling2D(c as GlobalAveragePooling2DArgs));
registerLayer('GlobalMaxPooling1D', (c) => new GlobalMaxPooling1D(c as GlobalMaxPooling1DArgs));
registerLayer('GlobalMaxPooling2D', (c) => new GlobalMaxPooling2D(c as GlobalMaxPooling2DArgs));
registerLayer('MaxPooling3D', (c) => new MaxPooling3D(c as MaxPooling3DArgs));
registerLayer('AveragePooling3D', (c) => new AveragePooling3D(c as AveragePooling3DArgs));
registerLayer('GlobalAveragePooling3D', (c) => new GlobalAveragePooling3D(c as GlobalAveragePooling3DArgs));
registerLayer('GlobalMaxPooling3D', (c) => new GlobalMaxPooling3D(c as GlobalMaxPooling3DArgs));
