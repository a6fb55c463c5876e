/**
 * WGSL helpers that decide on NaN, infinities and signs from the bits. WGSL lets a shader
 * compiler assume floats are finite, and compilers use it: Mesa turns
 * `select(v, 0.0, v < 0.0)` into `max(v, 0.0)` and a loop's `if (v > m) { m = v; }` into
 * `m = max(m, v)`, and GPU max/min return the operand that is not NaN. Integer tests on the
 * bits cannot be folded that way, so every NaN-relevant decision goes through these.
 */
export const IEEE_HELPERS = `
fn lw_isnan(x : f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn lw_isinf(x : f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn lw_copysign(m : f32, s : f32) -> f32 {
  return bitcast<f32>((bitcast<u32>(m) & 0x7fffffffu) | (bitcast<u32>(s) & 0x80000000u));
}
fn lw_max(x : f32, y : f32) -> f32 {
  if (lw_isnan(x) || lw_isnan(y)) { return x + y; }
  return max(x, y);
}
fn lw_min(x : f32, y : f32) -> f32 {
  if (lw_isnan(x) || lw_isnan(y)) { return x + y; }
  return min(x, y);
}
fn lw_relu(x : f32) -> f32 {
  // Negative numbers from -Infinity up (bits 0x80000001 ..= 0xff800000) become 0; NaNs of
  // either sign and -0 stay.
  let b = bitcast<u32>(x);
  return select(x, 0.0, b > 0x80000000u && b <= 0xff800000u);
}
`;
