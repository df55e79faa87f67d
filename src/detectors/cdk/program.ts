/**
 * The files the CDK evaluator reads, as modules: their imports, top-level declarations and exports. Files are parsed
 * through the index (once per index); imports are followed with the shared module resolver, never loaded.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { importsOf, type ImportBinding } from '../shared/ast.js';
import { moduleResolver, type ModuleResolver } from '../shared/resolve-module.js';

export type FnNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration;

export type TopDecl = ts.VariableDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;

export interface ModuleInfo {
  readonly file: string;
  readonly sf: ts.SourceFile;
  readonly imports: Map<string, ImportBinding>;
  /** Top-level declarations by local name (destructured `const { a } = x` declares `a` → the declaration). */
  readonly decls: Map<string, TopDecl>;
  /** Exported name → local name (`export { a as b }`, `export const a`, `export default X` → `default`). */
  readonly exports: Map<string, string>;
  /** `export { a as b } from './x'`: exported name → where it comes from. */
  readonly reexports: Map<string, ImportBinding>;
  /** `export * from './x'`. */
  readonly stars: string[];
}

/** Where an imported name leads: a declaration in a repository file, or a package. */
export type Target = { kind: 'decl'; file: string; name: string } | { kind: 'namespace'; file: string } | { kind: 'ext'; module: string; name: string };

export class Program {
  private readonly modules = new Map<string, ModuleInfo | null>();
  readonly resolver: ModuleResolver;

  constructor(readonly index: RepoIndex) {
    this.resolver = moduleResolver(index);
  }

  module(file: string): ModuleInfo | undefined {
    let info = this.modules.get(file);
    if (info === undefined) {
      const sf = this.index.parse(file);
      info = sf ? readModule(file, sf) : null;
      this.modules.set(file, info);
    }
    return info ?? undefined;
  }

  /** Follows an import of `binding` from `file` to a declaration or a package export. */
  resolveImport(file: string, binding: ImportBinding): Target {
    const target = this.resolver.resolve(file, binding.module);
    if (!target || !this.module(target)) return { kind: 'ext', module: binding.module, name: binding.imported };
    if (binding.imported === '*') return { kind: 'namespace', file: target };
    return this.resolveExport(target, binding.imported, 0) ?? { kind: 'ext', module: binding.module, name: binding.imported };
  }

  /** The declaration behind an exported name, through re-exports and `export *`. */
  resolveExport(file: string, name: string, depth: number): Target | undefined {
    const info = this.module(file);
    if (!info || depth > 8) return undefined;
    const local = info.exports.get(name);
    if (local !== undefined) {
      if (info.decls.has(local)) return { kind: 'decl', file, name: local };
      const imported = info.imports.get(local);
      if (imported) return this.resolveImport(file, imported);
    }
    const re = info.reexports.get(name);
    if (re) return this.resolveImport(file, re);
    for (const star of info.stars) {
      const target = this.resolver.resolve(file, star);
      const found = target ? this.resolveExport(target, name, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }
}

function readModule(file: string, sf: ts.SourceFile): ModuleInfo {
  const decls = new Map<string, TopDecl>();
  const exports = new Map<string, string>();
  const reexports = new Map<string, ImportBinding>();
  const stars: string[] = [];
  const exported = (node: ts.Node) => ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export;
  const isDefault = (node: ts.Node) => ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Default;
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) {
        for (const name of boundNames(decl.name)) {
          decls.set(name, decl);
          if (exported(st)) exports.set(name, name);
        }
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) {
      decls.set(st.name.text, st);
      if (exported(st)) exports.set(isDefault(st) ? 'default' : st.name.text, st.name.text);
    } else if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) {
      exports.set('default', st.expression.text);
    } else if (ts.isExportDeclaration(st)) {
      const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (!st.exportClause) {
        if (from) stars.push(from);
      } else if (ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const local = (el.propertyName ?? el.name).text;
          if (from) reexports.set(el.name.text, { module: from, imported: local });
          else exports.set(el.name.text, local);
        }
      } else if (from) {
        reexports.set(st.exportClause.name.text, { module: from, imported: '*' });
      }
    }
  }
  return { file, sf, imports: importsOf(sf), decls, exports, reexports, stars };
}

export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...boundNames(el.name));
  return out;
}

export function isFnNode(node: ts.Node): node is FnNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node)
  );
}
