import '@layerwise/backend-cpu';
import { setBackend } from '@layerwise/api';

await setBackend('cpu');
