/**
 * Finding a WebGPU adapter. In a browser `navigator.gpu` is used as is. In Node, where
 * there is no `navigator.gpu`, the `webgpu` npm package (Dawn) provides one: first Dawn's
 * default backend (a hardware GPU through Vulkan/Metal/D3D), then Dawn on OpenGL ES with
 * Mesa's software renderer (`EGL_PLATFORM=surfaceless`, compatibility feature level),
 * which works on machines without a GPU.
 */

/** The parts of the WebGPU API this package touches (kept structural: no DOM GPU types needed). */
export interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<AdapterLike | null>;
}

export interface AdapterLike {
  readonly features: ReadonlySet<string>;
  readonly limits: Record<string, unknown>;
  readonly info?: { vendor?: string; architecture?: string; description?: string; device?: string; backend?: string };
  requestDevice(descriptor?: Record<string, unknown>): Promise<DeviceLike>;
}

export interface DeviceLike {
  readonly limits: Record<string, unknown>;
  readonly lost: Promise<{ reason?: string; message?: string }>;
  addEventListener?(type: 'uncapturederror', listener: (event: { error?: { message?: string } }) => void): void;
  onuncapturederror?: ((event: { error?: { message?: string } }) => void) | null;
  destroy(): void;
}

/** Options of `createWebGPUKernel`: how to find the adapter (every field optional). */
export interface WebGPUOptions {
  /**
   * Options for Dawn's `create()` in Node (e.g. `['backend=vulkan']`,
   * `['backend=opengles']`, `['adapter=NAME']`, `['enable-dawn-features=...']`). When
   * given, only this route is tried, even if `navigator.gpu` already exists. Ignored in
   * browsers.
   */
  readonly dawnOptions?: readonly string[];
  /** Passed to `requestAdapter` (e.g. `{ powerPreference: 'high-performance' }`, `{ featureLevel: 'compatibility' }`). */
  readonly adapterOptions?: Record<string, unknown>;
}

export interface AcquiredGpu {
  readonly adapter: AdapterLike;
  readonly device: DeviceLike;
  /** How the adapter was found, e.g. "navigator.gpu" or "dawn create([backend=opengles]) featureLevel=compatibility". */
  readonly route: string;
}

interface Route {
  readonly label: string;
  readonly dawnOptions: readonly string[];
  readonly adapterOptions: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

/**
 * Every Dawn instance made by `create()` stays referenced for the life of the process:
 * dawn.node crashes (SIGSEGV in event processing) when one is garbage-collected while
 * GPU work is pending. They are few (one per route tried).
 */
const dawnInstances: unknown[] = [];
/** The adapter options of the route that made each Dawn instance. */
const routeOptions = new Map<unknown, Record<string, unknown>>();

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

function existingGpu(): GpuLike | undefined {
  return (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
}

/** Makes `gpu` visible as `globalThis.navigator.gpu` (tfjs-backend-webgpu looks for it there). */
function installNavigatorGpu(gpu: GpuLike): void {
  const g = globalThis as unknown as { navigator?: Record<string, unknown> };
  let nav = g.navigator;
  if (!nav) {
    nav = {};
    // Node >= 21 has a read-only navigator getter; Node 20 has none.
    Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
  }
  Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, writable: true });
}

function adapterLimits(adapter: AdapterLike): Record<string, number> {
  // Compatibility-mode defaults are low (e.g. 128 invocations per workgroup); tfjs's
  // shaders use 256-wide workgroups and large storage buffers, so ask for what the adapter has.
  const wanted = [
    'maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize',
    'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupSizeY', 'maxComputeWorkgroupSizeZ',
    'maxComputeInvocationsPerWorkgroup', 'maxStorageBuffersPerShaderStage', 'maxUniformBufferBindingSize',
  ];
  const limits: Record<string, number> = {};
  for (const name of wanted) {
    const v = adapter.limits[name];
    if (typeof v === 'number') limits[name] = v;
  }
  return limits;
}

async function deviceFor(adapter: AdapterLike): Promise<DeviceLike> {
  const requiredFeatures = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  return adapter.requestDevice({ requiredLimits: adapterLimits(adapter), requiredFeatures });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function nodeRoutes(options: WebGPUOptions): Route[] {
  const adapterOptions = options.adapterOptions ?? {};
  if (options.dawnOptions) {
    const gles = options.dawnOptions.some((o) => /^backend=(opengles|opengl)$/.test(o));
    return [{
      label: `dawn create([${options.dawnOptions.join(', ')}])`,
      dawnOptions: options.dawnOptions,
      adapterOptions: gles ? { featureLevel: 'compatibility', ...adapterOptions } : adapterOptions,
      env: gles ? { EGL_PLATFORM: 'surfaceless' } : undefined,
    }];
  }
  return [
    { label: 'dawn create([]) (default backend)', dawnOptions: [], adapterOptions },
    {
      label: 'dawn create([backend=opengles]) featureLevel=compatibility, EGL_PLATFORM=surfaceless (Mesa software GLES)',
      dawnOptions: ['backend=opengles'],
      adapterOptions: { featureLevel: 'compatibility', ...adapterOptions },
      env: { EGL_PLATFORM: 'surfaceless' },
    },
  ];
}

/**
 * Finds an adapter and creates a device. Throws an error listing every route tried and
 * why each failed when none gives an adapter.
 */
export async function acquireGpu(options: WebGPUOptions = {}): Promise<AcquiredGpu> {
  const tried: string[] = [];
  const present = existingGpu();
  // In Node, explicit Dawn options mean "this Dawn route", even when navigator.gpu exists.
  const useDawn = isNode() && (!present || options.dawnOptions !== undefined);
  if (present && !useDawn) {
    // A Dawn instance this package installed gets its route's options again; otherwise
    // core first, then compatibility mode (what software and older GPUs offer).
    const attempts = options.adapterOptions ? [options.adapterOptions]
      : routeOptions.has(present) ? [routeOptions.get(present)!]
        : [{ powerPreference: 'high-performance' }, { powerPreference: 'high-performance', featureLevel: 'compatibility' }];
    for (const adapterOptions of attempts) {
      try {
        const adapter = await present.requestAdapter(adapterOptions);
        if (adapter) return { adapter, device: await deviceFor(adapter), route: 'navigator.gpu' };
        tried.push(`navigator.gpu: requestAdapter(${JSON.stringify(adapterOptions)}) returned null`);
      } catch (err) {
        tried.push(`navigator.gpu: ${describe(err)}`);
      }
    }
  }
  if (useDawn) {
    let dawn: { create: (opts: string[]) => GpuLike; globals: Record<string, unknown> } | undefined;
    try {
      // A computed specifier keeps browser bundlers from pulling in the Node-only package.
      const specifier = 'webgpu';
      dawn = await import(/* @vite-ignore */ specifier);
    } catch (err) {
      tried.push(`the 'webgpu' npm package (Dawn) could not be loaded: ${describe(err)}`);
    }
    if (dawn) {
      // GPUBufferUsage, GPUMapMode, GPUBuffer... which tfjs-backend-webgpu uses as globals.
      for (const [k, v] of Object.entries(dawn.globals)) {
        if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
      }
      for (const route of nodeRoutes(options)) {
        try {
          for (const [k, v] of Object.entries(route.env ?? {})) process.env[k] ??= v;
          const gpu = dawn.create([...route.dawnOptions]);
          dawnInstances.push(gpu);
          const adapter = await gpu.requestAdapter(route.adapterOptions);
          if (!adapter) {
            tried.push(`${route.label}: requestAdapter(${JSON.stringify(route.adapterOptions)}) returned null`);
            continue;
          }
          const device = await deviceFor(adapter);
          routeOptions.set(gpu, route.adapterOptions);
          if (!existingGpu()) installNavigatorGpu(gpu);
          return { adapter, device, route: route.label };
        } catch (err) {
          tried.push(`${route.label}: ${describe(err)}`);
        }
      }
    }
  }
  if (!present && !isNode()) tried.push('navigator.gpu is missing (this browser has no WebGPU, or it is disabled)');
  const hint = isNode()
    ? ' On Linux without a GPU, Dawn needs Mesa\'s EGL/GLES (Debian: libegl1 libegl-mesa0 libgl1-mesa-dri).'
    : '';
  throw new Error(`no GPU adapter; tried: ${tried.join('; ')}.${hint}`);
}

/**
 * Removes `navigator.gpu` if this package installed it (a referenced Dawn instance keeps
 * Node from exiting). Dawn instances stay referenced (see `dawnInstances`).
 */
export function forgetNavigatorGpu(): void {
  const nav = (globalThis as unknown as { navigator?: Record<string, unknown> }).navigator;
  if (nav && dawnInstances.includes(nav.gpu)) delete nav.gpu;
}
