/**
 * Where a name that another module exports is declared, read from syntax trees, never run: one answer for every
 * "what is this imported constant" question (a router's `createRoute({...})` imported from a routes file, a dev
 * server's `CLIENT.DEFAULT_PORT` imported from a shared config). Followed: `export default x` (its local name), barrels
 * (`export * from`, `export { x as y } from`) and a name imported and passed on (`import { X } from './a'` then
 * `export { X }`, or `const { X } = require('./a')`), a few levels deep.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { importsOf } from './ast.js';
import { localDeclaration } from './component-ref.js';
import { moduleResolver } from './resolve-module.js';

export interface Declared {
  readonly sf: ts.SourceFile;
  /** The name in `sf`: `imported`, or the local name behind `default` or a re-export's `as`. */
  readonly name: string;
}

const MAX_DEPTH = 4;

/** The file `module` (as `fromFile` imports it) resolves to, and the local name of its export `imported` there. */
export function exportTarget(index: RepoIndex, fromFile: string, module: string, imported: string): Declared | undefined {
  const file = moduleResolver(index).resolve(fromFile, module);
  const sf = file ? index.parse(file) : undefined;
  if (!sf) return undefined;
  if (imported !== 'default') return { sf, name: imported };
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) return { sf, name: st.expression.text };
    if (ts.isFunctionDeclaration(st) && st.name && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return { sf, name: st.name.text };
  }
  return undefined;
}

/**
 * Where `name`, as `sf` exports it, is declared: in `sf` itself, or behind its re-exports and imports. Gives `sf` and
 * `name` back when no declaration is found, so a caller can still look for one there.
 */
export function declarationOf(index: RepoIndex, sf: ts.SourceFile, name: string, depth = 0): Declared {
  if (localDeclaration(sf, name) || depth > MAX_DEPTH) return { sf, name };
  const resolver = moduleResolver(index);
  const follow = (module: string, original: string): Declared | undefined => {
    const file = resolver.resolve(sf.fileName, module);
    const next = file ? index.parse(file) : undefined;
    const found = next ? declarationOf(index, next, original, depth + 1) : undefined;
    return found && localDeclaration(found.sf, found.name) ? found : undefined;
  };
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || !st.moduleSpecifier || !ts.isStringLiteralLike(st.moduleSpecifier)) continue;
    let original: string | undefined;
    if (!st.exportClause) original = name;
    else if (ts.isNamedExports(st.exportClause)) {
      const el = st.exportClause.elements.find((e) => e.name.text === name);
      original = el && (el.propertyName ?? el.name).text;
    }
    const found = original ? follow(st.moduleSpecifier.text, original) : undefined;
    if (found) return found;
  }
  // Imported, then exported by name (`export { X }`): declared where it is imported from.
  const binding = importsOf(sf).get(name);
  if (binding && binding.imported !== '*') {
    const target = exportTarget(index, sf.fileName, binding.module, binding.imported);
    const found = target ? declarationOf(index, target.sf, target.name, depth + 1) : undefined;
    if (found && localDeclaration(found.sf, found.name)) return found;
  }
  return { sf, name };
}

/** The initializer of the `const` (or `let`/`var`) that `module` exports as `imported`, and its file. */
export function exportedConst(index: RepoIndex, fromFile: string, module: string, imported: string): { value: ts.Expression; sf: ts.SourceFile } | undefined {
  const first = exportTarget(index, fromFile, module, imported);
  const t = first && declarationOf(index, first.sf, first.name);
  const decl = t && localDeclaration(t.sf, t.name);
  return t && decl && ts.isVariableDeclaration(decl) && decl.initializer ? { value: decl.initializer, sf: t.sf } : undefined;
}

/**
 * The value `module` exports as `imported`: an exported `const`'s initializer (`exportedConst`), or the expression of
 * `export default createFactory({…})` itself.
 */
export function exportedValue(index: RepoIndex, fromFile: string, module: string, imported: string): { value: ts.Expression; sf: ts.SourceFile } | undefined {
  const named = exportedConst(index, fromFile, module, imported);
  if (named || imported !== 'default') return named;
  const file = moduleResolver(index).resolve(fromFile, module);
  const sf = file ? index.parse(file) : undefined;
  const st = sf?.statements.find((s): s is ts.ExportAssignment => ts.isExportAssignment(s) && !s.isExportEquals);
  return sf && st && !ts.isIdentifier(st.expression) ? { value: st.expression, sf } : undefined;
}
