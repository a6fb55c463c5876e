import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Layer, LayerVariable, Sequential, layers, loadModel, ops, optimizers, registerLayer, saving, tensor, type Shape, type Tensor,
} from '@layerwise/api';
import { checkGradients, expectClose, vals, wave } from './layers-helpers.js';
import { weightBits } from './saving-helpers.js';

// The two layers of the README's "Custom layers" section.

interface ScaleArgs extends layers.LayerArgs {
  /** The starting value of every scale; default 1. */
  initialValue?: number;
}

/** y = x * scale, one learned scale per feature (the last axis). */
class Scale extends Layer {
  static readonly className = 'Scale';
  readonly className = Scale.className;
  readonly initialValue: number;
  scale: LayerVariable | null = null;

  constructor(args: ScaleArgs = {}) {
    super(args);
    this.initialValue = args.initialValue ?? 1;
  }

  override build(inputShape: Shape): void {
    const features = inputShape[inputShape.length - 1];
    if (features === null) throw new Error(`${this.name}: the last axis must be known`);
    this.scale = this.addWeight('scale', [features], { className: 'Constant', config: { value: this.initialValue } });
  }

  call(x: Tensor): Tensor {
    return ops.mul(x, this.scale!.value);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initialValue: this.initialValue };
  }
}

/** Keras's Antirectifier example: each sample centred and L2-normalised, then [relu(x), relu(-x)] side by side. */
class Antirectifier extends Layer {
  readonly className = 'Antirectifier';

  override computeOutputShape(inputShape: Shape): Shape {
    const features = inputShape[1];
    return [inputShape[0], features === null ? null : features * 2];
  }

  call(x: Tensor): Tensor {
    const centred = ops.sub(x, ops.mean(x, 1, true));
    const unit = ops.div(centred, ops.sqrt(ops.sum(ops.square(centred), 1, true)));
    return ops.concat([ops.relu(unit), ops.relu(ops.neg(unit))], 1);
  }
}

registerLayer(Scale);
registerLayer('Antirectifier', (config) => new Antirectifier(config));

function model(): Sequential {
  return new Sequential({ name: 'custom', layers: [
    layers.dense({ units: 4, inputShape: [3] }),
    new Scale({ initialValue: 0.5, name: 'sc' }),
    new Antirectifier({ name: 'anti' }),
    layers.dense({ units: 2 }),
  ] });
}

describe('custom layers', () => {
  it('compute what they say, with gradients for their weights and inputs', () => {
    const scale = new Scale({ initialValue: 0.5 });
    const x = tensor(wave(12), [3, 4]);
    expectClose(vals(scale.apply(x)), wave(12).map((v) => v * 0.5), 1e-6);
    expect(scale.weights.map((w) => [w.name, w.shape])).toEqual([[`${scale.name}/scale`, [4]]]);
    scale.setWeights([tensor([1, -2, 0.5, 3])]);
    checkGradients(scale, x);
    const anti = new Antirectifier();
    const rows = [wave(4), wave(4, 2)];
    const expected = rows.flatMap((r) => {
      const m = r.reduce((s, v) => s + v, 0) / 4;
      const c = r.map((v) => v - m);
      const n = Math.hypot(...c);
      return [...c.map((v) => Math.max(v / n, 0)), ...c.map((v) => Math.max(-v / n, 0))];
    });
    expectClose(vals(anti.apply(tensor(rows))), expected, 1e-5);
    checkGradients(anti, tensor(rows));
  });

  it('train in a Sequential and show in its summary', async () => {
    const m = model();
    const lines: string[] = [];
    m.summary(undefined, undefined, (l) => lines.push(l));
    expect(lines).toContain('sc (Scale)                   (None, 4)                 4         ');
    expect(lines).toContain('anti (Antirectifier)         (None, 8)                 0         ');
    expect(m.countParams()).toBe(3 * 4 + 4 + 4 + 8 * 2 + 2);
    m.compile({ optimizer: optimizers.sgd({ learningRate: 0.5 }), loss: 'mse' });
    const before = vals(m.layers[1].getWeights()[0]);
    await m.fit(tensor(wave(15), [5, 3]), tensor(wave(10, 1), [5, 2]), { epochs: 2, verbose: 0 });
    expect(vals(m.layers[1].getWeights()[0])).not.toEqual(before);
    m.dispose();
  });

  it('registered (by static className or by name), loadModel revives them: same configs, weights and predictions', async () => {
    const m = model();
    m.compile({ optimizer: 'adam', loss: 'mse' });
    await m.fit(tensor(wave(15), [5, 3]), tensor(wave(10, 1), [5, 2]), { epochs: 1, verbose: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'layerwise-custom-'));
    await m.save(dir);
    const handler = saving.memoryHandler();
    await m.save(handler);
    const cfg = (handler.artifacts!.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
    expect(cfg.map((l) => l.class_name)).toEqual(['Dense', 'Scale', 'Antirectifier', 'Dense']);
    expect(cfg[1].config.initial_value).toBe(0.5);
    for (const loaded of [await loadModel(dir), await loadModel(handler)]) {
      expect(loaded.layers[1]).toBeInstanceOf(Scale);
      expect(loaded.layers[2]).toBeInstanceOf(Antirectifier);
      expect(loaded.layers.map((l) => l.getConfig())).toEqual(m.layers.map((l) => l.getConfig()));
      expect(await weightBits(loaded)).toEqual(await weightBits(m));
      const x = tensor(wave(9, 3), [3, 3]);
      expect(vals(await loaded.predict(x))).toEqual(vals(await m.predict(x)));
      // The revived model trains on (its optimizer state came back with it).
      await loaded.fit(x, tensor(wave(6), [3, 2]), { epochs: 1, verbose: 0 });
      loaded.dispose();
    }
    m.dispose();
  });

  it("an unregistered class loads through loadModel's customObjects (Keras's custom_objects), and only there", async () => {
    class Doubler extends Layer {
      static readonly className = 'Doubler';
      readonly className = Doubler.className;
      call(x: Tensor): Tensor {
        return ops.mul(x, 2);
      }
    }
    const m = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [2] }), new Doubler()] });
    const handler = saving.memoryHandler();
    await m.save(handler);
    await expect(loadModel(handler)).rejects.toThrow(/layer 1 \('doubler(_\d+)?'\) has unknown class 'Doubler'; known: .*Antirectifier/);
    for (const customObjects of [{ Doubler }, { Doubler: () => new Doubler() }]) {
      const loaded = await loadModel(handler, { customObjects });
      expect(loaded.layers[1]).toBeInstanceOf(Doubler);
      const x = tensor([[1, 2]]);
      expect(vals(await loaded.predict(x))).toEqual(vals(await m.predict(x)));
      loaded.dispose();
    }
    expect(layers.registeredLayerClasses()).not.toContain('Doubler');
    m.dispose();
  });

  it('registerLayer refuses what it cannot use', () => {
    expect(() => registerLayer('', (c) => new Scale(c))).toThrow('registerLayer: expected a class name and a function (config) => Layer');
    expect(() => registerLayer(class NotALayer {} as never)).toThrow('registerLayer: expected a Layer subclass with a static className');
  });
});
