import { artifactsInfo, concatWeightData, type IOHandler, type ModelArtifacts, type SaveResult } from './artifacts.js';
import { checkModelJSON, fromModelJSON, toModelJSON } from './model-json.js';

interface FsPromises {
  mkdir(path: string, options: { recursive: boolean }): Promise<unknown>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  stat(path: string): Promise<{ isDirectory(): boolean }>;
}

async function loadFs(what: string): Promise<FsPromises> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!proc?.versions?.node) {
    throw new Error(`${what}: file paths need Node.js (node:fs); in a browser use saving.memoryHandler(), saving.withSaveHandler(fn) or saving.fromArtifacts(artifacts)`);
  }
  // A computed specifier keeps browser bundlers from trying to resolve a Node builtin.
  const specifier = 'node:fs/promises';
  return (await import(/* @vite-ignore */ specifier)) as FsPromises;
}

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

function dirname(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '.' : cut === 0 ? path.slice(0, 1) : path.slice(0, cut);
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + name : `${dir}/${name}`;
}

function errorCode(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

/**
 * Saves to a directory as model.json + weights.bin (tfjs-node's `file://` layout), and loads
 * from such a directory or from a model.json path (its weight files are found beside it).
 */
export class FileHandler implements IOHandler {
  constructor(readonly path: string) {}

  async save(artifacts: ModelArtifacts): Promise<SaveResult> {
    const fs = await loadFs('save');
    const jsonPath = this.path.endsWith('.json') ? this.path : join(this.path, MODEL_FILE);
    const dir = dirname(jsonPath);
    await fs.mkdir(dir, { recursive: true });
    const json = toModelJSON(artifacts, WEIGHTS_FILE);
    const data = artifacts.weightData === undefined ? new ArrayBuffer(0) : concatWeightData(artifacts.weightData);
    await fs.writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(data));
    await fs.writeFile(jsonPath, JSON.stringify(json));
    return { modelArtifactsInfo: artifactsInfo(artifacts) };
  }

  async load(): Promise<ModelArtifacts> {
    const fs = await loadFs('loadModel');
    // A '.json' path or an existing file is the model file itself; anything else is its directory.
    let jsonPath = this.path;
    if (!this.path.endsWith('.json')) {
      try {
        if ((await fs.stat(this.path)).isDirectory()) jsonPath = join(this.path, MODEL_FILE);
      } catch (err) {
        if (errorCode(err) !== 'ENOENT') throw err;
        jsonPath = join(this.path, MODEL_FILE);
      }
    }
    let text: string;
    try {
      text = await fs.readFile(jsonPath, 'utf8');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') throw new Error(`loadModel: no model file at '${jsonPath}'`);
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(`loadModel: '${jsonPath}' is not valid JSON: ${(err as Error).message}`);
    }
    const json = checkModelJSON(parsed, `loadModel('${jsonPath}')`);
    const dir = dirname(jsonPath);
    const files: ArrayBuffer[] = [];
    for (const group of json.weightsManifest) {
      for (const rel of group.paths) {
        const file = join(dir, rel.replace(/^\.\//, ''));
        let bytes: Uint8Array;
        try {
          bytes = await fs.readFile(file);
        } catch (err) {
          if (errorCode(err) === 'ENOENT') throw new Error(`loadModel: the weights file '${file}' named in '${jsonPath}' is missing`);
          throw err;
        }
        files.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      }
    }
    return fromModelJSON(json, files);
  }
}

export function fileSystem(path: string): FileHandler {
  return new FileHandler(path);
}
