/**
 * Serverless Framework `${file(path)}` / `${file(path):key.sub}` includes, resolved relative to the including file and
 * only to files of the repository. A path built from variables (`apis${self:custom.offline.filePrefix}.yaml`) is not
 * evaluated: every repository file it can name is a candidate, the one with each variable empty first (the plain
 * variant: `apis.yaml` before `apis-offline.yaml`).
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { get, type YamlNode } from '../../scan/yaml.js';

export interface IncludeRef {
  /** The included files, as resolved from the including file's folder (more than one when the path has variables). */
  readonly files: string[];
  /** The path as written when no repository file matched (a missing file, or one outside the repository). */
  readonly written: string;
  /** `a.b` of `${file(x.yml):a.b}`. */
  readonly key?: string;
}

const INCLUDE = /^\$\{file\((.+?)\)(?::([\w.-]+))?\}$/;
const VARIABLE = /\$\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g;

export function includeRef(index: RepoIndex, text: string | undefined, from: string): IncludeRef | undefined {
  const m = text ? INCLUDE.exec(text.trim()) : undefined;
  if (!m) return undefined;
  const written = m[1].trim().replace(/^['"]|['"]$/g, '');
  const resolve = (p: string) => path.posix.normalize(path.posix.join(path.posix.dirname(from), p)).replace(/^\.\//, '');
  const key = m[2];
  if (!written.includes('${')) {
    const target = resolve(written);
    const files = !target.startsWith('..') && index.read(target) !== undefined ? [target] : [];
    return { files, written: target, ...(key ? { key } : {}) };
  }
  // Variables in the path: the files it can name, the one with every variable empty first.
  const plain = resolve(written.replace(VARIABLE, ''));
  const pattern = resolve(written.replace(VARIABLE, '\u0000'));
  if (pattern.startsWith('..')) return { files: [], written: pattern.replace(/\u0000/g, '*'), ...(key ? { key } : {}) };
  const re = new RegExp(`^${pattern.split('\u0000').map(escapeRe).join('[^/]*')}$`);
  const files = index.files.filter((f) => re.test(f)).sort((a, b) => Number(b === plain) - Number(a === plain) || (a < b ? -1 : a > b ? 1 : 0));
  return { files, written: pattern.replace(/\u0000/g, '*'), ...(key ? { key } : {}) };
}

/** `a.b` of an include's key, walked through nested maps. */
export function pick(node: YamlNode | undefined, key: string | undefined): YamlNode | undefined {
  if (!key) return node;
  let n = node;
  for (const part of key.split('.')) n = get(n, part);
  return n;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
