// A hand-written SVG of training curves: loss and accuracy per epoch, train and validation,
// as two side-by-side panels. No dependencies.

const esc = (s) => String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
const fmt = (v) => (Math.abs(v) >= 10 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(2));

/** About `count` round tick values covering [lo, hi]. */
function ticks(lo, hi, count = 5) {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return { values: out, step };
}

const COLORS = { train: '#1f77b4', val: '#ff7f0e' };

/**
 * One panel: x = epoch (1..n), y = the values of `series` ({ label, key, values, color,
 * dashed }), drawn at (left, top) with size (width, height).
 */
function panel({ left, top, width, height, title, series, yLabel, clampUnit }) {
  const pad = { l: 52, r: 16, t: 46, b: 40 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const n = Math.max(1, ...series.map((s) => s.values.length));
  let lo = all.length ? Math.min(...all) : 0;
  let hi = all.length ? Math.max(...all) : 1;
  if (hi - lo < 1e-6) { lo -= 0.05; hi += 0.05; }
  const margin = (hi - lo) * 0.08;
  lo -= margin; hi += margin;
  if (clampUnit) { lo = Math.max(0, lo); hi = Math.min(1, hi); }
  else lo = Math.max(0, lo);
  const yt = ticks(lo, hi);
  lo = Math.min(lo, yt.values[0]);
  hi = Math.max(hi, yt.values[yt.values.length - 1]);
  const inset = 14; // keeps the first and last markers off the frame
  const x = (i) => left + pad.l + (n === 1 ? w / 2 : inset + (i / (n - 1)) * (w - 2 * inset));
  const y = (v) => top + pad.t + h - ((v - lo) / (hi - lo)) * h;
  const parts = [];
  parts.push(`<g class="panel" data-title="${esc(title)}">`);
  parts.push(`<text x="${left + pad.l + w / 2}" y="${top + 18}" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  parts.push(`<rect x="${left + pad.l}" y="${top + pad.t}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
  for (const v of yt.values) {
    if (v < lo - 1e-12 || v > hi + 1e-12) continue;
    const yy = y(v).toFixed(1);
    parts.push(`<line x1="${left + pad.l}" x2="${left + pad.l + w}" y1="${yy}" y2="${yy}" stroke="#eee"/>`);
    parts.push(`<text x="${left + pad.l - 6}" y="${yy}" dy="4" text-anchor="end" font-size="11">${fmt(v)}</text>`);
  }
  const xStep = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i += xStep) {
    const xx = x(i).toFixed(1);
    parts.push(`<line x1="${xx}" x2="${xx}" y1="${top + pad.t + h}" y2="${top + pad.t + h + 4}" stroke="#999"/>`);
    parts.push(`<text x="${xx}" y="${top + pad.t + h + 16}" text-anchor="middle" font-size="11">${i + 1}</text>`);
  }
  parts.push(`<text x="${left + pad.l + w / 2}" y="${top + height - 6}" text-anchor="middle" font-size="12">epoch</text>`);
  parts.push(`<text transform="translate(${left + 14} ${top + pad.t + h / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(yLabel)}</text>`);
  for (const s of series) {
    if (s.values.length === 0) continue;
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    parts.push(`<g class="series" data-series="${esc(s.key)}" data-values="${s.values.map((v) => v.toPrecision(6)).join(' ')}">`);
    parts.push(`<title>${esc(s.label)}: ${s.values.map((v) => v.toFixed(4)).join(', ')}</title>`);
    if (pts.length > 1) parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    for (const p of pts) {
      const [cx, cy] = p.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${s.color}"/>`);
    }
    parts.push('</g>');
  }
  // Legend: one row between the panel title and the plot.
  let lx = left + pad.l;
  const ly = top + 36;
  for (const s of series) {
    parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${lx + 28}" y="${ly}" font-size="11">${esc(s.label)}</text>`);
    lx += 28 + 6 * s.label.length + 20;
  }
  parts.push('</g>');
  return parts.join('\n');
}

/**
 * The chart for a History's `history` record: loss and accuracy (the first of 'accuracy',
 * 'acc' present), train and val_, one point per epoch.
 */
export function trainingCurvesSvg(history, { title = 'Training curves', width = 900, height = 380 } = {}) {
  const accKey = ['accuracy', 'acc', 'sparse_categorical_accuracy'].find((k) => k in history) ?? 'accuracy';
  const get = (k) => (history[k] ?? []).map(Number);
  const half = width / 2;
  const top = 30;
  const body = [
    panel({
      left: 0, top, width: half, height: height - top, title: 'Loss', yLabel: 'loss',
      series: [
        { key: 'loss', label: 'train loss', values: get('loss'), color: COLORS.train },
        { key: 'val_loss', label: 'validation loss', values: get('val_loss'), color: COLORS.val, dashed: true },
      ],
    }),
    panel({
      left: half, top, width: half, height: height - top, title: 'Accuracy', yLabel: 'accuracy', clampUnit: true,
      series: [
        { key: accKey, label: 'train accuracy', values: get(accKey), color: COLORS.train },
        { key: `val_${accKey}`, label: 'validation accuracy', values: get(`val_${accKey}`), color: COLORS.val, dashed: true },
      ],
    }),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15">${esc(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
