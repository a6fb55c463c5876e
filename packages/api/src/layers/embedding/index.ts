import { registerLayer } from '../registry.js';
import { Embedding, type EmbeddingArgs } from './embedding.js';

export { Embedding, type EmbeddingArgs };

/** `layers.embedding({ inputDim, outputDim })`: an Embedding layer (integer indices to vectors). */
export const embedding = (args: EmbeddingArgs): Embedding => new Embedding(args);

registerLayer('Embedding', (c) => new Embedding(c as unknown as EmbeddingArgs));
