// The options rule itself: declared keys, snake_case and explicit aliases, ignored Keras
// arguments, unknown keys with the closest known option, and the two lenient modes.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionKeys, readingSavedConfig, snakeCase, trustOptions } from '../src/index.js';

interface Base { name?: string; inputShape?: number[] }
interface Opts extends Base { units: number; learningRate?: number; beta1?: number; returnSequences?: boolean }

const BASE = optionKeys<Base>()(['name', 'inputShape'], { ignored: { weights: { why: 'no initial weights', accepts: (v) => v === null } } });
const SPEC = optionKeys<Opts>()(['units', 'learningRate', 'beta1', 'returnSequences'], { base: [BASE], aliases: { lr: 'learningRate', beta_1: 'beta1' } });

describe('OptionSpec', () => {
  it("Keras's to_snake_case", () => {
    expect(['returnSequences', 'inputShape', 'beta1', 'kernelSize', 'isTTY', 'minLr'].map(snakeCase))
      .toEqual(['return_sequences', 'input_shape', 'beta1', 'kernel_size', 'is_tty', 'min_lr']);
  });

  it('reads every spelling as the camelCase key, keeps the input unchanged, and drops accepted ignored arguments', () => {
    const given = { units: 3, lr: 0.1, beta_1: 0.5, return_sequences: true, input_shape: [2], weights: null };
    const out = SPEC.read(given as never, 'layer');
    expect(out).toEqual({ units: 3, learningRate: 0.1, beta1: 0.5, returnSequences: true, inputShape: [2] });
    expect(given).toEqual({ units: 3, lr: 0.1, beta_1: 0.5, return_sequences: true, input_shape: [2], weights: null });
    expect(SPEC.keys).toEqual(['name', 'inputShape', 'units', 'learningRate', 'beta1', 'returnSequences']);
    expect(SPEC.read(undefined, 'x')).toEqual({});
  });

  it('refuses unknown keys (near miss: did you mean; far: the closest and the list), two spellings, refused ignored values, non-objects', () => {
    expect(() => SPEC.read({ unitz: 1 } as never, 'layer')).toThrow("layer: unknown option 'unitz'; did you mean 'units'?");
    expect(() => SPEC.read({ return_sequence: 1 } as never, 'layer')).toThrow("did you mean 'return_sequences'?");
    expect(() => SPEC.read({ zebra: 1 } as never, 'layer'))
      .toThrow("layer: unknown option 'zebra'; the closest known option is 'beta1'; known options: name, inputShape, units, learningRate, beta1, returnSequences (or their snake_case spellings)");
    expect(() => SPEC.read({ units: 1, lr: 0.1, learningRate: 0.2 }, 'opt')).toThrow("opt: 'lr' and 'learningRate' name the same option (learningRate); give one");
    expect(SPEC.read({ units: 1, lr: 0.1, learningRate: 0.1 }, 'opt').learningRate).toBe(0.1);
    expect(() => SPEC.read({ units: 1, weights: [1, 2] } as never, 'layer')).toThrow("layer: 'weights' = an array of 2 is not supported: no initial weights");
    expect(() => SPEC.read(3 as never, 'layer')).toThrow('layer: expected an options object ({ ... }), got number');
  });

  it("keep mode, readFor's subclass rule, trusted objects and saved configs pass unknown keys on", () => {
    expect(SPEC.read({ units: 1, extra: 2 } as never, 'x', { unknown: 'keep' })).toEqual({ units: 1, extra: 2 });
    class Owner {}
    class Sub extends Owner {}
    expect(() => SPEC.readFor({ units: 1, extra: 2 } as never, Owner, Owner)).toThrow("Owner: unknown option 'extra'");
    expect(() => SPEC.readFor({ units: 1, extra: 2, name: 'o' } as never, Owner, Owner)).toThrow("Owner 'o': unknown option 'extra'");
    expect(SPEC.readFor({ units: 1, extra: 2 } as never, Owner, Sub)).toEqual({ units: 1, extra: 2 });
    const trusted = trustOptions({ units: 1, extra: 2 });
    expect(SPEC.read(trusted as never, 'x')).toBe(trusted);
    // What one read made, a base class's read passes on as is.
    const once = SPEC.read({ units: 1 }, 'x');
    expect(SPEC.read(once, 'y')).toBe(once);
    expect(readingSavedConfig(() => SPEC.read({ units: 1, time_major: false, weights: [1] } as never, 'x'))).toEqual({ units: 1, time_major: false });
    expect(() => SPEC.read({ units: 1, time_major: false } as never, 'x')).toThrow("unknown option 'time_major'");
  });

  it('a list that does not match its type fails to compile, naming the keys; contradictory declarations fail at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-options-'));
    const file = join(dir, 'check.ts');
    writeFileSync(file, [
      `import { optionKeys } from ${JSON.stringify(fileURLToPath(new URL('../src/options.ts', import.meta.url)))};`,
      'interface Opts { units: number; learningRate?: number }',
      "export const missing = optionKeys<Opts>()(['learningRate']);",
      "export const extra = optionKeys<Opts>()(['units', 'learningRate', 'unitz']);",
      "export const right = optionKeys<Opts>()(['units', 'learningRate']);",
    ].join('\n'));
    const tsc = fileURLToPath(new URL('../../../node_modules/.bin/tsc', import.meta.url));
    const run = spawnSync(tsc, ['--ignoreConfig', '--strict', '--module', 'nodenext', '--allowImportingTsExtensions', '--noEmit', file], { encoding: 'utf8' });
    const errors = run.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors.length, run.stdout).toBe(2);
    expect(errors[0]).toMatch(/check\.ts\(3,.*'option keys missing from the list': "units"/);
    expect(errors[1]).toMatch(/check\.ts\(4,.*"unitz"/);
    expect(() => optionKeys<Opts>()(['units', 'learningRate', 'beta1', 'returnSequences'], { base: [BASE], aliases: { units: 'beta1' } }))
      .toThrow("optionKeys: 'units' would name both 'units' and 'beta1'");
  });
});
