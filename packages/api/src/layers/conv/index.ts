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

export {
  BaseConv, type BaseConvArgs, Conv, type ConvArgs, Conv1D, type Conv1DArgs, Conv2D, type Conv2DArgs, Conv3D, type Conv3DArgs,
  ConvTranspose, type ConvTransposeArgs, Conv2DTranspose, type Conv2DTransposeArgs, Conv3DTranspose, type Conv3DTransposeArgs,
  DepthwiseConv2D, type DepthwiseConv2DArgs, SeparableConv, type SeparableConvArgs, SeparableConv1D, type SeparableConv1DArgs,
  SeparableConv2D, type SeparableConv2DArgs, LocallyConnected, type LocallyConnectedArgs, LocallyConnected1D,
  type LocallyConnected1DArgs, LocallyConnected2D, type LocallyConnected2DArgs,
};

export const conv1d = (args: Conv1DArgs): Conv1D => new Conv1D(args);
export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);
export const conv3d = (args: Conv3DArgs): Conv3D => new Conv3D(args);
export const conv2dTranspose = (args: Conv2DTransposeArgs): Conv2DTranspose => new Conv2DTranspose(args);
export const conv3dTranspose = (args: Conv3DTransposeArgs): Conv3DTranspose => new Conv3DTranspose(args);
export const depthwiseConv2d = (args: DepthwiseConv2DArgs): DepthwiseConv2D => new DepthwiseConv2D(args);
export const separableConv1d = (args: SeparableConv1DArgs): SeparableConv1D => new SeparableConv1D(args);
export const separableConv2d = (args: SeparableConv2DArgs): SeparableConv2D => new SeparableConv2D(args);
export const locallyConnected1d = (args: LocallyConnected1DArgs): LocallyConnected1D => new LocallyConnected1D(args);
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
