import { describeConformance } from '@layerwise/conformance/vitest';
import { TemplateKernel } from '../src/index.js';

// Every conformance case (kernel, gradient and model cases) on the template, with no
// exclusions: a failing case names the primitive to fix.
describeConformance('template', () => new TemplateKernel(), { exclusions: {} });
