/**
 * The browser example: pick a backend (WebGPU or WebAssembly), press Train, watch the loss
 * fall. The model is a small Sequential classifier of two interleaved spirals.
 */
import { Sequential, activeKernel, getBackend, layers, optimizers, ready, setBackend, setRandomSeed, tensor } from '@layerwise/api';
import { setWasmOptions } from '@layerwise/backend-wasm';     // registers 'wasm'
import '@layerwise/backend-webgpu';                             // registers 'webgpu'
import { drawChart, type ChartData } from './chart.js';
import { spiral } from './spiral.js';

// The .wasm binaries are served next to the page (vite.config.ts puts them in wasm/). Threads:
// the backend's default (every core, up to 4), which needs cross-origin isolation; elsewhere it
// runs on one and logs why.
setWasmOptions({ wasmPaths: new URL('wasm/', document.baseURI).href });

const SAMPLES = 400;
const EPOCHS = 15;
const BATCH_SIZE = 50;

const select = document.querySelector<HTMLSelectElement>('#backend')!;
const button = document.querySelector<HTMLButtonElement>('#train')!;
const status = document.querySelector<HTMLElement>('#status')!;
const canvas = document.querySelector<HTMLCanvasElement>('#curve')!;

export interface RunSummary {
  backend: string;
  /** e.g. "threaded SIMD, 2 threads" for wasm. */
  detail: string;
  batchLosses: number[];
  epochLosses: number[];
  accuracy: number[];
  seconds: number;
}

const chart: ChartData = { batches: [], epochs: [], stepsPerEpoch: Math.ceil(SAMPLES / BATCH_SIZE), totalEpochs: EPOCHS, title: 'Training loss' };
let redraw = 0;
const scheduleDraw = () => {
  redraw ||= requestAnimationFrame(() => {
    redraw = 0;
    drawChart(canvas, chart);
    window.layerwiseExample.draws++;
  });
};
window.addEventListener('resize', scheduleDraw);

function setState(state: 'loading' | 'ready' | 'training' | 'done' | 'error', text: string): void {
  document.body.dataset.state = state;
  status.textContent = text;
}

function describeBackend(): string {
  const k = activeKernel() as unknown as { threads?: number; build?: string };
  if (getBackend() === 'wasm' && k.build) return `${k.build === 'threaded-simd' ? 'threaded SIMD' : 'SIMD'}, ${k.threads} thread${k.threads === 1 ? '' : 's'}`;
  return '';
}

async function train(): Promise<RunSummary> {
  button.disabled = true;
  select.disabled = true;
  try {
    setState('training', `Starting ${select.value}…`);
    await setBackend(select.value);
    const detail = describeBackend();
    const label = `${getBackend()}${detail ? ` (${detail})` : ''}`;
    setRandomSeed(42);
    const { x, y } = spiral(SAMPLES);
    const model = new Sequential({
      layers: [
        layers.dense({ units: 32, activation: 'relu', inputShape: [2] }),
        layers.dense({ units: 32, activation: 'relu' }),
        layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    model.compile({ optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'binary_crossentropy', metrics: ['accuracy'] });
    const summary: RunSummary = { backend: getBackend(), detail, batchLosses: [], epochLosses: [], accuracy: [], seconds: 0 };
    chart.batches = summary.batchLosses;
    chart.epochs = summary.epochLosses;
    chart.title = `Training loss on ${label}`;
    scheduleDraw();
    const xs = tensor(x, [SAMPLES, 2]);
    const ys = tensor(y, [SAMPLES, 1]);
    const start = performance.now();
    try {
      await model.fit(xs, ys, {
        epochs: EPOCHS,
        batchSize: BATCH_SIZE,
        verbose: 0,
        callbacks: [{
          onBatchEnd: (_batch: number, logs?: Record<string, number>) => {
            summary.batchLosses.push(logs!.loss);
            scheduleDraw();
          },
          onEpochEnd: async (epoch: number, logs?: Record<string, number>) => {
            summary.epochLosses.push(logs!.loss);
            summary.accuracy.push(logs!.accuracy);
            const seconds = (performance.now() - start) / 1000;
            status.textContent = `${label}: epoch ${epoch + 1}/${EPOCHS}, loss ${logs!.loss.toFixed(4)}, ` +
              `accuracy ${(logs!.accuracy * 100).toFixed(1)}%, ${seconds.toFixed(1)} s`;
            scheduleDraw();
            // Give the browser a task boundary to paint (wasm never waits on anything).
            await new Promise((resolve) => setTimeout(resolve, 0));
          },
        }],
      });
    } finally {
      xs.dispose();
      ys.dispose();
      model.dispose();
    }
    summary.seconds = (performance.now() - start) / 1000;
    const first = summary.epochLosses[0];
    const last = summary.epochLosses.at(-1)!;
    setState('done', `Done on ${label}: loss ${first.toFixed(3)} → ${last.toFixed(3)}, ` +
      `accuracy ${(summary.accuracy.at(-1)! * 100).toFixed(1)}% after ${EPOCHS} epochs in ${summary.seconds.toFixed(1)} s`);
    drawChart(canvas, chart);
    window.layerwiseExample.lastRun = summary;
    return summary;
  } catch (err) {
    setState('error', `Training on ${select.value} failed: ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  } finally {
    button.disabled = false;
    select.disabled = false;
  }
}

declare global {
  interface Window {
    /** Hooks for tests and the console. */
    layerwiseExample: { train: () => Promise<RunSummary>; lastRun?: RunSummary; draws: number };
  }
}
window.layerwiseExample = { train, draws: 0 };
button.addEventListener('click', () => { train().catch(() => undefined); });
drawChart(canvas, chart);

// Default: whichever backend initialises first by priority (webgpu, then wasm).
try {
  await ready();
  select.value = getBackend();
  const detail = describeBackend();
  setState('ready', `Ready on ${getBackend()}${detail ? ` (${detail})` : ''}. Press Train.`);
} catch (err) {
  setState('error', `No backend could start: ${err instanceof Error ? err.message : String(err)}`);
}
button.disabled = false;
select.disabled = false;
