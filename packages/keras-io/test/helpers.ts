import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import '@layerwise/backend-cpu';
import '@layerwise/backend-wasm';
import { Layer, ops, setBackend, tensor, type Shape, type Tensor } from '@layerwise/api';

export const FIXTURES = fileURLToPath(new URL('./fixtures/keras/', import.meta.url));
export const fixture = (name: string): string => `${FIXTURES}${name}`;
export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(fixture(name)));

/** One array of the reference: its shape and values. */
export interface RefArray {
  shape: number[];
  values: number[];
}

/** A model's reference inputs and outputs, one per model input and output. */
export interface Expected {
  inputs: RefArray[];
  outputs: RefArray[];
}

/** The NumPy reference's inputs and outputs (test/reference/keras_reference.py). */
export const EXPECTED = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, Expected>;

/** The backends the file tests run on. */
export const BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: (typeof BACKENDS)[number]): Promise<void> {
  await setBackend(name);
}

/**
 * Largest difference from the reference, absolute where |expected| <= 1 and relative beyond
 * (float32 holds about 7 significant digits, so outputs in the thousands differ in the 4th
 * decimal); NaN counts as infinite. Tests require < 1e-5.
 */
export function maxAbsDiff(a: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (a.length !== expected.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    m = Number.isNaN(d) ? Infinity : Math.max(m, d);
  }
  return m;
}

/** The reference's inputs as tensors (the caller disposes them). */
export function inputTensors(e: Expected): Tensor[] {
  return e.inputs.map((x) => tensor(Float32Array.from(x.values), x.shape));
}

/**
 * The Lambda of functional_lambda_concatenate_2.1.3.h5 written as a layer, as a user would for
 * loadModel's customObjects: tf.space_to_depth(x, block_size=2) (the source's
 * space_to_depth_graph.py), output channel (dy * 2 + dx) * C + c.
 */
export class SpaceToDepth extends Layer {
  readonly className = 'Lambda';

  override computeOutputShape(s: Shape): Shape {
    const half = (d: number | null): number | null => (d === null ? null : d / 2);
    return [s[0], half(s[1]), half(s[2]), s[3] === null ? null : 4 * s[3]];
  }

  call(x: Tensor): Tensor {
    const [n, h, w, c] = x.shape;
    const blocks = ops.reshape(x, [n, h / 2, 2, w / 2, 2, c]);
    const moved = ops.transpose(blocks, [0, 1, 3, 2, 4, 5]);
    const out = ops.reshape(moved, [n, h / 2, w / 2, 4 * c]);
    blocks.dispose();
    moved.dispose();
    return out;
  }
}

/** loadModel's options for a fixture: the Lambda fixture's function comes as a custom layer. */
export const customObjectsFor = (name: string): { customObjects?: Record<string, (config: Record<string, unknown>) => Layer> } =>
  (/lambda/.test(name) ? { customObjects: { Lambda: (config) => new SpaceToDepth({ name: config.name as string }) } } : {});
