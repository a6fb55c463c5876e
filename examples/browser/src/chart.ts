/** A small loss chart on a canvas: batch losses (thin) and epoch means (bold), with axes. */
export interface ChartData {
  /** Loss after each batch, in order. */
  batches: number[];
  /** Mean loss of each finished epoch. */
  epochs: number[];
  stepsPerEpoch: number;
  totalEpochs: number;
  title: string;
}

function niceStep(range: number, ticks: number): number {
  const raw = range / Math.max(1, ticks);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

export function drawChart(canvas: HTMLCanvasElement, d: ChartData): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const pad = { left: 64, right: 20, top: 36, bottom: 48 };
  const pw = w - pad.left - pad.right;
  const ph = h - pad.top - pad.bottom;

  const values = [...d.batches, ...d.epochs].filter(Number.isFinite);
  const yMax = values.length ? Math.max(...values) * 1.05 : 1;
  const yStep = niceStep(yMax, 5);
  const yTop = Math.ceil(yMax / yStep) * yStep || 1;
  const xMax = Math.max(1, d.totalEpochs);
  const X = (epoch: number) => pad.left + (epoch / xMax) * pw;
  const Y = (loss: number) => pad.top + ph - (loss / yTop) * ph;

  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#1f2328';
  ctx.textBaseline = 'alphabetic';
  ctx.font = '600 14px system-ui, sans-serif';
  ctx.fillText(d.title, pad.left, 22);
  ctx.font = '12px system-ui, sans-serif';

  // Grid and y ticks.
  ctx.strokeStyle = '#eaeef2';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let v = 0; v <= yTop + 1e-9; v += yStep) {
    ctx.beginPath();
    ctx.moveTo(pad.left, Y(v));
    ctx.lineTo(pad.left + pw, Y(v));
    ctx.stroke();
    ctx.fillStyle = '#57606a';
    ctx.fillText(v.toFixed(yStep < 0.1 ? 2 : 1), pad.left - 8, Y(v));
  }
  // x ticks (epochs).
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xStep = Math.max(1, Math.round(niceStep(xMax, 10)));
  for (let e = 0; e <= xMax; e += xStep) {
    ctx.fillStyle = '#57606a';
    ctx.fillText(String(e), X(e), pad.top + ph + 6);
  }
  // Axes and their labels.
  ctx.strokeStyle = '#57606a';
  ctx.beginPath();
  ctx.moveTo(pad.left, pad.top);
  ctx.lineTo(pad.left, pad.top + ph);
  ctx.lineTo(pad.left + pw, pad.top + ph);
  ctx.stroke();
  ctx.fillStyle = '#1f2328';
  ctx.fillText('epoch', pad.left + pw / 2, pad.top + ph + 26);
  ctx.save();
  ctx.translate(16, pad.top + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText('loss (binary cross-entropy)', 0, 0);
  ctx.restore();

  // Batch losses: batch i ends at epoch (i + 1) / stepsPerEpoch.
  if (d.batches.length > 1) {
    ctx.strokeStyle = 'rgba(9, 105, 218, 0.35)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    d.batches.forEach((loss, i) => {
      const px = X((i + 1) / d.stepsPerEpoch);
      if (i === 0) ctx.moveTo(px, Y(loss)); else ctx.lineTo(px, Y(loss));
    });
    ctx.stroke();
  }
  // Epoch means (Keras's epoch loss averages the epoch's batches), at the middle of each epoch.
  ctx.strokeStyle = '#cf222e';
  ctx.fillStyle = '#cf222e';
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  d.epochs.forEach((loss, i) => {
    if (i === 0) ctx.moveTo(X(i + 0.5), Y(loss)); else ctx.lineTo(X(i + 0.5), Y(loss));
  });
  ctx.stroke();
  for (const [i, loss] of d.epochs.entries()) {
    ctx.beginPath();
    ctx.arc(X(i + 0.5), Y(loss), 3, 0, 2 * Math.PI);
    ctx.fill();
  }

  // Legend.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const lx = pad.left + pw - 170;
  const ly = pad.top + 12;
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = 'rgba(9, 105, 218, 0.6)';
  ctx.beginPath(); ctx.moveTo(lx, ly); ctx.lineTo(lx + 24, ly); ctx.stroke();
  ctx.fillStyle = '#1f2328';
  ctx.fillText('loss after each batch', lx + 30, ly);
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = '#cf222e';
  ctx.beginPath(); ctx.moveTo(lx, ly + 18); ctx.lineTo(lx + 24, ly + 18); ctx.stroke();
  ctx.fillText('epoch loss (mean)', lx + 30, ly + 18);
}
