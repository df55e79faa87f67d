/**
 * Resolves a component named in a route (`<Dashboard />`, `component: Dashboard`, `lazy(() => import('./x'))`) to
 * the file that defines it: through the file's imports, barrel re-exports, and local declarations.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { importsOf, type ImportBinding } from './ast.js';
import { moduleResolver } from './resolve-module.js';

export interface ComponentRef {
  /** Name as written at the route (`Dashboard`, `Pages.Home`). */
  readonly name: string;
  /** Repo file defining it, when it is in the repository. */
  readonly file?: string;
  readonly line?: number;
  /** Loaded with `lazy(() => import(...))` or a route `lazy`. */
  readonly lazy?: boolean;
  /** npm package it comes from, when it is not in the repository. */
  readonly module?: string;
}

const importCache = new WeakMap<ts.SourceFile, Map<string, ImportBinding>>();

export function importsCached(sf: ts.SourceFile): Map<string, ImportBinding> {
  let imports = importCache.get(sf);
  if (!imports) {
    imports = importsOf(sf);
    importCache.set(sf, imports);
  }
  return imports;
}

export function resolveComponent(index: RepoIndex, sf: ts.SourceFile, name: string): ComponentRef {
  const file = sf.fileName;
  const [head, ...rest] = name.split('.');
  const binding = importsCached(sf).get(head);
  if (binding) {
    const target = moduleResolver(index).resolve(file, binding.module);
    if (!target) return { name, module: binding.module };
    const exported = binding.imported === '*' ? rest[0] ?? 'default' : binding.imported;
    return { name, ...followExport(index, target, exported, 0) };
  }
  const decl = localDeclaration(sf, head);
  if (!decl) return { name };
  const imported = dynamicImport(decl);
  if (imported) {
    const target = moduleResolver(index).resolve(file, imported);
    // Cite the definition, not a barrel on the way (`export { default } from './Login'`): file and line go together.
    return target ? { name, ...followExport(index, target, 'default', 0), lazy: true } : { name, lazy: true, module: imported };
  }
  return { name, file, line: lineOf(decl, sf) };
}

/** A module specifier from `import('./x')` anywhere inside the node (React.lazy, loadable, next/dynamic). */
export function dynamicImport(node: ts.Node): string | undefined {
  let found: string | undefined;
  const check = (n: ts.Node): boolean | void => {
    if (found) return false;
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = n.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) found = arg.text;
      return false;
    }
  };
  if (check(node) !== false) walk(node, check);
  return found;
}

/** A top-level `function X`, `class X` or `const X = …` of the file. */
export function localDeclaration(sf: ts.SourceFile, name: string): ts.Node | undefined {
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) return st;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
    }
  }
  return undefined;
}

/** Where `file` defines its export `name`, following `export … from` re-exports (barrels) a few levels deep. */
export function followExport(index: RepoIndex, file: string, name: string, depth: number): { file: string; line?: number } {
  const sf = index.parse(file);
  if (!sf || depth > 4) return { file };
  for (const st of sf.statements) {
    if (name === 'default' && ts.isExportAssignment(st) && !st.isExportEquals) {
      // `export default Foo`, and `export default memo(Foo)` / `connect(…)(Foo)`: cite Foo's declaration.
      const inner = ts.isIdentifier(st.expression) ? st.expression : ts.isCallExpression(st.expression) ? st.expression.arguments.find(ts.isIdentifier) : undefined;
      const local = inner ? localDeclaration(sf, inner.text) : undefined;
      return { file, line: lineOf(local ?? st, sf) };
    }
    const modifiers = ts.canHaveModifiers(st) ? ts.getModifiers(st) ?? [] : [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (exported && (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st))) {
      if ((isDefault && name === 'default') || st.name?.text === name) return { file, line: lineOf(st, sf) };
    }
    if (exported && ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name) return { file, line: lineOf(d, sf) };
      }
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        if (el.name.text !== name) continue;
        const original = (el.propertyName ?? el.name).text;
        if (st.moduleSpecifier && ts.isStringLiteralLike(st.moduleSpecifier)) {
          const target = moduleResolver(index).resolve(file, st.moduleSpecifier.text);
          return target ? followExport(index, target, original, depth + 1) : { file, line: lineOf(el, sf) };
        }
        const local = localDeclaration(sf, original);
        return { file, line: lineOf(local ?? el, sf) };
      }
    }
  }
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && !st.exportClause && st.moduleSpecifier && ts.isStringLiteralLike(st.moduleSpecifier)) {
      const target = moduleResolver(index).resolve(file, st.moduleSpecifier.text);
      if (!target) continue;
      const found = followExport(index, target, name, depth + 1);
      if (found.line !== undefined) return found;
    }
  }
  return { file };
}

/** Name of a module's default export (`export default function X`, `export default X`), if it has one. */
export function defaultExportName(index: RepoIndex, file: string): string | undefined {
  const sf = index.parse(file);
  for (const st of sf?.statements ?? []) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
      const mods = ts.getModifiers(st) ?? [];
      if (mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return st.name.text;
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      // `export { DashboardPage as default } from './dashboard'`
      const el = st.exportClause.elements.find((e) => e.name.text === 'default');
      if (el?.propertyName) return el.propertyName.text;
    }
    if (ts.isExportAssignment(st) && !st.isExportEquals) {
      if (ts.isIdentifier(st.expression)) return st.expression.text;
      if (ts.isCallExpression(st.expression)) {
        // `export default memo(Page)` / `withAuth(Page)`: the wrapped component.
        const inner = st.expression.arguments.find(ts.isIdentifier);
        if (inner) return inner.text;
      }
    }
  }
  return undefined;
}

/** Name of the function (declaration or `const useX = () => …`) that contains the node. */
export function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (ts.isFunctionDeclaration(cur)) return cur.name?.text;
    if ((ts.isArrowFunction(cur) || ts.isFunctionExpression(cur)) && ts.isVariableDeclaration(cur.parent) && ts.isIdentifier(cur.parent.name)) {
      return cur.parent.name.text;
    }
    if (ts.isMethodDeclaration(cur) && ts.isIdentifier(cur.name)) return cur.name.text;
  }
  return undefined;
}

/** Where a route file's default export is: its line in the file, and the defining file:line when it is re-exported. */
export function defaultExportAt(index: RepoIndex, file: string): { line?: number; definedIn?: { file: string; line?: number } } {
  const found = followExport(index, file, 'default', 0);
  if (found.file === file) return { line: found.line };
  const sf = index.parse(file);
  const st = sf?.statements.find((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s));
  return { line: st && sf ? lineOf(st, sf) : undefined, definedIn: found };
}
