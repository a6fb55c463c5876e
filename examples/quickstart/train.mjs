// A small Sequential model learning a noisy 2-D classification task on the cpu backend.
import { Sequential, layers, setBackend, setRandomSeed, tensor } from '@layerwise/api';
import '@layerwise/backend-cpu';

await setBackend('cpu');
setRandomSeed(42);

// Two interleaved spirals: not linearly separable, so the hidden layers have work to do.
// Points are drawn in random order, so validationSplit (the last 20%) sees the whole spiral.
const n = 800;
const xs = [];
const ys = [];
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < n; i++) {
  const cls = i % 2;
  const t = random() * 2 * Math.PI;
  const r = 0.1 + t / (2 * Math.PI);
  const angle = t + cls * Math.PI;
  xs.push([r * Math.cos(angle) + 0.02 * Math.sin(i * 12.9898), r * Math.sin(angle) + 0.02 * Math.cos(i * 78.233)]);
  ys.push([cls]);
}

const model = new Sequential({
  layers: [
    layers.dense({ units: 64, activation: 'relu', inputShape: [2] }),
    layers.dense({ units: 64, activation: 'relu' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ],
});
model.summary();
model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: ['accuracy'] });

const history = await model.fit(tensor(xs), tensor(ys), {
  epochs: 40,
  batchSize: 32,
  validationSplit: 0.2,
  verbose: 0,
  callbacks: [{
    onEpochEnd(epoch, logs) {
      console.log(`epoch ${String(epoch + 1).padStart(2)}  loss ${logs.loss.toFixed(4)}  acc ${logs.accuracy.toFixed(3)}  val_loss ${logs.val_loss.toFixed(4)}  val_acc ${logs.val_accuracy.toFixed(3)}`);
    },
  }],
});

const [loss, acc] = await model.evaluate(xs, ys, { verbose: 0 });
console.log(`final: loss ${loss.toFixed(4)}, accuracy ${(acc * 100).toFixed(1)}% after ${history.epoch.length} epochs`);
