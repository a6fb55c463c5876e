// Hostile model folders: each gets a clear error or the correct model, and no file outside the
// model's folder is ever opened (every fs open/read/stat call is watched).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { Sequential, layers, loadModel, memory, saving, type Model, type Tensor } from '@layerwise/api';
import { weightBits } from './saving-helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every path handed to an fs call that opens, reads or stats a file, while watching. */
class FsWatch {
  readonly paths: string[] = [];
  private readonly restore: (() => void)[] = [];

  start(): void {
    const wrap = (obj: Record<string, unknown>, name: string): void => {
      const original = obj[name] as (...args: unknown[]) => unknown;
      if (typeof original !== 'function') return;
      obj[name] = (...args: unknown[]) => {
        if (typeof args[0] === 'string' || args[0] instanceof URL) this.paths.push(resolve(String(args[0])));
        return original.apply(obj, args);
      };
      this.restore.push(() => { obj[name] = original; });
    };
    const promises = fs.promises as unknown as Record<string, unknown>;
    for (const name of ['open', 'readFile', 'stat', 'lstat', 'opendir', 'access']) wrap(promises, name);
    const sync = fs as unknown as Record<string, unknown>;
    for (const name of ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream', 'stat', 'statSync']) wrap(sync, name);
    syncBuiltinESMExports();
  }

  stop(): void {
    for (const undo of this.restore.splice(0)) undo();
    syncBuiltinESMExports();
  }
}

let root: string;
let base: string;
let original: Sequential;
let originalBits: number[][];
let originalOptimizer: number[][];
const watch = new FsWatch();

async function bitsOf(ts: Tensor[]): Promise<number[][]> {
  const out = await Promise.all(ts.map(async (t) => {
    const d = await t.data();
    return d instanceof Float32Array ? Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length)) : Array.from(d);
  }));
  for (const t of ts) t.dispose();
  return out;
}

/** A copy of the saved model at <case>/inner/m, with a same-sized secret file beside the folder and above it. */
async function folderFor(name: string): Promise<string> {
  const dir = join(root, name, 'inner', 'm');
  await mkdir(dir, { recursive: true });
  await cp(base, dir, { recursive: true });
  const size = (await readFile(join(dir, 'weights.bin'))).length;
  await writeFile(join(root, name, 'inner', 'secret.bin'), new Uint8Array(size).fill(7));
  await writeFile(join(root, name, 'secret.bin'), new Uint8Array(size).fill(9));
  return dir;
}

async function editJson(dir: string, edit: (json: Json) => void, file = 'model.json'): Promise<void> {
  const json = JSON.parse(await readFile(join(dir, file), 'utf8')) as Json;
  edit(json);
  await writeFile(join(dir, file), JSON.stringify(json));
}

/** The paths watched that are outside `dir` but inside the test's root, or are system files. */
async function outside(dir: string): Promise<string[]> {
  const folder = await realpath(dir);
  const rootReal = await realpath(root);
  const system = ['/etc/passwd', '/dev/zero', '/proc/self/environ'];
  return watch.paths.filter((p) => {
    if (p === folder || p.startsWith(folder + sep) || p === resolve(dir) || p.startsWith(resolve(dir) + sep)) return false;
    return p.startsWith(rootReal + sep) || p.startsWith(root + sep) || system.includes(p);
  });
}

/** Loads `dir` (or `target`) while watching fs; the error (or null) and the paths it touched. */
async function load(dir: string, target: string | saving.IOHandler = dir): Promise<{ error: Error | null; model: Model | null; opened: string[] }> {
  watch.paths.length = 0;
  const before = memory().buffers;
  watch.start();
  let model: Model | null = null;
  let error: Error | null = null;
  try {
    model = await loadModel(target);
  } catch (err) {
    error = err as Error;
  } finally {
    watch.stop();
  }
  if (error) expect(memory().buffers).toBe(before);
  return { error, model, opened: await outside(dir) };
}

async function refused(dir: string, message: RegExp, target: string | saving.IOHandler = dir): Promise<string[]> {
  const r = await load(dir, target);
  expect(r.error, `loaded instead of failing with ${message}`).not.toBeNull();
  expect(r.error!.message).toMatch(message);
  expect(r.opened, 'opened outside the folder').toEqual([]);
  return watch.paths.slice();
}

async function loadsOriginal(dir: string): Promise<void> {
  const r = await load(dir);
  expect(r.error).toBeNull();
  expect(r.opened).toEqual([]);
  expect(await weightBits(r.model!)).toEqual(originalBits);
  expect(await bitsOf(r.model!.optimizer!.getWeights())).toEqual(originalOptimizer);
  r.model!.dispose();
}

const setPaths = (paths: string[]) => (json: Json) => { json.weightsManifest[0].paths = paths; };
const OUT = "steps out with '\\.\\.'";

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lw-hostile-'));
  base = join(root, 'base');
  original = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [4], name: 'a' }), layers.dense({ units: 3, name: 'b' })] });
  original.compile({ optimizer: 'adam', loss: 'mse' });
  await original.fit([[1, 2, 3, 4], [0, 1, 0, 1]], [[1, 0, 0], [0, 1, 1]], { epochs: 3, verbose: 0 });
  await original.save(base);
  originalBits = await weightBits(original);
  originalOptimizer = await bitsOf(original.optimizer!.getWeights());
});

afterAll(async () => {
  watch.stop();
  await rm(root, { recursive: true, force: true });
});

describe('saving: hostile model files', { timeout: 30_000 }, () => {
  it('the untouched copy loads, opening only its own files', async () => {
    const dir = await folderFor('plain');
    await loadsOriginal(dir);
    expect(watch.paths.every((p) => p.startsWith(resolve(dir)))).toBe(true);
  });

  it('path traversal with ..', async () => {
    for (const [k, p] of ['../secret.bin', '../../secret.bin', 'sub/../../secret.bin', './../secret.bin', '../m/weights.bin'].entries()) {
      const dir = await folderFor(`dots-${k}`);
      await editJson(dir, setPaths([p]));
      await refused(dir, new RegExp(`weightsManifest\\[0\\]\\.paths\\[0\\] of '.*model\\.json' ".*" ${OUT}`));
    }
  });

  it('absolute paths, URLs and drive paths, even to the model\'s own file', async () => {
    const dir = await folderFor('absolute');
    for (const [p, why] of [['/etc/passwd', 'is an absolute path'], ['/proc/self/environ', 'is an absolute path'], ['/dev/zero', 'is an absolute path'],
      [join(dir, 'weights.bin'), 'is an absolute path'], ['file:///etc/passwd', 'is a URL or a drive path'], ['C:/weights.bin', 'is a URL or a drive path'],
      ['https://example.com/w.bin', 'is a URL or a drive path']]) {
      await editJson(dir, setPaths([p]));
      await refused(dir, new RegExp(`${JSON.stringify(p).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} ${why}`));
    }
  });

  it('system files by traversal: /dev/zero, /proc/self/environ, /etc/passwd', async () => {
    const dir = await folderFor('system');
    for (const p of ['../../../../../../../../../dev/zero', '../../../../../../../../../proc/self/environ', '../../../../../../../../../etc/passwd']) {
      await editJson(dir, setPaths([p]));
      await refused(dir, new RegExp(OUT));
    }
  });

  it('symbolic links that lead out of the folder: to a file beside it, to /dev/zero, to /proc/self/environ, through a linked folder', async () => {
    const file = await folderFor('link-file');
    await rm(join(file, 'weights.bin'));
    await symlink('../secret.bin', join(file, 'weights.bin'));
    await refused(file, /"weights\.bin" leads out of the folder through a symbolic link/);

    for (const [k, target] of ['/dev/zero', '/proc/self/environ', '/etc/passwd'].entries()) {
      const dev = await folderFor(`link-system-${k}`);
      await rm(join(dev, 'weights.bin'));
      await symlink(target, join(dev, 'weights.bin'));
      await refused(dev, /leads out of the folder through a symbolic link/);
    }

    const folder = await folderFor('link-folder');
    await symlink('..', join(folder, 'shards'));
    await editJson(folder, setPaths(['shards/secret.bin']));
    await refused(folder, /"shards\/secret\.bin" leads out of the folder through a symbolic link/);

    // The model file itself pointing at a device: not a regular file, never opened.
    const json = await folderFor('link-json');
    await rm(join(json, 'model.json'));
    await symlink('/dev/zero', join(json, 'model.json'));
    const touched = await refused(json, /the model file '.*model\.json' is not a regular file/);
    expect(touched.filter((p) => p === '/dev/zero')).toEqual([]);
  });

  it('a symbolic link that stays inside the folder is followed', async () => {
    const dir = await folderFor('link-inside');
    await mkdir(join(dir, 'shards'));
    await cp(join(dir, 'weights.bin'), join(dir, 'shards', 'real.bin'));
    await rm(join(dir, 'weights.bin'));
    await symlink('shards/real.bin', join(dir, 'weights.bin'));
    await loadsOriginal(dir);
  });

  it('only regular files: a FIFO (which would block a read) and a folder', async () => {
    const fifo = await folderFor('fifo');
    await rm(join(fifo, 'weights.bin'));
    execFileSync('mkfifo', [join(fifo, 'weights.bin')]);
    await refused(fifo, /the weights file \(weightsManifest\[0\]\.paths\[0\] of '.*'\) '.*weights\.bin' is not a regular file \(it is a device, FIFO or socket\)/);
    const folder = await folderFor('folder');
    await rm(join(folder, 'weights.bin'));
    await mkdir(join(folder, 'weights.bin'));
    await refused(folder, /'.*weights\.bin' is not a regular file \(it is a folder\)/);
  });

  it('a weights file listed 100,000 times is refused at its second listing, before any read', async () => {
    const dir = await folderFor('repeated');
    await editJson(dir, setPaths(Array.from({ length: 100_000 }, () => 'weights.bin')));
    const touched = await refused(dir, /weightsManifest\[0\]\.paths\[1\] of '.*' "weights\.bin" names the same file as weightsManifest\[0\]\.paths\[0\]/);
    expect(touched.filter((p) => p.endsWith('weights.bin')).length).toBeLessThanOrEqual(1);
    // Also across groups, and spelled differently.
    await editJson(dir, (json) => {
      json.weightsManifest[0].paths = ['weights.bin'];
      json.weightsManifest.push({ paths: ['./sub/../weights.bin'], weights: [] });
    });
    await refused(dir, new RegExp(OUT));
    await editJson(dir, (json) => { json.weightsManifest[1].paths = ['./weights.bin']; });
    await refused(dir, /weightsManifest\[1\]\.paths\[0\] .* names the same file as weightsManifest\[0\]\.paths\[0\]/);
  });

  it('sizes are compared with the manifest before a byte is read', async () => {
    const grown = await folderFor('grown');
    const bin = await readFile(join(grown, 'weights.bin'));
    await writeFile(join(grown, 'weights.bin'), Buffer.concat([bin, Buffer.alloc(4)]));
    const touched = await refused(grown, new RegExp(`describes \\d+ tensors of ${bin.length} bytes, but its 1 file\\(s\\) named in '.*model\\.json' hold ${bin.length + 4} bytes`));
    // stat'ed, never opened: the watch sees one stat of weights.bin.
    expect(touched.filter((p) => p.endsWith('weights.bin')).length).toBe(1);

    const huge = await folderFor('huge-shape');
    await editJson(huge, (json) => { json.weightsManifest[0].weights[0].shape = [1e9, 1e9]; });
    await refused(huge, /describes \d+ tensors of \d+ bytes, but its 1 file\(s\) .* hold \d+ bytes/);
    for (const shape of [[-1, 3], [1.5, 3], ['4', 3], null]) {
      await editJson(huge, (json) => { json.weightsManifest[0].weights[0].shape = shape; });
      await refused(huge, /weight 'a\/kernel' has a bad shape/);
    }
  });

  it('a 1 KB model.json declaring units: 200000000 fails before any layer allocates; a smaller misfit is named by its shape', async () => {
    const dir = await folderFor('units');
    await editJson(dir, (json) => { json.modelTopology.config.layers[0].config.units = 200_000_000; });
    expect((await readFile(join(dir, 'model.json'))).length).toBeLessThan(4096);
    const bytes = memory().bytes;
    await refused(dir, /layer 'a' would create weight 'kernel' of shape \[4,200000000\] \(800000000 values\), more than the saved weights allow .*the model config does not fit its weights/);
    expect(memory().bytes).toBe(bytes);
    // Renamed so that no saved weight has its name: the size alone stops it.
    await editJson(dir, (json) => { json.modelTopology.config.layers[0].config.name = 'z'; });
    await refused(dir, /layer 'z' would create weight 'kernel' of shape \[4,200000000\]/);
    expect(memory().bytes).toBe(bytes);
    // Within the size bound, the shape is compared with the weight saved under the same name.
    await editJson(dir, (json) => { json.modelTopology.config.layers[0].config = { ...json.modelTopology.config.layers[0].config, name: 'a', units: 5 }; });
    await refused(dir, /the topology gives layer 'a' a weight 'kernel' of float32 shape \[4,5\], but the file's 'a\/kernel' is float32 of shape \[4,3\]; nothing was allocated/);
    expect(memory().bytes).toBe(bytes);
  });

  it('deep JSON nesting and an oversized model.json get clear errors, not a stack overflow or a full read', async () => {
    const dir = await folderFor('deep');
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const text = (await readFile(join(dir, 'model.json'), 'utf8')).replace('"modelTopology":', `"deep":${deep},"modelTopology":`);
    await writeFile(join(dir, 'model.json'), text);
    await refused(dir, /nests deeper than 100 levels/);
    // The same from artifacts held in memory.
    let nested: unknown = 1;
    for (let i = 0; i < 200_000; i++) nested = [nested];
    const artifacts = await saving.fileSystem(base).load();
    await refused(dir, /nests deeper than 100 levels/, saving.fromArtifacts({ ...artifacts, userDefinedMetadata: { nested } as never }));

    const big = await folderFor('big-json');
    await truncate(join(big, 'model.json'), saving.MAX_JSON_BYTES + 1);
    const touched = await refused(big, new RegExp(`has ${saving.MAX_JSON_BYTES + 1} bytes; model files larger than ${saving.MAX_JSON_BYTES} bytes are refused`));
    expect(touched.filter((p) => p.endsWith('model.json')).length).toBe(1);
  });

  it('reordered manifest entries (each with its bytes) give the same model and optimizer state', async () => {
    const dir = await folderFor('reordered');
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Json;
    const bin = await readFile(join(dir, 'weights.bin'));
    const specs = json.weightsManifest[0].weights as { name: string; shape: number[]; dtype: string; group?: string }[];
    const pieces: { spec: (typeof specs)[number]; bytes: Buffer }[] = [];
    let at = 0;
    for (const spec of specs) {
      const n = spec.shape.reduce((a, b) => a * b, 1) * 4;
      pieces.push({ spec, bytes: bin.subarray(at, at + n) });
      at += n;
    }
    // Reversed: model weights after the optimizer's, every m after every v; the two same-shape
    // slots 'a/bias/m' and 'b/bias/m' trade places too.
    const reordered = pieces.slice().reverse();
    const i = reordered.findIndex((p) => p.spec.name === 'a/bias/m');
    const j = reordered.findIndex((p) => p.spec.name === 'b/bias/m');
    [reordered[i], reordered[j]] = [reordered[j], reordered[i]];
    json.weightsManifest[0].weights = reordered.map((p) => p.spec);
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await writeFile(join(dir, 'weights.bin'), Buffer.concat(reordered.map((p) => p.bytes)));
    await loadsOriginal(dir);
  });

  it('unknown, missing and repeated names, model weights and optimizer slots alike, are named', async () => {
    const dir = await folderFor('names');
    const rename = (from: string, to: string) => (json: Json) => {
      for (const w of json.weightsManifest[0].weights) if (w.name === from) w.name = to;
    };
    await editJson(dir, rename('a/bias/m', 'a/bias/q'));
    await refused(dir, /optimizer weight\(s\) 'a\/bias\/q' match no Adam state of this model; expected 'iter' and 'a\/kernel\/m', /);
    await editJson(dir, rename('a/bias/q', 'a/bias/v'));
    await refused(dir, /the weights manifest names optimizer weight 'a\/bias\/v' twice/);
    await cp(join(base, 'model.json'), join(dir, 'model.json'));
    await loadsOriginal(dir);
    // A slot may be named by its weight's position instead ('m/0': Keras's positional optimizer weights), but not both ways.
    await editJson(dir, rename('a/kernel/m', 'm/0'));
    await loadsOriginal(dir);
    await editJson(dir, rename('a/bias/m', 'a/kernel/m'));
    await refused(dir, /the Adam state gives slot 'm' of 'a\/kernel' twice, as 'a\/kernel\/m' and 'm\/0'/);
    await editJson(dir, (json) => { for (const w of json.weightsManifest[0].weights) if (w.name === 'a/kernel/m') w.name = 'm/9'; });
    await refused(dir, /optimizer weight\(s\) 'm\/9' match no Adam state of this model/);
    await cp(join(base, 'model.json'), join(dir, 'model.json'));
    await editJson(dir, rename('b/kernel', 'c/kernel'));
    await refused(dir, /1 model weight\(s\) have no saved value \('b\/kernel'\); 1 saved weight\(s\) match no model weight \('c\/kernel'\)/);
  });

  it('odd path strings: NUL, backslashes, empty, the folder itself', async () => {
    const dir = await folderFor('odd');
    for (const [p, why] of [['weights.bin\u0000.txt', 'holds a NUL character'], ['..\\secret.bin', "holds a '\\\\'"], ['', 'is not a file name'], ['./', 'names the folder itself'], ['.', 'names the folder itself']]) {
      await editJson(dir, setPaths([p]));
      await refused(dir, new RegExp(why));
    }
  });
});
