// The conv-autoencoder workload's model, as [layer factory, config] pairs that both sides
// build with their own `layers` namespace (the configs are tfjs-style on both).

/** Conv2D + MaxPooling2D down to 7x7x8, Conv2DTranspose + UpSampling2D back to 28x28x1 (sigmoid). */
export const AUTOENCODER_LAYERS = [
  ['conv2d', { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }],
  ['maxPooling2d', { poolSize: 2 }],
  ['conv2d', { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }],
  ['maxPooling2d', { poolSize: 2 }],
  ['conv2dTranspose', { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }],
  ['upSampling2d', { size: [2, 2] }],
  ['conv2dTranspose', { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }],
  ['upSampling2d', { size: [2, 2] }],
  ['conv2d', { filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }],
];
