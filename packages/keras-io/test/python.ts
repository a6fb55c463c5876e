import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHECK = fileURLToPath(new URL('./reference/check_layout.py', import.meta.url));

let found: string | null | undefined;

/**
 * Why the tests that read files with h5py are skipped, or '' when they run: the root test
 * command (scripts/test.mjs) sets it when python3-h5py is missing and cannot be installed.
 */
export const h5pySkip = process.env.LAYERWISE_SKIP_H5PY_TESTS ?? '';

/** A Python 3 with h5py and NumPy: $LAYERWISE_PYTHON, python3, or Debian's /usr/bin/python3. */
export function python(): string {
  if (found === undefined) {
    const candidates = [process.env.LAYERWISE_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
    found = candidates.find((c) => spawnSync(c, ['-c', 'import h5py, numpy'], { stdio: 'ignore' }).status === 0) ?? null;
  }
  if (found === null) {
    throw new Error('these tests read saved files with h5py, as Keras does: install python3-h5py and python3-numpy (Debian: scripts/install-system-deps.sh does), or set LAYERWISE_PYTHON to a Python that has them');
  }
  return found;
}

/** What check_layout.py reports about a saved file (it fails the test if the layout is not Keras's). */
export function checkLayout(path: string, kind: 'h5' | 'keras' | 'weights'): Record<string, unknown> {
  const result = spawnSync(python(), [CHECK, path, kind], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`check_layout.py ${kind} '${path}' failed: ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}


const REFERENCE = fileURLToPath(new URL('./reference/keras_reference.py', import.meta.url));

/** One array as the NumPy reference reads and writes it. */
export interface PyArray {
  shape: number[];
  values: number[];
}

/**
 * The NumPy reference's outputs for a saved file (keras_reference.py --predict): the file's
 * config and weights read with h5py/zipfile as Keras reads them, its graph replayed in float64.
 */
export function referencePredict(path: string, inputs: PyArray[]): PyArray[] {
  const dir = mkdtempSync(join(tmpdir(), 'lw-ref-'));
  const file = join(dir, 'inputs.json');
  writeFileSync(file, JSON.stringify(inputs));
  const result = spawnSync(python(), [REFERENCE, '--predict', path, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`keras_reference.py --predict '${path}' failed: ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout) as PyArray[];
}
