import { registerLayer } from '../registry.js';
import { BaseConv, type BaseConvArgs } from './base-conv.js';
import { Conv, type ConvArgs } from './conv.js';
import { Conv1D, type Conv1DArgs } from './conv1d.js';
import { Conv2D, type Conv2DArgs } from './conv2d.js';
import { Conv3D, type Conv3DArgs } from './conv3d.js';
import { ConvTranspose, type ConvTransposeArgs } from './conv-transpose.js';
import { Conv2DTranspose, type Conv2DTransposeArgs } from './conv2d-transpose.js';
import { Conv3DTranspose, type Conv3DTransposeArgs } from './conv3d-transpose.js';
import { DepthwiseConv2D, type DepthwiseConv2DArgs } from './depthwise-conv2d.js';
import { SeparableConv, type SeparableConvArgs } from './separable-conv.js';
import { SeparableConv1D, type SeparableConv1DArgs } from './separable-conv1d.js';
import { SeparableConv2D, type SeparableConv2DArgs } from './separable-conv2d.js';
import { LocallyConnected, type LocallyConnectedArgs } from './locally-connected.js';
import { LocallyConnected1D, type LocallyConnected1DArgs } from './locally-connected1d.js';
import { LocallyConnected2D, type LocallyConnected2DArgs } from './locally-connected2d.js';
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

export {
  BaseConv, type BaseConvArgs, Conv, type ConvArgs, Conv1D, type Conv1DArgs, Conv2D, type Conv2DArgs, Conv3D, type Conv3DArgs,
  ConvTranspose, type ConvTransposeArgs, Conv2DTranspose, type Conv2DTransposeArgs, Conv3DTranspose, type Conv3DTransposeArgs,
  DepthwiseConv2D, type DepthwiseConv2DArgs, SeparableConv, type SeparableConvArgs, SeparableConv1D, type SeparableConv1DArgs,
  SeparableConv2D, type SeparableConv2DArgs, LocallyConnected, type LocallyConnectedArgs, LocallyConnected1D,
  type LocallyConnected1DArgs, LocallyConnected2D, type LocallyConnected2DArgs,
};

/** `layers.conv1d({ filters, kernelSize })`: a Conv1D layer over [batch, steps, channels]. */
export const conv1d = (args: Conv1DArgs): Conv1D => new Conv1D(args);
/** `layers.conv2d({ filters, kernelSize })`: a Conv2D layer over [batch, rows, cols, channels]. */
export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);
/** `layers.conv3d({ filters, kernelSize })`: a Conv3D layer over [batch, depth, rows, cols, channels]. */
export const conv3d = (args: Conv3DArgs): Conv3D => new Conv3D(args);
/** `layers.conv2dTranspose({ filters, kernelSize })`: a Conv2DTranspose (deconvolution) layer. */
export const conv2dTranspose = (args: Conv2DTransposeArgs): Conv2DTranspose => new Conv2DTranspose(args);
/** `layers.conv3dTranspose({ filters, kernelSize })`: a Conv3DTranspose layer. */
export const conv3dTranspose = (args: Conv3DTransposeArgs): Conv3DTranspose => new Conv3DTranspose(args);
/** `layers.depthwiseConv2d({ kernelSize, depthMultiplier })`: a DepthwiseConv2D layer. */
export const depthwiseConv2d = (args: DepthwiseConv2DArgs): DepthwiseConv2D => new DepthwiseConv2D(args);
/** `layers.separableConv1d({ filters, kernelSize })`: a SeparableConv1D layer (depthwise, then pointwise). */
export const separableConv1d = (args: SeparableConv1DArgs): SeparableConv1D => new SeparableConv1D(args);
/** `layers.separableConv2d({ filters, kernelSize })`: a SeparableConv2D layer (depthwise, then pointwise). */
export const separableConv2d = (args: SeparableConv2DArgs): SeparableConv2D => new SeparableConv2D(args);
/** `layers.locallyConnected1d({ filters, kernelSize })`: a LocallyConnected1D layer (unshared weights). */
export const locallyConnected1d = (args: LocallyConnected1DArgs): LocallyConnected1D => new LocallyConnected1D(args);
/** `layers.locallyConnected2d({ filters, kernelSize })`: a LocallyConnected2D layer (unshared weights). */
export const locallyConnected2d = (args: LocallyConnected2DArgs): LocallyConnected2D => new LocallyConnected2D(args);

registerLayer('Conv1D', (c) => new Conv1D(c as unknown as Conv1DArgs));
registerLayer('Conv2D', (c) => new Conv2D(c as unknown as Conv2DArgs));
registerLayer('Conv3D', (c) => new Conv3D(c as unknown as Conv3DArgs));
registerLayer('Conv2DTranspose', (c) => new Conv2DTranspose(c as unknown as Conv2DTransposeArgs));
registerLayer('Conv3DTranspose', (c) => new Conv3DTranspose(c as unknown as Conv3DTransposeArgs));
registerLayer('DepthwiseConv2D', (c) => new DepthwiseConv2D(c as unknown as DepthwiseConv2DArgs));
registerLayer('SeparableConv1D', (c) => new SeparableConv1D(c as unknown as SeparableConv1DArgs));
registerLayer('SeparableConv2D', (c) => new SeparableConv2D(c as unknown as SeparableConv2DArgs));
registerLayer('LocallyConnected1D', (c) => new LocallyConnected1D(c as unknown as LocallyConnected1DArgs));
registerLayer('LocallyConnected2D', (c) => new LocallyConnected2D(c as unknown as LocallyConnected2DArgs));

export {
  SpatialLayer, type SpatialLayerArgs, Cropping, Cropping1D, type Cropping1DArgs, Cropping2D, type Cropping2DArgs, Cropping3D, type Cropping3DArgs,
  ZeroPadding, ZeroPadding1D, type ZeroPadding1DArgs, ZeroPadding2D, type ZeroPadding2DArgs, ZeroPadding3D, type ZeroPadding3DArgs,
  UpSampling, UpSampling1D, type UpSampling1DArgs, UpSampling2D, type UpSampling2DArgs, type Interpolation, UpSampling3D, type UpSampling3DArgs,
};

/** `layers.cropping1d({ cropping })`: a Cropping1D layer (default [1, 1]). */
export const cropping1d = (args: Cropping1DArgs = {}): Cropping1D => new Cropping1D(args);
/** `layers.cropping2d({ cropping })`: a Cropping2D layer (default [[0, 0], [0, 0]]). */
export const cropping2d = (args: Cropping2DArgs = {}): Cropping2D => new Cropping2D(args);
/** `layers.cropping3d({ cropping })`: a Cropping3D layer (default 1 at each end of each axis). */
export const cropping3d = (args: Cropping3DArgs = {}): Cropping3D => new Cropping3D(args);
/** `layers.zeroPadding1d({ padding })`: a ZeroPadding1D layer (default 1 at each end). */
export const zeroPadding1d = (args: ZeroPadding1DArgs = {}): ZeroPadding1D => new ZeroPadding1D(args);
/** `layers.zeroPadding2d({ padding })`: a ZeroPadding2D layer (default 1 on every side). */
export const zeroPadding2d = (args: ZeroPadding2DArgs = {}): ZeroPadding2D => new ZeroPadding2D(args);
/** `layers.zeroPadding3d({ padding })`: a ZeroPadding3D layer (default 1 on every side). */
export const zeroPadding3d = (args: ZeroPadding3DArgs = {}): ZeroPadding3D => new ZeroPadding3D(args);
/** `layers.upSampling1d({ size })`: an UpSampling1D layer (default size 2). */
export const upSampling1d = (args: UpSampling1DArgs = {}): UpSampling1D => new UpSampling1D(args);
/** `layers.upSampling2d({ size, interpolation })`: an UpSampling2D layer (default [2, 2], 'nearest'). */
export const upSampling2d = (args: UpSampling2DArgs = {}): UpSampling2D => new UpSampling2D(args);
/** `layers.upSampling3d({ size })`: an UpSampling3D layer (default [2, 2, 2]). */
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
