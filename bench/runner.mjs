#!/usr/bin/env node
// One workload, one implementation, one backend, in this process; prints one JSON line:
//   {"bench":1,"workload","impl","variant","backend","size","ok",value,unit,maxRssMB,...}
// Usage: node runner.mjs <workload> <layerwise|tfjs> <cpu|wasm> [--size full|quick|tiny]
//        [--variant workers1|workers2] [--threads N]
import { WORKLOADS } from './lib/workloads.mjs';

function parseArgs(argv) {
  const [workload, impl, backend, ...rest] = argv;
  const opts = { workload, impl, backend, size: 'full', variant: '', threads: undefined };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--size') opts.size = rest[++i];
    else if (a === '--variant') opts.variant = rest[++i];
    else if (a === '--threads') opts.threads = Number(rest[++i]);
    else throw new Error(`runner: unknown argument '${a}'`);
  }
  return opts;
}

function peakRssMB() {
  // ru_maxrss is in KiB on Linux; VmHWM from /proc is the same figure, kept as a cross-check.
  return process.resourceUsage().maxRSS / 1024;
}

function oneLine(err) {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 300);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const def = WORKLOADS[opts.workload];
  const base = { bench: 1, workload: opts.workload, impl: opts.impl, variant: opts.variant, backend: opts.backend, size: opts.size, threads: opts.threads };
  const emit = (obj) => process.stdout.write(`${JSON.stringify({ ...base, ...obj, maxRssMB: Math.round(peakRssMB()) })}\n`);
  if (!def) throw new Error(`runner: unknown workload '${opts.workload}'`);
  const size = def.sizes[opts.size];
  if (!size) throw new Error(`runner: unknown size '${opts.size}'`);
  if (opts.impl !== 'layerwise' && opts.impl !== 'tfjs') throw new Error(`runner: unknown impl '${opts.impl}'`);

  const mod = await import(opts.impl === 'layerwise' ? './lib/impl-layerwise.mjs' : './lib/impl-tfjs.mjs');
  const fn = mod.workloads[opts.workload];
  if (!fn) {
    emit({ ok: false, unsupported: true, error: `${opts.impl} does not run ${opts.workload}` });
    return;
  }
  let info;
  try {
    info = await mod.setup(opts.backend, { threads: opts.threads });
  } catch (err) {
    emit({ ok: false, unavailable: true, error: oneLine(err) });
    return;
  }
  try {
    const result = await fn(size, opts.variant);
    emit({ ok: true, unit: def.unit, ...result, info });
  } catch (err) {
    if (process.env.BENCH_DEBUG) console.error(err);
    emit({ ok: false, error: oneLine(err), info });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
