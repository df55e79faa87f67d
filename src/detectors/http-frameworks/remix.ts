/**
 * Remix and React Router framework mode: a route module's `loader` answers GET requests to its URL and its `action`
 * answers the other methods (form posts, fetchers). They are the app's server-side request handlers, so step 3 lists
 * them beside other HTTP routes; a module without a default export is a resource route (an API endpoint).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { frontendApps } from '../frontend-build/apps.js';
import { exportedNames } from '../astro/routes.js';
import { frameworkRoutes } from '../react-router/framework.js';
import { inBodyGuards } from './next.js';
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
      const exported = exportedNames(sf);
      // The route reader marks a module without a component (a default export) as a resource route.
      const resource = route.extras?.resource === 'yes';
      for (const [name, method] of HANDLERS) {
        const node = exported.get(name);
        if (!node) continue;
        const at = lineOf(node, sf);
        // `await requireUserId(request)` or `const user = await getUser(request); if (!user) throw redirect(…)`.
        const body = bodyOf(node);
        const uses: MiddlewareUse[] = inBodyGuards(index, body, sf, route.file);
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

/** The body of an exported `loader`/`action`: a function declaration, or a const arrow/function expression. */
function bodyOf(node: ts.Node): ts.Node | undefined {
  if (ts.isFunctionDeclaration(node)) return node.body;
  const init = ts.isVariableDeclaration(node) ? node.initializer : undefined;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init.body : undefined;
}
