import type * as FsPromises from 'node:fs/promises';
import type * as Path from 'node:path';

/** node:fs/promises and node:path, loaded on first use so that browser bundles never see them. */
export interface NodeFs {
  fs: typeof FsPromises;
  path: typeof Path;
}

let loaded: Promise<NodeFs> | null = null;

/** Node's file system, or an error for `what` that points a browser user to the in-memory handlers. */
export async function nodeFs(what: string): Promise<NodeFs> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!proc?.versions?.node) {
    throw new Error(`${what}: file paths need Node.js (node:fs); in a browser use saving.memoryHandler(), saving.withSaveHandler(fn) or saving.fromArtifacts(artifacts)`);
  }
  // Computed specifiers keep browser bundlers from trying to resolve Node builtins.
  const fsName = 'node:fs/promises';
  const pathName = 'node:path';
  loaded ??= Promise.all([import(/* @vite-ignore */ fsName), import(/* @vite-ignore */ pathName)])
    .then(([fs, path]) => ({ fs: fs as typeof FsPromises, path: path as typeof Path }));
  return loaded;
}

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const CAUSES: Record<string, string> = {
  EROFS: 'the file system is read-only',
  ENOSPC: 'there is no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than the file system allows',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOENT: 'no such file or folder',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files on the system',
  EIO: 'an input/output error from the device',
  EXDEV: 'the temporary file is on another device',
  EBUSY: 'the file or folder is busy',
};

/** A file-system error in words: 'the file system is read-only (EROFS)', else its own message. */
export function describeFsError(err: unknown): string {
  const code = errorCode(err);
  const cause = code ? CAUSES[code] : undefined;
  if (cause) return `${cause} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

/** An Error with `message`, the original error as its cause, and the original `code`. */
export function fsError(message: string, err: unknown): Error {
  const out = new Error(message, { cause: err }) as Error & { code?: string };
  const code = errorCode(err);
  if (code) out.code = code;
  return out;
}
