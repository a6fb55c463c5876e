import { show, type JsonMap } from './json.js';

/**
 * Keras 1 spellings that Keras 2 still reads (keras/legacy/interfaces.py and the class aliases
 * in keras/layers): class names, renamed arguments and renamed values. Data only: the
 * conversion itself is one function for every layer.
 */

/** Alias -> Keras 2 class name (Convolution2D = Conv2D, MaxPool2D = MaxPooling2D, ...). */
export const LEGACY_CLASS_NAMES: Readonly<Record<string, string>> = {
  Convolution1D: 'Conv1D', Convolution2D: 'Conv2D', Convolution3D: 'Conv3D',
  SeparableConvolution1D: 'SeparableConv1D', SeparableConvolution2D: 'SeparableConv2D',
  Convolution2DTranspose: 'Conv2DTranspose', Deconvolution2D: 'Conv2DTranspose', Deconv2D: 'Conv2DTranspose',
  Deconvolution3D: 'Conv3DTranspose', Deconv3D: 'Conv3DTranspose',
  AvgPool1D: 'AveragePooling1D', MaxPool1D: 'MaxPooling1D', AvgPool2D: 'AveragePooling2D', MaxPool2D: 'MaxPooling2D',
  AvgPool3D: 'AveragePooling3D', MaxPool3D: 'MaxPooling3D',
  GlobalMaxPool1D: 'GlobalMaxPooling1D', GlobalMaxPool2D: 'GlobalMaxPooling2D', GlobalMaxPool3D: 'GlobalMaxPooling3D',
  GlobalAvgPool1D: 'GlobalAveragePooling1D', GlobalAvgPool2D: 'GlobalAveragePooling2D', GlobalAvgPool3D: 'GlobalAveragePooling3D',
};

type Family = 'dense' | 'dropout' | 'embedding' | 'conv' | 'pooling1d' | 'pooling' | 'recurrent' | 'batchnorm' | 'noise' | 'prelu' | 'upsampling1d';

const FAMILIES: Readonly<Record<string, Family>> = {
  Dense: 'dense', Dropout: 'dropout', SpatialDropout1D: 'dropout', SpatialDropout2D: 'dropout', SpatialDropout3D: 'dropout',
  GaussianDropout: 'dropout', Embedding: 'embedding', GaussianNoise: 'noise', PReLU: 'prelu', UpSampling1D: 'upsampling1d',
  Conv1D: 'conv', Conv2D: 'conv', Conv3D: 'conv', SeparableConv1D: 'conv', SeparableConv2D: 'conv', Conv2DTranspose: 'conv', Conv3DTranspose: 'conv',
  MaxPooling1D: 'pooling1d', AveragePooling1D: 'pooling1d',
  MaxPooling2D: 'pooling', AveragePooling2D: 'pooling', MaxPooling3D: 'pooling', AveragePooling3D: 'pooling',
  GlobalMaxPooling1D: 'pooling', GlobalAveragePooling1D: 'pooling', GlobalMaxPooling2D: 'pooling', GlobalAveragePooling2D: 'pooling',
  GlobalMaxPooling3D: 'pooling', GlobalAveragePooling3D: 'pooling', UpSampling2D: 'pooling', UpSampling3D: 'pooling',
  ZeroPadding2D: 'pooling', ZeroPadding3D: 'pooling', Cropping2D: 'pooling', Cropping3D: 'pooling',
  SimpleRNN: 'recurrent', LSTM: 'recurrent', GRU: 'recurrent', ConvLSTM2D: 'conv', BatchNormalization: 'batchnorm',
};

const WEIGHTED = { init: 'kernel_initializer', W_regularizer: 'kernel_regularizer', b_regularizer: 'bias_regularizer', W_constraint: 'kernel_constraint', b_constraint: 'bias_constraint', bias: 'use_bias' };
const ORDERING = { border_mode: 'padding', dim_ordering: 'data_format' };

const RENAMES: Readonly<Record<Family, Readonly<Record<string, string>>>> = {
  dense: { output_dim: 'units', ...WEIGHTED },
  dropout: { p: 'rate' },
  noise: { sigma: 'stddev' },
  prelu: { init: 'alpha_initializer' },
  upsampling1d: { length: 'size' },
  embedding: { init: 'embeddings_initializer', W_regularizer: 'embeddings_regularizer', W_constraint: 'embeddings_constraint' },
  conv: { nb_filter: 'filters', filter_length: 'kernel_size', subsample_length: 'strides', subsample: 'strides', atrous_rate: 'dilation_rate', inner_init: 'recurrent_initializer', inner_activation: 'recurrent_activation', U_regularizer: 'recurrent_regularizer', ...ORDERING, ...WEIGHTED },
  pooling1d: { pool_length: 'pool_size', stride: 'strides', border_mode: 'padding' },
  pooling: { ...ORDERING },
  recurrent: {
    output_dim: 'units', inner_init: 'recurrent_initializer', inner_activation: 'recurrent_activation', U_regularizer: 'recurrent_regularizer',
    dropout_W: 'dropout', dropout_U: 'recurrent_dropout', consume_less: 'implementation', ...WEIGHTED,
  },
  batchnorm: { beta_init: 'beta_initializer', gamma_init: 'gamma_initializer' },
};

const VALUES: Readonly<Record<string, Readonly<Record<string, string | number>>>> = {
  data_format: { tf: 'channels_last', th: 'channels_first', default: 'channels_last' },
  implementation: { cpu: 0, mem: 1, gpu: 2 },
};

/** A Keras 2 class name for `className` (aliases resolved). */
export function canonicalClassName(className: string): string {
  return LEGACY_CLASS_NAMES[className] ?? className;
}

/**
 * Rewrites Keras 1 arguments of a layer config as Keras 2 does when it reads them; a config
 * that gives both spellings of one argument is an error (as in Keras).
 */
export function convertLegacyArgs(className: string, config: JsonMap, where: string): JsonMap {
  const family = FAMILIES[className];
  if (!family) return config;
  const out: JsonMap = { ...config };
  for (const [old, now] of Object.entries(RENAMES[family])) {
    if (!(old in out)) continue;
    if (now in out) throw new Error(`${where}: the config gives both the Keras 1 argument '${old}' and the Keras 2 '${now}'`);
    const value = out[old];
    delete out[old];
    const mapped = typeof value === 'string' ? VALUES[now]?.[value] : undefined;
    out[now] = mapped ?? value;
  }
  if ('nb_row' in out || 'nb_col' in out) {
    if ('kernel_size' in out) throw new Error(`${where}: the config gives both nb_row/nb_col and kernel_size`);
    out.kernel_size = [out.nb_row ?? null, out.nb_col ?? null];
    delete out.nb_row;
    delete out.nb_col;
  }
  if (family === 'recurrent' && 'forget_bias_init' in out) {
    // Keras 2 turns 'one' into unit_forget_bias and ignores any other value.
    if (out.forget_bias_init === 'one') out.unit_forget_bias = true;
    delete out.forget_bias_init;
  }
  if (family === 'embedding' && 'dropout' in out) {
    if (out.dropout !== 0 && out.dropout !== null) throw new Error(`${where}: Embedding sets the Keras 1 'dropout' ${show(out.dropout)}, which Keras 2 no longer supports`);
    delete out.dropout;
  }
  if (family === 'batchnorm' && 'mode' in out) {
    if (out.mode !== 0) throw new Error(`${where}: BatchNormalization mode ${show(out.mode)} is a Keras 1 feature Keras 2 no longer supports`);
    delete out.mode;
  }
  if ('input_dtype' in out) {
    if (!('dtype' in out)) out.dtype = out.input_dtype;
    delete out.input_dtype;
  }
  return out;
}
