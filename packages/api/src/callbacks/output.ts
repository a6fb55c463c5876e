import type { PrintFn } from './progbar.js';

type Stdout = { write(s: string): unknown; isTTY?: boolean };

/** Node's process.stdout, when there is one (not in browsers). */
function stdout(): Stdout | undefined {
  const p = (globalThis as { process?: { stdout?: Stdout } }).process;
  return p?.stdout && typeof p.stdout.write === 'function' ? p.stdout : undefined;
}

export function stdoutIsTTY(): boolean {
  return stdout()?.isTTY === true;
}

/** process.stdout.write with \r for in-place lines; console.log where there is no stdout. */
export function defaultPrint(): PrintFn {
  const out = stdout();
  if (!out) return (line) => console.log(line);
  let pending = false;
  return (line, inPlace) => {
    out.write(inPlace ? `\r${line}` : `${pending ? '\r' : ''}${line}\n`);
    pending = inPlace;
  };
}
