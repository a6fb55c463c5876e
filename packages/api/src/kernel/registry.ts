import type { Kernel } from './kernel.js';

/** Makes a backend's kernel, once, when the backend is first selected (may be async). */
export type KernelFactory = () => Kernel | Promise<Kernel>;

interface Registration {
  readonly factory: KernelFactory;
  readonly priority: number;
  kernel?: Kernel;
  /** An asynchronous initialisation under way, shared by every caller. */
  pending?: Promise<Kernel>;
}

const registry = new Map<string, Registration>();
let active: { name: string; kernel: Kernel } | null = null;
let initialising: Promise<void> | null = null;

/** Makes a backend available under `name`. With no `setBackend` call, the highest priority wins. */
export function registerBackend(name: string, factory: KernelFactory, priority = 1): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new Error(`registerBackend: name must be a non-empty string, got ${JSON.stringify(name)}`);
  }
  if (typeof factory !== 'function') {
    throw new Error(`registerBackend('${name}'): factory must be a function returning a Kernel, got ${typeof factory}`);
  }
  registry.set(name, { factory, priority });
}

/** The names of the registered backends, in registration order (whether initialised or not). */
export function listBackends(): string[] {
  return [...registry.keys()];
}

function describeRegistered(): string {
  const names = listBackends();
  return names.length === 0 ? 'no backends are registered (import one, e.g. @layerwise/backend-cpu)' : `registered: ${names.join(', ')}`;
}

async function initialise(name: string): Promise<Kernel> {
  const reg = registry.get(name);
  if (!reg) throw new Error(`setBackend: unknown backend '${name}'; ${describeRegistered()}`);
  if (reg.kernel) return reg.kernel;
  let kernel: Kernel;
  try {
    reg.pending ??= Promise.resolve(reg.factory());
    kernel = await reg.pending;
  } catch (err) {
    reg.pending = undefined;
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`setBackend: backend '${name}' failed to initialise: ${name}: ${reason} (${describeRegistered()})`, { cause: err });
  }
  reg.kernel = kernel;
  return kernel;
}

/** Selects the backend that subsequent ops run on, initialising it if needed. */
export async function setBackend(name: string): Promise<void> {
  const kernel = await initialise(name);
  active = { name, kernel };
}

/**
 * Picks a backend if none was set: the registered backends in priority order, first that
 * initialises. Ops call this lazily; async factories need `await ready()` first.
 */
export async function ready(): Promise<void> {
  if (active) return;
  if (!initialising) {
    initialising = (async () => {
      const failures: string[] = [];
      for (const [name] of [...registry].sort((a, b) => b[1].priority - a[1].priority)) {
        try {
          await setBackend(name);
          return;
        } catch (err) {
          failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      throw new Error(`No backend could be initialised; ${describeRegistered()}${failures.length ? `; ${failures.join('; ')}` : ''}`);
    })().finally(() => { initialising = null; });
  }
  return initialising;
}

/** The active kernel; initialises a synchronous backend on first use. */
export function activeKernel(): Kernel {
  if (active) return active.kernel;
  for (const [name, reg] of [...registry].sort((a, b) => b[1].priority - a[1].priority)) {
    if (reg.kernel) { active = { name, kernel: reg.kernel }; return reg.kernel; }
    if (!reg.pending) {
      const made = reg.factory();
      if (!(made instanceof Promise)) {
        reg.kernel = made;
        active = { name, kernel: made };
        return made;
      }
      // Keep the started initialisation: setBackend/ready will await this one, not start another.
      reg.pending = made;
      made.catch(() => undefined);
    }
    throw new Error(`Backend '${name}' initialises asynchronously: call 'await setBackend(\'${name}\')' or 'await ready()' before running ops`);
  }
  throw new Error(`No backend is set; ${describeRegistered()}`);
}

/** The active backend's name; picks and initialises the highest-priority one if none is active yet. */
export function getBackend(): string {
  if (!active) activeKernel();
  return active!.name;
}

/** Live buffers and bytes of the active backend. */
export function memory(): {
  /** Buffers allocated and not yet disposed. */
  buffers: number;
  /** Their total size in bytes. */
  bytes: number;
} {
  return activeKernel().memory();
}

/**
 * Makes `kernel` the active backend directly (for harnesses such as the conformance suite
 * that hold a Kernel instance); returns a function that restores the previous one.
 */
export function useKernel(kernel: Kernel): () => void {
  const previous = active;
  active = { name: kernel.name, kernel };
  return () => {
    active = previous;
  };
}
