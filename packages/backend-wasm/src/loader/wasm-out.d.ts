// The pristine Emscripten glue tfjs-backend-wasm ships under wasm-out/ (CommonJS, no usable types).
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.js' {
  const factory: (config: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js' {
  const factory: (config: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js' {
  export const wasmWorkerContents: string;
}
