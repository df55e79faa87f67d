/**
 * A named import that is a whole module under a name: `import { schema as Db } from '@repo/db'` where @repo/db does
 * `import * as schema from './schema'; export { schema }` (or `export * as schema from './schema'`). `Db.member` is
 * then the schema module's `member` table, as `import * as Db from './schema'` would give.
 */
import type { RepoIndex } from '../../scan/repo-index.js';

const escape = (s: string) => s.replace(/[$]/g, '\\$');

/** Whether `target` exports `name` as a namespace (a module re-exported whole): read from its text. */
export function exportsNamespace(index: RepoIndex, target: string, name: string): boolean {
  const text = index.read(target);
  if (!text || !text.includes(name)) return false;
  const n = escape(name);
  if (new RegExp(String.raw`\bexport\s*\*\s*as\s+${n}\s+from\b`).test(text)) return true;
  // `export { schema }`, `export { local as schema }`: the local must be a namespace import.
  for (const m of text.matchAll(/\bexport\s*\{([^}]*)\}\s*;?/g)) {
    // `export { a } from './x'` re-exports another module's binding, not a local one.
    if (/^\s*from\b/.test(text.slice(m.index! + m[0].length))) continue;
    for (const part of m[1].split(',')) {
      const [local, exported] = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).map((s) => s.trim());
      if ((exported ?? local) !== name || !local) continue;
      if (new RegExp(String.raw`\bimport\s*\*\s*as\s+${escape(local)}\s+from\b`).test(text)) return true;
    }
  }
  return false;
}
