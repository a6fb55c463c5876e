// What the one-off measuring scripts (non-finite-check.mjs, soak-rss.mjs) share.

/** The value after `--name` on the command line, else `fallback`. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** An MLP features -> hidden (relu) -> 10 (softmax), compiled with Adam and categorical crossentropy. */
export function mlp(api, features, hidden = 128, metrics = []) {
  const model = new api.Sequential({ layers: [api.layers.dense({ units: hidden, activation: 'relu', inputShape: [features] }), api.layers.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics });
  return model;
}
