/** Who uses an exported function: files that import it (resolved to its defining file) and mention it again. */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { importsFromText } from '../shared/text-scan.js';

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
  return text.includes('import') || text.includes('require');
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
      // Import statements are read from the text: these files need no tree for it.
      for (const binding of importsFromText(text).values()) {
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
  return ({ file, name }) => {
    const direct = importersByName(file, name, name);
    // `const auth = require('./auth')` takes the whole module: it is this name when the module exports only it.
    // Only an identifier can be exported whole; a definition named by an expression (`new Hono<…>()…`) cannot.
    if (!/^[\w$]+$/.test(name)) return direct;
    if (!new RegExp(`(module\\.exports\\s*=|export default)\\s*${name.replace(/[$]/g, '\\$')}\\b`).test(index.read(file) ?? '')) return direct;
    const whole = ['*', 'default'].flatMap((imported) => importersByName(file, imported, undefined));
    return [...new Set([...direct, ...whole])].sort();
  };
}
