import { registerLayer } from '../registry.js';
import { GaussianNoise, type GaussianNoiseArgs } from './gaussian-noise.js';
import { GaussianDropout, type GaussianDropoutArgs } from './gaussian-dropout.js';
import { AlphaDropout, type AlphaDropoutArgs } from './alpha-dropout.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';
import { SpatialDropout1D, type SpatialDropout1DArgs } from './spatial-dropout1d.js';
import { SpatialDropout2D, type SpatialDropout2DArgs } from './spatial-dropout2d.js';
import { SpatialDropout3D, type SpatialDropout3DArgs } from './spatial-dropout3d.js';

export {
  GaussianNoise, type GaussianNoiseArgs, GaussianDropout, type GaussianDropoutArgs, AlphaDropout, type AlphaDropoutArgs,
  SpatialDropout, type SpatialDropoutArgs, SpatialDropout1D, type SpatialDropout1DArgs, SpatialDropout2D, type SpatialDropout2DArgs,
  SpatialDropout3D, type SpatialDropout3DArgs,
};

/** `layers.gaussianNoise({ stddev })`: a GaussianNoise layer. */
export const gaussianNoise = (args: GaussianNoiseArgs): GaussianNoise => new GaussianNoise(args);
/** `layers.gaussianDropout({ rate })`: a GaussianDropout layer. */
export const gaussianDropout = (args: GaussianDropoutArgs): GaussianDropout => new GaussianDropout(args);
/** `layers.alphaDropout({ rate })`: an AlphaDropout layer (for SELU networks). */
export const alphaDropout = (args: AlphaDropoutArgs): AlphaDropout => new AlphaDropout(args);
/** `layers.spatialDropout1d({ rate })`: a SpatialDropout1D layer. */
export const spatialDropout1d = (args: SpatialDropout1DArgs): SpatialDropout1D => new SpatialDropout1D(args);
/** `layers.spatialDropout2d({ rate })`: a SpatialDropout2D layer. */
export const spatialDropout2d = (args: SpatialDropout2DArgs): SpatialDropout2D => new SpatialDropout2D(args);
/** `layers.spatialDropout3d({ rate })`: a SpatialDropout3D layer. */
export const spatialDropout3d = (args: SpatialDropout3DArgs): SpatialDropout3D => new SpatialDropout3D(args);

registerLayer('GaussianNoise', (c) => new GaussianNoise(c as unknown as GaussianNoiseArgs));
registerLayer('GaussianDropout', (c) => new GaussianDropout(c as unknown as GaussianDropoutArgs));
registerLayer('AlphaDropout', (c) => new AlphaDropout(c as unknown as AlphaDropoutArgs));
registerLayer('SpatialDropout1D', (c) => new SpatialDropout1D(c as unknown as SpatialDropout1DArgs));
registerLayer('SpatialDropout2D', (c) => new SpatialDropout2D(c as unknown as SpatialDropout2DArgs));
registerLayer('SpatialDropout3D', (c) => new SpatialDropout3D(c as unknown as SpatialDropout3DArgs));
