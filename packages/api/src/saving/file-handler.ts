import { optionKeys } from '@layerwise/data';
import { artifactsInfo, concatWeightData, type IOHandler, type ModelArtifacts, type SaveResult } from './artifacts.js';
import { writeFilesAtomically } from './atomic-write.js';
import { readJsonFile, readWeightFiles } from './folder-files.js';
import { checkModelJSON, fromModelJSON, toModelJSON } from './model-json.js';
import { errorCode, nodeFs, type NodeFs } from './node-fs.js';

const MODEL_FILE = 'model.json';

/** The weight file names a model file uses, in order of preference: model.json -> weights.bin, weights.1.bin; m.json -> m.bin, m.1.bin. */
function weightNames(jsonName: string): [string, string] {
  const stem = jsonName === MODEL_FILE ? 'weights' : jsonName.replace(/\.json$/, '');
  return [`${stem}.bin`, `${stem}.1.bin`];
}

/** The paths the model file now in place names (none when it is missing or unreadable). */
async function pathsInUse(node: NodeFs, jsonPath: string): Promise<Set<string>> {
  try {
    const json = checkModelJSON(await readJsonFile(node, jsonPath, 'save'), 'save', false);
    return new Set(json.weightsManifest.flatMap((g) => g.paths.map((p) => p.replace(/^\.\//, ''))));
  } catch {
    return new Set();
  }
}

/**
 * Saves to a directory as model.json + weights.bin (tfjs-node's `file://` layout), and loads
 * from such a directory or from a model.json path (its weight files are found beside it).
 *
 * Saving never leaves the folder without a complete model, whatever moment the process is
 * killed at: the weights go to the one of weights.bin / weights.1.bin that the model.json in
 * place does not name, then model.json is replaced (see writeFilesAtomically), then the old
 * weights file is removed. Loading trusts nothing in the files (see folder-files.ts).
 */
export interface FileHandlerOptions {
  /**
   * The model file's name inside a folder. Default 'model.json'. With a list, saving uses
   * the first and loading the first that exists.
   */
  modelFile?: string | readonly string[];
  /** Load also files without a topology (weights-only, from saveWeights). Default false. */
  weightsOnly?: boolean;
  /** Names the caller in load errors. Default 'loadModel'. */
  where?: string;
}

const OPTIONS = optionKeys<FileHandlerOptions>()(['modelFile', 'weightsOnly', 'where']);

export class FileHandler implements IOHandler {
  /** The model file names tried inside a folder, from `modelFile` (default ['model.json']). */
  readonly modelFiles: readonly string[];
  private readonly weightsOnly: boolean;
  private readonly where: string;

  /** `path`: a folder, or a .json file. */
  constructor(
    /** The folder, or the .json file, given to the constructor. */
    readonly path: string, options: FileHandlerOptions = {}) {
    options = OPTIONS.read(options, 'FileHandler');
    const file = options.modelFile ?? MODEL_FILE;
    this.modelFiles = typeof file === 'string' ? [file] : file;
    this.weightsOnly = options.weightsOnly ?? false;
    this.where = options.where ?? 'loadModel';
  }

  private jsonPath(node: NodeFs): string {
    return this.path.endsWith('.json') ? this.path : node.path.join(this.path, this.modelFiles[0]);
  }

  /**
   * Writes model.json and its weights file into the folder (made if missing), atomically as
   * the class describes; Node.js only.
   */
  async save(artifacts: ModelArtifacts): Promise<SaveResult> {
    const node = await nodeFs('save');
    const jsonPath = this.jsonPath(node);
    const dir = node.path.dirname(jsonPath);
    const jsonName = node.path.basename(jsonPath);
    const names = weightNames(jsonName);
    const inUse = await pathsInUse(node, jsonPath);
    const weightsName = names.find((n) => !inUse.has(n)) ?? names[0];
    const data = artifacts.weightData === undefined ? new ArrayBuffer(0) : concatWeightData(artifacts.weightData);
    await writeFilesAtomically(dir, [
      { name: weightsName, data: new Uint8Array(data) },
      { name: jsonName, data: JSON.stringify(toModelJSON(artifacts, weightsName)) },
    ], { where: `save('${this.path}')` });
    // The model in place no longer names the other file: a kill before this leaves it as litter only.
    for (const old of names) {
      if (old !== weightsName) await node.fs.unlink(node.path.join(dir, old)).catch(() => undefined);
    }
    return { modelArtifactsInfo: artifactsInfo(artifacts) };
  }

  /** The model file: the path itself if it names a file, else the first of `modelFile` that exists inside the folder. */
  private async resolveJsonPath(node: NodeFs): Promise<string> {
    if (this.path.endsWith('.json')) return this.path;
    try {
      if (!(await node.fs.stat(this.path)).isDirectory()) return this.path;
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') throw err;
    }
    const candidates = this.modelFiles.map((f) => node.path.join(this.path, f));
    for (const c of candidates.slice(0, -1)) {
      if (await node.fs.stat(c).then(() => true, () => false)) return c;
    }
    return candidates[candidates.length - 1];
  }

  /** Reads the model file and the weight files its manifest names, checking both; Node.js only. */
  async load(): Promise<ModelArtifacts> {
    const where = this.where;
    const node = await nodeFs(where);
    const jsonPath = await this.resolveJsonPath(node);
    let parsed: unknown;
    try {
      parsed = await readJsonFile(node, jsonPath, where);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') throw new Error(`${where}: no model file at '${jsonPath}'`, { cause: err });
      throw err;
    }
    const json = checkModelJSON(parsed, `${where}('${jsonPath}')`, !this.weightsOnly);
    const data = await readWeightFiles(node, node.path.dirname(jsonPath), json.weightsManifest, jsonPath, where);
    return fromModelJSON(json, [data]);
  }
}

/** A FileHandler for a folder or model.json path (tfjs's io.fileSystem). */
export function fileSystem(path: string): FileHandler {
  return new FileHandler(path);
}
