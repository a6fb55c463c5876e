// The variables through which scripts/test.mjs tells the tests (and the tally) that a group of
// tests must be skipped: unset to run them, else the reason ("chromium not installed, not root, ...").
export const SKIP_ENV = {
  browser: 'LAYERWISE_SKIP_BROWSER_TESTS',
  webgpu: 'LAYERWISE_SKIP_WEBGPU_TESTS',
  h5py: 'LAYERWISE_SKIP_H5PY_TESTS',
};
