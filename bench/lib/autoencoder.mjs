// The conv-autoencoder workload's model, as [layer factory, config] pairs that both sides
// build with their own `layers` namespace (the configs are tfjs-style on both).

/**
 * Which layer upsamples. UpSampling2D lands in layerwise with the shape layers; until it
 * is there, BOTH sides stand in a stride-2 Conv2DTranspose (kernel 2), so the two sides
 * still train the same model, and the result says so (`upsampling`). Only the layerwise
 * module is asked, without loading a backend.
 */
export async function upsamplingLayer() {
  const { layers } = await import('@layerwise/api');
  return typeof layers.upSampling2d === 'function' ? 'upSampling2d' : 'conv2dTranspose';
}

/** Conv2D + MaxPooling2D down to 7x7x8, Conv2DTranspose + upsampling back to 28x28x1 (sigmoid). */
export function autoencoderLayers(upsampling) {
  const up = (filters) => (upsampling === 'upSampling2d'
    ? ['upSampling2d', { size: [2, 2] }]
    : ['conv2dTranspose', { filters, kernelSize: 2, strides: 2 }]);
  return [
    ['conv2d', { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }],
    ['maxPooling2d', { poolSize: 2 }],
    ['conv2d', { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }],
    ['maxPooling2d', { poolSize: 2 }],
    ['conv2dTranspose', { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }],
    up(8),
    ['conv2dTranspose', { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }],
    up(16),
    ['conv2d', { filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }],
  ];
}
