import { describeFsError, errorCode, fsError, nodeFs, type NodeFs } from './node-fs.js';

/** One file for writeFilesAtomically: its name inside the folder, and its bytes (a string is written as UTF-8). */
export interface AtomicFile {
  /** The file's name inside the folder. */
  name: string;
  /** Its contents: bytes, or a string written as UTF-8. */
  data: Uint8Array | string;
}

/** Options of `writeFilesAtomically`. */
export interface AtomicWriteOptions {
  /** Names the operation in error messages ('save', 'ModelCheckpoint'). Default 'write'. */
  where?: string;
}

const TEMP = /^\.(.+)\.(\d+)-\d+\.tmp$/;
let tempCount = 0;

function tempName(name: string, pid: number): string {
  return `.${name}.${pid}-${tempCount++}.tmp`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(err) === 'EPERM';
  }
}

/** The nearest ancestor of `dir` (itself included) that exists but is not a folder, if any. */
async function fileInTheWay({ fs, path }: NodeFs, dir: string): Promise<string | null> {
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    try {
      return (await fs.stat(p)).isDirectory() ? null : p;
    } catch {
      if (path.dirname(p) === p) return null;
    }
  }
}

/**
 * Creates `dir` and its missing parents one level at a time, so a failure reports its real
 * cause (Node's recursive mkdir says ENOENT where the file system is read-only).
 */
async function makeFolder(node: NodeFs, dir: string): Promise<void> {
  const { fs, path } = node;
  try {
    if ((await fs.stat(dir)).isDirectory()) return;
    const err = Object.assign(new Error(`'${dir}' is not a folder`), { code: 'ENOTDIR' });
    throw err;
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
  const parent = path.dirname(dir);
  if (parent !== dir) await makeFolder(node, parent);
  try {
    await fs.mkdir(dir);
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
  }
}

/** Flushes a folder's entries (the renames in it) to disk; a no-op where folders cannot be opened (Windows). */
async function syncFolder({ fs }: NodeFs, dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof fs.open>>;
  try {
    handle = await fs.open(dir, 'r');
  } catch (err) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes(errorCode(err) ?? '')) return;
    throw err;
  }
  try {
    await handle.sync();
  } catch (err) {
    if (!['EINVAL', 'ENOTSUP', 'EBADF'].includes(errorCode(err) ?? '')) throw err;
  } finally {
    await handle.close();
  }
}

/** Removes temporary files a killed writer left for these names (their process is gone). */
async function removeStaleTemps({ fs, path }: NodeFs, dir: string, names: ReadonlySet<string>): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || !names.has(m[1]) || isAlive(Number(m[2]))) continue;
    await fs.unlink(path.join(dir, entry)).catch(() => undefined);
  }
}

async function writeTemp({ fs }: NodeFs, file: string, data: Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o666);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `files` into the folder `dir` (made if missing) so that a crash or a kill at any
 * moment leaves each file with either its old content or its complete new content, never a
 * part of one: each file is written to a temporary file in `dir` and flushed to disk
 * (fsync), then the temporary files are renamed over their targets in the order given, the
 * folder flushed after each rename so the order holds across a power loss too. Put the
 * file that makes a set valid (an index, a manifest such as model.json) last, and give the
 * files it refers to names that the index in place does not use (saving alternates
 * weights.bin and weights.1.bin), so the folder always holds one complete set.
 *
 * Errors name the real cause (a read-only file system, no space left, a file where a folder
 * should be) and carry the original error's `code`; a failure before the renames leaves
 * every target untouched and removes the temporary files. Temporary files left by a killed
 * process are removed by the next write of the same names. Node.js only; savers of other
 * formats (a Keras .h5 or .keras file, say) use it for their files too.
 */
export async function writeFilesAtomically(dir: string, files: readonly AtomicFile[], options: AtomicWriteOptions = {}): Promise<void> {
  const where = options.where ?? 'write';
  const node = await nodeFs(where);
  const { fs, path } = node;
  const names = new Set<string>();
  for (const f of files) {
    if (typeof f.name !== 'string' || f.name === '' || f.name !== path.basename(f.name) || f.name === '.' || f.name === '..') {
      throw new Error(`${where}: '${String(f.name)}' is not a plain file name (files are written inside the folder '${dir}')`);
    }
    if (names.has(f.name)) throw new Error(`${where}: the file '${f.name}' is given twice`);
    names.add(f.name);
  }
  const fail = async (err: unknown, doing: string): Promise<never> => {
    let cause = describeFsError(err);
    if (errorCode(err) === 'ENOTDIR' || errorCode(err) === 'EEXIST') {
      const file = await fileInTheWay(node, dir);
      if (file) cause = `'${file}' is a file, not a folder (ENOTDIR)`;
    }
    throw fsError(`${where}: cannot ${doing} '${dir}': ${cause}`, err);
  };
  try {
    await makeFolder(node, dir);
  } catch (err) {
    return fail(err, 'create the folder');
  }
  await removeStaleTemps(node, dir, names);
  const temps: string[] = [];
  try {
    for (const f of files) {
      const temp = path.join(dir, tempName(f.name, process.pid));
      temps.push(temp);
      await writeTemp(node, temp, f.data);
    }
  } catch (err) {
    await Promise.all(temps.map((t) => fs.unlink(t).catch(() => undefined)));
    return fail(err, `write ${files.length === 1 ? `'${files[0].name}' in` : 'the files in'} the folder (the old files are unchanged)`);
  }
  let renamed = 0;
  try {
    for (; renamed < files.length; renamed++) {
      await fs.rename(temps[renamed], path.join(dir, files[renamed].name));
      await syncFolder(node, dir);
    }
  } catch (err) {
    await Promise.all(temps.slice(renamed).map((t) => fs.unlink(t).catch(() => undefined)));
    const done = files.slice(0, renamed).map((f) => `'${f.name}'`).join(', ');
    return fail(err, `put '${files[renamed].name}' in place (${done ? `${done} already replaced` : 'nothing replaced'}) in`);
  }
}
