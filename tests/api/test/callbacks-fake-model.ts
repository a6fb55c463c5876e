import { callbacks, optimizers, tensor, type Tensor } from '@layerwise/api';

/** A stand-in for Sequential: what callbacks may touch, recording what they do. */
export class FakeModel implements callbacks.CallbackModel {
  stopTraining = false;
  optimizer: optimizers.Optimizer | null;
  weights: Tensor[];
  saves: string[] = [];
  weightSaves: string[] = [];

  constructor(learningRate: number | null = 0.1, weights: number[][] = [[0, 0], [0]]) {
    this.optimizer = learningRate === null ? null : new optimizers.SGD({ learningRate });
    this.weights = weights.map((w) => tensor(w));
  }

  /** The "training" of one epoch: every weight becomes `value`. */
  fill(value: number): void {
    const next = this.weights.map((w) => tensor(new Array(w.size).fill(value), w.shape));
    this.dispose();
    this.weights = next;
  }

  values(): number[][] {
    return this.weights.map((w) => Array.from(w.dataSync()));
  }

  getWeights(): Tensor[] {
    return this.weights.map((w) => tensor(Array.from(w.dataSync()), w.shape));
  }

  setWeights(weights: readonly Tensor[]): void {
    const next = weights.map((w) => tensor(Array.from(w.dataSync()), w.shape));
    this.dispose();
    this.weights = next;
  }

  async save(path: unknown): Promise<void> {
    this.saves.push(String(path));
  }

  dispose(): void {
    for (const w of this.weights) w.dispose();
  }
}

export class FakeModelWithWeights extends FakeModel {
  async saveWeights(path: string): Promise<void> {
    this.weightSaves.push(path);
  }
}

export function params(over: Partial<callbacks.CallbackParams> = {}): callbacks.CallbackParams {
  return { epochs: 10, steps: null, samples: null, batchSize: 32, verbose: 0, doValidation: true, metrics: [], initialEpoch: 0, ...over };
}

/**
 * Runs epochs the way the engine does: onTrainBegin, then per epoch onEpochBegin, `train`,
 * onEpochEnd with that epoch's logs, stopping when a callback sets stopTraining.
 * Returns the epochs run.
 */
export async function runEpochs(
  cbs: (callbacks.Callback | callbacks.CallbackHooks)[], model: FakeModel, epochLogs: callbacks.Logs[],
  train: (epoch: number) => void = () => {},
): Promise<number[]> {
  const list = new callbacks.CallbackList(cbs);
  list.setModel(model);
  list.setParams(params({ epochs: epochLogs.length }));
  const ran: number[] = [];
  model.stopTraining = false;
  await list.call('onTrainBegin', {});
  for (let epoch = 0; epoch < epochLogs.length; epoch++) {
    await list.call('onEpochBegin', epoch, {});
    train(epoch);
    ran.push(epoch);
    await list.call('onEpochEnd', epoch, { ...epochLogs[epoch] });
    if (model.stopTraining) break;
  }
  await list.call('onTrainEnd', {});
  return ran;
}
