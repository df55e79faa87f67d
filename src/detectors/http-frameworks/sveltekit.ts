/**
 * SvelteKit server code under `src/routes/`: a `+server.(js|ts)` file is an endpoint (one route per exported `GET`,
 * `POST`…, `fallback` answers the rest); a `+page.server` file's `load` answers the page's GET and its form `actions`
 * answer POSTs to the page (`default`, or `?/name` for a named action); a `+layout.server` `load` runs for every page
 * under its folder. `src/hooks.server`'s `handle` runs in front of every request of the app. Paths keep SvelteKit's
 * own form (`[slug]`, `[[lang]]`, `[...rest]`), as Next.js and Astro file routes are shown; `(group)` folders are not
 * in the URL.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { exportedNames } from '../astro/routes.js';
import { appFiles, frontendApps, relative } from '../frontend-build/apps.js';
import { inBodyGuards } from './next.js';
import { HTTP_METHODS, type HttpRouteData, type MiddlewareUse } from './types.js';

const SERVER_FILE = /^src\/routes\/(?:(.*)\/)?\+(server|page\.server|layout\.server)\.[cm]?[jt]s$/;
const HOOKS = /^src\/hooks\.server\.[cm]?[jt]s$/;

export function sveltekitRoutes(index: RepoIndex): HttpRouteData[] {
  const out: HttpRouteData[] = [];
  for (const app of frontendApps(index).filter((a) => a.framework === 'sveltekit')) {
    const files = appFiles(index, app.dir);
    const hooks = files.find((f) => HOOKS.test(relative(app.dir, f)));
    const front = hooks ? serverHook(index, hooks) : [];
    for (const file of files) {
      const m = SERVER_FILE.exec(relative(app.dir, file));
      if (!m || file.endsWith('.d.ts')) continue;
      const sf = index.parse(file);
      if (!sf) continue;
      const path = urlOf(m[1] ?? '');
      const appName = index.packageOf(file)?.name ?? '(root)';
      const push = (method: string, routePath: string, handler: string, node: ts.Node, body: ts.Node | undefined) => {
        const line = lineOf(node, sf);
        const uses = [...front, ...inBodyGuards(index, body, sf, file)];
        out.push({
          framework: 'sveltekit',
          app: appName,
          method,
          path: routePath,
          resolved: true,
          handler,
          handlerAt: { file, line },
          ...(uses.length > 0 ? { middleware: uses.map((u) => u.name), middlewareUses: uses } : {}),
          file,
          line,
        });
      };
      const exported = exportedNames(sf);
      if (m[2] === 'server') {
        for (const [name, node] of exported) {
          if (HTTP_METHODS.has(name)) push(name, path, name, node, bodyOf(node));
          else if (name === 'fallback') push('ALL', path, name, node, bodyOf(node));
        }
        continue;
      }
      const load = exported.get('load');
      if (load) push('GET', path, m[2] === 'layout.server' ? 'load (layout)' : 'load', load, bodyOf(load));
      const actions = m[2] === 'page.server' ? exported.get('actions') : undefined;
      if (!actions) continue;
      const object = actionsObject(actions);
      // Actions given by a name we cannot follow are still the page's POST handler.
      if (!object) push('POST', path, 'actions', actions, undefined);
      for (const p of object?.properties ?? []) {
        const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (!key) continue;
        const fn = ts.isPropertyAssignment(p) ? p.initializer : p;
        push('POST', key === 'default' ? path : `${path}?/${key}`, `actions.${key}`, p, bodyOf(fn));
      }
    }
  }
  return out;
}

/** `(app)/blog/[slug]` → `/blog/[slug]`: groups leave the URL, every other segment is kept as written. */
function urlOf(dir: string): string {
  const parts = dir.split('/').filter((p) => p !== '' && !/^\([^)]*\)$/.test(p));
  return `/${parts.join('/')}`;
}

/** `export const handle = …` / `export async function handle` in hooks.server: it runs before every route of the app. */
function serverHook(index: RepoIndex, file: string): MiddlewareUse[] {
  if (!/\bhandle\b/.test(index.read(file) ?? '')) return [];
  const sf = index.parse(file);
  const node = sf && exportedNames(sf).get('handle');
  if (!sf || !node) return [];
  // `sequence(auth, logging)` names the hooks it chains.
  const init = ts.isVariableDeclaration(node) ? unwrap(node.initializer) : undefined;
  const chained = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'sequence'
    ? init.arguments.map((a) => a.getText(sf)).filter((t) => /^[\w.$]+$/.test(t))
    : [];
  const at = { file, line: lineOf(node, sf) };
  return [{ name: chained.length > 0 ? `handle = sequence(${chained.join(', ')})` : 'handle', kind: 'server-hook', at, code: at }];
}

function actionsObject(node: ts.Node): ts.ObjectLiteralExpression | undefined {
  const init = ts.isVariableDeclaration(node) ? unwrap(node.initializer) : undefined;
  return init && ts.isObjectLiteralExpression(init) ? init : undefined;
}

/** `{ … } satisfies Actions`, `{ … } as Actions`, `(…)`. */
function unwrap(e: ts.Expression | undefined): ts.Expression | undefined {
  while (e && (ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
  return e;
}

/** The body of an exported function: a declaration, a method, or a const arrow / function expression. */
function bodyOf(node: ts.Node): ts.Node | undefined {
  if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) return node.body;
  const init = ts.isVariableDeclaration(node) ? unwrap(node.initializer) : ts.isExpression(node) ? unwrap(node) : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init.body : undefined;
}
