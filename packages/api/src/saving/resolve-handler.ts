import type { IOHandler } from './artifacts.js';
import { FileHandler, type FileHandlerOptions } from './file-handler.js';

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;

/** A handler for a path ('/dir', 'file:///dir', 'dir/model.json') or the handler itself. */
export function resolveHandler(pathOrHandler: string | IOHandler, method: 'save' | 'load', where: string, fileOptions?: FileHandlerOptions): IOHandler {
  if (typeof pathOrHandler === 'string') {
    if (pathOrHandler.length === 0) throw new Error(`${where}: the path is empty`);
    const scheme = SCHEME.exec(pathOrHandler);
    if (scheme && scheme[1].toLowerCase() !== 'file') {
      throw new Error(`${where}: unknown URL scheme '${scheme[1]}://' in '${pathOrHandler}'; give a 'file://' or plain path (Node), or an IOHandler such as saving.memoryHandler(), saving.withSaveHandler(fn) or saving.fromArtifacts(artifacts)`);
    }
    return new FileHandler(scheme ? pathOrHandler.slice(scheme[0].length) : pathOrHandler, fileOptions);
  }
  if (typeof pathOrHandler !== 'object' || pathOrHandler === null) {
    throw new Error(`${where}: expected a path or an IOHandler, got ${pathOrHandler === null ? 'null' : typeof pathOrHandler}`);
  }
  if (typeof pathOrHandler[method] !== 'function') throw new Error(`${where}: the IOHandler has no ${method}() method`);
  return pathOrHandler;
}
