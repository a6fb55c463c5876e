import type { saving } from '@layerwise/api';
import type { ModelTopology } from '../config/model-config.js';
import type { HostTensor } from './tensors.js';

const dtypeOf = (t: HostTensor): 'float32' | 'int32' => (t.data instanceof Int32Array ? 'int32' : 'float32');

/** tfjs-format artifacts (what layerwise's loadModel reads) from a translated Keras model. */
export function toArtifacts(topology: ModelTopology, kerasVersion: string | undefined, weights: readonly HostTensor[],
  trainingConfig: saving.TrainingConfig | Error | null, optimizerState: readonly HostTensor[]): saving.ModelArtifacts {
  const specs: saving.WeightSpec[] = [
    ...weights.map((t) => ({ name: t.name, shape: t.shape.slice(), dtype: dtypeOf(t) })),
    ...optimizerState.map((t) => ({ name: t.name, shape: t.shape.slice(), dtype: dtypeOf(t), group: 'optimizer' as const })),
  ];
  const all = [...weights, ...optimizerState];
  const data = new Uint8Array(all.reduce((n, t) => n + t.data.byteLength, 0));
  let at = 0;
  for (const t of all) {
    data.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  const artifacts: saving.ModelArtifacts = {
    modelTopology: { ...topology, keras_version: kerasVersion ?? 'unknown', backend: 'tensorflow' } as unknown as saving.JsonObject,
    format: 'layers-model',
    generatedBy: `keras ${kerasVersion ?? 'unknown'}`,
    convertedBy: '@layerwise/keras-io',
    weightSpecs: specs,
    weightData: data.buffer,
  };
  if (trainingConfig instanceof Error) {
    // A training config layerwise cannot honour fails the load only when the loader compiles
    // (loadModel reads trainingConfig only then), so { compile: false } still loads the model.
    // Not enumerable: walks over the artifacts (copies, depth checks) do not trip it.
    Object.defineProperty(artifacts, 'trainingConfig', { enumerable: false, get: () => { throw trainingConfig; } });
  } else {
    artifacts.trainingConfig = trainingConfig;
  }
  return artifacts;
}
