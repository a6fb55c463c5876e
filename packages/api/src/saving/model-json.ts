import { concatWeightData, WEIGHTS_FORMAT, type ModelArtifacts, type ModelJSON, type WeightSpec } from './artifacts.js';
import { isJsonObject } from './keras-case.js';

/** The model.json for `artifacts`, its weights in one file named `weightsPath`. */
export function toModelJSON(artifacts: ModelArtifacts, weightsPath = 'weights.bin'): ModelJSON {
  const json: ModelJSON = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [weightsPath], weights: artifacts.weightSpecs ?? [] }],
  };
  if (artifacts.trainingConfig) json.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata) json.userDefinedMetadata = artifacts.userDefinedMetadata;
  return json;
}

/**
 * Checks the shape of a parsed model.json; `where` names it in errors. A weights-only file
 * (saveWeights) has no topology and passes only when `topology` is false.
 */
export function checkModelJSON(json: unknown, where: string, topology = true): ModelJSON {
  if (!isJsonObject(json)) throw new Error(`${where}: model.json must hold a JSON object`);
  if (topology && !isJsonObject(json.modelTopology)) {
    const hint = json.format === WEIGHTS_FORMAT ? ': it holds weights only (written by saveWeights); build the model and call model.loadWeights(path)' : '';
    throw new Error(`${where}: model.json has no 'modelTopology' object${hint}`);
  }
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest)) throw new Error(`${where}: 'weightsManifest' must be a list of { paths, weights }`);
  manifest.forEach((g, i) => {
    if (!isJsonObject(g) || !Array.isArray(g.paths) || !g.paths.every((p) => typeof p === 'string') || !Array.isArray(g.weights)) {
      throw new Error(`${where}: weightsManifest[${i}] must be { paths: string[], weights: [...] }`);
    }
  });
  return { ...(json as unknown as ModelJSON), weightsManifest: manifest as unknown as ModelJSON['weightsManifest'] };
}

/** Artifacts from a model.json and the contents of its weight files, in manifest order. */
export function fromModelJSON(json: ModelJSON, weightFiles: readonly ArrayBuffer[]): ModelArtifacts {
  const specs: WeightSpec[] = json.weightsManifest.flatMap((g) => g.weights);
  const artifacts: ModelArtifacts = {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? null,
    trainingConfig: json.trainingConfig ?? null,
    weightSpecs: specs,
    weightData: weightFiles.length === 1 ? weightFiles[0] : concatWeightData(weightFiles.slice()),
  };
  if (json.userDefinedMetadata) artifacts.userDefinedMetadata = json.userDefinedMetadata;
  return artifacts;
}
