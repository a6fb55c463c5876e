// Layers of this family: classes, tfjs-style factories, and registerLayer calls for loading.
export {};
