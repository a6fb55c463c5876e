import type { CompileArgs, DType, HostData, Model } from '@layerwise/api';
import type { PrimitiveCall } from '../primitive.js';
import type { ToleranceName } from '../tolerance.js';

/** One input tensor of a case: explicit values (already generated for random inputs). */
export interface InputSpec {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: readonly number[];
}

/**
 * One call of one Kernel primitive (or optional fused kernel), checked against the float64
 * reference. `composed` (fused kernels only): the case instead runs the api's composition
 * from required primitives on the backend, checks it against the reference, and, where the
 * backend has the fused kernel, checks the fused result against the composed one.
 */
export type KernelCase = PrimitiveCall & {
  readonly kind: 'kernel';
  readonly name: string;
  readonly inputs: readonly InputSpec[];
  readonly tolerance: ToleranceName;
  readonly composed?: boolean;
};

/**
 * Every kind of conformance case. To add a kind: add its interface (with a distinct `kind`
 * and a unique `name`) to this union and its runner to CASE_RUNNERS in runner.ts; the
 * compiler lists anything else that needs it.
 */
/**
 * The gradient of one primitive, as the api's autodiff computes it on the backend, against
 * central differences of the float64 reference. The scalar differentiated is
 * sum(primitive(inputs) * cotangent) with a fixed pseudo-random cotangent, so every output
 * element contributes. `wrt` lists the inputs differentiated (float32 ones only).
 */
export type GradientCase = PrimitiveCall & {
  readonly kind: 'gradient';
  readonly name: string;
  readonly inputs: readonly InputSpec[];
  readonly wrt: readonly number[];
  readonly tolerance: ToleranceName;
};

/** What a model case trains: a fresh model, its data and how to train it. */
export interface ModelSetup {
  /** A Sequential, or a functional Model of several inputs or outputs. */
  readonly model: Model;
  readonly compile: CompileArgs;
  /** One array, or one per model input (model order). */
  readonly x: HostData | HostData[];
  /** One array, or one per trained output (model order). */
  readonly y: HostData | HostData[];
  readonly epochs: number;
  readonly batchSize: number;
}

/**
 * A model (a Sequential of one layer family, or a functional graph) trained for a few steps from seeded weights and data
 * (no shuffling), on the backend and on the ReferenceKernel (the executable specification);
 * per-epoch losses and the final predictions must agree. `build` runs with the backend
 * under test active and the global generator seeded with `seed`.
 */
export interface ModelCase {
  readonly kind: 'model';
  readonly name: string;
  readonly seed: number;
  readonly build: () => ModelSetup;
  readonly tolerance: ToleranceName;
}

export type Case = KernelCase | GradientCase | ModelCase;

export type CaseKind = Case['kind'];
