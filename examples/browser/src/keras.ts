/**
 * The browser path of @layerwise/keras-io: a Keras file's bytes in (from <input type=file> or
 * fetch), a model out; a saved model's bytes out through a callback. The tests drive it.
 */
import { loadModel, setBackend, tensor, type Sequential } from '@layerwise/api';
import '@layerwise/backend-cpu';
import { setWasmOptions } from '@layerwise/backend-wasm';
import { kerasFile, type KerasFormat } from '@layerwise/keras-io';

export interface KerasCheck {
  bytes: number[];
  input: number[];
  inputShape: number[];
  backend: 'cpu' | 'wasm';
}

export interface KerasCheckResult {
  output: number[];
  /** Predictions of the model saved as .h5 and as .keras bytes, then loaded from them. */
  again: Record<KerasFormat, number[]>;
  savedBytes: Record<KerasFormat, number>;
  optimizer: string | null;
}

async function predict(model: Sequential, check: KerasCheck): Promise<number[]> {
  const x = tensor(Float32Array.from(check.input), check.inputShape);
  const y = await model.predict(x);
  const out = Array.from(await y.data());
  x.dispose();
  y.dispose();
  return out;
}

async function layerwiseKeras(check: KerasCheck): Promise<KerasCheckResult> {
  // The wasm binaries are served next to this page (vite.config.ts copies them to wasm/).
  setWasmOptions({ wasmPaths: new URL('wasm/', document.baseURI).href });
  await setBackend(check.backend);
  const model = await loadModel(kerasFile(new Uint8Array(check.bytes)));
  const result: KerasCheckResult = { output: await predict(model, check), again: { h5: [], keras: [] }, savedBytes: { h5: 0, keras: 0 }, optimizer: model.optimizer?.className ?? null };
  for (const format of ['h5', 'keras'] as const) {
    let saved: Uint8Array | null = null;
    await model.save(kerasFile((bytes) => { saved = bytes; }, { format }));
    result.savedBytes[format] = saved!.byteLength;
    const again = await loadModel(kerasFile(new Blob([saved! as Uint8Array<ArrayBuffer>])));
    result.again[format] = await predict(again, check);
    again.dispose();
  }
  model.dispose();
  return result;
}

declare global {
  interface Window {
    layerwiseKeras(check: KerasCheck): Promise<KerasCheckResult>;
  }
}

window.layerwiseKeras = layerwiseKeras;
document.body.dataset.ready = 'true';
