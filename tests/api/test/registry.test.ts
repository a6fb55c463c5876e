import { describe, expect, it } from 'vitest';
import { getBackend, listBackends, registerBackend, setBackend, type Kernel } from '@layerwise/api';

describe('backend registry', () => {
  it('lists registered backends and reports the active one', () => {
    expect(listBackends()).toContain('cpu');
    expect(getBackend()).toBe('cpu');
  });

  it('a backend that fails to initialise is a clear error naming it and the reason', async () => {
    registerBackend('broken-gpu', async () => { throw new Error('no GPU adapter'); }, 0);
    await expect(setBackend('broken-gpu')).rejects.toThrow(/backend 'broken-gpu' failed to initialise: broken-gpu: no GPU adapter \(registered: .*cpu.*broken-gpu/);
    expect(getBackend()).toBe('cpu');
  });

  it('rejects a factory that is not a function', () => {
    expect(() => registerBackend('x', 42 as unknown as () => Kernel)).toThrow("registerBackend('x'): factory must be a function returning a Kernel, got number");
  });
});
