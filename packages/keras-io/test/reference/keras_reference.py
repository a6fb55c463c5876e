#!/usr/bin/env python3
"""Independent float64 NumPy forward passes of Keras models, read through h5py.

Reads each fixture's model config and weights straight from the file (an .h5 through h5py,
a Keras 3 .keras archive through zipfile and h5py; no Keras, no layerwise), runs the layers
with Keras's formulas on fixed seeded inputs (Sequential models as a chain, functional models
call by call along their graph), and writes the inputs and outputs as JSON. layerwise's tests
compare their predictions with this file.

Usage: python3 keras_reference.py FIXTURE_DIR OUT.json
       python3 keras_reference.py --predict MODEL_FILE INPUTS.json   (one file's outputs, JSON on stdout)
"""
import io
import json
import re
import sys
import zipfile
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
    if name == 'selu':
        return 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * (np.exp(x) - 1))
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



def conv_channels_last(cfg, x, fn):
    """Runs fn on x moved to channels_last when the layer is channels_first, and moves the result back."""
    first = cfg.get('data_format') == 'channels_first'
    y = fn(np.moveaxis(x, 1, -1) if first else x)
    return np.moveaxis(y, -1, 1) if first else y


def depthwise(x, kernel, strides, padding, dilation):
    """Keras's depthwise convolution: kernel [*k, C, M], output channel c * M + m."""
    outs = [conv(x[..., c:c + 1], kernel[..., c:c + 1, :], None, strides, padding, dilation, False) for c in range(kernel.shape[-2])]
    return np.concatenate(outs, axis=-1)


def conv_transpose(x, kernel, strides, padding):
    """Keras's Conv2DTranspose (the gradient of a correlation): kernel [kh, kw, out, in]."""
    n, h, w, _ = x.shape
    kh, kw, f, _ = kernel.shape
    sh, sw = strides
    full = np.zeros((n, (h - 1) * sh + kh, (w - 1) * sw + kw, f))
    for i in range(h):
        for j in range(w):
            full[:, i * sh:i * sh + kh, j * sw:j * sw + kw, :] += np.einsum('nc,abfc->nabf', x[:, i, j, :], kernel)
    if padding == 'valid':
        return full
    oh, ow = h * sh, w * sw
    top, left = (full.shape[1] - oh) // 2, (full.shape[2] - ow) // 2
    return full[:, top:top + oh, left:left + ow, :]


def locally_connected2d(x, kernel, bias, cfg):
    """Keras 2's local_conv2d: one kernel per output position, each patch flattened as the layout holds it."""
    first = cfg.get('data_format') == 'channels_first'
    xl = np.moveaxis(x, 1, -1) if first else x
    kh, kw = tup(cfg['kernel_size'], 2)
    sh, sw = tup(cfg['strides'], 2)
    if cfg['padding'] != 'valid':
        raise ValueError('no reference for LocallyConnected2D padding ' + cfg['padding'])
    rows, cols = (xl.shape[1] - kh) // sh + 1, (xl.shape[2] - kw) // sw + 1
    y = np.zeros((x.shape[0], rows, cols, kernel.shape[-1]))
    for i in range(rows):
        for j in range(cols):
            patch = xl[:, i * sh:i * sh + kh, j * sw:j * sw + kw, :]
            if first:  # channels_first flattens [C, kh, kw]
                patch = np.moveaxis(patch, -1, 1)
            y[:, i, j, :] = patch.reshape(x.shape[0], -1) @ kernel[i * cols + j]
    if bias is not None:
        y = y + bias
    return np.moveaxis(y, -1, 1) if first else y


def pool(cls, cfg, x):
    nd = int(re.search(r'(\d)D$', cls).group(1))
    if cfg['padding'] != 'valid':
        raise ValueError(f'no reference for {cls} padding {cfg["padding"]}')

    def run(x):
        pool_size = tup(cfg['pool_size'], nd)
        strides = tup(cfg['strides'] or cfg['pool_size'], nd)
        outs = [(size - p) // s + 1 for size, p, s in zip(x.shape[1:-1], pool_size, strides)]
        windows = [x[(slice(None),) + tuple(slice(o, o + (n - 1) * s + 1, s) for o, n, s in zip(idx, outs, strides))]
                   for idx in np.ndindex(*pool_size)]
        return np.max(windows, axis=0) if cls.startswith('Max') else np.mean(windows, axis=0)
    return conv_channels_last(cfg, x, run)


def space_to_depth_x2(x):
    """The function of the Lambda in functional_lambda_concatenate_2.1.3.h5 (the source's
    space_to_depth_graph.py): tf.space_to_depth(x, block_size=2), channel (dy * 2 + dx) * C + c."""
    n, h, w, c = x.shape
    return x.reshape(n, h // 2, 2, w // 2, 2, c).transpose(0, 1, 3, 2, 4, 5).reshape(n, h // 2, w // 2, 4 * c)


# The Lambda functions of the fixtures, by layer name (their Python bytecode is not run here).
LAMBDAS = {'space_to_depth_x2': space_to_depth_x2}

MERGES = {
    'Add': lambda xs: sum(xs),
    'Subtract': lambda xs: xs[0] - xs[1],
    'Multiply': lambda xs: np.prod(xs, axis=0),
    'Average': lambda xs: np.mean(xs, axis=0),
    'Maximum': lambda xs: np.max(xs, axis=0),
    'Minimum': lambda xs: np.min(xs, axis=0),
}


def apply_layer(cls, cfg, w, x, mask, backend):
    """One call of a layer: (output, mask) from input x (a list for merge layers) and its mask."""
    if cls in MERGES:
        return MERGES[cls](x), None
    if cls == 'Concatenate':
        return np.concatenate(x, axis=cfg.get('axis', -1)), None
    if cls == 'Lambda':
        return LAMBDAS[cfg['name']](x), mask
    if cls == 'Dense':
        return act(cfg.get('activation'), x @ w[0] + (w[1] if len(w) > 1 else 0)), mask
    if cls == 'Activation':
        return act(cfg['activation'], x), mask
    if cls in ('Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'AlphaDropout', 'GaussianDropout', 'GaussianNoise'):
        return x, mask
    if cls == 'LeakyReLU':
        return np.where(x > 0, x, cfg['alpha'] * x), mask
    if cls == 'ELU':
        return np.where(x > 0, x, cfg['alpha'] * (np.exp(x) - 1)), mask
    if cls == 'ThresholdedReLU':
        return np.where(x > cfg['theta'], x, 0), mask
    if cls == 'Softmax':
        e = np.exp(x - x.max(axis=cfg.get('axis', -1), keepdims=True))
        return e / e.sum(axis=cfg.get('axis', -1), keepdims=True), mask
    if cls == 'ReLU':
        neg = cfg.get('negative_slope', 0) or 0
        th = cfg.get('threshold', 0) or 0
        y = np.where(x >= th, x, neg * (x - th))
        return (np.minimum(y, cfg['max_value']) if cfg.get('max_value') is not None else y), mask
    if cls == 'PReLU':
        return np.where(x > 0, x, w[0] * x), mask
    if cls == 'ZeroPadding2D':
        (t, b), (l, r) = cfg['padding']
        return conv_channels_last(cfg, x, lambda v: np.pad(v, [(0, 0), (t, b), (l, r), (0, 0)])), mask
    if cls in ('Cropping2D', 'Cropping3D'):
        crops = cfg['cropping']
        return conv_channels_last(cfg, x, lambda v: v[(slice(None),) + tuple(slice(a, v.shape[i + 1] - b) for i, (a, b) in enumerate(crops))]), mask
    if cls == 'UpSampling2D':
        sh, sw = cfg['size']
        return conv_channels_last(cfg, x, lambda v: v.repeat(sh, axis=1).repeat(sw, axis=2)), mask
    if re.match(r'(Max|Average)Pooling\dD$', cls):
        return pool(cls, cfg, x), mask
    if re.match(r'Global(Max|Average)Pooling\dD$', cls):
        axes = tuple(range(2, x.ndim)) if cfg.get('data_format') == 'channels_first' else tuple(range(1, x.ndim - 1))
        return (x.max(axis=axes) if 'Max' in cls else x.mean(axis=axes)), None
    if cls == 'Flatten':
        return x.reshape(x.shape[0], -1), None
    if cls == 'Reshape':
        return x.reshape((x.shape[0],) + tuple(cfg['target_shape'])), mask
    if cls == 'Permute':
        return np.transpose(x, [0] + list(cfg['dims'])), mask
    if cls == 'RepeatVector':
        return np.repeat(x[:, None, :], cfg['n'], axis=1), None
    if cls == 'Masking':
        m = np.any(x != cfg.get('mask_value', 0.0), axis=-1)
        return x * m[..., None], m
    if cls == 'Embedding':
        return w[0][x.astype(int)], (x != 0 if cfg.get('mask_zero') else None)
    if cls in ('Conv1D', 'Conv2D', 'Conv3D'):
        nd = w[0].ndim - 2
        return act(cfg.get('activation'), conv_channels_last(cfg, x, lambda v: conv(
            v, w[0], w[1] if len(w) > 1 else None, tup(cfg['strides'], nd), cfg['padding'],
            tup(cfg.get('dilation_rate', 1), nd), backend == 'theano'))), mask
    if cls == 'DepthwiseConv2D':
        def run(v):
            y = depthwise(v, w[0], tup(cfg['strides'], 2), cfg['padding'], tup(cfg.get('dilation_rate', 1), 2))
            return y + (w[1] if len(w) > 1 else 0)
        return act(cfg.get('activation'), conv_channels_last(cfg, x, run)), mask
    if cls == 'SeparableConv2D':
        def run(v):
            y = depthwise(v, w[0], tup(cfg['strides'], 2), cfg['padding'], tup(cfg.get('dilation_rate', 1), 2))
            return conv(y, w[1], w[2] if len(w) > 2 else None, (1, 1), 'valid', (1, 1), False)
        return act(cfg.get('activation'), conv_channels_last(cfg, x, run)), mask
    if cls == 'Conv2DTranspose':
        if tup(cfg.get('dilation_rate', 1), 2) != (1, 1) or cfg.get('output_padding') is not None:
            raise ValueError('no reference for Conv2DTranspose with dilation or output_padding')
        def run(v):
            return conv_transpose(v, w[0], tup(cfg['strides'], 2), cfg['padding']) + (w[1] if len(w) > 1 else 0)
        return act(cfg.get('activation'), conv_channels_last(cfg, x, run)), mask
    if cls == 'LocallyConnected2D':
        return act(cfg.get('activation'), locally_connected2d(x, w[0], w[1] if len(w) > 1 else None, cfg)), mask
    if cls == 'BatchNormalization':
        axis = cfg['axis'][0] if isinstance(cfg['axis'], list) else cfg['axis']
        shape = [1] * x.ndim
        shape[axis] = x.shape[axis]
        i = 0
        gamma = w[i].reshape(shape) if cfg.get('scale', True) else 1
        i += 1 if cfg.get('scale', True) else 0
        beta = w[i].reshape(shape) if cfg.get('center', True) else 0
        i += 1 if cfg.get('center', True) else 0
        mean, var = w[i].reshape(shape), w[i + 1].reshape(shape)
        return gamma * (x - mean) / np.sqrt(var + cfg['epsilon']) + beta, mask
    if cls in ('LSTM', 'GRU', 'SimpleRNN'):
        return recurrent(cls, x, w, cfg, mask), (mask if cfg.get('return_sequences') else None)
    raise ValueError(f'no reference for layer class {cls}')


def plain(v):
    """A Keras 3 config with its object wrappers and serialized constants reduced to Keras 2's form."""
    if isinstance(v, list):
        return [plain(x) for x in v]
    if not isinstance(v, dict):
        return v
    if v.get('class_name') in ('__tensor__', '__numpy__'):
        value = v['config']['value']
        return value[0] if isinstance(value, list) and len(value) == 1 else value
    if v.get('class_name') == 'DTypePolicy':
        return v['config']['name']
    return {k: plain(x) for k, x in v.items() if k not in ('module', 'registered_name', 'build_config', 'shared_object_id')}


def entries_of(config):
    cfg = config['config']
    return cfg if isinstance(cfg, list) else cfg['layers']


MODEL_CLASSES = ('Sequential', 'Model', 'Functional')


class Saved:
    """A model's weights by layer ({name: [(weight name, array)]}), how the file numbers nested
    models' calls (Keras 3 or Keras 2), and its backend."""

    def __init__(self, weights, keras3, backend):
        self.weights, self.keras3, self.backend = weights, keras3, backend

    def of(self, name):
        return [a for _, a in self.weights.get(name, [])]

    def nested(self, entry):
        """The weights of a nested model: its own entries (a .keras file), or its group's split by layer (an .h5)."""
        if self.keras3 and isinstance(self.weights.get(entry['config']['name']), Saved):
            return self.weights[entry['config']['name']]
        inner = {}
        for n, a in self.weights.get(entry.get('name', entry['config'].get('name')), []):
            inner.setdefault(n.split('/')[0], []).append((n, a))
        return Saved(inner, self.keras3, self.backend)


def run_model(config, saved, xs):
    return (run_sequential if config['class_name'] == 'Sequential' else run_functional)(config, saved, xs)


def call_layer(e, saved, x, mask):
    if e['class_name'] in MODEL_CLASSES:
        ys = run_model(e, saved.nested(e), x if isinstance(x, list) else [x])
        return (ys[0] if len(ys) == 1 else ys), None
    return apply_layer(e['class_name'], e['config'], saved.of(e.get('name', e['config']['name'])), x, mask, saved.backend)


def run_sequential(config, saved, xs):
    x, mask = xs[0], None
    for e in entries_of(config):
        if e['class_name'] != 'InputLayer':
            x, mask = call_layer(e, saved, x, mask)
    return [x]


def node_inputs(node):
    """[(layer, node index, tensor index)] of one call, in Keras 2's list form or Keras 3's
    {args, kwargs}, with whether the indices are keras_history's."""
    if isinstance(node, dict):
        arg = node['args'][0]
        tensors = arg if isinstance(arg, list) else [arg]
        return [tuple(t['config']['keras_history']) for t in tensors], True
    return [tuple(i[:3]) for i in node], False


def ends(value):
    return [tuple(value)] if isinstance(value[0], str) else [tuple(v) for v in value]


def run_functional(config, saved, xs):
    """Replays every call of every layer once its inputs exist (Keras's from_config order)."""
    cfg = config['config']
    kinds = {e['name']: e['class_name'] for e in cfg['layers']}

    def call_of(ref, in_call):
        # Which call of a nested model a ref names: Keras 2 counts the model's own graph as node
        # 0; Keras 3 does not in calls, and in input/output_layers only for a Functional.
        name, node, index = ref
        kind = kinds.get(name)
        if kind not in MODEL_CLASSES:
            return ref
        if saved.keras3:
            return (name, node if in_call or kind == 'Sequential' else node - 1, index)
        return (name, node - 1, index)

    done = {}
    for (name, node, index), x in zip(ends(cfg['input_layers']), xs):
        done[(name, node, index)] = (x, None)
    pending = [(e, k, n) for e in cfg['layers'] if e['class_name'] != 'InputLayer' for k, n in enumerate(e['inbound_nodes'])]
    while pending:
        waiting = []
        for e, k, node in pending:
            refs, _ = node_inputs(node)
            refs = [call_of(r, True) for r in refs]
            if not all(r in done for r in refs):
                waiting.append((e, k, node))
                continue
            ins = [done[r] for r in refs]
            x = [i[0] for i in ins] if len(ins) > 1 else ins[0][0]
            y, mask = call_layer(e, saved, x, ins[0][1])
            for t, out in enumerate(y if isinstance(y, list) else [y]):
                done[(e['name'], k, t)] = (out, mask)
        if len(waiting) == len(pending):
            raise ValueError('the graph cannot be replayed')
        pending = waiting
    return [done[call_of(r, False)][0] for r in ends(cfg['output_layers'])]


def snake(c):
    return re.sub(r'([a-z0-9])([A-Z])', r'\1_\2', re.sub(r'(.)([A-Z][a-z]+)', r'\1_\2', c)).lower()


def keras3_weights(config, h5, root='layers'):
    """A Keras 3 archive's weights by layer name: <root>/<class in snake_case>[_n]/vars (and
    .../cell/vars); a nested model's as a Saved of its own under <root>/<key>/layers."""
    used, out = {}, {}
    for e in entries_of(config):
        key = snake('Functional' if e['class_name'] == 'Model' else e['class_name'])
        n = used.get(key)
        used[key] = 0 if n is None else n + 1
        path = f'{root}/{key}' if n is None else f'{root}/{key}_{n + 1}'
        name = e['config']['name']
        if e['class_name'] in MODEL_CLASSES:
            out[name] = Saved(keras3_weights(e, h5, f'{path}/layers'), True, 'tensorflow')
            continue
        groups = [h5[f'{sub}/vars'] for sub in (path, f'{path}/cell') if f'{sub}/vars' in h5]
        out[name] = [(str(i), np.asarray(g[str(i)], dtype=np.float64)) for g in groups for i in range(len(g))]
    return out


def read_model(path):
    """(config, Saved weights), or None for files that are not whole Keras 2+ models."""
    if path.suffix == '.keras':
        z = zipfile.ZipFile(path)
        config = plain(json.loads(z.read('config.json')))
        with h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r') as h5:
            return config, Saved(keras3_weights(config, h5), True, 'tensorflow')
    with h5py.File(path, 'r') as f:
        if 'model_config' not in f.attrs or 'model_weights' not in f:
            return None
        version = attr_str(f['model_weights'].attrs.get('keras_version', b'1'))
        if version.startswith('1'):
            return None
        config = plain(json.loads(attr_str(f.attrs['model_config'])))
        backend = attr_str(f['model_weights'].attrs.get('backend', b'tensorflow'))
        g = f['model_weights']
        weights = {n: [(w, np.asarray(g[n][w], dtype=np.float64)) for w in names(g[n], 'weight_names')] for n in names(g, 'layer_names')}
        return config, Saved(weights, version.startswith('3'), backend)


def inputs_of(config, rng):
    """Seeded inputs, one per model input: integers for an Embedding, else uniform in [-1, 1]."""
    entries = entries_of(config)
    first = next(e for e in entries if e['class_name'] != 'InputLayer')
    if config['class_name'] == 'Sequential':
        specs = [entries[0]['config']]
    else:
        by_name = {e['name']: e for e in entries}
        specs = [by_name[name]['config'] for name, _, _ in ends(config['config']['input_layers'])]
    xs = []
    for spec in specs:
        shape = spec.get('batch_input_shape') or spec.get('batch_shape')
        # Fully convolutional images get 12x12 (12net's size); unknown sequence lengths 5 steps.
        unknown = 12 if len(shape) == 4 else 5
        shape = [2] + [unknown if d is None else d for d in shape[1:]]
        if first['class_name'] == 'Embedding':
            xs.append(rng.integers(0, first['config']['input_dim'], size=shape).astype(np.float64))
            continue
        x = rng.uniform(-1, 1, size=shape)
        if first['class_name'] == 'Masking':
            x[0, -2:] = 0.0  # mask the last two steps of the first sample
        xs.append(x.astype(np.float32).astype(np.float64))  # what a float32 model receives
    return xs


def main(fixture_dir, out_path):
    results = {}
    for path in sorted(list(Path(fixture_dir).glob('*.h5')) + list(Path(fixture_dir).glob('*.keras'))):
        model = read_model(path)
        if model is None:
            continue
        config, saved = model
        rng = np.random.default_rng(sum(path.name.encode()))
        xs = inputs_of(config, rng)
        try:
            ys = run_model(config, saved, xs)
        except (ValueError, KeyError) as e:
            print(f'skip {path.name}: {e!r}', file=sys.stderr)
            continue
        # 9 significant digits hold every float32 exactly; the tests compare to 1e-5.
        short = lambda a: {'shape': list(a.shape), 'values': [float(f'{v:.9g}') for v in a.ravel()]}
        results[path.name] = {'inputs': [short(x) for x in xs], 'outputs': [short(y) for y in ys]}
    Path(out_path).write_text(json.dumps(results) + '\n')
    print(f'{len(results)} models written to {out_path}')


def predict(path, inputs_json):
    """The outputs for given inputs ([{shape, values}]) of one saved file, as JSON on stdout."""
    config, saved = read_model(Path(path))
    xs = [np.asarray(x['values'], dtype=np.float64).reshape(x['shape']) for x in json.loads(Path(inputs_json).read_text())]
    ys = run_model(config, saved, xs)
    print(json.dumps([{'shape': list(y.shape), 'values': y.ravel().tolist()} for y in ys]))


if __name__ == '__main__':
    if sys.argv[1] == '--predict':
        predict(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1], sys.argv[2])
