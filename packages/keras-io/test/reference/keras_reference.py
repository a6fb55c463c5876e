#!/usr/bin/env python3
"""Independent float64 NumPy forward passes of Keras 2 models, read through h5py.

Reads each fixture's model_config and weights straight from the HDF5 file (no Keras, no
layerwise), runs the layers with Keras 2's formulas on fixed seeded inputs, and writes the
inputs and outputs as JSON. layerwise's tests compare their predictions with this file.

Usage: python3 keras_reference.py FIXTURE_DIR OUT.json
"""
import json
import sys
from pathlib import Path

import h5py
import numpy as np


def attr_str(v):
    return v.decode('utf8') if isinstance(v, bytes) else str(v)


def names(group, key):
    if key in group.attrs:
        return [attr_str(n) for n in group.attrs[key]]
    out, i = [], 0
    while f'{key}{i}' in group.attrs:
        out += [attr_str(n) for n in group.attrs[f'{key}{i}']]
        i += 1
    return out


def act(name, x):
    if name in (None, 'linear'):
        return x
    if name == 'relu':
        return np.maximum(x, 0)
    if name == 'sigmoid':
        return 1 / (1 + np.exp(-x))
    if name == 'hard_sigmoid':
        return np.clip(0.2 * x + 0.5, 0, 1)
    if name == 'tanh':
        return np.tanh(x)
    if name == 'softmax':
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    if name == 'elu':
        return np.where(x > 0, x, np.exp(x) - 1)
    if name == 'softplus':
        return np.log1p(np.exp(x))
    if name == 'softsign':
        return x / (1 + np.abs(x))
    raise ValueError(f'activation {name}')


def conv(x, kernel, bias, strides, padding, dilation, flip):
    """N-d correlation over the spatial axes of channels_last x [batch, *spatial, in]."""
    nd = kernel.ndim - 2
    if flip:  # Theano convolves: the same as correlating with the kernel reversed in space.
        kernel = kernel[tuple([slice(None, None, -1)] * nd)]
    ks = kernel.shape[:nd]
    eff = [(k - 1) * d + 1 for k, d in zip(ks, dilation)]
    if padding == 'same':
        pads = []
        for size, e, s in zip(x.shape[1:-1], eff, strides):
            out = -(-size // s)
            total = max((out - 1) * s + e - size, 0)
            pads.append((total // 2, total - total // 2))
        x = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    elif padding == 'causal':
        x = np.pad(x, [(0, 0), (eff[0] - 1, 0), (0, 0)])
    out_sizes = [(size - e) // s + 1 for size, e, s in zip(x.shape[1:-1], eff, strides)]
    y = np.zeros((x.shape[0], *out_sizes, kernel.shape[-1]))
    for idx in np.ndindex(*ks):
        sl = tuple(slice(i * d, i * d + (o - 1) * s + 1, s) for i, d, o, s in zip(idx, dilation, out_sizes, strides))
        y += np.tensordot(x[(slice(None),) + sl], kernel[idx], axes=([x.ndim - 1], [0]))
    return y + (bias if bias is not None else 0)


def tup(v, n):
    return tuple(v) if isinstance(v, (list, tuple)) else (v,) * n


def lstm_cell(x_t, h, c, W, U, b, cfg):
    z = x_t @ W + h @ U + (b if b is not None else 0)
    u = U.shape[0]
    i, f, cc, o = z[:, :u], z[:, u:2 * u], z[:, 2 * u:3 * u], z[:, 3 * u:]
    ra, a = cfg.get('recurrent_activation', 'hard_sigmoid'), cfg.get('activation', 'tanh')
    c = act(ra, f) * c + act(ra, i) * act(a, cc)
    return act(ra, o) * act(a, c), c


def gru_cell(x_t, h, W, U, b, cfg):
    u = U.shape[0]
    ra, a = cfg.get('recurrent_activation', 'hard_sigmoid'), cfg.get('activation', 'tanh')
    if cfg.get('reset_after', False):
        bi, br = (b[0], b[1]) if b is not None else (0, 0)
        xz = x_t @ W + bi
        hz = h @ U + br
        z = act(ra, xz[:, :u] + hz[:, :u])
        r = act(ra, xz[:, u:2 * u] + hz[:, u:2 * u])
        hh = act(a, xz[:, 2 * u:] + r * hz[:, 2 * u:])
    else:
        bb = b if b is not None else np.zeros(3 * u)
        xz = x_t @ W + bb
        z = act(ra, xz[:, :u] + h @ U[:, :u])
        r = act(ra, xz[:, u:2 * u] + h @ U[:, u:2 * u])
        hh = act(a, xz[:, 2 * u:] + (r * h) @ U[:, 2 * u:])
    return z * h + (1 - z) * hh


def recurrent(kind, x, w, cfg, mask):
    steps = range(x.shape[1])
    if cfg.get('go_backwards'):
        steps = reversed(list(steps))
    units = cfg['units']
    h = np.zeros((x.shape[0], units))
    c = np.zeros_like(h)
    outs = []
    for t in steps:
        if kind == 'LSTM':
            nh, nc = lstm_cell(x[:, t], h, c, w[0], w[1], w[2] if len(w) > 2 else None, cfg)
        elif kind == 'GRU':
            nh, nc = gru_cell(x[:, t], h, w[0], w[1], w[2] if len(w) > 2 else None, cfg), c
        else:
            nh = act(cfg.get('activation', 'tanh'), x[:, t] @ w[0] + h @ w[1] + (w[2] if len(w) > 2 else 0))
            nc = c
        if mask is not None:  # Keras 2: a masked step keeps the previous state and output
            m = mask[:, t][:, None]
            nh, nc = np.where(m, nh, h), np.where(m, nc, c)
        h, c = nh, nc
        outs.append(h)
    return np.stack(outs, axis=1) if cfg.get('return_sequences') else h


def forward(layers, weights, x, backend):
    mask = None
    for cls, cfg in layers:
        w = weights.get(cfg['name'], [])
        if cls == 'InputLayer':
            continue
        if cls == 'Dense':
            x = act(cfg.get('activation'), x @ w[0] + (w[1] if len(w) > 1 else 0))
        elif cls == 'Activation':
            x = act(cfg['activation'], x)
        elif cls in ('Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'AlphaDropout', 'GaussianDropout', 'GaussianNoise'):
            pass
        elif cls == 'LeakyReLU':
            x = np.where(x > 0, x, cfg['alpha'] * x)
        elif cls == 'ELU':
            x = np.where(x > 0, x, cfg['alpha'] * (np.exp(x) - 1))
        elif cls == 'ThresholdedReLU':
            x = np.where(x > cfg['theta'], x, 0)
        elif cls == 'Softmax':
            e = np.exp(x - x.max(axis=cfg.get('axis', -1), keepdims=True))
            x = e / e.sum(axis=cfg.get('axis', -1), keepdims=True)
        elif cls == 'ReLU':
            neg = cfg.get('negative_slope', 0) or 0
            y = np.where(x >= cfg.get('threshold', 0) or 0, x, neg * (x - (cfg.get('threshold', 0) or 0)))
            x = np.minimum(y, cfg['max_value']) if cfg.get('max_value') is not None else y
        elif cls == 'PReLU':
            x = np.where(x > 0, x, w[0] * x)
        elif cls == 'ZeroPadding2D':
            (t, b), (l, r) = cfg['padding']
            x = np.pad(x, [(0, 0), (t, b), (l, r), (0, 0)])
        elif cls == 'Cropping2D':
            (t, b), (l, r) = cfg['cropping']
            x = x[:, t:x.shape[1] - b, l:x.shape[2] - r, :]
        elif cls == 'UpSampling2D':
            sh, sw = cfg['size']
            x = x.repeat(sh, axis=1).repeat(sw, axis=2)
        elif cls in ('MaxPooling1D', 'AveragePooling1D', 'MaxPooling2D', 'AveragePooling2D'):
            nd = 1 if cls.endswith('1D') else 2
            if cfg['padding'] != 'valid':
                raise ValueError(f'no reference for {cls} padding {cfg["padding"]}')
            pool, strides = tup(cfg['pool_size'], nd), tup(cfg['strides'] or cfg['pool_size'], nd)
            outs = [(size - p) // s + 1 for size, p, s in zip(x.shape[1:-1], pool, strides)]
            windows = [x[(slice(None),) + tuple(slice(o, o + (n - 1) * s + 1, s) for o, n, s in zip(idx, outs, strides))]
                       for idx in np.ndindex(*pool)]
            x = np.max(windows, axis=0) if cls.startswith('Max') else np.mean(windows, axis=0)
        elif cls in ('GlobalMaxPooling1D', 'GlobalMaxPooling2D'):
            x = x.max(axis=tuple(range(1, x.ndim - 1)))
        elif cls in ('GlobalAveragePooling1D', 'GlobalAveragePooling2D'):
            x = x.mean(axis=tuple(range(1, x.ndim - 1)))
        elif cls == 'Flatten':
            x = x.reshape(x.shape[0], -1)
            mask = None
        elif cls == 'Reshape':
            x = x.reshape((x.shape[0],) + tuple(cfg['target_shape']))
        elif cls == 'Masking':
            mask = np.any(x != cfg.get('mask_value', 0.0), axis=-1)
            x = x * mask[..., None]
        elif cls == 'Embedding':
            if cfg.get('mask_zero'):
                mask = x != 0
            x = w[0][x.astype(int)]
        elif cls in ('Conv1D', 'Conv2D'):
            nd = w[0].ndim - 2
            first = cfg.get('data_format') == 'channels_first'
            if first:
                x = np.moveaxis(x, 1, -1)
            y = conv(x, w[0], w[1] if len(w) > 1 else None, tup(cfg['strides'], nd), cfg['padding'],
                     tup(cfg.get('dilation_rate', 1), nd), backend == 'theano')
            x = act(cfg.get('activation'), y)
            if first:
                x = np.moveaxis(x, -1, 1)
        elif cls == 'BatchNormalization':
            axis = cfg['axis'][0] if isinstance(cfg['axis'], list) else cfg['axis']
            shape = [1] * x.ndim
            shape[axis] = x.shape[axis]
            i = 0
            gamma = w[i].reshape(shape) if cfg.get('scale', True) else 1
            i += 1 if cfg.get('scale', True) else 0
            beta = w[i].reshape(shape) if cfg.get('center', True) else 0
            i += 1 if cfg.get('center', True) else 0
            mean, var = w[i].reshape(shape), w[i + 1].reshape(shape)
            x = gamma * (x - mean) / np.sqrt(var + cfg['epsilon']) + beta
        elif cls in ('LSTM', 'GRU', 'SimpleRNN'):
            x = recurrent(cls, x, w, cfg, mask)
            if not cfg.get('return_sequences'):
                mask = None
        else:
            raise ValueError(f'no reference for layer class {cls}')
    return x


def model_layers(config):
    cfg = config['config']
    entries = cfg if isinstance(cfg, list) else cfg['layers']
    return [(e['class_name'], e['config']) for e in entries]


def input_of(layers, rng):
    cls, cfg = layers[0]
    shape = cfg.get('batch_input_shape')
    shape = [2] + [5 if d is None else d for d in shape[1:]]
    if any(c == 'Embedding' for c, _ in layers[:2]):
        emb = next(c for k, c in layers if k == 'Embedding')
        return rng.integers(0, emb['input_dim'], size=shape).astype(np.float64)
    x = rng.uniform(-1, 1, size=shape)
    if any(c == 'Masking' for c, _ in layers[:2]):
        x[0, -2:] = 0.0  # mask the last two steps of the first sample
    return x.astype(np.float32).astype(np.float64)  # what a float32 model receives


def main(fixture_dir, out_path):
    results = {}
    for path in sorted(Path(fixture_dir).glob('*.h5')):
        with h5py.File(path, 'r') as f:
            if 'model_config' not in f.attrs or 'model_weights' not in f:
                continue
            version = attr_str(f['model_weights'].attrs.get('keras_version', b'1'))
            if version.startswith('1'):
                continue
            config = json.loads(attr_str(f.attrs['model_config']))
            backend = attr_str(f['model_weights'].attrs.get('backend', b'tensorflow'))
            g = f['model_weights']
            weights = {n: [np.asarray(g[n][w], dtype=np.float64) for w in names(g[n], 'weight_names')] for n in names(g, 'layer_names')}
            layers = model_layers(config)
            rng = np.random.default_rng(sum(path.name.encode()))
            x = input_of(layers, rng)
            try:
                y = forward(layers, weights, x, backend)
            except ValueError as e:
                print(f'skip {path.name}: {e}', file=sys.stderr)
                continue
            # 9 significant digits hold every float32 exactly; the tests compare to 1e-5.
            short = lambda a: [float(f'{v:.9g}') for v in a.ravel()]
            results[path.name] = {'input': short(x), 'inputShape': list(x.shape), 'output': short(y), 'outputShape': list(y.shape)}
    Path(out_path).write_text(json.dumps(results) + '\n')
    print(f'{len(results)} models written to {out_path}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
