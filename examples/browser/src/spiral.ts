/** Two interleaved spirals (examples/quickstart's data): not linearly separable. */
export function spiral(n: number, seed = 7): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    const t = random() * 2 * Math.PI;
    const r = 0.1 + t / (2 * Math.PI);
    const angle = t + cls * Math.PI;
    x[i * 2] = r * Math.cos(angle) + 0.02 * Math.sin(i * 12.9898);
    x[i * 2 + 1] = r * Math.sin(angle) + 0.02 * Math.cos(i * 78.233);
    y[i] = cls;
  }
  return { x, y };
}
