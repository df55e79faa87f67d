/**
 * A Terraform Lambda whose archive zips build output (`source_file = "../dist-lambda/handler.mjs"`): the source it
 * runs, traced through the repository's esbuild scripts (read, never run), else the output named as such — a file
 * a build makes is not "not found in the repository".
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { esbuildOutputs, type BuiltOutput } from './esbuild-outputs.js';
import type { InfraBuiltBy, InfraCodeSource } from './types.js';

/** Folders builds write to: `dist`, `dist-lambda`, `build`, `.build`, `out`. */
const BUILD_FOLDER = /(^|\/)(dist[^/]*|build|\.build|out)(\/|$)/;

const outputs = new WeakMap<RepoIndex, Map<string, BuiltOutput>>();

/** `zipped`: the archive's `source_file`, or its `source_dir` (`isDir`) holding the handler's module. */
export function builtCode(
  index: RepoIndex,
  zipped: string | undefined,
  isDir: boolean,
  handler: string | undefined,
): { handlerFile?: string; builtBy?: InfraBuiltBy; codeSource?: InfraCodeSource } {
  if (!zipped || zipped.startsWith('..')) return {};
  const dot = handler ? handler.lastIndexOf('.') : -1;
  const module = handler && dot > 0 ? handler.slice(0, dot) : undefined;
  const file = isDir ? (module ? path.posix.join(zipped, module) : undefined) : zipped.replace(/\.[cm]?[jt]sx?$/, '');
  let known = outputs.get(index);
  if (!known) outputs.set(index, (known = esbuildOutputs(index)));
  const built = file ? known.get(file) : undefined;
  if (built) return { handlerFile: built.source, builtBy: { file: built.file, line: built.line } };
  if (BUILD_FOLDER.test(zipped) && !index.has(zipped)) return { codeSource: { kind: 'build', path: isDir && file ? file : zipped } };
  return {};
}
