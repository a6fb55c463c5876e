import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential, callbacks, layers, loadModel, memory, saving, type Model } from '@layerwise/api';
import { weightBits } from './saving-helpers.js';

const root = await mkdtemp(join(tmpdir(), 'lw-files-'));
const mounted: string[] = [];

/** Mounts a tmpfs (root only, where mounts are allowed); null where this machine cannot. */
function tmpfs(name: string, size: string): string | null {
  const dir = join(root, name);
  execFileSync('mkdir', ['-p', dir]);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mounted.push(dir);
  return dir;
}
const canMount = tmpfs('probe', '16k') !== null;

afterAll(async () => {
  for (const dir of mounted) spawnSync('umount', [dir]);
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

function small(units = 2): Sequential {
  return new Sequential({ layers: [layers.dense({ units, inputShape: [3], name: 'a' }), layers.dense({ units: 1, name: 'b' })] });
}

async function sameWeights(a: Model, b: Model): Promise<void> {
  expect(await weightBits(a)).toEqual(await weightBits(b));
}

const names = async (dir: string): Promise<string[]> => (await readdir(dir)).sort();

describe('saving: files written crash-safely', { timeout: 30_000 }, () => {
  it('alternates weights.bin and weights.1.bin so the model.json in place always names a complete file', async () => {
    const dir = join(root, 'alternate');
    const model = small();
    await model.save(dir);
    expect(await names(dir)).toEqual(['model.json', 'weights.bin']);
    await model.save(dir);
    expect(await names(dir)).toEqual(['model.json', 'weights.1.bin']);
    expect(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')).weightsManifest[0].paths).toEqual(['weights.1.bin']);
    await sameWeights(await loadModel(dir), model);
    await model.save(dir);
    expect(await names(dir)).toEqual(['model.json', 'weights.bin']);
    await sameWeights(await loadModel(dir), model);
    // A model file under another name keeps its own weight files.
    await model.save(join(dir, 'other.json'));
    expect(await names(dir)).toEqual(['model.json', 'other.bin', 'other.json', 'weights.bin']);
  });

  it('removes temporary files of killed writers (dead process id), not those of live ones', async () => {
    const dir = join(root, 'stale');
    await mkdir(dir);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(join(dir, `.weights.bin.${dead}-3.tmp`), 'x');
    await writeFile(join(dir, `.model.json.${dead}-4.tmp`), 'x');
    await writeFile(join(dir, `.model.json.${process.pid}-999999.tmp`), 'x');
    await writeFile(join(dir, `.unrelated.${dead}-1.tmp`), 'x');
    await small().save(dir);
    expect(await names(dir)).toEqual([`.model.json.${process.pid}-999999.tmp`, `.unrelated.${dead}-1.tmp`, 'model.json', 'weights.bin']);
  });

  it('a file where a folder should be: the error names it, with ENOTDIR', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'not a folder');
    const err = await small().save(join(file, 'sub', 'model')).catch((e: Error & { code?: string }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(new RegExp(`save\\('.*'\\): cannot create the folder '.*sub/model': '${file}' is a file, not a folder \\(ENOTDIR\\)`));
    expect((err as { code?: string }).code).toBe('ENOTDIR');
    await expect(small().save(file)).rejects.toThrow(/is a file, not a folder \(ENOTDIR\)/);
  });

  it.skipIf(!canMount)('a read-only file system: EROFS named, the old model intact (real tmpfs mount)', async () => {
    const dir = tmpfs('ro', '1m')!;
    const model = small();
    await model.save(join(dir, 'm'));
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const other = small();
    // Node's recursive mkdir would say ENOENT here.
    await expect(other.save(join(dir, 'new', 'm'))).rejects.toThrow(/cannot create the folder '.*new\/m': the file system is read-only \(EROFS\)/);
    const err = await other.save(join(dir, 'm')).catch((e: Error & { code?: string }) => e);
    expect((err as Error).message).toMatch(/cannot write the files in the folder \(the old files are unchanged\) '.*\/m': the file system is read-only \(EROFS\)/);
    expect((err as { code?: string }).code).toBe('EROFS');
    await sameWeights(await loadModel(join(dir, 'm')), model);
  });

  it.skipIf(!canMount)('a full disk: ENOSPC named, the old model intact, no temporary file left (real tmpfs mount)', async () => {
    const dir = tmpfs('full', '64k')!;
    const model = small();
    await model.save(dir);
    const big = small(6000); // a 3 x 6000 kernel: 72 KB, more than the disk holds
    const err = await big.save(dir).catch((e: Error & { code?: string }) => e);
    expect((err as Error).message).toMatch(/cannot write the files in the folder \(the old files are unchanged\) '.*': there is no space left on the device \(ENOSPC\)/);
    expect((err as { code?: string }).code).toBe('ENOSPC');
    expect(await names(dir)).toEqual(['model.json', 'weights.bin']);
    await sameWeights(await loadModel(dir), model);
  });

  it('writeFilesAtomically: plain names only, each once; strings as UTF-8', async () => {
    const dir = join(root, 'atomic');
    await saving.writeFilesAtomically(dir, [{ name: 'a.bin', data: new Uint8Array([1, 2, 3]) }, { name: 'b.txt', data: 'é' }]);
    expect(Array.from(await readFile(join(dir, 'a.bin')))).toEqual([1, 2, 3]);
    expect(Array.from(await readFile(join(dir, 'b.txt')))).toEqual([0xc3, 0xa9]);
    for (const name of ['../x', 'sub/x', '', '.', '..']) {
      await expect(saving.writeFilesAtomically(dir, [{ name, data: 'x' }], { where: 'test' })).rejects.toThrow(/test: '.*' is not a plain file name/);
    }
    await expect(saving.writeFilesAtomically(dir, [{ name: 'x', data: 'x' }, { name: 'x', data: 'y' }])).rejects.toThrow(/the file 'x' is given twice/);
    expect(await names(dir)).toEqual(['a.bin', 'b.txt']);
  });
});

describe('saving: saveWeights and loadWeights', { timeout: 30_000 }, () => {
  it('round-trips the weights alone into another model of the same layers', async () => {
    const dir = join(root, 'weights');
    const model = small();
    await model.saveWeights(dir);
    expect(await names(dir)).toEqual(['model-weights.bin', 'model-weights.json']);
    const json = JSON.parse(await readFile(join(dir, 'model-weights.json'), 'utf8'));
    expect(json.format).toBe(saving.WEIGHTS_FORMAT);
    expect(json.modelTopology).toBeUndefined();
    const other = small();
    await other.loadWeights(dir);
    await sameWeights(other, model);
    await expect(loadModel(join(dir, 'model-weights.json'))).rejects.toThrow(/no 'modelTopology' object: it holds weights only \(written by saveWeights\); build the model and call model\.loadWeights\(path\)/);
  });

  it('loads the weights of a full save too, ignoring its optimizer state', async () => {
    const dir = join(root, 'full-for-weights');
    const model = small();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit([[1, 2, 3]], [[1]], { verbose: 0 });
    await model.save(dir);
    const other = small();
    await other.loadWeights(dir);
    await sameWeights(other, model);
  });

  it('a model that does not fit the file, or is not built, is left unchanged', async () => {
    const dir = join(root, 'weights-misfit');
    await small().saveWeights(dir);
    const wider = small(4);
    const before = await weightBits(wider);
    await expect(wider.loadWeights(dir)).rejects.toThrow(/saved weight 'a\/kernel' is float32 of shape \[3,2\], but the model's 'a\/kernel' is float32 of shape \[3,4\]/);
    expect(await weightBits(wider)).toEqual(before);
    const unbuilt = new Sequential({ layers: [layers.dense({ units: 2, name: 'a' })] });
    await expect(unbuilt.loadWeights(dir)).rejects.toThrow(/the model '.*' is not built yet/);
  });

  it('layers named apart (a model built twice: dense_1, dense_2) pair in order as Keras 2 does, unless byName', async () => {
    const dir = join(root, 'weights-by-order');
    const unnamed = (units = 2): Sequential => new Sequential({ layers: [layers.dense({ units, inputShape: [3] }), layers.dense({ units: 1 })] });
    const model = unnamed();
    await model.saveWeights(dir);
    const other = unnamed();
    expect(other.layers[0].name).not.toBe(model.layers[0].name);
    await expect(other.loadWeights(dir, { byName: true })).rejects.toThrow(/the saved weights do not fit the model/);
    await other.loadWeights(dir);
    await sameWeights(other, model);
    const wider = unnamed(4);
    const before = await weightBits(wider);
    await expect(wider.loadWeights(dir)).rejects.toThrow(/the saved weights do not fit the model/);
    expect(await weightBits(wider)).toEqual(before);
  });

  it('ModelCheckpoint({ saveWeightsOnly: true }) writes loadable weights every epoch', async () => {
    const dir = join(root, 'checkpoint-weights');
    const model = small();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const seen: number[][][] = [];
    await model.fit([[1, 2, 3], [3, 2, 1]], [[1], [0]], {
      epochs: 3, verbose: 0,
      callbacks: [new callbacks.ModelCheckpoint({ filepath: join(dir, 'e{epoch}'), saveWeightsOnly: true }), { onEpochEnd: async () => { seen.push(await weightBits(model)); } }],
    });
    expect(await names(dir)).toEqual(['e1', 'e2', 'e3']);
    for (const [k, epoch] of ['e1', 'e2', 'e3'].entries()) {
      const other = small();
      await other.loadWeights(join(dir, epoch));
      expect(await weightBits(other)).toEqual(seen[k]);
    }
  });
});

describe('saving: memory', { timeout: 30_000 }, () => {
  it('saving 100 times (optimizer state included) leaves no buffer behind', async () => {
    const model = small();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit([[1, 2, 3]], [[1]], { verbose: 0 });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const before = memory();
    for (let i = 0; i < 100; i++) await model.save(handler);
    expect(memory()).toEqual(before);
  });

  it('ModelCheckpoint over 20 epochs keeps memory() flat', async () => {
    const dir = join(root, 'checkpoint-memory');
    const model = small();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit([[1, 2, 3]], [[1]], { verbose: 0 });
    const counts: number[] = [];
    await model.fit([[1, 2, 3]], [[1]], {
      epochs: 20, verbose: 0,
      callbacks: [new callbacks.ModelCheckpoint({ filepath: dir }), { onEpochEnd: () => { counts.push(memory().buffers); } }],
    });
    expect(counts.length).toBe(20);
    expect(new Set(counts).size).toBe(1);
  }, 60_000);
});
