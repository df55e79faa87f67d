/**
 * A router made to be mounted (`express.Router()`) that no mount we read attaches: is it mounted by no code at all?
 * Said only when the whole repository confirms it, text first: every source file naming the router's module (its file
 * stem in a string) is parsed, and the claim stands only if each such string is an `import … from` of the file that
 * binds no export holding the router, or binds it and never uses the name (a mount left in a comment). Anything we
 * cannot read this way (a `require`, a re-export, a namespace import, a path string, a computed `require(x)` /
 * `import(x)` in the package, the router handed to something in its own file) keeps it "could not be followed".
 */
import path from 'node:path';
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, ts } from '../../scan/ts.js';
import { localDeclaration } from '../shared/component-ref.js';
import { moduleResolver } from '../shared/resolve-module.js';

export interface NotMounted {
  /** Where the router is declared. */
  readonly at: Citation;
  /** Imports of its module that take only its other exports, or bind it and never use it. */
  readonly importedAt: readonly Citation[];
}

/** `exportedAs`: the names the module exports the router under (`default` included). */
export function notMountedAnywhere(index: RepoIndex, file: string, name: string, exportedAs: readonly string[]): NotMounted | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  const sf = index.parse(file);
  const decl = sf && localDeclaration(sf, name);
  if (!sf || !decl || !onlyRoutedInItsFile(sf, name)) return undefined;
  if (computedLoads(index, file)) return undefined;
  const base = path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  const stem = base === 'index' ? path.posix.basename(path.posix.dirname(file)) : base;
  const resolver = moduleResolver(index);
  const importedAt: Citation[] = [];
  for (const other of index.files) {
    if (other === file || !isSourceFile(other) || !index.read(other)?.includes(stem)) continue;
    const osf = index.parse(other);
    if (!osf) return undefined;
    let unknown = false;
    const visit = (n: ts.Node): void => {
      if (unknown) return;
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && namesStem(n.text, stem)) {
        const target = resolver.resolve(other, n.text);
        if (target && target !== file) return;
        const imp = n.parent;
        if (!target || !ts.isImportDeclaration(imp) || imp.moduleSpecifier !== n) {
          unknown = true;
          return;
        }
        const bound = boundNames(imp, exportedAs);
        if (bound === undefined || bound.some((b) => usedOutside(osf, b, imp))) unknown = true;
        else importedAt.push({ file: other, line: osf.getLineAndCharacterOfPosition(imp.getStart(osf)).line + 1 });
        return;
      }
      if (ts.isTemplateExpression(n) && n.getText(osf).includes(stem)) unknown = true;
      ts.forEachChild(n, visit);
    };
    visit(osf);
    if (unknown) return undefined;
  }
  return { at: { file, line: sf.getLineAndCharacterOfPosition(decl.getStart(sf)).line + 1 }, importedAt };
}

/** `./modules/auth/authRouter`, `@api/modules/auth/authRouter.js`, `../auth` (an index file): the last segment. */
function namesStem(text: string, stem: string): boolean {
  const last = text.split('/').pop() ?? '';
  return last === stem || last.replace(/\.[cm]?[jt]sx?$/, '') === stem;
}

/** The local names an import binds to the router; undefined for a namespace import (its uses are not followed). */
function boundNames(imp: ts.ImportDeclaration, exportedAs: readonly string[]): string[] | undefined {
  const clause = imp.importClause;
  if (!clause || clause.isTypeOnly) return [];
  const out: string[] = [];
  if (clause.name && exportedAs.includes('default')) out.push(clause.name.text);
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) return undefined;
  for (const el of named && ts.isNamedImports(named) ? named.elements : []) {
    if (!el.isTypeOnly && exportedAs.includes((el.propertyName ?? el.name).text)) out.push(el.name.text);
  }
  return out;
}

function usedOutside(sf: ts.SourceFile, name: string, skip: ts.Node): boolean {
  let used = false;
  const visit = (n: ts.Node): void => {
    if (used || n === skip) return;
    if (ts.isIdentifier(n) && n.text === name) used = true;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return used;
}

/**
 * In its own file the router only declares routes and is exported: `router.get(…)`, `export default router`. Handed
 * to anything else (`register(router)`, `module.exports = { router }`), where it ends up is not known.
 */
function onlyRoutedInItsFile(sf: ts.SourceFile, name: string): boolean {
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(n) && n.text === name) {
      const p = n.parent;
      const fine =
        (ts.isVariableDeclaration(p) && p.name === n) ||
        (ts.isPropertyAccessExpression(p) && p.expression === n) ||
        (ts.isExportAssignment(p) && !p.isExportEquals) ||
        ts.isExportSpecifier(p);
      if (!fine) ok = false;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return ok;
}

const COMPUTED_LOAD = /\b(require|import)\s*\(\s*[^'")\s]/;

/** A `require(file)` / `import(`./${f}`)` in the router's package may load it by a path we cannot read. */
function computedLoads(index: RepoIndex, file: string): boolean {
  return index.filesUnder(index.packageOf(file)?.dir ?? '').some((f) => isSourceFile(f) && !!index.memo('http-computed-load@1', f, (text) => /\b(require|import)\s*\(/.test(text) && COMPUTED_LOAD.test(withoutComments(text))));
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * An Elysia app its own file serves: `new Elysia()….listen(3000)`, `app.listen(…)`, `{ fetch: app.fetch }`,
 * `export const GET = app.handle`. Text only, so it errs towards "served".
 */
export function servedInItsFile(index: RepoIndex, file: string, name: string): boolean {
  const sf = /^[A-Za-z_$][\w$]*$/.test(name) ? index.parse(file) : undefined;
  if (!sf) return true;
  const decl = localDeclaration(sf, name);
  const init = decl && ts.isVariableDeclaration(decl) ? decl.initializer?.getText(sf) ?? '' : '';
  const escaped = name.replace(/\$/g, '\\$');
  return /\.\s*(listen|fetch|handle)\b/.test(init) || new RegExp(`(^|[^\\w$.])${escaped}\\s*\\.\\s*(listen|fetch|handle)\\b`).test(sf.text);
}
