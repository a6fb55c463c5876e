import type { CompileArgs, DType, FitArgs, HostData, Model, callbacks } from '@layerwise/api';
import type { PrimitiveCall } from '../primitive.js';
import type { ToleranceName } from '../tolerance.js';

/** One input tensor of a case: explicit values (already generated for random inputs). */
export interface InputSpec {
  /** The tensor's dimensions (`[]` for a scalar). */
  readonly shape: readonly number[];
  /** Its dtype, uploaded as such (float32 values are already rounded to float32). */
  readonly dtype: DType;
  /** Every element in row-major order (bool as 0/1); as many as `shape` holds. */
  readonly values: readonly number[];
}

/**
 * One call of one Kernel primitive (or optional fused kernel), checked against the float64
 * reference. `composed` (fused kernels only): the case instead runs the api's composition
 * from required primitives on the backend, checks it against the reference, and, where the
 * backend has the fused kernel, checks the fused result against the composed one.
 */
export type KernelCase = PrimitiveCall & {
  /** Always 'kernel'. */
  readonly kind: 'kernel';
  /** Unique name, starting with the primitive (e.g. 'binary/mul/rank4-broadcast', 'matmul/plain'); exclusion lists use it. */
  readonly name: string;
  /** The primitive's tensor inputs, in its argument order. */
  readonly inputs: readonly InputSpec[];
  /** The profile float32 results are compared under (int32 and bool results are always exact). */
  readonly tolerance: ToleranceName;
  /** Fused kernels only: run the api's composition from required primitives (see above). Default false. */
  readonly composed?: boolean;
  /** The case checks where IEEE 754 keeps -0: a zero result must have the reference's sign. */
  readonly signedZeros?: boolean;
};

/**
 * The gradient of one primitive, as the api's autodiff computes it on the backend, against
 * central differences of the float64 reference. The scalar differentiated is
 * sum(primitive(inputs) * cotangent) with a fixed pseudo-random cotangent, so every output
 * element contributes. `wrt` lists the inputs differentiated (float32 ones only).
 */
export type GradientCase = PrimitiveCall & {
  /** Always 'gradient'. */
  readonly kind: 'gradient';
  /** Unique name, 'gradient/' then the primitive (e.g. 'gradient/binary/add/broadcast-row'); exclusion lists use it. */
  readonly name: string;
  /** The primitive's tensor inputs, in its argument order (the point the gradient is taken at). */
  readonly inputs: readonly InputSpec[];
  /** Positions in `inputs` of the inputs differentiated (float32 ones only). */
  readonly wrt: readonly number[];
  /** The profile the analytic gradients are compared under. */
  readonly tolerance: ToleranceName;
  /** The cotangent (default: pseudo-random, seeded from the name). */
  readonly cotangent?: readonly number[];
  /**
   * Hand-computed gradients, one per `wrt` input, checked instead of central differences:
   * for points where those are undefined (NaN or infinite inputs, or a NaN cotangent).
   */
  readonly expected?: readonly (readonly number[])[];
};

/** What a model case trains: a fresh model, its data and how to train it. */
export interface ModelSetup {
  /** A Sequential, or a functional Model of several inputs or outputs. */
  readonly model: Model;
  /** The `compile` arguments (optimizer, loss, metrics). */
  readonly compile: CompileArgs;
  /** One array, or one per model input (model order). */
  readonly x: HostData | HostData[];
  /** One array, or one per trained output (model order). */
  readonly y: HostData | HostData[];
  /** Epochs `fit` runs. */
  readonly epochs: number;
  /** Batch size of `fit` and `predict` (the data is never shuffled). */
  readonly batchSize: number;
  /** Callbacks for `fit` (TerminateOnNaN, ...). */
  readonly callbacks?: readonly (callbacks.Callback | callbacks.CallbackHooks)[];
  /** What `predict` runs on after training (default: `x`). */
  readonly predictX?: HostData | HostData[];
}

/** What a model case's training produced, on the backend or on the reference. */
export interface ModelRun {
  /** Per-epoch logs, in key order: loss first, then the metrics. */
  readonly logs: Record<string, number[]>;
  /** Every output's predictions, one after the other. */
  readonly predictions: Float32Array;
  /** The trainable weights after training, in the model's order. */
  readonly trainableWeights: readonly Float32Array[];
  /** How many training batches ran (onBatchEnd calls). */
  readonly batches: number;
}

/**
 * A model (a Sequential of one layer family, or a functional graph) trained for a few steps from seeded weights and data
 * (no shuffling), on the backend and on the ReferenceKernel (the executable specification);
 * per-epoch losses and the final predictions must agree. `build` runs with the backend
 * under test active and the global generator seeded with `seed`.
 */
export interface ModelCase {
  /** Always 'model'. */
  readonly kind: 'model';
  /** Unique name, starting 'model/'; exclusion lists use it. */
  readonly name: string;
  /** The global random seed set before `build` (the initial weights and any random layer draw from it). */
  readonly seed: number;
  /** Makes a fresh model, its data and its training arguments; called once per run (backend and reference). */
  readonly build: () => ModelSetup;
  /** The profile every per-epoch log value and the final predictions are compared under. */
  readonly tolerance: ToleranceName;
  /**
   * A check of the run's values independent of the reference (NaN where the case makes
   * one, a stop where it asks for one): null when they are right, else what is wrong.
   * Applied to the reference run too, so a case cannot pass because both share a bug.
   */
  readonly expect?: (run: ModelRun) => string | null;
}

/**
 * Every kind of conformance case. To add a kind: add its interface (with a distinct `kind`
 * and a unique `name`) to this union and its runner to CASE_RUNNERS in runner.ts; the
 * compiler lists anything else that needs it.
 */
export type Case = KernelCase | GradientCase | ModelCase;

/** The case kinds: 'kernel', 'gradient', 'model' (a CaseResult's `kind`). */
export type CaseKind = Case['kind'];
