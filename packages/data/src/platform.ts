/** True in Node (worker_threads, fs, zlib available); false in a browser or Web Worker. */
export const isNode: boolean = typeof process !== 'undefined' && !!process.versions?.node;
