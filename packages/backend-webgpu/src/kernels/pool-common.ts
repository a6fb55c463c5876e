import type { Pool2DInfo } from '@layerwise/api';

/** Pool geometry as integer uniforms, named by `POOL_LETS`. */
export function poolInts(i: Pool2DInfo): number[] {
  return [i.batch, i.inH, i.inW, i.channels, i.outH, i.outW, i.filterH, i.filterW, i.strideH, i.strideW, i.padTop, i.padLeft];
}

export const POOL_LETS = ['batch', 'inH', 'inW', 'ch', 'outH', 'outW', 'fH', 'fW', 'sH', 'sW', 'pT', 'pL']
  .map((name, k) => `let ${name} = uniforms.i${k};`).join(' ');

/** WGSL: decomposes a flat NHWC output index into b, oh, ow, c and the window's top-left corner. */
export const OUTPUT_COORDS = `
    let c = index % ch;
    let ow = (index / ch) % outW;
    let oh = (index / (ch * outW)) % outH;
    let b = index / (ch * outW * outH);
    let h0 = oh * sH - pT;
    let w0 = ow * sW - pL;`;

/** WGSL: decomposes a flat NHWC input index into b, ih, iw, c. */
export const INPUT_COORDS = `
    let c = index % ch;
    let iw = (index / ch) % inW;
    let ih = (index / (ch * inW)) % inH;
    let b = index / (ch * inW * inH);`;

/**
 * WGSL: loops over the outputs whose windows contain input (ih, iw); inside, `oh`, `ow`,
 * `o` (flat output index) are defined. Output oh covers rows oh*sH - pT .. + fH - 1.
 */
export function forEachCoveringWindow(inner: string): string {
  return `
    let ohLo = max(0, (ih + pT - fH + sH) / sH);
    let ohHi = min(outH - 1, (ih + pT) / sH);
    let owLo = max(0, (iw + pL - fW + sW) / sW);
    let owHi = min(outW - 1, (iw + pL) / sW);
    for (var oh = ohLo; oh <= ohHi; oh = oh + 1) {
      for (var ow = owLo; ow <= owHi; ow = ow + 1) {
        let o = ((b * outH + oh) * outW + ow) * ch + c;
        ${inner}
      }
    }`;
}
