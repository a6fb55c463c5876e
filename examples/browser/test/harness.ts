/**
 * Shared setup of the browser tests: build the pages with Vite (the real packages, bundled
 * for the browser), serve dist/ with `vite preview` on 127.0.0.1 at a random port (closed
 * at the end, and after MAX_LIFETIME_MS in any case), and drive headless Debian Chromium
 * through playwright-core. No browser is ever downloaded.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { describe } from 'vitest';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Screenshots and logs of the browser tests (gitignored). */
export const outputDir = join(root, 'test-output');

/** Debian's chromium (scripts/install-system-deps.sh); LAYERWISE_CHROMIUM overrides it. */
export const chromiumPath = process.env.LAYERWISE_CHROMIUM ?? '/usr/bin/chromium';
/**
 * Why the browser tests are skipped, or '' when they run: the root test command
 * (scripts/test.mjs) sets it when chromium is missing and cannot be installed.
 */
export const skipReason = process.env.LAYERWISE_SKIP_BROWSER_TESTS ?? '';
/** `describe`, skipped (and counted as skipped) when the root test command says so. */
export const describeInBrowser = describe.skipIf(skipReason !== '');
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu'];
/** The server and the browser are closed after this long even if a test hangs. */
const MAX_LIFETIME_MS = 10 * 60_000;

export interface Session {
  url: string;
  browser: Browser;
  /** A new page with its console collected into `logs`. */
  open(path: string): Promise<{ page: Page; logs: string[] }>;
  close(): Promise<void>;
}

let built: Promise<void> | null = null;

/** Writes `data` as test-output/<name>.json. */
export function writeReport(name: string, data: unknown): void {
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

/**
 * A promise made on first use and shared afterwards. The tests await these instead of doing
 * their setup in beforeAll, so a setup failure (no Chromium, a backend that does not load)
 * fails every test that needs it, with its message, rather than skipping them.
 */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    promise ??= make();
    // Handled by whoever awaits it; this only keeps Node from reporting it twice.
    promise.catch(() => undefined);
    return promise;
  };
}

/** `vite build` of index.html and check.html into dist/ (once per test process). */
export function buildPages(): Promise<void> {
  built ??= build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' }).then(() => undefined);
  return built;
}

export async function startSession(): Promise<Session> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: the browser tests need Debian's chromium. ` +
      'Run scripts/install-system-deps.sh (as root), or point LAYERWISE_CHROMIUM at a Chromium binary.');
  }
  mkdirSync(outputDir, { recursive: true });
  await buildPages();
  const server: PreviewServer = await preview({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (err) {
    await server.close();
    throw err;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(deadline);
    await browser.close().catch(() => undefined);
    await server.close();
  };
  const deadline = setTimeout(() => { void close(); }, MAX_LIFETIME_MS);
  deadline.unref();
  return {
    url,
    browser,
    async open(path: string) {
      const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
      const logs: string[] = [];
      page.on('console', (m) => logs.push(`[${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
      await page.goto(url + path);
      return { page, logs };
    },
    close,
  };
}
