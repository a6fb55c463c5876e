import type { Callback } from './callback.js';
import { EvaluateProgbarLogger } from './evaluate-progbar-logger.js';
import { ProgbarLogger } from './progbar-logger.js';

/** The progress display the engine appends for a given verbose level (none for 0). */
export function progressCallback(verbose: 0 | 1 | 2, mode: 'fit' | 'evaluate' = 'fit'): Callback | null {
  if (verbose === 0) return null;
  if (mode === 'evaluate') return verbose === 1 ? new EvaluateProgbarLogger() : null;
  return new ProgbarLogger();
}
