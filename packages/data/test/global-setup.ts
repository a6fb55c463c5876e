import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Builds dist/ (worker threads run the compiled worker-entry.js). */
export default function setup(): void {
  execSync('npx tsc -p tsconfig.json', { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
}
