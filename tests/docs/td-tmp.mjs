import { Application } from 'typedoc';
const t0 = Date.now();
const app = await Application.bootstrapWithPlugins({
  entryPoints: ['../../packages/api/src/index.ts','../../packages/data/src/index.ts','../../packages/backend-cpu/src/index.ts','../../packages/backend-wasm/src/index.ts','../../packages/backend-webgpu/src/index.ts','../../packages/keras-io/src/index.ts','../../conformance/src/index.ts','../../conformance/src/vitest.ts'],
  tsconfig: 'typedoc.tsconfig.json',
  validation: { notExported: true, notDocumented: true, invalidLink: true },
  logLevel: 'Warn',
});
const project = await app.convert();
console.error('convert', Date.now()-t0);
app.validate(project);
console.error('validate', Date.now()-t0, app.logger.warningCount, app.logger.errorCount);
await app.generateJson(project, '/tmp/td.json');
console.error('json', Date.now()-t0);
