/** What a package's entry exports, followed through `export … from` and `export *` re-exports to where it is defined. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { importsCached, localDeclaration } from '../shared/component-ref.js';
import { moduleResolver } from '../shared/resolve-module.js';

export type SymbolKind = 'class' | 'function' | 'interface' | 'type' | 'enum' | 'const';

export interface ExportedSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly file: string;
  readonly line: number;
  readonly node: ts.Node;
  readonly sf: ts.SourceFile;
}

export function exportedSymbols(index: RepoIndex, entry: string): ExportedSymbol[] {
  const cache = new Map<string, Map<string, ExportedSymbol>>();
  const result = collect(index, entry, 0, cache);
  return [...result.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function collect(index: RepoIndex, file: string, depth: number, cache: Map<string, Map<string, ExportedSymbol>>): Map<string, ExportedSymbol> {
  const cached = cache.get(file);
  if (cached) return cached;
  const out = new Map<string, ExportedSymbol>();
  cache.set(file, out);
  const sf = index.parse(file);
  if (!sf || depth > 8) return out;
  const resolver = moduleResolver(index);
  const from = (specifier: ts.Expression) =>
    ts.isStringLiteralLike(specifier) ? resolver.resolve(file, specifier.text) : undefined;
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) ?? [] : [];
    if (mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const isDefault = mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      for (const sym of declared(st, sf)) out.set(isDefault ? 'default' : sym.name, sym);
      continue;
    }
    if (!ts.isExportDeclaration(st)) continue;
    if (st.moduleSpecifier) {
      const target = from(st.moduleSpecifier);
      if (!target) continue;
      const sub = collect(index, target, depth + 1, cache);
      if (!st.exportClause) {
        for (const [name, sym] of sub) if (name !== 'default' && !out.has(name)) out.set(name, sym);
      } else if (ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const sym = sub.get((el.propertyName ?? el.name).text);
          if (sym) out.set(el.name.text, sym);
        }
      }
    } else if (st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        const local = (el.propertyName ?? el.name).text;
        const decl = localDeclaration(sf, local) ?? typeDeclaration(sf, local);
        if (decl) {
          const [sym] = declared(ts.isVariableDeclaration(decl) ? decl.parent.parent : decl, sf);
          if (sym) out.set(el.name.text, sym);
          continue;
        }
        const binding = importsCached(sf).get(local);
        const target = binding ? resolver.resolve(file, binding.module) : undefined;
        const sym = target ? collect(index, target, depth + 1, cache).get(binding!.imported) : undefined;
        if (sym) out.set(el.name.text, sym);
      }
    }
  }
  return out;
}

function typeDeclaration(sf: ts.SourceFile, name: string): ts.Node | undefined {
  return sf.statements.find(
    (st) => (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) && st.name.text === name,
  );
}

function declared(st: ts.Node, sf: ts.SourceFile): ExportedSymbol[] {
  const make = (name: string, kind: SymbolKind, node: ts.Node): ExportedSymbol => ({ name, kind, file: sf.fileName, line: lineOf(node, sf), node, sf });
  if (ts.isClassDeclaration(st) && st.name) return [make(st.name.text, 'class', st)];
  if (ts.isFunctionDeclaration(st) && st.name) return [make(st.name.text, 'function', st)];
  if (ts.isInterfaceDeclaration(st)) return [make(st.name.text, 'interface', st)];
  if (ts.isTypeAliasDeclaration(st)) return [make(st.name.text, 'type', st)];
  if (ts.isEnumDeclaration(st)) return [make(st.name.text, 'enum', st)];
  if (ts.isVariableStatement(st)) {
    return st.declarationList.declarations.filter((d) => ts.isIdentifier(d.name)).map((d) => make((d.name as ts.Identifier).text, 'const', d));
  }
  return [];
}
