import { registerLayer } from '../registry.js';
import { BatchNormalization, type BatchNormalizationArgs } from './batch-normalization.js';
import { LayerNormalization, type LayerNormalizationArgs } from './layer-normalization.js';

export { BatchNormalization, type BatchNormalizationArgs, LayerNormalization, type LayerNormalizationArgs };

/** `layers.batchNormalization({ axis, momentum, epsilon })`: a BatchNormalization layer. */
export const batchNormalization = (args: BatchNormalizationArgs = {}): BatchNormalization => new BatchNormalization(args);
/** `layers.layerNormalization({ axis, epsilon })`: a LayerNormalization layer. */
export const layerNormalization = (args: LayerNormalizationArgs = {}): LayerNormalization => new LayerNormalization(args);

registerLayer('BatchNormalization', (c) => new BatchNormalization(c as BatchNormalizationArgs));
registerLayer('LayerNormalization', (c) => new LayerNormalization(c as LayerNormalizationArgs));
