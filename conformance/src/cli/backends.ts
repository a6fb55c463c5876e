import { REQUIRED_PRIMITIVES, activeKernel, listBackends, setBackend, type Kernel } from '@layerwise/api';
import type { Exclusions } from '../exclusions/index.js';
import { isPathLike, resolveModule } from './resolve-module.js';

/** Backend packages the CLI imports when installed, so their names ('cpu', ...) can be given. */
export const KNOWN_BACKEND_PACKAGES = ['@layerwise/backend-cpu', '@layerwise/backend-wasm', '@layerwise/backend-webgpu'] as const;

/** One column of the matrix. */
export interface LoadedBackend {
  /** The column heading: the registered name, or the kernel's name for a factory module. */
  readonly label: string;
  /** The kernel the cases run on: the registered backend's, or the one the module's factory made. */
  readonly kernel: Kernel;
  /** The module's named `exclusions` export, if any (otherwise the checked-in list for the kernel's name). */
  readonly exclusions?: Exclusions;
  /** What --backend said. */
  readonly spec: string;
}

export interface KnownImports {
  readonly imported: readonly string[];
  /** Installed packages whose import threw, with the error (not-installed ones are left out). */
  readonly failed: readonly string[];
}

type ModuleRecord = Record<string, unknown>;

function isNotFound(err: unknown, spec: string): boolean {
  const code = (err as { code?: string } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED')
    && err instanceof Error && err.message.includes(spec);
}

/** Imports a module as the user's project resolves it, else as this package resolves it. */
async function importModule(spec: string, cwd: string): Promise<ModuleRecord> {
  const url = resolveModule(spec, cwd);
  return (await import(url ?? spec)) as ModuleRecord;
}

/** Imports every known backend package that is installed; each registers its backend. */
export async function importKnownBackends(cwd: string): Promise<KnownImports> {
  const imported: string[] = [];
  const failed: string[] = [];
  for (const pkg of KNOWN_BACKEND_PACKAGES) {
    try {
      await importModule(pkg, cwd);
      imported.push(pkg);
    } catch (err) {
      if (!isNotFound(err, pkg)) failed.push(`${pkg}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { imported, failed };
}

function isKernel(value: unknown): value is Kernel {
  const k = value as Partial<Kernel> | null;
  return typeof k === 'object' && k !== null && typeof k.name === 'string' && typeof k.upload === 'function'
    && typeof k.memory === 'function' && typeof k.capabilities === 'object';
}

/** The required Kernel methods that `kernel` lacks (its cases will fail; the CLI warns up front). */
export function missingPrimitives(kernel: Kernel): string[] {
  return REQUIRED_PRIMITIVES.filter((p) => typeof (kernel as unknown as ModuleRecord)[p] !== 'function');
}

async function registered(name: string, spec: string, exclusions?: Exclusions): Promise<LoadedBackend> {
  await setBackend(name);
  return { label: name, kernel: activeKernel(), spec, exclusions };
}

function moduleExclusions(mod: ModuleRecord): Exclusions | undefined {
  const value = mod.exclusions;
  return value !== null && typeof value === 'object' ? (value as Exclusions) : undefined;
}

function registeredList(): string {
  const names = listBackends();
  return names.length ? `registered: ${names.join(', ')}` : 'no backend is registered';
}

/**
 * Turns one --backend value into kernels: a registered name gives that backend; otherwise
 * the value is imported as a module, whose default export may be a Kernel factory (or a
 * Kernel), or whose import may register backends (each new one becomes a column).
 */
export async function loadBackend(spec: string, cwd: string, known: KnownImports): Promise<LoadedBackend[]> {
  if (listBackends().includes(spec)) return [await registered(spec, spec)];
  const before = new Set(listBackends());
  let mod: ModuleRecord;
  try {
    mod = await importModule(spec, cwd);
  } catch (err) {
    if (!isPathLike(spec) && isNotFound(err, spec)) {
      const hints = known.failed.length ? `; known backend packages that failed to import: ${known.failed.join('; ')}` : '';
      throw new Error(`unknown backend '${spec}': not a registered name (${registeredList()}) and no module of that name is installed${hints}`);
    }
    throw new Error(`--backend ${spec}: importing the module failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const exclusions = moduleExclusions(mod);
  const exported = mod.default;
  if (typeof exported === 'function' || isKernel(exported)) {
    const kernel = typeof exported === 'function' ? await (exported as () => unknown)() : exported;
    if (!isKernel(kernel)) {
      throw new Error(`--backend ${spec}: the default export must be a Kernel factory, but it returned ${describe(kernel)}`);
    }
    return [{ label: kernel.name, kernel, spec, exclusions }];
  }
  const added = listBackends().filter((name) => !before.has(name));
  if (added.length === 0) {
    throw new Error(
      `--backend ${spec}: the module neither registered a backend nor default-exports a Kernel factory (${registeredList()}). `
      + 'If it calls registerBackend from another copy of @layerwise/api, default-export the factory instead.',
    );
  }
  return Promise.all(added.map((name) => registered(name, spec, exclusions)));
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return `an object with keys ${Object.keys(value).slice(0, 6).join(', ') || '(none)'}`;
}

/** Loads every --backend value in order; repeated labels get a '#2' suffix. */
export async function loadBackends(specs: readonly string[], cwd: string, known: KnownImports): Promise<LoadedBackend[]> {
  const loaded: LoadedBackend[] = [];
  for (const spec of specs) {
    for (const backend of await loadBackend(spec, cwd, known)) {
      let label = backend.label;
      for (let n = 2; loaded.some((b) => b.label === label); n++) label = `${backend.label}#${n}`;
      loaded.push({ ...backend, label });
    }
  }
  return loaded;
}
