import { checkJsonDepth } from './json-limits.js';
import { artifactsInfo, concatWeightData, type IOHandler, type ModelArtifacts, type SaveResult } from './artifacts.js';

function copyArtifacts(a: ModelArtifacts, where: string): ModelArtifacts {
  // A JSON round trip and a fresh buffer: later changes to either side do not leak across.
  // The depth is checked first: the round trip recurses.
  checkJsonDepth(a, where);
  const { weightData, ...rest } = a;
  const copy = JSON.parse(JSON.stringify(rest)) as ModelArtifacts;
  if (weightData !== undefined) copy.weightData = concatWeightData(weightData).slice(0);
  return copy;
}

/** Keeps saved artifacts in memory; pass it to loadModel to read them back. Works anywhere. */
export class MemoryHandler implements IOHandler {
  private stored: ModelArtifacts | null = null;

  /** What was saved last, or null. */
  get artifacts(): ModelArtifacts | null {
    return this.stored;
  }

  /** Keeps a copy of `artifacts` (weight data joined into one buffer), replacing any earlier one. */
  async save(artifacts: ModelArtifacts): Promise<SaveResult> {
    this.stored = copyArtifacts(artifacts, 'save');
    return { modelArtifactsInfo: artifactsInfo(artifacts) };
  }

  /** A fresh copy of what was saved last; throws if nothing was. */
  async load(): Promise<ModelArtifacts> {
    if (!this.stored) throw new Error('loadModel: this memory handler holds no model yet; save one to it first');
    return copyArtifacts(this.stored, 'loadModel');
  }
}

/** A new, empty `MemoryHandler` (`model.save(h)`, then `loadModel(h)`). */
export function memoryHandler(): MemoryHandler {
  return new MemoryHandler();
}

/** A load handler for artifacts you already hold (fetched, read from IndexedDB, ...); tfjs's io.fromMemory. */
export function fromArtifacts(artifacts: ModelArtifacts): IOHandler {
  return { load: async () => copyArtifacts(artifacts, 'loadModel') };
}

/**
 * A save handler that hands the artifacts to `fn` (to POST them, store them in IndexedDB, ...);
 * tfjs's io.withSaveHandler. Whatever `fn` returns is reported in `responses`.
 */
export function withSaveHandler(fn: (artifacts: ModelArtifacts) => unknown): IOHandler {
  return {
    save: async (artifacts) => {
      const response = await fn(artifacts);
      return { modelArtifactsInfo: artifactsInfo(artifacts), responses: [response] };
    },
  };
}
