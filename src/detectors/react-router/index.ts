/**
 * React Router (v5–v7, library mode): every route with the component and file it renders, from route objects and
 * `<Route>` JSX, including descendant `<Routes>` mounted under a splat route (`settings/*`). Framework mode
 * (`app/routes.ts`, flat file routes) is read by `framework.ts`.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, ts, walk } from '../../scan/ts.js';
import { lastName, mentions } from '../shared/ast.js';
import { routeKey, type FrontendRouteData } from '../shared/frontend-route.js';
import { dependsOn } from '../../scan/package-json.js';
import { appFiles, frontendApps, type FrontendApp } from '../frontend-build/apps.js';
import { frameworkRoutesRead } from './framework.js';
import { ELEMENT_CALLS, ROUTER_CALLS, RouteTreeReader, tagName, type Mount } from './tree.js';

export type ReactRouterRouteFact = Fact<'react-router.route', FrontendRouteData>;

/** A route array (or entry) the reader could not follow: the app's route list is incomplete. */
export interface UnreadRoutesData {
  readonly app: string;
  readonly file: string;
  readonly line: number;
  /** The expression as written, shortened. */
  readonly text: string;
  /** A call in a framework-mode route config (`app/routes.ts`): its route modules' loaders and actions are unread too. */
  readonly framework?: boolean;
}
export type UnreadRoutesFact = Fact<'react-router.unread', UnreadRoutesData>;

const NEEDLES = ['createBrowserRouter', 'createHashRouter', 'createMemoryRouter', 'useRoutes', '<Route', 'createRoutesFromElements', 'createRoutesFromChildren', 'createStaticHandler', '<CustomRoutes', '<Resource'];
const PACKAGES = /^(react-router|react-router-dom|react-router-native|@remix-run\/react|@react-router\/dev|react-admin|ra-core)$/;

export const reactRouterDetector: Detector = {
  id: 'react-router',
  isEnabled: (index) => routerApps(index).length > 0,
  detect(index) {
    return routerApps(index).flatMap((app) => {
      const library = libraryRoutes(index, app);
      const framework = frameworkRoutesRead(index, app);
      const routes = [...framework.routes, ...library.routes];
      const unread = [...new Map([...library.unread, ...framework.unread.map((u) => ({ ...u, framework: true }))].map((u) => [`${u.file}:${u.line}`, u])).values()];
      return [
        ...dedupe(routes).map(
          (data): Fact => ({
            kind: 'react-router.route',
            id: `${app.dir}:${data.path}:${data.component ?? ''}:${data.declaredAt.file}:${data.declaredAt.line ?? 0}`,
            data,
            at: [data.declaredAt, ...(data.file ? [{ file: data.file, line: data.line }] : [])],
          }),
        ),
        ...unread.map(
          (u): Fact => ({ kind: 'react-router.unread', id: `${app.dir}:${u.file}:${u.line}`, data: { app: app.dir, ...u } satisfies UnreadRoutesData, at: [{ file: u.file, line: u.line }] }),
        ),
      ];
    });
  },
};

function routerApps(index: RepoIndex): FrontendApp[] {
  return frontendApps(index).filter((app) => {
    const pkg = index.packages.find((p) => p.dir === app.dir);
    return !!pkg && dependsOn(pkg.manifest, PACKAGES);
  });
}

interface RootGroup {
  readonly file: string;
  /** Router-call trees are always mounted at `/`; `<Routes>` trees may be descendants of a splat route. */
  readonly descendant: boolean;
  read(reader: RouteTreeReader, mount: Mount): void;
}

function libraryRoutes(index: RepoIndex, app: FrontendApp): { routes: FrontendRouteData[]; unread: RouteTreeReader['unread'] } {
  const groups: RootGroup[] = [];
  for (const file of appFiles(index, app.dir)) {
    if (!isSourceFile(file) || !/\.[jt]sx?$/.test(file) || /\.(test|spec|stories)\./.test(file)) continue;
    if (!mentions(index.read(file), NEEDLES)) continue;
    const sf = index.parse(file);
    if (sf) groups.push(...rootsOf(sf));
  }
  let unread: RouteTreeReader['unread'] = [];
  const read = (group: RootGroup, mount: Mount) => {
    const reader = new RouteTreeReader(index, app.dir);
    group.read(reader, mount);
    unread.push(...reader.unread);
    return reader.routes.map((r) => (r.guards.length ? { ...r, guardAt: pick(reader.guardAt, r.guards) } : r));
  };
  const top: Mount = { prefix: '', guards: [], depth: 0 };
  // Descendant `<Routes>` take the path of the splat route that renders their file; find mounts to a fixpoint.
  const mounts = new Map<string, Mount>();
  let results: FrontendRouteData[] = [];
  for (let round = 0; round < 6; round++) {
    unread = [];
    results = groups.flatMap((g) => read(g, (g.descendant && mounts.get(g.file)) || top));
    let changed = false;
    for (const r of results) {
      if (!r.path.endsWith('/*') || !r.file || mounts.has(r.file) || r.file === r.declaredAt.file) continue;
      if (!groups.some((g) => g.descendant && g.file === r.file)) continue;
      mounts.set(r.file, { prefix: r.path.slice(0, -2) || '/', guards: r.guards, depth: r.depth + 1, parent: routeKey(r) });
      changed = true;
    }
    if (!changed) break;
  }
  return { routes: results, unread };
}

function rootsOf(sf: ts.SourceFile): RootGroup[] {
  const out: RootGroup[] = [];
  const file = sf.fileName;
  walk(sf, (node) => {
    if (ts.isCallExpression(node)) {
      const name = lastName(node.expression) ?? '';
      if (ROUTER_CALLS.has(name) && node.arguments[0]) {
        const arg = node.arguments[0];
        out.push({ file, descendant: false, read: (r, m) => r.fromArray(arg, { ...m, sf }) });
        return false;
      }
      if (ELEMENT_CALLS.has(name) && node.arguments[0]) {
        const arg = node.arguments[0];
        out.push({ file, descendant: false, read: (r, m) => r.fromJsxChildren([arg], { ...m, sf }) });
        return false;
      }
    }
    if (ts.isJsxSelfClosingElement(node) && tagName(node) === 'Resource') {
      const el = node;
      out.push({ file, descendant: false, read: (r, m) => r.fromJsxChildren([el], { ...m, sf }) });
      return false;
    }
    if (ts.isJsxElement(node)) {
      const tag = tagName(node);
      // react-admin: `<CustomRoutes>` holds plain `<Route>`s mounted at the admin's root; a `<Resource>` serves its views.
      if (tag === 'CustomRoutes' || tag === 'Resource') {
        const el = node;
        out.push({ file, descendant: false, read: (r, m) => r.fromJsxChildren([el], { ...m, sf }) });
        return false;
      }
      if (tag === 'Routes' || tag === 'Switch') {
        const children = node.children;
        out.push({ file, descendant: true, read: (r, m) => r.fromJsxChildren(children, { ...m, sf }) });
        return false;
      }
    }
    return undefined;
  });
  return out;
}

/** The same route can be reached twice (a const used by two routers); keep the first. */
function dedupe(routes: FrontendRouteData[]): FrontendRouteData[] {
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.path}|${r.component}|${r.declaredAt.file}:${r.declaredAt.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pick(all: Record<string, { file: string; line?: number }>, names: readonly string[]): Record<string, { file: string; line?: number }> | undefined {
  const out: Record<string, { file: string; line?: number }> = {};
  for (const n of names) if (all[n]) out[n] = all[n];
  return Object.keys(out).length ? out : undefined;
}
