/**
 * react-router-auto-routes (`export default autoRoutes()` in app/routes.ts): every route-module file under the route
 * folders is a route, folders and dots both delimit segments (`users/$username/index.tsx` ≡ `users.$username._index`),
 * `_layout` is its folder's layout, other `_x` names are pathless groups, and anything whose name starts with the
 * colocation character (`+shared/`, `+types.ts`) is not a route. Options read: rootDir, routesDir, ignoredRouteFiles,
 * colocationChar.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { globListMatcher } from '../../scan/glob.js';
import { staticString } from '../shared/ast.js';
import { composePath, type FrontendRouteData } from '../shared/frontend-route.js';
import type { FrontendApp } from '../frontend-build/apps.js';
import { flatRoutePath, routeData } from './framework.js';

const ROUTE_FILE = /\.(tsx|ts|jsx|js|md|mdx)$/;

export function autoRoutes(
  index: RepoIndex,
  app: FrontendApp,
  options: ts.Expression | undefined,
  declaredAt: { file: string; line?: number },
  prefix: string,
  depth: number,
): FrontendRouteData[] {
  const prop = (name: string) => optionValue(options, name);
  const strings = (e: ts.Expression | undefined): string[] =>
    !e ? [] : ts.isArrayLiteralExpression(e) ? e.elements.flatMap((x) => (staticString(x)?.text !== undefined ? [staticString(x)!.text] : [])) : staticString(e) ? [staticString(e)!.text] : [];
  const base = app.dir ? `${app.dir}/` : '';
  const rootDir = strings(prop('rootDir'))[0] ?? 'app';
  const routesDirs = strings(prop('routesDir'));
  const colocation = strings(prop('colocationChar'))[0] ?? '+';
  const ignoredPatterns = strings(prop('ignoredRouteFiles'));
  const ignored = ignoredPatterns.length > 0 ? globListMatcher(ignoredPatterns) : () => false;
  const out: FrontendRouteData[] = [];
  for (const routesDir of routesDirs.length > 0 ? routesDirs : ['routes']) {
    const dir = `${base}${rootDir}/${routesDir}`.replace(/\/+/g, '/').replace(/\/$/, '');
    const modules = new Map<string, string>();
    for (const file of index.filesUnder(dir)) {
      const rel = file.slice(dir.length + 1);
      const parts = rel.split('/');
      const name = parts[parts.length - 1];
      if (!ROUTE_FILE.test(name) || name.endsWith('.d.ts') || name === '.DS_Store') continue;
      if (parts.some((p) => p.startsWith(colocation) || p.startsWith('.'))) continue;
      if (ignored(rel) || ignored(name)) continue;
      modules.set([...parts.slice(0, -1), name.replace(ROUTE_FILE, '')].join('.'), file);
    }
    const ids = [...modules.keys()].sort();
    for (const id of ids) {
      const { path, index: isIndex } = flatRoutePath(id);
      const segments = id.split(/\.(?![^[]*\])/);
      const layout = segments[segments.length - 1] === '_layout' || ids.some((other) => other !== id && other.startsWith(`${id}.`));
      out.push(routeData(index, app, modules.get(id)!, composePath(prefix, path.slice(1)), declaredAt, depth + segments.length - 1, isIndex, layout));
    }
  }
  return out;
}

function optionValue(e: ts.Expression | undefined, name: string): ts.Expression | undefined {
  if (!e || !ts.isObjectLiteralExpression(e)) return undefined;
  for (const p of e.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
  return undefined;
}
