/**
 * Remix and React Router framework mode: a route module's `loader` answers GET requests to its URL and its `action`
 * answers the other methods (form posts, fetchers). They are the app's server-side request handlers, so step 3 lists
 * them beside other HTTP routes; a module without a default export is a resource route (an API endpoint).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { frontendApps } from '../frontend-build/apps.js';
import { frameworkRoutes } from '../react-router/framework.js';
import { importsOf } from '../shared/ast.js';
import { sessionCheckIn } from '../shared/session-check.js';
import type { HttpRouteData, MiddlewareUse } from './types.js';

const HANDLERS: readonly [string, string][] = [
  ['loader', 'GET'],
  ['action', 'POST'],
];

export function remixRoutes(index: RepoIndex): HttpRouteData[] {
  const out: HttpRouteData[] = [];
  for (const app of frontendApps(index).filter((a) => a.framework === 'remix')) {
    const seen = new Set<string>();
    for (const route of frameworkRoutes(index, app)) {
      if (!route.file || seen.has(route.file) || !index.has(route.file)) continue;
      seen.add(route.file);
      const text = index.read(route.file) ?? '';
      if (!/\b(loader|action)\b/.test(text)) continue;
      const sf = index.parse(route.file);
      if (!sf) continue;
      const exported = exportsOf(sf);
      const resource = !exported.has('default');
      for (const [name, method] of HANDLERS) {
        const at = exported.get(name);
        if (at === undefined) continue;
        // `await requireUserId(request)` or `const user = await getUser(request); if (!user) throw redirect(…)`.
        const body = bodyOf(sf, name);
        const check = body && sessionCheckIn(body, sf, importsOf(sf), route.file);
        const uses: MiddlewareUse[] = check ? [{ name: `session check ${check.call}`, kind: 'session-check', at: check.at, code: check.at }] : [];
        out.push({
          framework: 'remix',
          app: index.packageOf(route.file)?.name ?? '(root)',
          method,
          path: route.path,
          resolved: true,
          handler: resource ? `${name} (resource route)` : name,
          handlerAt: { file: route.file, line: at },
          ...(uses.length > 0 ? { middleware: uses.map((u) => u.name), middlewareUses: uses } : {}),
          file: route.file,
          line: at,
        });
      }
    }
  }
  return out;
}

/** Exported names of a module with their lines: `export const loader`, `export async function action`, `export { x as loader }`. */
function exportsOf(sf: ts.SourceFile): Map<string, number> {
  const out = new Map<string, number>();
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && exported(st)) {
      const isDefault = (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      out.set(isDefault ? 'default' : (st.name?.text ?? ''), lineOf(st, sf));
    } else if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, lineOf(d, sf));
    } else if (ts.isExportAssignment(st)) {
      out.set('default', lineOf(st, sf));
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) out.set(el.name.text, lineOf(el, sf));
    } else if (ts.isClassDeclaration(st) && exported(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) {
      out.set('default', lineOf(st, sf));
    }
  }
  return out;
}

/** The body of an exported `loader`/`action`: a function declaration or a const arrow/function expression. */
function bodyOf(sf: ts.SourceFile, name: string): ts.Node | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st.body;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && d.name.text === name && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return init.body;
      }
    }
  }
  return undefined;
}
