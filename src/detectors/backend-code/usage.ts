/** Who uses an exported function: files that import it (resolved to its defining file) and mention it again. */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { importsFromText } from '../shared/import-text.js';
import { codeOnly } from '../shared/text-scan.js';

interface Importer {
  readonly file: string;
  readonly module: string;
}

/** A definition whose importers are asked for. */
export interface Defined {
  readonly file: string;
  readonly name: string;
}

/** Which files can import anything at all. */
function mayImport(text: string): boolean {
  // A barrel of `export { x } from './x'` lines has no `import` word, and passes names on all the same.
  return text.includes('import') || text.includes('require') || (text.includes('export') && text.includes('from'));
}

/**
 * The words an importer of a definition must contain: its name (named imports), or the defining file's name (a whole
 * module taken with `require('./auth')` or `import * as auth from './auth'`; an `index` file is imported by its folder).
 */
function needlesOf(defs: readonly Defined[]): string[] {
  const words = new Set<string>();
  for (const d of defs) {
    words.add(d.name);
    const base = path.posix.basename(d.file).replace(/\.[cm]?[jt]sx?$/, '');
    words.add(base === 'index' ? path.posix.basename(path.posix.dirname(d.file)) : base);
  }
  return [...words].filter((w) => w !== '');
}

/**
 * Who imports each of `defs`, from one pass over `files`: only the files whose text names one of them are read for
 * their imports, so asking about a few middleware functions of a large app parses a handful of files, not all.
 */
export function importersFinder(index: RepoIndex, files: readonly string[], defs: readonly Defined[]): (def: Defined) => string[] {
  const needles = needlesOf(defs);
  const table = new Map<string, Importer[]>();
  if (needles.length > 0) {
    const pattern = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    for (const file of files) {
      const text = index.read(file);
      if (!text || !mayImport(text) || !pattern.test(text)) continue;
      // Import statements are read from the text: these files need no tree for it. `export { a } from './m'` takes
      // `a` from './m' like an import does; it is told apart later as a re-export, not a use.
      const bindings = [...importsFromText(text).values(), ...reExportsFromText(text)];
      for (const binding of bindings) {
        const list = table.get(binding.imported);
        if (list) list.push({ file, module: binding.module });
        else table.set(binding.imported, [{ file, module: binding.module }]);
      }
    }
  }
  const byName = new Map<string, Map<string, string[]>>();
  /** Per name: defining file → its importers (each importer resolved once per name, not once per definition). */
  const importersByName = (definingFile: string, name: string, mentioned: string | undefined): string[] => {
    const cacheKey = `${name}\0${mentioned ?? ''}`;
    let byTarget = byName.get(cacheKey);
    if (!byTarget) {
      byTarget = new Map();
      const resolver = moduleResolver(index);
      for (const { file, module } of table.get(name) ?? []) {
        if (mentioned !== undefined && !index.read(file)?.includes(mentioned)) continue;
        const target = resolver.resolve(file, module);
        if (target === undefined) continue;
        const list = byTarget.get(target);
        if (!list) byTarget.set(target, [file]);
        else if (list.at(-1) !== file) list.push(file);
      }
      byName.set(cacheKey, byTarget);
    }
    return [...new Set(byTarget.get(definingFile) ?? [])].filter((f) => f !== definingFile).sort();
  };
  /** Files that only pass the name on (a barrel): their importers use it instead, followed through barrel chains. */
  const rests = new Map<string, string | undefined>();
  const onlyReExports = (file: string, name: string): boolean => {
    if (!rests.has(file)) rests.set(file, codeBesidesImportsAndExports(index.read(file) ?? ''));
    const rest = rests.get(file);
    return rest !== undefined && !names(rest, name);
  };
  const throughBarrels = (files: readonly string[], name: string, depth: number): string[] =>
    files.flatMap((f) => (depth < 4 && onlyReExports(f, name) ? throughBarrels(importersByName(f, name, name), name, depth + 1) : [f]));
  return ({ file, name }) => {
    const direct = [...new Set(throughBarrels(importersByName(file, name, name), name, 0))].filter((f) => f !== file).sort();
    // `const auth = require('./auth')` takes the whole module: it is this name when the module exports only it.
    // Only an identifier can be exported whole; a definition named by an expression (`new Hono<…>()…`) cannot.
    if (!/^[\w$]+$/.test(name)) return direct;
    // `export default session`, `export default async function session(…)`, `module.exports = session`.
    const whole = new RegExp(`(module\\.exports\\s*=|export default)\\s*(?:async\\s+)?(?:function\\s*\\*?\\s*)?${name.replace(/[$]/g, '\\$')}\\b`);
    if (!whole.test(index.read(file) ?? '')) return direct;
    const viaDefault = ['*', 'default'].flatMap((imported) => importersByName(file, imported, undefined));
    return [...new Set([...direct, ...viaDefault])].sort();
  };
}

/** `export { a, b as c } from './m'`: bindings taken from './m' by name, as imports are (`export *` is not named). */
function reExportsFromText(text: string): { module: string; imported: string }[] {
  const out: { module: string; imported: string }[] = [];
  for (const m of text.matchAll(/\bexport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"\n]+)['"]/g)) {
    for (const part of m[1].split(',')) {
      const imported = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/)[0]?.trim();
      if (imported) out.push({ module: m[2], imported });
    }
  }
  return out;
}

/**
 * A file's code with its import statements and export lists taken out, or undefined when it has no export list (then
 * it re-exports nothing by name). A barrel is a file whose remaining code no longer names what it passes on.
 */
function codeBesidesImportsAndExports(text: string): string | undefined {
  // Most files have no export list at all: say so before blanking strings and comments out of the whole text.
  if (!/\bexport\s*(?:type\s+)?\{/.test(text)) return undefined;
  return codeOnly(text)
    .replace(/\bimport\s+(?:type\s+)?[^;'"`]*?from\s*['"][^'"\n]*['"]/g, '')
    .replace(/\bexport\s+(?:type\s+)?\{[^}]*\}(\s*from\s*['"][^'"\n]*['"])?/g, '');
}

function names(rest: string, name: string): boolean {
  return new RegExp(`(^|[^\\w$.])${name.replace(/[$]/g, '\\$')}(?![\\w$])`).test(rest);
}
