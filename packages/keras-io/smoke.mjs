import '@layerwise/backend-cpu';
import { setBackend, loadModel, tensor } from '@layerwise/api';
import { kerasFile } from '@layerwise/keras-io';
await setBackend('cpu');
for (const f of process.argv.slice(2)) {
  try {
    const m = await loadModel(kerasFile(f));
    console.log('OK', f.replace('/tmp/kio-cand/', ''), m.layers.map((l) => l.className).join(','), m.optimizer?.className ?? '-');
    m.dispose?.();
  } catch (e) { console.log('FAIL', f.replace('/tmp/kio-cand/', ''), e.message.slice(0, 300)); }
}
