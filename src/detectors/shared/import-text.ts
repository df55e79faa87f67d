/**
 * A file's imports read from its text, without a parse tree: the one scanner behind every text question about imports
 * — which local names a file imports (`importsFromText`), and which modules it takes in at all, how, and whether only
 * as types (`moduleReferences`). Comments are blanked first, so `// import { X } from 'y'` and a `/* … *\/` block never
 * count; strings are kept, since module names are strings.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import type { ImportBinding } from './ast.js';
import { withoutComments } from './text-scan.js';

/**
 * `import … from 'm'` and `export … from 'm'`: the keyword, `type`, the clause between them and the module. The clause
 * holds no quote, semicolon or second `import`/`export` keyword, so a match never starts at an earlier declaration
 * (`export const a = 1` on the line before, in code without semicolons) and swallows the import after it.
 */
const FROM = /\b(import|export)\s+(type\s+)?((?:(?!\b(?:import|export)\s)[^'";])*?)\s*from\s*['"]([^'"\n]+)['"]/g;
/** `import 'm'` (no binding), `import('m')`, `require('m')`. */
const CALL = /\b(?:(import)\s*(\()?|(require)\s*\()\s*(['"`])([^'"`\n]+)\4/g;
/** The clause of an import that binds names: `a`, `a, { b as c }`, `* as ns`, `{ type T, d }`. */
const CLAUSE = /^([\w$]+\s*,?\s*)?(\*\s*as\s+[\w$]+|\{[^}]*\})?$/;
const REQUIRE = /\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*require\(\s*['"]([^'"\n]+)['"]\s*\)/g;

export interface ModuleReference {
  readonly module: string;
  /** `import … from` or `import 'm'`; `export … from`; `import('m')`; `require('m')`. */
  readonly kind: 'import' | 'export' | 'dynamic' | 'require';
  /** `import type …`, `export type … from`, or every named binding marked `type`: erased at compile time. */
  readonly typeOnly: boolean;
}

interface FromDeclaration {
  readonly keyword: 'import' | 'export';
  readonly type: boolean;
  readonly clause: string;
  readonly module: string;
}

function* fromDeclarations(code: string): Generator<FromDeclaration> {
  for (const m of code.matchAll(FROM)) {
    yield { keyword: m[1] as 'import' | 'export', type: m[2] !== undefined, clause: m[3].trim(), module: m[4] };
  }
}

/** Every module the file names in an import, re-export, dynamic `import()` or `require()`, in that order. */
export function moduleReferences(source: string): ModuleReference[] {
  const code = withoutComments(source);
  const out: ModuleReference[] = [];
  for (const d of fromDeclarations(code)) {
    const named = /^\{([^}]*)\}$/.exec(d.clause)?.[1];
    const parts = named?.split(',').map((p) => p.trim()).filter(Boolean);
    const allTypes = parts !== undefined && parts.length > 0 && parts.every((p) => /^type\s/.test(p));
    out.push({ module: d.module, kind: d.keyword, typeOnly: d.type || allTypes });
  }
  for (const m of code.matchAll(CALL)) {
    const kind = m[3] ? 'require' : m[2] ? 'dynamic' : 'import';
    // `import \`m\`` is not JavaScript; a template is a module name only inside `import(…)` / `require(…)`.
    if (kind === 'import' && m[4] === '`') continue;
    out.push({ module: m[5], kind, typeOnly: false });
  }
  return out;
}

/** Local name → import binding, as `importsOf` gives from a tree (ES imports and top-level `require`s). */
export function importsFromText(source: string): Map<string, ImportBinding> {
  const text = withoutComments(source);
  const out = new Map<string, ImportBinding>();
  for (const d of fromDeclarations(text)) {
    const shape = d.keyword === 'import' ? CLAUSE.exec(d.clause) : null;
    if (!shape) continue;
    const [, def, rest] = shape;
    const module = d.module;
    if (def) out.set(def.replace(/[\s,]/g, ''), { module, imported: 'default' });
    if (rest?.startsWith('*')) out.set(rest.replace(/^\*\s*as\s+/, ''), { module, imported: '*' });
    else if (rest) {
      for (const part of rest.slice(1, -1).split(',')) {
        const [imported, local] = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/).map((s) => s.trim());
        if (imported) out.set(local ?? imported, { module, imported });
      }
    }
  }
  for (const m of text.matchAll(REQUIRE)) {
    const [, target, module] = m;
    if (!target.startsWith('{')) out.set(target, { module, imported: '*' });
    else {
      for (const part of target.slice(1, -1).split(',')) {
        const [imported, local] = part.split(':').map((s) => s.trim());
        if (imported) out.set(local ?? imported, { module, imported });
      }
    }
  }
  return out;
}

/** `moduleReferences` of a file, once per file content (kept across runs). */
export function moduleReferencesOf(index: RepoIndex, file: string): ModuleReference[] {
  return index.memo('module-references@1', file, moduleReferences) ?? [];
}
