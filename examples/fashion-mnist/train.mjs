#!/usr/bin/env node
// Trains a CNN on Fashion-MNIST, reports test accuracy, saves the model, reloads it and
// evaluates it again, and writes the training curves as an SVG.
//
//   node examples/fashion-mnist/train.mjs [--backend cpu|wasm|webgpu] [--epochs 3]
//     [--data <dir>|embedded] [--limit <n>] [--batch-size 32] [--out <dir>] [--verbose 0|1|2]
import { parseArgs } from 'node:util';
import { DEFAULT_OUT_DIR, runDemo } from './demo.mjs';

const usage = `usage: node train.mjs [options]
  --backend <cpu|wasm|webgpu>  default: wasm if installed, else cpu
  --epochs <n>                 default: 3
  --data <dir|embedded>        a directory with the four Fashion-MNIST IDX files (.gz or not);
                               default: /usr/share/datasets/fashion-mnist when installed
                               (apt-get install dataset-fashion-mnist), else the embedded
                               10k test split (8000 train / 2000 test); 'embedded' forces it
  --limit <n>                  at most n training and n/2 test samples (for quick runs)
  --batch-size <n>             default: 32
  --out <dir>                  where the model and chart go; default: ${DEFAULT_OUT_DIR}
  --verbose <0|1|2>            fit's progress output; default: 1 (a progress bar)
  --seed <n>                   default: 1`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      backend: { type: 'string', default: 'auto' },
      epochs: { type: 'string', default: '3' },
      data: { type: 'string', default: 'auto' },
      limit: { type: 'string' },
      'batch-size': { type: 'string', default: '32' },
      out: { type: 'string', default: DEFAULT_OUT_DIR },
      verbose: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  console.error(`${err.message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const int = (name, min) => {
  const v = Number(values[name]);
  if (!Number.isInteger(v) || v < min) {
    console.error(`--${name} must be an integer >= ${min}, got ${values[name]}\n${usage}`);
    process.exit(2);
  }
  return v;
};
const limit = values.limit === undefined ? undefined : int('limit', 1);
const verbose = int('verbose', 0);
if (verbose > 2) {
  console.error(`--verbose must be 0, 1 or 2\n${usage}`);
  process.exit(2);
}

try {
  const result = await runDemo({
    backend: values.backend,
    epochs: int('epochs', 1),
    data: values.data,
    trainLimit: limit,
    testLimit: limit === undefined ? undefined : Math.max(1, Math.ceil(limit / 2)),
    batchSize: int('batch-size', 1),
    outDir: values.out,
    verbose,
    seed: int('seed', 0),
  });
  if (result.reloadedAccuracy !== result.testAccuracy) process.exitCode = 1;
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
