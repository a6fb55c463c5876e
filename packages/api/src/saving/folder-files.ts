import type { WeightsManifestGroup } from './artifacts.js';
import { MAX_JSON_BYTES, parseModelJson } from './json-limits.js';
import { describeFsError, errorCode, fsError, type NodeFs } from './node-fs.js';
import { checkSpecs, specsBytes } from './weight-data.js';

/**
 * Reading a model's files without trusting them: every path a model.json names resolves
 * inside the model's folder (no '..', no absolute path or URL, no symbolic link that leads
 * out), only regular files are opened (never a device, FIFO or /proc file), each at most
 * once, and sizes are compared with the manifest before a byte is read.
 */

const FOLLOW_NONE = (fsConstants: { O_RDONLY: number; O_NOFOLLOW?: number; O_NONBLOCK?: number }): number =>
  // O_NONBLOCK: a FIFO swapped in after the check must not block the open.
  fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

/** The real path of the folder weights are read from; everything read must stay under it. */
export async function folderRoot({ fs }: NodeFs, dir: string, where: string): Promise<string> {
  try {
    return await fs.realpath(dir);
  } catch (err) {
    throw fsError(`${where}: cannot open the model's folder '${dir}': ${describeFsError(err)}`, err);
  }
}

/**
 * The real path of `rel` (a manifest path) inside the folder `root`, or an error naming the
 * manifest entry (`entry`, e.g. "weightsManifest[0].paths[1]").
 */
export async function resolveInside({ fs, path }: NodeFs, root: string, rel: unknown, entry: string, where: string): Promise<string> {
  const bad = (why: string): Error => new Error(`${where}: ${entry} ${JSON.stringify(rel)} ${why}; weight files must be named relative to the model's folder and stay inside it`);
  if (typeof rel !== 'string' || rel === '') throw bad('is not a file name');
  if (rel.includes('\0')) throw bad('holds a NUL character');
  if (rel.includes('\\')) throw bad("holds a '\\' (use '/' between folders)");
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(rel)) throw bad('is a URL or a drive path');
  if (rel.startsWith('/')) throw bad('is an absolute path');
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw bad("steps out with '..'");
  if (parts.length === 0) throw bad('names the folder itself');
  const candidate = path.join(root, ...parts);
  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw new Error(`${where}: the weights file '${candidate}' (${entry}) is missing`);
    throw fsError(`${where}: cannot open the weights file '${candidate}' (${entry}): ${describeFsError(err)}`, err);
  }
  if (!real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) throw bad('leads out of the folder through a symbolic link');
  return real;
}

/** Size of a regular file, or an error: devices, FIFOs, sockets and folders are never opened. */
async function regularSize({ fs }: NodeFs, file: string, label: string, where: string): Promise<number> {
  let st;
  try {
    st = await fs.stat(file);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw fsError(`${where}: ${label} '${file}' is missing`, err);
    throw fsError(`${where}: cannot read ${label} '${file}': ${describeFsError(err)}`, err);
  }
  if (!st.isFile()) throw new Error(`${where}: ${label} '${file}' is not a regular file (it is a ${st.isDirectory() ? 'folder' : 'device, FIFO or socket'})`);
  return st.size;
}

/** Reads exactly `into.byteLength` bytes of a regular file: it must hold that many, no more. */
async function readExactly({ fs }: NodeFs, file: string, into: Uint8Array, label: string, where: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(file, FOLLOW_NONE(fs.constants));
  } catch (err) {
    throw fsError(`${where}: cannot open ${label} '${file}': ${describeFsError(err)}`, err);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new Error(`${where}: ${label} '${file}' is not a regular file`);
    if (st.size !== into.byteLength) throw new Error(`${where}: ${label} '${file}' changed while it was being read (${st.size} bytes, expected ${into.byteLength})`);
    let at = 0;
    while (at < into.byteLength) {
      const { bytesRead } = await handle.read(into, at, into.byteLength - at, at);
      if (bytesRead === 0) throw new Error(`${where}: ${label} '${file}' ended after ${at} of ${into.byteLength} bytes`);
      at += bytesRead;
    }
    const { bytesRead } = await handle.read(new Uint8Array(1), 0, 1, at);
    if (bytesRead !== 0) throw new Error(`${where}: ${label} '${file}' grew while it was being read`);
  } finally {
    await handle.close();
  }
}

/** A model.json (or weights manifest) read and parsed within the size and nesting limits. */
export async function readJsonFile(node: NodeFs, file: string, where: string): Promise<unknown> {
  const size = await regularSize(node, file, 'the model file', where);
  if (size > MAX_JSON_BYTES) throw new Error(`${where}: the model file '${file}' has ${size} bytes; model files larger than ${MAX_JSON_BYTES} bytes are refused`);
  const bytes = new Uint8Array(size);
  await readExactly(node, file, bytes, 'the model file', where);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${where}: '${file}' is not UTF-8 text`);
  }
  return parseModelJson(text, `${where}: '${file}'`);
}

/**
 * The weight data of every manifest group, read from files inside `dir` into one buffer.
 * Every path is resolved and every file's size checked against its group's specs before
 * anything is allocated or read; each file is read once.
 */
export async function readWeightFiles(node: NodeFs, dir: string, manifest: readonly WeightsManifestGroup[], jsonPath: string, where: string): Promise<ArrayBuffer> {
  const root = await folderRoot(node, dir, where);
  const seen = new Map<string, string>();
  const plan: { file: string; size: number; label: string }[] = [];
  let total = 0;
  for (const [g, group] of manifest.entries()) {
    const expected = specsBytes(checkSpecs(group.weights, `${where}: weightsManifest[${g}]`));
    let found = 0;
    for (const [p, rel] of group.paths.entries()) {
      const entry = `weightsManifest[${g}].paths[${p}] of '${jsonPath}'`;
      const file = await resolveInside(node, root, rel, entry, where);
      const earlier = seen.get(file);
      if (earlier) throw new Error(`${where}: ${entry} ${JSON.stringify(rel)} names the same file as ${earlier}; each weights file may be listed once`);
      seen.set(file, entry);
      const label = `the weights file (${entry})`;
      const size = await regularSize(node, file, label, where);
      found += size;
      plan.push({ file, size, label });
    }
    if (found !== expected) {
      throw new Error(`${where}: weightsManifest[${g}] describes ${group.weights.length} tensors of ${expected} bytes, but its ${group.paths.length} file(s) named in '${jsonPath}' hold ${found} bytes`);
    }
    total += found;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const { file, size, label } of plan) {
    await readExactly(node, file, out.subarray(at, at + size), label, where);
    at += size;
  }
  return out.buffer;
}
