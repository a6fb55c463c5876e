import { optionKeys, type saving } from '@layerwise/api';
import { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
import { describeSource, localPath, readSource, sniffFormat, type KerasSource } from './io/source.js';
import { writeFileAtomic } from './io/atomic-write.js';
import { readH5Model } from './formats/h5-model-read.js';
import { readKerasArchive } from './formats/keras3-read.js';
import { writeH5Model } from './formats/h5-model-write.js';
import { writeKerasArchive } from './formats/keras3-write.js';

/** A Keras file format: Keras 2's HDF5 model file, or Keras 3's zip archive. */
export type KerasFormat = 'h5' | 'keras';

/** Options of `kerasFile` (unknown keys are refused). */
export interface KerasFileOptions {
  /** The format to save in; by default from the path's extension (.h5/.hdf5 or .keras). Loading always reads the file's signature. */
  format?: KerasFormat;
  /** Bounds for reading untrusted files (see ReadLimits). */
  limits?: Partial<ReadLimits>;
}

const OPTIONS = optionKeys<KerasFileOptions>()(['format', 'limits']);

/** Where a saved file goes: a path (Node) or a function that receives the file's bytes (anywhere). */
export type KerasTarget = string | URL | ((bytes: Uint8Array) => unknown);

function formatOf(target: string | undefined, options: KerasFileOptions, where: string): KerasFormat {
  if (options.format) return options.format;
  if (target !== undefined && /\.(h5|hdf5)$/i.test(target)) return 'h5';
  if (target !== undefined && /\.keras$/i.test(target)) return 'keras';
  throw new Error(`${where}: cannot tell the format from ${target === undefined ? 'a callback' : `'${target}'`}; name the file .h5 or .keras, or pass { format: 'h5' | 'keras' }`);
}

/** Artifacts of a Keras file's bytes; `where` names the source in errors. */
export async function artifactsFromBytes(bytes: Uint8Array, limits: ReadLimits, where: string): Promise<saving.ModelArtifacts> {
  const format = sniffFormat(bytes);
  if (format === 'h5') return readH5Model(bytes, limits, where);
  if (format === 'keras') return readKerasArchive(bytes, limits, where);
  throw new Error(`${where}: neither an HDF5 (.h5) nor a zip (.keras) file (it starts with bytes ${Array.from(bytes.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')})`);
}

/** The bytes of a Keras file holding `artifacts` (from layerwise's save). */
export function bytesFromArtifacts(artifacts: saving.ModelArtifacts, format: KerasFormat, where: string): Promise<Uint8Array> {
  return format === 'h5' ? writeH5Model(artifacts, where) : writeKerasArchive(artifacts, where);
}

/**
 * An IOHandler for layerwise's `loadModel` and `model.save` that reads and writes the files
 * Keras itself writes: `.h5` (Keras 2.0-2.3, tf.keras 2.x) and `.keras` (Keras 3).
 *
 * ```ts
 * const model = await loadModel(kerasFile('model.h5'));        // Node path, http(s) URL, or bytes
 * await model.save(kerasFile('model.keras'));                    // Node path (written atomically)
 * await model.save(kerasFile((bytes) => download(bytes), { format: 'h5' }));   // anywhere
 * ```
 */
export function kerasFile(source: KerasSource | ((bytes: Uint8Array) => unknown), options: KerasFileOptions = {}): saving.IOHandler {
  options = OPTIONS.read(options, 'kerasFile');
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const handler: saving.IOHandler = {};
  if (typeof source !== 'function') {
    handler.load = async () => {
      const where = `loadModel(${describeSource(source)})`;
      return artifactsFromBytes(await readSource(source, limits.maxFileBytes, where), limits, where);
    };
  }
  const target = typeof source === 'function' ? source : typeof source === 'string' || source instanceof URL ? localPath(source) : undefined;
  if (target !== undefined) {
    handler.save = async (artifacts) => {
      const where = `save(${typeof target === 'string' ? `'${target}'` : 'callback'})`;
      const bytes = await bytesFromArtifacts(artifacts, formatOf(typeof target === 'string' ? target : undefined, options, where), where);
      const responses: unknown[] = [];
      if (typeof target === 'string') await writeFileAtomic(target, bytes, where);
      else responses.push(await target(bytes));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(), modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: bytes.byteLength,
        },
        responses,
      };
    };
  }
  return handler;
}
