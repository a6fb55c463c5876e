import type { KernelCase } from '../case.js';
import { f32, kernelCase, randF32 } from '../build.js';
import { FUSED_ACTIVATIONS } from '../../ops.js';
import { matmulShapes } from './matmul.js';
import { conv2dInfo } from '@layerwise/api';

function fusedMatMulCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const plain = matmulShapes(2, 2, 3, 5, 4, false, false);
  for (const activation of FUSED_ACTIVATIONS) {
    for (const withBias of [true, false]) {
      const suffix = withBias ? 'bias' : 'no-bias';
      const inputs = [randF32(plain.a), randF32(plain.b), ...(withBias ? [randF32([4])] : [])];
      const attrs = { activation, transposeA: false, transposeB: false };
      cases.push(kernelCase(`fusedMatMul/${activation}/${suffix}`, 'fusedMatMul', attrs, inputs, 'balanced'));
      cases.push(kernelCase(`fusedMatMul/${activation}/${suffix}/composed`, 'fusedMatMul', attrs, inputs, 'balanced', { composed: true }));
    }
  }
  const t = matmulShapes(1, 3, 2, 6, 3, true, true);
  cases.push(kernelCase('fusedMatMul/relu/bias-transposed-batch-broadcast', 'fusedMatMul',
    { activation: 'relu', transposeA: true, transposeB: true }, [randF32(t.a), randF32(t.b), randF32([3])], 'balanced'));
  cases.push(kernelCase('fusedMatMul/relu/bias-transposed-batch-broadcast/composed', 'fusedMatMul',
    { activation: 'relu', transposeA: true, transposeB: true }, [randF32(t.a), randF32(t.b), randF32([3])], 'balanced', { composed: true }));
  cases.push(kernelCase('fusedMatMul/sigmoid/bias-transposeB', 'fusedMatMul',
    { activation: 'sigmoid', transposeA: false, transposeB: true }, [randF32([1, 4, 3]), randF32([1, 2, 3]), randF32([2])], 'balanced'));
  return cases;
}

function fusedConv2dCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  // 'same' padding with stride 2 (padded borders) and 5 out-channels (past a vector width).
  const info = conv2dInfo([2, 5, 6, 3], [3, 3, 3, 5], [2, 2], 'same', [1, 1]);
  for (const activation of FUSED_ACTIVATIONS) {
    for (const withBias of [true, false]) {
      const suffix = withBias ? 'bias' : 'no-bias';
      const inputs = [randF32([2, 5, 6, 3]), randF32([3, 3, 3, 5]), ...(withBias ? [randF32([5])] : [])];
      cases.push(kernelCase(`fusedConv2d/${activation}/${suffix}`, 'fusedConv2d', { activation, info }, inputs, 'balanced'));
      cases.push(kernelCase(`fusedConv2d/${activation}/${suffix}/composed`, 'fusedConv2d', { activation, info }, inputs, 'balanced', { composed: true }));
    }
  }
  const dilated = conv2dInfo([1, 7, 7, 2], [2, 2, 2, 3], [1, 1], 'valid', [2, 2]);
  cases.push(kernelCase('fusedConv2d/relu/bias-dilated', 'fusedConv2d', { activation: 'relu', info: dilated },
    [randF32([1, 7, 7, 2]), randF32([2, 2, 2, 3]), randF32([3])], 'balanced'));
  return cases;
}

const SOFTMAX_INPUTS = {
  'rank2': randF32([3, 5], -3, 3),
  'rank1': randF32([7], -3, 3),
  'rank3': randF32([2, 3, 4], -3, 3),
  'large-magnitude': f32([3, 4], [1000, 999, -1000, 0, -1e4, -9999, -9998, -1e4, 80, 90, 100, 88.5]),
  'size1-last-axis': randF32([3, 1]),
  'ties': f32([2, 3], [1, 1, 1, -2, 5, 5]),
  'empty-rows': f32([0, 4], []),
};

function softmaxCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const primitive of ['softmax', 'logSoftmax'] as const) {
    for (const [name, input] of Object.entries(SOFTMAX_INPUTS)) {
      cases.push(kernelCase(`${primitive}/${name}`, primitive, {}, [input], 'balanced'));
      cases.push(kernelCase(`${primitive}/${name}/composed`, primitive, {}, [input], 'balanced', { composed: true }));
    }
  }
  return cases;
}

function adamStepCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const steps: [string, number[], { lrT: number; beta1: number; beta2: number; epsilon: number }][] = [
    ['first-step', [2, 3], { lrT: 0.001 * Math.sqrt(1 - 0.999) / (1 - 0.9), beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
    ['later-step-rank3', [2, 2, 3], { lrT: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-3 }],
    ['empty', [0, 4], { lrT: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
  ];
  for (const [name, shape, hyper] of steps) {
    const inputs = [randF32(shape), randF32(shape), randF32(shape, -0.1, 0.1), randF32(shape, 0, 0.01)];
    cases.push(kernelCase(`adamStep/${name}`, 'adamStep', { hyper }, inputs, 'strict'));
    cases.push(kernelCase(`adamStep/${name}/composed`, 'adamStep', { hyper }, inputs, 'strict', { composed: true }));
  }
  return cases;
}

/**
 * The optional fused kernels: fusedMatMul and fusedConv2d with every activation, with and
 * without bias; softmax and logSoftmax; adamStep. Each case also comes as '<name>/composed',
 * which checks the api's composition from required primitives (and the fused kernel against
 * it where the backend has one). A backend without a fused kernel gets 'skipped' on the plain case.
 */
export const FUSED_CASES: readonly KernelCase[] = [...fusedMatMulCases(), ...fusedConv2dCases(), ...softmaxCases(), ...adamStepCases()];
