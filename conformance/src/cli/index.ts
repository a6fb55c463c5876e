/**
 * The `layerwise-conformance` command line: the case x backend matrix as text and markdown.
 *
 * @module @layerwise/conformance/cli
 */
export { main, type CliIO } from './main.js';
export { parseArgs, USAGE, UsageError, DEFAULT_OUT, type CliOptions } from './args.js';
export { importKnownBackends, loadBackend, loadBackends, missingPrimitives, KNOWN_BACKEND_PACKAGES, type LoadedBackend } from './backends.js';
export { resolveModule, isPathLike } from './resolve-module.js';
export { buildMatrix, failuresOf, notRunOf, formatError, groupOf, type Matrix, type MatrixRow, type MatrixGroup, type GroupCell } from './matrix.js';
export { formatText, type TextOptions } from './format-text.js';
export { formatMarkdown, type MarkdownMeta } from './format-markdown.js';
