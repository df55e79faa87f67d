/**
 * Next.js Server Actions: the exported functions of `'use server'` files and the inline functions whose body starts
 * with `'use server'`, each with what guards it (the next-safe-action client it is made from and that client's
 * middleware chain, a wrapper such as `withAuth(async () => …)`, or a session check in its own body) and the files that call it (a client component
 * importing it, a form's `action={…}`).
 */
import type { Citation, Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { dottedName, importsOf } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import type { MiddlewareUse } from '../shared/middleware-use.js';
import { sessionCheckIn, type SessionCheck } from '../shared/session-check.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isAppSource } from '../shared/source-scope.js';
import { importsFromText } from '../shared/import-text.js';
import { codeOnly, lineAt } from '../shared/text-scan.js';
import { actionClients, CLIENT_TEXT, type ActionClient } from './clients.js';
import { hasFileDirective } from '../shared/directive.js';

export interface ServerActionCaller {
  readonly file: string;
  /** The first use; none when the file imports the action and no use was read (`(imported)`). */
  readonly line?: number;
  /** True for a `'use client'` component. */
  readonly client: boolean;
}

export interface ServerActionData {
  readonly app: string;
  readonly name: string;
  /** True for a function declared with `'use server'` in its own body (inside a server component). */
  readonly inline: boolean;
  /** The action client it is made from (`authActionClient`), and where that client is defined. */
  readonly client?: string;
  readonly clientAt?: Citation;
  /** The client's middleware chain, then wrappers around the function. */
  readonly middleware: readonly MiddlewareUse[];
  /** A session check in the action's own body (`const session = await auth(); if (!session) throw …`). */
  readonly sessionCheck?: SessionCheck;
  readonly callers: readonly ServerActionCaller[];
  readonly file: string;
  readonly line: number;
}

export type ServerActionFact = Fact<'next.server-action', ServerActionData>;

const USE_SERVER = /['"]use server['"]/;

export const serverActionsDetector: Detector = {
  id: 'server-actions',
  isEnabled: (index) => index.packages.some((p) => dependsOn(p.manifest, 'next')),
  detect(index) {
    return serverActions(index).map((data): ServerActionFact => ({
      kind: 'next.server-action',
      id: `action ${data.file}#${data.name}`,
      data,
      at: [{ file: data.file, line: data.line }],
    }));
  },
};

function serverActions(index: RepoIndex): ServerActionData[] {
  const nextDirs = new Set(index.packages.filter((p) => dependsOn(p.manifest, 'next')).map((p) => p.dir));
  const inNext = (file: string) => {
    const pkg = index.packageOf(file);
    return !pkg ? nextDirs.has('') || index.packages.length === 0 : nextDirs.has(pkg.dir);
  };
  const sources = index.files.filter((f) => isAppSource(index, f) && inNext(f));
  const withDirective: string[] = [];
  const clientFiles: string[] = [];
  for (const file of sources) {
    const text = index.read(file);
    if (!text) continue;
    if (USE_SERVER.test(text)) withDirective.push(file);
    if (CLIENT_TEXT.test(text)) clientFiles.push(file);
  }
  if (withDirective.length === 0) return [];
  const clients = actionClients(index, clientFiles);
  const resolver = moduleResolver(index);
  const out: ServerActionData[] = [];
  /** The action each file exports as its default (`export default async function redirect`), by file. */
  const defaults = new Map<string, string>();
  for (const file of withDirective) {
    const sf = index.parse(file);
    if (!sf) continue;
    const app = index.packageOf(file)?.name ?? '';
    const imports = importsOf(sf);
    /** The client an action chain starts from, through an import or in the same file. */
    const clientOf = (name: string): ActionClient | undefined => {
      const b = imports.get(name);
      const target = b ? resolver.resolve(file, b.module) : file;
      if (!target) return undefined;
      const found = clients.get(`${target}#${b ? b.imported : name}`);
      if (found || !b) return found;
      // Through a barrel: `export { authActionClient } from './safe-action'`.
      const def = findDefinition(index, { file: target, name: b.imported });
      return def ? clients.get(`${def.file}#${b.imported}`) : undefined;
    };
    const action = (name: string, node: ts.Node, value: ts.Expression | undefined, inline: boolean) => {
      const { client, wrappers } = guardOf(value, sf);
      const c = client ? clientOf(client) : undefined;
      const middleware = [...(c?.middleware ?? []), ...wrappers.map((w) => wrapperUse(index, file, sf, w))];
      const fn = functionOf(node, value);
      const sessionCheck = fn?.body ? sessionCheckIn(fn.body, sf, imports, file, index) : undefined;
      out.push({
        app,
        name,
        inline,
        ...(client ? { client } : {}),
        ...(c ? { clientAt: { file: c.file, line: c.line } } : {}),
        middleware,
        ...(sessionCheck ? { sessionCheck } : {}),
        callers: [],
        file,
        line: lineOf(node, sf),
      });
    };
    if (hasDirective(sf.statements)) {
      for (const s of sf.statements) {
        const exported = ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (ts.isExportAssignment(s) && !s.isExportEquals && ts.isIdentifier(s.expression)) defaults.set(file, s.expression.text);
        if (!exported) continue;
        if (ts.isFunctionDeclaration(s) && s.name) {
          action(s.name.text, s, undefined, false);
          if ((ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) defaults.set(file, s.name.text);
        }
        if (ts.isVariableStatement(s)) {
          for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) action(d.name.text, s, d.initializer, false);
        }
      }
    } else {
      walk(sf, (node) => {
        if (!(ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) || !node.body || !ts.isBlock(node.body)) return;
        if (!hasDirective(node.body.statements)) return;
        const name = ts.isFunctionDeclaration(node) && node.name ? node.name.text : ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(sf) : '(inline)';
        action(name, node, undefined, true);
      });
    }
  }
  return withCallers(index, sources, out, defaults);
}

/** The action's own function: the declaration, or the arrow / function expression it is assigned (inside wrappers). */
function functionOf(node: ts.Node, value: ts.Expression | undefined): ts.FunctionLikeDeclaration | undefined {
  if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
  let e = value;
  while (e && ts.isCallExpression(e) && e.arguments.length > 0) e = e.arguments[e.arguments.length - 1];
  return e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) ? e : undefined;
}

function hasDirective(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const s of statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === 'use server') return true;
  }
  return false;
}

/** `authActionClient.schema(s).action(fn)` → client `authActionClient`; `withAuth(async () => …)` → wrapper `withAuth`. */
function guardOf(value: ts.Expression | undefined, sf: ts.SourceFile): { client?: string; wrappers: ts.Expression[] } {
  if (!value || !ts.isCallExpression(value)) return { wrappers: [] };
  const method = ts.isPropertyAccessExpression(value.expression) ? value.expression.name.text : '';
  if (/^(action|stateAction|handler)$/.test(method)) {
    let e: ts.Expression = (value.expression as ts.PropertyAccessExpression).expression;
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
    if (ts.isCallExpression(e)) e = e.expression;
    const client = dottedName(e);
    if (client) return { client, wrappers: [] };
  }
  const wrappers: ts.Expression[] = [];
  let e: ts.Expression = value;
  while (ts.isCallExpression(e) && e.arguments.length > 0) {
    const last = e.arguments[e.arguments.length - 1];
    if (!(ts.isArrowFunction(last) || ts.isFunctionExpression(last) || ts.isCallExpression(last))) break;
    wrappers.push(e.expression);
    e = last;
  }
  void sf;
  return { wrappers };
}

function wrapperUse(index: RepoIndex, file: string, sf: ts.SourceFile, callee: ts.Expression): MiddlewareUse {
  const name = dottedName(callee) ?? callee.getText(sf);
  const b = importsOf(sf).get(name.split('.')[0]);
  const target = b && moduleResolver(index).resolve(file, b.module);
  const code = target ? findDefinition(index, { file: target, name: b.imported }) : undefined;
  return { name, kind: 'wrapper', at: { file, line: lineOf(callee, sf) }, ...(code?.line !== undefined ? { code } : {}) };
}

/**
 * Who calls each action: files importing it from its module or a barrel that re-exports it (read from text, in one
 * pass over the files that name an action), and for inline actions the file itself. The line is the first use after the imports.
 */
function withCallers(index: RepoIndex, files: readonly string[], actions: ServerActionData[], defaults: ReadonlyMap<string, string>): ServerActionData[] {
  const exported = actions.filter((a) => !a.inline);
  const byFile = new Map<string, Set<string>>();
  for (const a of exported) byFile.set(a.file, (byFile.get(a.file) ?? new Set()).add(a.name));
  const callers = new Map<string, ServerActionCaller[]>();
  const names = [...new Set(exported.map((a) => a.name))];
  const nameSet = new Set(names);
  if (names.length > 0) {
    const pattern = new RegExp(`\\b(?:${names.map((n) => n.replace(/[$]/g, '\\$')).join('|')})\\b`);
    const resolver = moduleResolver(index);
    for (const file of files) {
      const text = index.read(file);
      if (!text || !pattern.test(text)) continue;
      const client = hasFileDirective(text, 'use client');
      let code: string | undefined;
      for (const [local, b] of importsFromText(text)) {
        let target = resolver.resolve(file, b.module);
        // A default import takes any local name (`import clientRedirect from '@/actions/redirect'`).
        const imported = target && b.imported === 'default' ? defaults.get(target) : b.imported;
        if (!target || !imported || target === file) continue;
        // Through a barrel (`import { socialLogin } from '@/lib/login'`, whose index.ts does `export * from
        // './socialLogin'`): the action is where the name is defined. Only names of actions are looked up.
        if (!byFile.get(target)?.has(imported) && nameSet.has(imported)) {
          const def = findDefinition(index, { file: target, name: imported });
          if (def && def.file !== file) target = def.file;
        }
        if (!byFile.get(target)?.has(imported)) continue;
        code ??= withoutImports(codeOnly(text));
        // The first use outside the import and re-export statements (`<form action={finalizePaymentAction}>`).
        const use = new RegExp(`(?<![\\w$.])${local.replace(/[$]/g, '\\$')}\\b`);
        const m = use.exec(code);
        const line = m ? lineAt(text, m.index) : undefined;
        const key = `${target}#${imported}`;
        const list = callers.get(key) ?? [];
        // Imported but no use read: the file is named, never the import line as if it were a use.
        list.push({ file, ...(line !== undefined ? { line } : {}), client });
        callers.set(key, list);
      }
    }
  }
  return actions.map((a) => {
    const list = a.inline ? [] : (callers.get(`${a.file}#${a.name}`) ?? []);
    return { ...a, callers: list.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : (x.line ?? 0) - (y.line ?? 0))) };
  });
}

/**
 * Import and re-export statements blanked (lengths and line breaks kept): `import {\n  a,\n  b\n} from "x"` names
 * `a` without using it. Only the statement's own clause is matched, so a file without semicolons loses nothing else.
 */
const IMPORT_CLAUSE = /^[ \t]*(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)?\s*from\b/gm;
function withoutImports(code: string): string {
  return code.replace(IMPORT_CLAUSE, blank).replace(EXPORT_LIST, blank);
}
/** `export { a, b }` re-exports local names without using them. */
const EXPORT_LIST = /^[ \t]*export\s+(?:type\s+)?\{[^}]*\}/gm;
function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}
