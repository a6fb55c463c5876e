import { registerBackend } from '@layerwise/api';
import { TemplateKernel } from './template-kernel.js';

export { TemplateKernel } from './template-kernel.js';

/**
 * Importing this package registers the backend as 'template' (priority 0, so it never wins
 * over the built-in backends unless chosen with `await setBackend('template')`).
 */
registerBackend('template', () => new TemplateKernel(), 0);

/** A fresh kernel with its own storage (for tests and the conformance CLI). */
export default function createTemplateKernel(): TemplateKernel {
  return new TemplateKernel();
}
