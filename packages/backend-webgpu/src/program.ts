import type { DType } from '@layerwise/api';
import type { TensorInfo, TfWebGPUBackend, UniformData } from './tfjs.js';

/**
 * One of this package's own WGSL programs, run through tfjs-backend-webgpu's program
 * runner (its pipeline cache, uniform buffers and command batching). Inputs are bound
 * flattened (rank 1) as `var<storage, read> NAME: array<f32|i32>` (bool is i32), the
 * output as `result`; `body` runs once per output element with `index` its flat index.
 * Integer parameters are `uniforms.i0..`, float ones `uniforms.f0..`; `uniforms.NAN`
 * and `uniforms.INFINITY` are always there.
 */
export interface FlatProgram {
  /** Inputs, in the order of `names`; the WGSL must read every one (layout "auto" drops unused bindings). */
  readonly inputs: readonly TensorInfo[];
  readonly names: readonly string[];
  /** Number of threads (output elements unless the program writes elsewhere). */
  readonly size: number;
  readonly outDtype: DType;
  readonly ints?: readonly number[];
  readonly floats?: readonly number[];
  /** WGSL functions placed before `main`. */
  readonly helpers?: string;
  readonly body: string;
  /** Write into this existing output instead of a new one of `size` elements. */
  readonly output?: TensorInfo;
}

const WORKGROUP = 64;
const keys = new Map<string, string>();

/** A short, stable shader key per distinct WGSL source. */
function shaderKey(code: string): string {
  let key = keys.get(code);
  if (!key) {
    key = `layerwise_${keys.size}`;
    keys.set(code, key);
  }
  return key;
}

function flat(t: TensorInfo): TensorInfo {
  let size = 1;
  for (const d of t.shape) size *= d;
  return { dataId: t.dataId, shape: [size], dtype: t.dtype };
}

export function runFlat(backend: TfWebGPUBackend, p: FlatProgram): TensorInfo {
  const ints = p.ints ?? [];
  const floats = p.floats ?? [];
  const uniforms = ints.map((_, i) => `i${i} : i32,`).join('') + floats.map((_, i) => `f${i} : f32,`).join('');
  const code = `${p.helpers ?? ''}
fn main(index : i32) {
  if (index < uniforms.size) {
    ${p.body}
  }
}`;
  const program = {
    variableNames: [...p.names],
    outputShape: [p.size],
    shaderKey: shaderKey(code),
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(p.size / WORKGROUP), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    size: true,
    uniforms,
    getUserCode: () => code,
  };
  const data: UniformData[] = [
    ...ints.map((v) => ({ type: 'int32' as const, data: [v] })),
    ...floats.map((v) => ({ type: 'float32' as const, data: [v] })),
  ];
  const output = p.output ? flat(p.output) : undefined;
  const out = backend.runWebGPUProgram(program, p.inputs.map(flat), p.outDtype, data, output);
  return out;
}

/** The WGSL scalar type a dtype is stored as. */
export function wgslType(dtype: DType): 'f32' | 'i32' {
  return dtype === 'float32' ? 'f32' : 'i32';
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/**
 * Builds WGSL that maps the flat output `index` to flat indices `j0, j1, ...` of inputs
 * broadcast to `outShape` (numpy rules), plus the integer uniforms it reads (appended
 * to `ints` starting at its current length). Inputs whose shape equals `outShape` use
 * `index` itself, size-1 inputs use 0.
 */
export function broadcastIndexer(outShape: readonly number[], inShapes: readonly (readonly number[])[], ints: number[]): string {
  const rank = outShape.length;
  const outSize = sizeOf(outShape);
  const lines: string[] = [];
  const general: number[] = [];
  inShapes.forEach((shape, k) => {
    if (sizeOf(shape) === outSize && shape.every((d, i) => d === outShape[rank - shape.length + i])) {
      lines.push(`let j${k} = index;`);
    } else if (sizeOf(shape) === 1) {
      lines.push(`let j${k} = 0;`);
    } else {
      general.push(k);
      lines.push(`var j${k} = 0;`);
    }
  });
  if (general.length === 0) return lines.join('\n');
  const outStrides = stridesOf(outShape);
  const base = ints.length;
  ints.push(...outStrides);
  const inBase = new Map<number, number>();
  for (const k of general) {
    const shape = inShapes[k];
    const offset = rank - shape.length;
    const own = stridesOf(shape);
    inBase.set(k, ints.length);
    for (let d = 0; d < rank; d++) {
      const i = d - offset;
      ints.push(i < 0 || shape[i] === 1 ? 0 : own[i]);
    }
  }
  lines.push('var r = index;');
  for (let d = 0; d < rank; d++) {
    lines.push(`let c${d} = r / uniforms.i${base + d}; r = r - c${d} * uniforms.i${base + d};`);
    for (const k of general) lines.push(`j${k} = j${k} + c${d} * uniforms.i${inBase.get(k)! + d};`);
  }
  return lines.join('\n');
}

/** WGSL that decomposes `src` (an i32 expression) over `shape`, adding coord * weight to `acc`. */
export function decompose(src: string, acc: string, shape: readonly number[], weights: readonly number[], ints: number[], tag: string): string {
  const strides = stridesOf(shape);
  const lines = [`var ${tag}r = ${src};`];
  for (let d = 0; d < shape.length; d++) {
    const s = ints.length;
    ints.push(strides[d], weights[d]);
    lines.push(`{ let c = ${tag}r / uniforms.i${s}; ${tag}r = ${tag}r - c * uniforms.i${s}; ${acc} = ${acc} + c * uniforms.i${s + 1}; }`);
  }
  return lines.join('\n');
}
