// Markdown table and a hand-written SVG bar chart of the ratios.
import { REFERENCE, WORKLOADS } from './workloads.mjs';
import { median } from './timing.mjs';

export function fmtNum(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (v >= 1000) return Math.round(v).toLocaleString('en-US');
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/**
 * Summarises the runs of one side: { ok, median, min, max, runs, rss, note, last }.
 * A side whose runs all failed carries the first error as its note.
 */
export function summarise(runs) {
  const ok = runs.filter((r) => r.ok);
  if (ok.length === 0) {
    const r = runs[0];
    if (!r) return { ok: false, note: 'not run' };
    if (r.unavailable) return { ok: false, note: `not available: ${r.error}` };
    if (r.unsupported) return { ok: false, note: 'n/a' };
    return { ok: false, note: `fails: ${r.error}` };
  }
  const values = ok.map((r) => r.value);
  return {
    ok: true,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: ok.length,
    rss: median(ok.map((r) => r.maxRssMB)),
    perCpuS: ok.every((r) => Number.isFinite(r.perCpuS)) ? median(ok.map((r) => r.perCpuS)) : null,
    last: ok[ok.length - 1],
  };
}

const cell = (s) => (s.ok ? fmtNum(s.median) : s.note.replace(/\|/g, '\\|'));
const rssCell = (s) => (s.ok ? `${Math.round(s.rss)} MB` : '–');

const fmtRatio = (r) => (r === null ? '–' : `${r.toFixed(2)}x`);

export function ratioOf(a, b) {
  return a.ok && b.ok && b.median > 0 ? a.median / b.median : null;
}

/**
 * rows: [{ backend, workload, a, b }] where a, b are summaries (a = layerwise or the
 * first variant). Returns the markdown of every section.
 */
export function markdown(rowsIn, meta) {
  const out = [];
  out.push(`# layerwise vs TensorFlow.js Layers ${meta.tfjsVersion}`);
  out.push('');
  out.push(`${meta.date}; layerwise ${meta.commit}; Node ${meta.node}; ${meta.cpus}; ${meta.runs} run(s) per side, alternating A B A B, each run its own process; size: ${meta.size}.`);
  out.push(`Load average (1 min) at start ${meta.load[0]}, at end ${meta.load[1]} on ${meta.cpuCount} cores: other work shares this machine, so absolute numbers vary; the ratios come from interleaved runs.`);
  out.push('Values are medians over runs; ratio = layerwise / tfjs-layers (> 1: layerwise faster). Peak RSS is the child process\'s maxRSS.');
  if (meta.notes.length) {
    out.push('');
    for (const n of meta.notes) out.push(`- ${n}`);
  }
  for (const backend of meta.backends) {
    const rows = rowsIn.filter((r) => r.backend === backend && r.workload !== 'seq-workers');
    if (rows.length === 0) continue;
    out.push('');
    out.push(`## ${backend}${meta.threads[backend] ? ` (${meta.threads[backend]})` : ''}`);
    out.push('');
    // Extra layerwise columns (wasm: 1 thread beside the main column's 2), with the main column's gain over each.
    const more = rows.find((r) => r.more?.length)?.more.map((m) => m.side.label) ?? [];
    const aLabel = rows.find((r) => r.more?.length)?.label ?? 'layerwise';
    const moreHead = more.map((l) => ` ${l} | ${aLabel} / ${l.replace('layerwise ', '')} |`).join('');
    out.push(`| workload | unit | ${aLabel} |${moreHead} tfjs-layers | ratio | layerwise target (as a ratio) | tfjs record | peak RSS layerwise | peak RSS tfjs |`);
    out.push(`|---|---|---:|${more.map(() => '---:|---:|').join('')}---:|---:|---:|---:|---:|---:|`);
    for (const r of rows) {
      const def = WORKLOADS[r.workload];
      const ref = REFERENCE[backend]?.[r.workload] ?? {};
      const ratio = ratioOf(r.a, r.b);
      // The targets are ~3x (1.8x for two-thread matmul) the tfjs record; absolute figures drift
      // on a shared machine, so a target holds when either the value or the ratio measured in
      // this run reaches it.
      const ratioTarget = ref.target && ref.tfjs ? ref.target / ref.tfjs : null;
      let target = ref.target ? `${fmtNum(ref.target)}${ratioTarget ? ` (${ratioTarget.toFixed(2)}x)` : ''}` : '–';
      if (ref.target && r.a.ok && meta.size !== 'tiny') {
        const held = r.a.median >= ref.target || (ratioTarget !== null && ratio !== null && ratio >= ratioTarget);
        target += held ? ' ✓' : ' ✗';
      }
      const rec = ref.tfjs ? fmtNum(ref.tfjs) : ref.tfjs === null ? 'fails' : '–';
      const rssA = rssCell(r.a) + (r.a.ok && r.b.ok && r.a.rss && r.b.rss && r.a.rss > r.b.rss ? ' ▲' : '');
      const moreCells = (r.more ?? []).map(({ s: m }) => ` ${cell(m)} | ${fmtRatio(ratioOf(r.a, m))} |`).join('');
      out.push(`| ${def.title} | ${def.unit} | ${cell(r.a)} |${moreCells} ${cell(r.b)} | ${fmtRatio(ratio)} | ${target} | ${rec} | ${rssA} | ${rssCell(r.b)} |`);
    }
    out.push('');
    out.push('▲: layerwise\'s peak RSS is above tfjs-layers\' on this row.');
    // The same work per CPU-second of the child process (all its threads).
    out.push('');
    out.push(`<details><summary>${backend}: throughput per CPU-second (less perturbed by other load on a shared machine; multi-threaded runs count every thread)</summary>`);
    out.push('');
    out.push(`| workload | unit | ${aLabel} |${moreHead} tfjs-layers | ratio |`);
    out.push(`|---|---|---:|${more.map(() => '---:|---:|').join('')}---:|---:|`);
    const perCpu = (side) => (side.ok ? side.perCpuS : null);
    const perCpuCell = (side) => (perCpu(side) === null ? cell(side) : fmtNum(perCpu(side)));
    const perCpuRatio = (x, y) => (perCpu(x) && perCpu(y) ? `${(perCpu(x) / perCpu(y)).toFixed(2)}x` : '–');
    for (const r of rows) {
      const moreCells = (r.more ?? []).map(({ s: m }) => ` ${perCpuCell(m)} | ${perCpuRatio(r.a, m)} |`).join('');
      out.push(`| ${WORKLOADS[r.workload].title} | ${WORKLOADS[r.workload].unit} per CPU-s | ${perCpuCell(r.a)} |${moreCells} ${perCpuCell(r.b)} | ${perCpuRatio(r.a, r.b)} |`);
    }
    out.push('');
    out.push('</details>');
    // fit / predict on Tensors against host arrays (layerwise; tfjs-layers takes Tensors in both rows).
    for (const [tensorRow, hostRow, what] of [['mlp-train-tensor', 'mlp-train', 'fit'], ['mlp-predict-tensor', 'mlp-predict', 'predict']]) {
      const t = rows.find((r) => r.workload === tensorRow);
      const h = rows.find((r) => r.workload === hostRow);
      if (!t || !h) continue;
      const pairs = [[t.a, h.a, aLabel], ...(t.more ?? []).map((m, i) => [m.s, h.more?.[i]?.s, m.side.label])];
      const parts = pairs.map(([x, y, label]) => `${label} ${fmtRatio(ratioOf(x, y ?? { ok: false }))} (${x?.ok && y?.ok && x.perCpuS && y.perCpuS ? `${(x.perCpuS / y.perCpuS).toFixed(2)}x` : '–'} per CPU-s)`);
      out.push('');
      out.push(`${what} on a Tensor vs the same values as { data, shape } (${backend}): ${parts.join('; ')}.`);
    }
    // fitGenerator / fitDataset against fit on arrays, per side.
    const fitRow = rows.find((r) => r.workload === 'mlp-train');
    const genRow = rows.find((r) => r.workload === 'mlp-generator');
    if (fitRow && genRow) {
      const g = (gen, fit) => (gen.ok && fit.ok ? `${(gen.median / fit.median).toFixed(2)}x` : '–');
      const gc = (gen, fit) => (gen.ok && fit.ok && gen.perCpuS && fit.perCpuS ? `${(gen.perCpuS / fit.perCpuS).toFixed(2)}x` : '–');
      out.push('');
      out.push(`Generator path vs fit on arrays (${backend}), samples/s ratio (per CPU-s in brackets): layerwise fitGenerator / fit = ${g(genRow.a, fitRow.a)} (${gc(genRow.a, fitRow.a)}); tfjs-layers fitDataset / fit = ${g(genRow.b, fitRow.b)} (${gc(genRow.b, fitRow.b)}).`);
    }
  }
  const seqRows = rowsIn.filter((r) => r.workload === 'seq-workers');
  if (seqRows.length) {
    out.push('');
    out.push('## Sequence with CPU-bound augmentation: fitGenerator workers (layerwise only)');
    out.push('');
    out.push('| backend | getItem CPU ms | workers 2, useMultiprocessing (batches/s) | workers 1 (batches/s) | ratio | CPU ms/batch w2: main + workers + V8 helpers | CPU ms/batch w1: main + V8 helpers | peak RSS w2 | peak RSS w1 |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    const split = (side, withWorkers) => {
      const c = side.ok ? side.last?.cpuPerBatch : null;
      if (!c) return '–';
      const parts = withWorkers ? [c.main, c.workers, c.helpers] : [c.main, c.helpers];
      return `${parts.map((v) => v.toFixed(1)).join(' + ')} = ${parts.reduce((x, y) => x + y, 0).toFixed(1)}`;
    };
    for (const r of seqRows) {
      const ratio = ratioOf(r.a, r.b);
      const info = (r.a.ok ? r.a.last : r.b.ok ? r.b.last : null) ?? {};
      out.push(`| ${r.backend} | ${fmtNum(info.getItemMs)} | ${cell(r.a)} | ${cell(r.b)} | ${ratio === null ? '–' : `${ratio.toFixed(2)}x`} | ${split(r.a, true)} | ${split(r.b, false)} | ${rssCell(r.a)} | ${rssCell(r.b)} |`);
    }
    out.push('');
    out.push('batches/s is steady state (after the first batches, so worker start-up is excluded). The CPU split is per thread over those batches (Linux /proc, last run): with 2 cores, batches/s can reach at most 2000 / (CPU ms per batch), so the ratio is bounded by 2 x (w1 CPU / w2 CPU) and by how much of the two cores workers 1 already uses.');
  }
  out.push('');
  return out.join('\n');
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A horizontal bar chart of the ratios on a log2 axis, with a line at 1x. */
export function svgChart(rowsIn, meta) {
  const bars = [];
  for (const r of rowsIn) {
    const ratio = ratioOf(r.a, r.b);
    const label = r.workload === 'seq-workers' ? `${r.backend} · seq workers 2 / 1` : `${r.backend} · ${r.workload}`;
    const [la, lb] = r.workload === 'seq-workers' ? ['workers 2', 'workers 1'] : ['layerwise', 'tfjs-layers'];
    bars.push({ label, ratio, note: ratio === null ? (r.a.ok ? `${lb} ${r.b.note}` : `${la} ${r.a.note}`) : null });
  }
  const finite = bars.filter((b) => b.ratio !== null).map((b) => Math.log2(b.ratio));
  const lo = Math.min(-1, Math.floor(Math.min(0, ...finite)));
  const hi = Math.max(2, Math.ceil(Math.max(0, ...finite)));
  const left = 230;
  const plotW = 480;
  const rowH = 24;
  const top = 50;
  const width = left + plotW + 90;
  const height = top + bars.length * rowH + 40;
  const x = (l2) => left + ((l2 - lo) / (hi - lo)) * plotW;
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(`layerwise / tfjs-layers ${meta.tfjsVersion} throughput ratio (log scale)`)}</text>`);
  for (let t = lo; t <= hi; t++) {
    const tx = x(t);
    parts.push(`<line x1="${tx}" y1="${top - 8}" x2="${tx}" y2="${top + bars.length * rowH}" stroke="${t === 0 ? '#333' : '#ddd'}" stroke-width="${t === 0 ? 1.5 : 1}"/>`);
    const v = 2 ** t;
    parts.push(`<text x="${tx}" y="${top + bars.length * rowH + 16}" text-anchor="middle" fill="#555">${v >= 1 ? v : `1/${1 / v}`}x</text>`);
  }
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>`);
    if (b.ratio === null) {
      parts.push(`<text x="${x(0) + 6}" y="${y + 15}" fill="#999">${esc((b.note ?? 'n/a').slice(0, 60))}</text>`);
      return;
    }
    const l2 = Math.log2(b.ratio);
    const x0 = x(Math.min(0, l2));
    const w = Math.max(1, Math.abs(x(l2) - x(0)));
    parts.push(`<rect x="${x0}" y="${y + 4}" width="${w}" height="${rowH - 8}" fill="${b.ratio >= 1 ? '#2f7ed8' : '#d9534f'}"/>`);
    parts.push(`<text x="${x(Math.max(0, l2)) + 4}" y="${y + 15}" fill="#222">${b.ratio.toFixed(2)}x</text>`);
  });
  parts.push(`<text x="${left}" y="${height - 6}" fill="#777" font-size="10">${esc(`${meta.date} · ${meta.cpus} · blue: layerwise faster · seq: workers 2 (threads) / workers 1`)}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
