import { registerLayer } from '../registry.js';
import { Conv, type ConvArgs } from './conv.js';
import { Conv1D, type Conv1DArgs } from './conv1d.js';
import { Conv2D, type Conv2DArgs } from './conv2d.js';
import { SpatialLayer, type SpatialLayerArgs } from './spatial-layer.js';
import { Cropping } from './cropping.js';
import { Cropping1D, type Cropping1DArgs } from './cropping1d.js';
import { Cropping2D, type Cropping2DArgs } from './cropping2d.js';
import { Cropping3D, type Cropping3DArgs } from './cropping3d.js';
import { ZeroPadding } from './zero-padding.js';
import { ZeroPadding1D, type ZeroPadding1DArgs } from './zero-padding1d.js';
import { ZeroPadding2D, type ZeroPadding2DArgs } from './zero-padding2d.js';
import { ZeroPadding3D, type ZeroPadding3DArgs } from './zero-padding3d.js';
import { UpSampling } from './up-sampling.js';
import { UpSampling1D, type UpSampling1DArgs } from './up-sampling1d.js';
import { UpSampling2D, type UpSampling2DArgs, type Interpolation } from './up-sampling2d.js';
import { UpSampling3D, type UpSampling3DArgs } from './up-sampling3d.js';

export { Conv, type ConvArgs, Conv1D, type Conv1DArgs, Conv2D, type Conv2DArgs };

export const conv1d = (args: Conv1DArgs): Conv1D => new Conv1D(args);
export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);

registerLayer('Conv1D', (c) => new Conv1D(c as unknown as Conv1DArgs));
registerLayer('Conv2D', (c) => new Conv2D(c as unknown as Conv2DArgs));

export {
  SpatialLayer, type SpatialLayerArgs, Cropping, Cropping1D, type Cropping1DArgs, Cropping2D, type Cropping2DArgs, Cropping3D, type Cropping3DArgs,
  ZeroPadding, ZeroPadding1D, type ZeroPadding1DArgs, ZeroPadding2D, type ZeroPadding2DArgs, ZeroPadding3D, type ZeroPadding3DArgs,
  UpSampling, UpSampling1D, type UpSampling1DArgs, UpSampling2D, type UpSampling2DArgs, type Interpolation, UpSampling3D, type UpSampling3DArgs,
};

export const cropping1d = (args: Cropping1DArgs = {}): Cropping1D => new Cropping1D(args);
export const cropping2d = (args: Cropping2DArgs = {}): Cropping2D => new Cropping2D(args);
export const cropping3d = (args: Cropping3DArgs = {}): Cropping3D => new Cropping3D(args);
export const zeroPadding1d = (args: ZeroPadding1DArgs = {}): ZeroPadding1D => new ZeroPadding1D(args);
export const zeroPadding2d = (args: ZeroPadding2DArgs = {}): ZeroPadding2D => new ZeroPadding2D(args);
export const zeroPadding3d = (args: ZeroPadding3DArgs = {}): ZeroPadding3D => new ZeroPadding3D(args);
export const upSampling1d = (args: UpSampling1DArgs = {}): UpSampling1D => new UpSampling1D(args);
export const upSampling2d = (args: UpSampling2DArgs = {}): UpSampling2D => new UpSampling2D(args);
export const upSampling3d = (args: UpSampling3DArgs = {}): UpSampling3D => new UpSampling3D(args);

registerLayer('Cropping1D', (c) => new Cropping1D(c as Cropping1DArgs));
registerLayer('Cropping2D', (c) => new Cropping2D(c as Cropping2DArgs));
registerLayer('Cropping3D', (c) => new Cropping3D(c as Cropping3DArgs));
registerLayer('ZeroPadding1D', (c) => new ZeroPadding1D(c as ZeroPadding1DArgs));
registerLayer('ZeroPadding2D', (c) => new ZeroPadding2D(c as ZeroPadding2DArgs));
registerLayer('ZeroPadding3D', (c) => new ZeroPadding3D(c as ZeroPadding3DArgs));
registerLayer('UpSampling1D', (c) => new UpSampling1D(c as UpSampling1DArgs));
registerLayer('UpSampling2D', (c) => new UpSampling2D(c as UpSampling2DArgs));
registerLayer('UpSampling3D', (c) => new UpSampling3D(c as UpSampling3DArgs));
