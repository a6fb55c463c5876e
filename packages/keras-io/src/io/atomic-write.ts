import { saving } from '@layerwise/api';

function split(path: string): { dir: string; name: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? { dir: '.', name: path } : { dir: cut === 0 ? path.slice(0, 1) : path.slice(0, cut), name: path.slice(cut + 1) };
}

/**
 * Writes `bytes` to `path` so that a crash leaves either the old file or the whole new one:
 * the api's saving.writeFilesAtomically (a temporary file beside it, every byte written and
 * fsynced, renamed over the target, the folder fsynced), whose errors name the real cause
 * (read-only file system, no space left, a file where a folder should be).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, what: string): Promise<void> {
  const { dir, name } = split(path);
  await saving.writeFilesAtomically(dir, [{ name, data: bytes }], { where: what });
}
