import { Sequential, layers, memory, optimizers, saving } from '@layerwise/api';

/** Options of `soakTraining`. */
export interface SoakOptions {
  /** Training batches in all (each round trains 17: an epoch of 16 and one trainOnBatch). Default 3000. */
  batches?: number;
  /** Features of each sample (the MLP is features -> 64 -> 10). Default 32. */
  features?: number;
  /** Called with one line after each sampled round. */
  log?: (line: string) => void;
}

/** The state after a round: live backend buffers, and the process's memory (null outside Node). */
export interface SoakSample {
  /** Training batches run so far, 17 per round (the round's end). */
  batches: number;
  /** Live buffers on the backend (`memory().buffers`); must equal the first sample's. */
  buffers: number;
  /** Their total size in bytes (`memory().bytes`); must equal the first sample's. */
  bytes: number;
  /** The process's resident set size in MiB (2^20 bytes, one decimal); reported, not judged. */
  rssMB: number | null;
  /** V8's used heap in MiB (one decimal); reported, not judged. */
  heapUsedMB: number | null;
}

/** What `soakTraining` measured: the run leaked nothing when `grown` is empty. */
export interface SoakReport {
  /** The sampled rounds in order: the first, the last and about every tenth in between. */
  samples: SoakSample[];
  /** Rounds whose buffer count or bytes differ from the first sample's (should be none). */
  grown: SoakSample[];
}

function processMemory(): { rss: number; heapUsed: number } | null {
  const proc = (globalThis as { process?: { memoryUsage?: () => { rss: number; heapUsed: number } } }).process;
  return proc?.memoryUsage ? proc.memoryUsage() : null;
}

/**
 * A long run on the active backend: round after round of fit (one epoch of 16 batches, with
 * validation), evaluate, predict, trainOnBatch and a save to memory, on an MLP with Adam.
 * After the first round (which creates the optimizer's slots) every round must end with the
 * same backend buffers and bytes: a tensor leaked per batch, per call or per save shows up
 * as growth. The process's RSS is sampled too, for the report, not judged: V8 and the
 * allocators grow their reservations while they warm up (see bench/soak.mjs).
 */
export async function soakTraining(options: SoakOptions = {}): Promise<SoakReport> {
  const total = options.batches ?? 3000;
  const features = options.features ?? 32;
  const perRound = 16;
  const batchSize = 16;
  const n = perRound * batchSize;
  const x = { data: new Float32Array(n * features).map((_, i) => Math.sin(i * 0.37)), shape: [n, features] };
  const y = { data: new Float32Array(n * 10).map((_, i) => (i % 10 === Math.floor(i / 10) % 10 ? 1 : 0)), shape: [n, 10] };
  const validation: [typeof x, typeof y] = [{ data: x.data.subarray(0, 32 * features), shape: [32, features] }, { data: y.data.subarray(0, 320), shape: [32, 10] }];
  const model = new Sequential({ layers: [layers.dense({ units: 64, activation: 'relu', inputShape: [features] }), layers.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: optimizers.adam({ learningRate: 1e-3 }), loss: 'categorical_crossentropy', metrics: ['acc'] });
  const handler = saving.memoryHandler();
  const rounds = Math.max(2, Math.ceil(total / (perRound + 1)));
  const every = Math.max(1, Math.floor(rounds / 10));
  const samples: SoakSample[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      await model.fit(x, y, { epochs: 1, batchSize, verbose: 0, validationData: validation });
      await model.evaluate(validation[0], validation[1], { verbose: 0 });
      (await model.predict(validation[0])).dispose();
      await model.trainOnBatch(validation[0], validation[1]);
      await model.save(handler);
      if (r === 0 || r === rounds - 1 || r % every === 0) {
        const m = memory();
        const p = processMemory();
        const sample: SoakSample = {
          batches: (r + 1) * (perRound + 1), buffers: m.buffers, bytes: m.bytes,
          rssMB: p ? +(p.rss / 2 ** 20).toFixed(1) : null, heapUsedMB: p ? +(p.heapUsed / 2 ** 20).toFixed(1) : null,
        };
        samples.push(sample);
        options.log?.(`${String(sample.batches).padStart(6)} batches: ${sample.buffers} buffers, ${sample.bytes} bytes, RSS ${sample.rssMB} MB, heap used ${sample.heapUsedMB} MB`);
      }
    }
  } finally {
    model.dispose();
  }
  const first = samples[0];
  return { samples, grown: samples.filter((s) => s.buffers !== first.buffers || s.bytes !== first.bytes) };
}
