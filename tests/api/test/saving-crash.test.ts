// Kills a process that is saving a model (SIGKILL, at a random moment) a few hundred times and
// checks that the folder always holds the last complete model, loadable, never a mix of two saves.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sequential, layers, loadModel, type Model } from '@layerwise/api';

const saver = fileURLToPath(new URL('./fixtures/crash-saver.mjs', import.meta.url));
const TRIALS = Number(process.env.LAYERWISE_CRASH_TRIALS ?? 200);
const LANES = 4;
const MODES = ['save', 'checkpoint', 'weights'] as const;
type Mode = (typeof MODES)[number];

/** A small LCG, so a failing run can be repeated from the seed it prints. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const running = new Set<ChildProcess>();
// A failed or timed-out run must not leave savers behind.
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

/** Runs the saver until its first complete save, kills it `delay` ms later; the last generation it reported. */
function killWhileSaving(mode: Mode, dir: string, delay: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [saver, mode, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (timer === null && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delay);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { err += chunk; });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (signal !== 'SIGKILL') return reject(new Error(`the saver exited by itself (code ${code}): ${err}`));
      const lines = out.split('\n').slice(0, -1); // the last piece may be cut short
      resolve(lines.length <= 1 ? 0 : Number(lines[lines.length - 1]));
    });
  });
}

function tiny(): Sequential {
  return new Sequential({ layers: [layers.dense({ units: 3, inputShape: [4], name: 'a' }), layers.dense({ units: 2, name: 'b' })] });
}

async function flat(model: Model): Promise<number[]> {
  const ws = model.getWeights();
  const values = (await Promise.all(ws.map((w) => w.data()))).flatMap((d) => Array.from(d));
  for (const w of ws) w.dispose();
  return values;
}

/** What the folder must hold after a kill: the generation the saver reported last, or the one after it. */
async function checkFolder(mode: Mode, dir: string, acked: number): Promise<void> {
  if (mode === 'weights') {
    const model = tiny();
    await model.loadWeights(dir);
    expect((await flat(model)).every(Number.isFinite)).toBe(true);
    model.dispose();
    return;
  }
  const model = await loadModel(dir);
  if (mode === 'save') {
    const values = await flat(model);
    const g = values[0];
    expect(values.every((v) => v === g), `a mix of saves: ${values}`).toBe(true);
    expect([acked, acked + 1]).toContain(g);
    // Odd generations were saved with the optimizer state, even ones without.
    expect(model.optimizer === null ? 0 : 1).toBe(g % 2);
    if (model.optimizer) expect(model.optimizer.iterations).toBe(1);
  } else {
    // One trainOnBatch, then one step an epoch; epoch e's checkpoint has e + 2 steps.
    expect([acked + 2, acked + 3]).toContain(model.optimizer!.iterations);
  }
  model.dispose();
}

describe('saving: crash safety', () => {
  it(`a process killed while saving leaves the last complete model, every time (${TRIALS} kills)`, async () => {
    const seed = Number(process.env.LAYERWISE_CRASH_SEED ?? Date.now() % 1e9);
    const next = random(seed);
    const root = await mkdtemp(join(tmpdir(), 'lw-crash-'));
    const plan = Array.from({ length: TRIALS }, (_, i) => ({ mode: MODES[i % MODES.length], delay: Math.floor(next() * 25), lane: i % LANES }));
    const seen: Record<Mode, number> = { save: 0, checkpoint: 0, weights: 0 };
    // Each lane saves into its own folders, one per mode, reused trial after trial: every save
    // after the first goes over what the killed process before it left.
    await Promise.all(Array.from({ length: LANES }, async (_, lane) => {
      for (const [i, trial] of plan.entries()) {
        if (trial.lane !== lane) continue;
        const dir = join(root, `${lane}-${trial.mode}`);
        const acked = await killWhileSaving(trial.mode, dir, trial.delay);
        try {
          await checkFolder(trial.mode, dir, acked);
        } catch (err) {
          throw new Error(`trial ${i} (${trial.mode}, killed ${trial.delay} ms after the first save, seed ${seed}): ${(err as Error).message}`, { cause: err });
        }
        seen[trial.mode]++;
      }
    }));
    expect(seen.save + seen.checkpoint + seen.weights).toBe(TRIALS);
    // Temporary files of killed savers are removed by the next save: only the last kill's remain.
    for (const lane of Array.from({ length: LANES }, (_, k) => k)) {
      for (const mode of MODES) {
        const temps = (await readdir(join(root, `${lane}-${mode}`))).filter((f) => f.endsWith('.tmp'));
        expect(temps.length).toBeLessThanOrEqual(2);
      }
    }
    await rm(root, { recursive: true, force: true });
  }, 300_000);
});
