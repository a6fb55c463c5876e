#!/usr/bin/env python3
"""Checks that a file layerwise saved has Keras's layout, reading it with h5py as Keras does.

Usage: python3 check_layout.py FILE h5|keras|weights
Exits non-zero naming the first difference; on success prints a JSON summary (groups,
attributes, dtypes, names and the values of every weight) for the test to compare.
"""
import io
import json
import sys
import zipfile

import h5py
import numpy as np


def fail(msg):
    print(f'check_layout: {msg}', file=sys.stderr)
    sys.exit(1)


def names_attr(group, key):
    """Keras 2's load_attributes_from_hdf5_group: fixed-length byte strings, decoded one by one."""
    if key not in group.attrs:
        fail(f"'{group.name}' has no attribute '{key}'")
    v = group.attrs[key]
    if not isinstance(v, np.ndarray):
        fail(f"'{group.name}'.attrs['{key}'] is {type(v).__name__}, not an array")
    if v.size == 0:
        return []
    if v.dtype.kind != 'S':
        fail(f"'{group.name}'.attrs['{key}'] has dtype {v.dtype}; Keras stores names as fixed-length bytes")
    return [n.decode('utf8') for n in v]


def text_attr(group, key):
    if key not in group.attrs:
        fail(f"'{group.name}' has no attribute '{key}'")
    v = group.attrs[key]
    return v.decode('utf8') if isinstance(v, bytes) else str(v)


def dataset(group, path):
    if path not in group:
        fail(f"'{group.name}/{path}' is missing")
    d = group[path]
    if not isinstance(d, h5py.Dataset):
        fail(f"'{d.name}' is not a dataset")
    return {'name': path, 'dtype': str(d.dtype), 'shape': list(d.shape), 'values': np.asarray(d).ravel().tolist()}


def weights_group(g):
    if text_attr(g, 'backend') not in ('tensorflow', 'theano', 'cntk'):
        fail(f"'{g.name}' backend is {text_attr(g, 'backend')!r}")
    layers = {}
    for layer in names_attr(g, 'layer_names'):
        lg = g[layer]
        layers[layer] = [dataset(lg, w) for w in names_attr(lg, 'weight_names')]
    return {'layer_names': names_attr(g, 'layer_names'), 'keras_version': text_attr(g, 'keras_version'), 'layers': layers}


def check_h5(path):
    f = h5py.File(path, 'r')
    out = {'superblock': f.id.get_create_plist().get_version()[0]}
    out['keras_version'] = text_attr(f, 'keras_version')
    out['backend'] = text_attr(f, 'backend')
    config = json.loads(text_attr(f, 'model_config'))
    if set(config) != {'class_name', 'config'}:
        fail(f'model_config keys are {sorted(config)}')
    out['model_config'] = config
    out['model_weights'] = weights_group(f['model_weights'])
    if 'training_config' in f.attrs:
        tc = json.loads(text_attr(f, 'training_config'))
        for k in ('optimizer_config', 'loss'):
            if k not in tc:
                fail(f"training_config has no '{k}'")
        out['training_config'] = tc
    if 'optimizer_weights' in f:
        og = f['optimizer_weights']
        out['optimizer_weights'] = [dataset(og, n) for n in names_attr(og, 'weight_names')]
    return out


def vars_of(g, path):
    vg = g[path]
    if 'vars' not in vg:
        return []
    keys = sorted(vg['vars'].keys(), key=int)
    return [dataset(vg['vars'], k) for k in keys]


def check_keras(path):
    z = zipfile.ZipFile(path)
    infos = {i.filename: i for i in z.infolist()}
    for name in ('metadata.json', 'config.json', 'model.weights.h5'):
        if name not in infos:
            fail(f'the archive has no {name}')
    out = {'metadata': json.loads(z.read('metadata.json')), 'config': json.loads(z.read('config.json')),
           'compression': sorted({i.compress_type for i in z.infolist()})}
    h = h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r')
    # Every object with variables under layers/, by its path there ('dense', 'lstm/cell',
    # 'functional/layers/dense' for a nested model's layer).
    out['layers'] = {}
    if 'layers' in h:
        h['layers'].visititems(lambda name, obj: out['layers'].__setitem__(name, vars_of(h['layers'], name))
                               if isinstance(obj, h5py.Group) and 'vars' in obj else None)
    out['optimizer'] = vars_of(h, 'optimizer') if 'optimizer' in h else []
    return out


def main(path, kind):
    if kind == 'h5':
        out = check_h5(path)
    elif kind == 'weights':
        f = h5py.File(path, 'r')
        out = weights_group(f)
    elif kind == 'keras':
        out = check_keras(path)
    else:
        fail(f'unknown kind {kind}')
    print(json.dumps(out))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
