/**
 * Where an exported name is defined: the file and line of `export function requireAuth`, `export const users = …`,
 * `class UsersController`, following `export { x } from './y'` and `export * from './y'` barrels a few hops, and a
 * member inside it (`UsersController.list`, `users.create`). Read from text (strings and comments blanked), so a
 * route table can point at the code of every handler and middleware without parsing each file it names.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import type { Citation } from '../../facts.js';
import { moduleResolver } from './resolve-module.js';
import { codeOnly, lineAt } from './text-scan.js';

const codes = new WeakMap<RepoIndex, Map<string, string>>();

function codeOf(index: RepoIndex, file: string): string | undefined {
  let byFile = codes.get(index);
  if (!byFile) codes.set(index, (byFile = new Map()));
  if (!byFile.has(file)) {
    const text = index.read(file);
    if (text === undefined) return undefined;
    byFile.set(file, codeOnly(text));
  }
  return byFile.get(file);
}

const escape = (s: string) => s.replace(/[$]/g, '\\$');

/** Offset of a top-level definition of `name` in code, or -1. */
function declarationOffset(code: string, name: string): number {
  const n = escape(name);
  const patterns = [
    new RegExp(`(?:^|[\\s;])(?:export\\s+)?(?:default\\s+)?(?:declare\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${n}\\b`, 'm'),
    new RegExp(`(?:^|[\\s;])(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?class\\s+${n}\\b`, 'm'),
    new RegExp(`(?:^|[\\s;])(?:export\\s+)?(?:const|let|var)\\s+${n}\\b`, 'm'),
    new RegExp(`(?:^|[\\s;])(?:module\\.)?exports\\.${n}\\s*=`, 'm'),
  ];
  for (const re of patterns) {
    const m = re.exec(code);
    if (m) return m.index + (m[0].length - m[0].trimStart().length);
  }
  return -1;
}

/** `const users = require('./users-controller')` at `offset`: the module required, whose default export it is. */
function requiredAt(code: string, text: string, offset: number): string | undefined {
  const m = /^(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*=\s*require\(\s*(['"])/.exec(code.slice(offset, offset + 200));
  if (!m) return undefined;
  const quote = offset + m[0].length - 1;
  const end = text.indexOf(m[1], quote + 1);
  return end === -1 ? undefined : text.slice(quote + 1, end);
}

/** Offset of `member` defined after `from` (a method, a property, a class field). */
function memberOffset(code: string, from: number, member: string): number {
  const re = new RegExp(
    `(?:^|[\\s,{;])(?:(?:public|private|protected|static|readonly|async|override)\\s+)*(?:get\\s+|set\\s+)?${escape(member)}\\s*(?:<[^>]*>\\s*)?(?:[:=(]|(?=[,}]))`,
    'gm',
  );
  re.lastIndex = from;
  const m = re.exec(code);
  return m ? m.index + (m[0].length - m[0].trimStart().length) : -1;
}

export interface DefinitionQuery {
  /** The file the name is imported from (already resolved). */
  readonly file: string;
  /** The imported name: `default`, `*` (the module itself), or an exported name. */
  readonly name: string;
  /** A member of what is imported: `list` for `UsersController.list`. */
  readonly member?: string;
}

const cache = new WeakMap<RepoIndex, Map<string, Citation | undefined>>();

/** The definition's place, or the file alone (line 1 is never claimed) when the name cannot be found in it. */
export function findDefinition(index: RepoIndex, query: DefinitionQuery): Citation | undefined {
  let byKey = cache.get(index);
  if (!byKey) cache.set(index, (byKey = new Map()));
  const key = `${query.file}\0${query.name}\0${query.member ?? ''}`;
  if (!byKey.has(key)) byKey.set(key, lookup(index, query, 0));
  return byKey.get(key);
}

function lookup(index: RepoIndex, { file, name, member }: DefinitionQuery, depth: number): Citation | undefined {
  const code = codeOf(index, file);
  if (code === undefined) return undefined;
  const text = index.read(file) ?? '';
  const here = (offset: number): Citation => ({ file, line: lineAt(text, offset) });
  /** The member path inside what is defined at `offset`; through `const x = require('./y')` and `{ x }` into where x is. */
  const withMember = (offset: number, parts: readonly string[] = member ? member.split('.') : [], hops = 0): Citation => {
    const required = requiredAt(code, text, offset);
    if (required && depth < 4) {
      const target = moduleResolver(index).resolve(file, required);
      const rest = parts.join('.');
      const found = target && target !== file ? lookup(index, { file: target, name: 'default', ...(rest ? { member: rest } : {}) }, depth + 1) : undefined;
      if (found?.line !== undefined) return found;
    }
    if (parts.length === 0 || hops > 8) return here(offset);
    const next = memberOffset(code, offset, parts[0]);
    if (next === -1) {
      // `export const users = new UsersController()` below the class: the member is the class's.
      const made = /^[^;\n]*?=\s*new\s+([\w$]+)\s*\(/.exec(code.slice(offset, offset + 200));
      const cls = made ? declarationOffset(code, made[1]) : -1;
      if (cls !== -1 && cls !== offset && hops < 8) {
        const inClass = memberOffset(code, cls, parts[0]);
        if (inClass !== -1) return withMember(inClass, parts.slice(1), hops + 1);
      }
      return here(offset);
    }
    // `{ comments }` or `comments: comments`: the member is a name defined elsewhere in the file.
    const value = /^[\w$]+\s*(?::\s*([\w$]+)\s*)?(?=[,}\n])/.exec(code.slice(next, next + 120));
    if (value) {
      const decl = declarationOffset(code, value[1] ?? parts[0]);
      if (decl !== -1) return withMember(decl, parts.slice(1), hops + 1);
    }
    return withMember(next, parts.slice(1), hops + 1);
  };
  if (name === '*') {
    if (!member) return { file };
    const at = declarationOffset(code, member);
    if (at !== -1) return here(at);
    return reexported(index, file, code, text, member, undefined, depth) ?? { file };
  }
  if (name === 'default') {
    const m = /(?:^|[\s;])export\s+default\s+(?:(?:async\s+)?function\s*\*?\s*|(?:abstract\s+)?class\s+)?([\w$]+)?/m.exec(code);
    if (m) {
      const local = m[1] && !/^(async|function|class|new)$/.test(m[1]) ? declarationOffset(code, m[1]) : -1;
      return withMember(local !== -1 ? local : m.index + (m[0].length - m[0].trimStart().length));
    }
    const cjs = /(?:^|[\s;])module\.exports\s*=\s*([\w$]+)?/m.exec(code);
    if (cjs) {
      const local = cjs[1] ? declarationOffset(code, cjs[1]) : -1;
      return withMember(local !== -1 ? local : cjs.index);
    }
    return reexported(index, file, code, text, 'default', member, depth) ?? { file };
  }
  const at = declarationOffset(code, name);
  if (at !== -1) return withMember(at);
  return reexported(index, file, code, text, name, member, depth) ?? { file };
}

/** `export { name } from './x'`, `export { a as name } from './x'`, `export * from './x'`: the name's real home. */
function reexported(index: RepoIndex, file: string, code: string, text: string, name: string, member: string | undefined, depth: number): Citation | undefined {
  if (depth > 3) return undefined;
  const resolver = moduleResolver(index);
  const follow = (specifier: string, exported: string): Citation | undefined => {
    const target = resolver.resolve(file, specifier);
    if (!target || target === file) return undefined;
    const found = lookup(index, { file: target, name: exported, ...(member ? { member } : {}) }, depth + 1);
    return found?.line !== undefined ? found : undefined;
  };
  // Module specifiers are blanked in `code`: read them from the original text at the same offsets.
  for (const m of code.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*(['"])/g)) {
    const spec = specifierAt(text, m.index + m[0].length - 1);
    for (const part of m[1].split(',')) {
      const [from, as] = part.trim().split(/\s+as\s+/);
      if ((as ?? from) === name && spec) {
        const found = follow(spec, from);
        if (found) return found;
      }
    }
  }
  if (name === 'default') return undefined;
  for (const m of code.matchAll(/export\s*\*\s*from\s*(['"])/g)) {
    const spec = specifierAt(text, m.index + m[0].length - 1);
    const found = spec ? follow(spec, name) : undefined;
    if (found) return found;
  }
  return undefined;
}

function specifierAt(text: string, quote: number): string | undefined {
  const q = text[quote];
  const end = text.indexOf(q, quote + 1);
  return end === -1 ? undefined : text.slice(quote + 1, end);
}
