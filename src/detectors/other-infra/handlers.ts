/** Handler strings (`src/handlers/users.get`, `packages/functions/src/x.handler`) → the source file, when it exists. */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';

// Lambda runtimes beyond Node read the same `module.function` handler form (Python and Ruby files by module name).
const EXTENSIONS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.tsx', '/index.ts', '/index.js', '.py', '.rb'];

export function handlerFile(index: RepoIndex, baseDir: string, handler: string | undefined): string | undefined {
  if (!handler || handler.includes('${')) return undefined;
  const dot = handler.lastIndexOf('.');
  const slash = handler.lastIndexOf('/');
  const module = dot > slash ? handler.slice(0, dot) : handler;
  const stem = path.posix.normalize(path.posix.join(baseDir, module)).replace(/^\.\//, '');
  if (stem.startsWith('..')) return undefined;
  for (const ext of EXTENSIONS) if (index.has(stem + ext)) return stem + ext;
  return undefined;
}
