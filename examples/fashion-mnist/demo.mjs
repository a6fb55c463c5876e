// The Fashion-MNIST demo as a function: load the data, train a small CNN, evaluate it,
// save it, load it back, evaluate again, and draw the training curves. train.mjs is the
// command line around it; test/demo.test.ts runs it at a reduced size.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sequential, layers, loadModel, optimizers, setBackend, getBackend, setRandomSeed } from '@layerwise/api';
import { Dataset } from '@layerwise/data';
import { trainingCurvesSvg } from './chart.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The test split shipped with the example (10,000 samples, MIT, Zalando SE). */
export const EMBEDDED_DATA_DIR = path.join(here, 'data');
/** Where Debian's dataset-fashion-mnist package puts all four files. */
export const SYSTEM_DATA_DIR = '/usr/share/datasets/fashion-mnist';
export const DEFAULT_OUT_DIR = path.join(here, 'out');
/** How the embedded 10,000 samples are split: the first 8,000 train, the last 2,000 test. */
export const EMBEDDED_TRAIN_SIZE = 8000;

export const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

const BACKEND_PACKAGES = { cpu: '@layerwise/backend-cpu', wasm: '@layerwise/backend-wasm', webgpu: '@layerwise/backend-webgpu' };

/** The IDX file in `dir` named `base`, gzipped or not (null when neither is there). */
function idxFile(dir, base) {
  for (const name of [`${base}.gz`, base]) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * Which data to use. 'auto' takes the full 60k/10k split from SYSTEM_DATA_DIR when it is
 * installed, else the embedded test split; 'embedded' always takes the embedded split; any
 * other string is a directory holding the four IDX files (plain or .gz).
 */
export function resolveData(data = 'auto') {
  if (data === 'embedded') return { kind: 'embedded', dir: EMBEDDED_DATA_DIR };
  const dir = data === 'auto' ? SYSTEM_DATA_DIR : path.resolve(data);
  const full = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].every((b) => idxFile(dir, b));
  if (full) return { kind: 'full', dir };
  if (data === 'auto') return { kind: 'embedded', dir: EMBEDDED_DATA_DIR };
  throw new Error(`--data ${data}: expected train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may end in .gz) in ${dir}`);
}

/**
 * Reads `count` samples (all when undefined) after skipping `skip`, streamed with
 * Dataset.fromIdx: images as float32 [n, 28, 28, 1] scaled to [0, 1], labels as int32 [n].
 */
export async function readSplit(dir, prefix, { skip = 0, count } = {}) {
  let ds = Dataset.zip(Dataset.fromIdx(idxFile(dir, `${prefix}-images-idx3-ubyte`)), Dataset.fromIdx(idxFile(dir, `${prefix}-labels-idx1-ubyte`)));
  if (skip > 0) ds = ds.skip(skip);
  if (count !== undefined) ds = ds.take(count);
  const chunks = [];
  const labels = [];
  let rows = 0;
  let cols = 0;
  for await (const [img, label] of ds) {
    [rows, cols] = img.shape;
    chunks.push(img.data);
    labels.push(label.data[0]);
  }
  const n = labels.length;
  const pixels = rows * cols;
  const x = new Float32Array(n * pixels);
  for (let i = 0; i < n; i++) {
    const src = chunks[i];
    const off = i * pixels;
    for (let j = 0; j < pixels; j++) x[off + j] = src[j] / 255;
  }
  return { x: { data: x, shape: [n, rows, cols, 1] }, y: { data: Int32Array.from(labels), shape: [n] }, n };
}

/** Train and test sets for `resolveData(data)`, each cut to its limit. */
export async function loadFashionMnist({ data = 'auto', trainLimit, testLimit } = {}) {
  const source = resolveData(data);
  if (source.kind === 'full') {
    const train = await readSplit(source.dir, 'train', { count: trainLimit });
    const test = await readSplit(source.dir, 't10k', { count: testLimit });
    return { source, train, test };
  }
  const train = await readSplit(source.dir, 't10k', { count: Math.min(trainLimit ?? EMBEDDED_TRAIN_SIZE, EMBEDDED_TRAIN_SIZE) });
  const test = await readSplit(source.dir, 't10k', { skip: EMBEDDED_TRAIN_SIZE, count: testLimit });
  return { source, train, test };
}

/**
 * The CNN: two conv/pool stages ('same' padding), a 128-unit hidden layer and a softmax over 10 classes.
 * `dropout` > 0 adds a Dropout before the hidden layer; over 3 epochs it costs accuracy
 * (see README.md for the measurements), so it is off by default.
 */
export function buildModel({ dropout = 0, padding = 'same' } = {}) {
  return new Sequential({
    name: 'fashion_cnn',
    layers: [
      layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', padding, inputShape: [28, 28, 1] }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', padding }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.flatten(),
      ...(dropout > 0 ? [layers.dropout({ rate: dropout })] : []),
      layers.dense({ units: 128, activation: 'relu' }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

/**
 * Loads the package that registers `name` and makes it the active backend. 'auto' means
 * wasm when it is installed and initialises, else cpu. Returns the name in use and notes
 * on the backends that were tried and not used.
 */
export async function selectBackend(name = 'auto') {
  const notes = [];
  const tryOne = async (b) => {
    const pkg = BACKEND_PACKAGES[b];
    if (!pkg) throw new Error(`unknown backend '${b}'; choose one of ${Object.keys(BACKEND_PACKAGES).join(', ')}`);
    try {
      await import(pkg);
    } catch (err) {
      throw new Error(`${b}: ${pkg} is not installed or does not load (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
    await setBackend(b);
  };
  if (name === 'auto') {
    try {
      await tryOne('wasm');
      return { backend: getBackend(), notes };
    } catch (err) {
      notes.push(`wasm not used: ${err instanceof Error ? err.message : String(err)}`);
    }
    await tryOne('cpu');
    return { backend: getBackend(), notes };
  }
  await tryOne(name);
  return { backend: getBackend(), notes };
}

/**
 * Saves `model` to `dir` (model.json: architecture and training config; weights.bin: the
 * weights and the optimizer state) and loads it back, compiled.
 */
async function saveAndReload(model, dir) {
  await mkdir(dir, { recursive: true });
  await model.save(`file://${dir}`);
  const reloaded = await loadModel(`file://${path.join(dir, 'model.json')}`);
  return { reloaded, files: [path.join(dir, 'model.json'), path.join(dir, 'weights.bin')] };
}

const pct = (a) => `${(100 * a).toFixed(2)}%`;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs the whole demo. Options: data ('auto' | 'embedded' | a directory), backend
 * ('auto' | 'cpu' | 'wasm' | 'webgpu'), epochs (3), batchSize (32), learningRate (0.002), dropout (0: none),
 * trainLimit, testLimit, outDir, verbose (fit's: 0, 1 a progress bar, 2), seed, log (a line printer; null for none).
 */
export async function runDemo(options = {}) {
  const {
    data = 'auto', backend = 'auto', epochs = 3, batchSize = 32, learningRate = 0.002,
    dropout = 0, padding = 'same', trainLimit, testLimit, outDir = DEFAULT_OUT_DIR, verbose = 1, seed = 1, log = console.log,
  } = options;
  const say = log ?? (() => undefined);
  const t0 = performance.now();
  const timings = {};

  const chosen = await selectBackend(backend);
  for (const note of chosen.notes) say(note);
  say(`backend: ${chosen.backend}`);
  setRandomSeed(seed);

  let t = performance.now();
  const { source, train, test } = await loadFashionMnist({ data, trainLimit, testLimit });
  timings.load = performance.now() - t;
  say(`data: ${source.kind === 'full' ? `Fashion-MNIST from ${source.dir}` : `the embedded test split (${EMBEDDED_DATA_DIR})`}, ` +
    `${train.n} train / ${test.n} test samples, read in ${secs(timings.load)}`);

  const model = buildModel({ dropout, padding });
  model.compile({ optimizer: optimizers.adam({ learningRate }), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  if (verbose) model.summary(undefined, undefined, say);

  t = performance.now();
  const history = await model.fit(train.x, train.y, {
    epochs, batchSize, verbose, seed, validationData: [test.x, test.y],
  });
  timings.fit = performance.now() - t;

  t = performance.now();
  const [testLoss, testAccuracy] = await model.evaluate(test.x, test.y, { batchSize: 256, verbose: 0 });
  timings.evaluate = performance.now() - t;
  say(`test accuracy ${pct(testAccuracy)} (loss ${testLoss.toFixed(4)}) after ${epochs} epochs; training took ${secs(timings.fit)}`);

  const modelDir = path.resolve(outDir, 'model');
  t = performance.now();
  const saved = await saveAndReload(model, modelDir);
  timings.saveReload = performance.now() - t;
  const [reloadedLoss, reloadedAccuracy] = await saved.reloaded.evaluate(test.x, test.y, { batchSize: 256, verbose: 0 });
  say(`saved to ${modelDir}; reloaded model: test accuracy ${pct(reloadedAccuracy)} (loss ${reloadedLoss.toFixed(4)})` +
    (reloadedAccuracy === testAccuracy ? ', the same' : `, DIFFERENT from ${pct(testAccuracy)}`));

  const chartPath = path.resolve(outDir, 'training-curves.svg');
  await mkdir(path.dirname(chartPath), { recursive: true });
  const title = `Fashion-MNIST CNN on ${chosen.backend}: ${train.n} train / ${test.n} test, test accuracy ${pct(testAccuracy)}`;
  await writeFile(chartPath, trainingCurvesSvg(history.history, { title }));
  say(`training curves: ${chartPath}`);

  timings.total = performance.now() - t0;
  say(`total ${secs(timings.total)}`);
  // What the README's "Measured" table quotes, for tests/docs to compare with the table.
  const summaryPath = path.resolve(outDir, 'summary.json');
  await writeFile(summaryPath, `${JSON.stringify({
    backend: chosen.backend, data: source.kind, trainSamples: train.n, testSamples: test.n, epochs, batchSize, seed,
    testAccuracy, reloadedAccuracy, fitSeconds: timings.fit / 1000,
  }, null, 2)}\n`);
  return {
    backend: chosen.backend, data: source.kind, dataDir: source.dir, trainSamples: train.n, testSamples: test.n, epochs,
    history: history.history, testLoss, testAccuracy, reloadedLoss, reloadedAccuracy,
    savedFiles: saved.files, modelDir, chartPath, timings,
  };
}
