/**
 * TanStack Router: file routes (`createFileRoute('/posts/$postId')` under `src/routes/`, the route id written in the
 * file, or derived from its name) and code routes (`createRoute({ getParentRoute, path })`), with the component each
 * renders and `beforeLoad` guards carried down to child routes.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { dependsOn } from '../../scan/package-json.js';
import { lastName, mentions, property, staticString } from '../shared/ast.js';
import { resolveComponent, type ComponentRef } from '../shared/component-ref.js';
import { staticValue } from '../shared/static-value.js';
import { routeKey, type FrontendRouteData } from '../shared/frontend-route.js';
import { redirectAudience } from '../shared/redirect-audience.js';
import { isTestFile } from '../shared/source-scope.js';
import { appFiles, frontendApps, type FrontendApp } from '../frontend-build/apps.js';

export type TanStackRouteFact = Fact<'tanstack-router.route', FrontendRouteData>;

const FILE_ROUTE = new Set(['createFileRoute', 'createLazyFileRoute']);
const ROOT_ROUTE = new Set(['createRootRoute', 'createRootRouteWithContext']);

interface RawRoute {
  /** Route id as TanStack writes it (`/_auth/dashboard`, `/posts/`), composed for code routes. */
  readonly id: string;
  readonly component?: ComponentRef;
  readonly guard: boolean;
  /** `beforeLoad` redirects signed-in visitors only (a login page): guest-only, not a guard. */
  readonly guestOnly: boolean;
  readonly lazy: boolean;
  readonly declaredAt: { file: string; line: number };
  readonly extras?: Record<string, string>;
  /** Root guard only: the URL paths its `beforeLoad` names, which it lets through or redirects to. */
  readonly exempt?: readonly string[];
}

export const tanstackRouterDetector: Detector = {
  id: 'tanstack-router',
  isEnabled: (index) => apps(index).length > 0,
  detect(index) {
    return apps(index).flatMap((app) =>
      toRoutes(app, collect(index, app)).map(
        (data): Fact => ({
          kind: 'tanstack-router.route',
          id: `${app.dir}:${data.extras?.id ?? data.path}`,
          data,
          at: [data.declaredAt, ...(data.file && data.file !== data.declaredAt.file ? [{ file: data.file, line: data.line }] : [])],
        }),
      ),
    );
  },
};

function apps(index: RepoIndex): FrontendApp[] {
  return frontendApps(index).filter((app) => {
    const pkg = index.packages.find((p) => p.dir === app.dir);
    return !!pkg && dependsOn(pkg.manifest, /^@tanstack\/(react|solid)-router$/);
  });
}

function collect(index: RepoIndex, app: FrontendApp): RawRoute[] {
  const out: RawRoute[] = [];
  for (const file of appFiles(index, app.dir)) {
    if (!isSourceFile(file) || /routeTree\.gen\.[jt]s$/.test(file) || /(^|\/)-/.test(file) || testCode(file)) continue;
    if (!mentions(index.read(file), ['createFileRoute', 'createLazyFileRoute', 'createRoute(', 'createRootRoute'])) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const codeRoutes = new Map<string, { parent?: string; path?: string; id?: string; root: boolean; node: ts.CallExpression }>();
    walk(sf, (node) => {
      if (!ts.isCallExpression(node)) return;
      const name = lastName(node.expression);
      // `createFileRoute('/x')({...})`: the outer call holds the options.
      if (ts.isCallExpression(node.expression) && FILE_ROUTE.has(lastName(node.expression.expression) ?? '')) {
        const written = staticString(node.expression.arguments[0])?.text;
        const id = written ?? idFromFile(file);
        const lazy = lastName(node.expression.expression) === 'createLazyFileRoute';
        if (id !== undefined) out.push(raw(index, sf, id, node.arguments[0], node, lazy));
        return false;
      }
      if (ts.isCallExpression(node.expression) && ROOT_ROUTE.has(lastName(node.expression.expression) ?? '')) {
        out.push(raw(index, sf, '__root__', node.arguments[0], node, false));
        return false;
      }
      if (name && ROOT_ROUTE.has(name) && node.arguments[0]) {
        out.push(raw(index, sf, '__root__', node.arguments[0], node, false));
        codeRoutes.set(variableOf(node) ?? '', { root: true, node });
        return false;
      }
      if (name === 'createRoute' && node.arguments[0]) {
        const options = node.arguments[0];
        const parent = property(options, 'getParentRoute');
        const parentName = parent && (ts.isArrowFunction(parent) && !ts.isBlock(parent.body) ? lastName(parent.body) : undefined);
        codeRoutes.set(variableOf(node) ?? `#${lineOf(node, sf)}`, {
          parent: parentName,
          path: staticValue(index, sf, property(options, 'path'))?.text,
          id: staticValue(index, sf, property(options, 'id'))?.text,
          root: false,
          node,
        });
        return false;
      }
      return undefined;
    });
    // Code routes: compose each id through its parents (`getParentRoute: () => parentRoute`).
    const idOf = (name: string, depth = 0): string => {
      const r = codeRoutes.get(name);
      if (!r || r.root || depth > 20) return '';
      const parent = r.parent ? idOf(r.parent, depth + 1) : '';
      const own = (r.path ?? (r.id ? `_${r.id.replace(/^_/, '')}` : '')).replace(/^\/+/, '');
      return `${parent.replace(/\/$/, '')}/${own}`;
    };
    for (const [name, r] of codeRoutes) {
      if (r.root) continue;
      const id = idOf(name);
      out.push(raw(index, sf, id, r.node.arguments[0], r.node, false));
    }
  }
  return out;
}

/**
 * Test code by the shared test-path rule: a test helper's `createRoute()` (`src/test/router-harness.tsx` building a
 * throwaway router per test) is no route of the app. Below a `routes/` folder only the file name is judged, since
 * there a folder is a URL segment (`routes/specs/$id.tsx` serves /specs/$id), not a test folder.
 */
function testCode(file: string): boolean {
  const routes = /(^|\/)routes\//.exec(file);
  if (!routes) return isTestFile(file);
  const head = file.slice(0, routes.index + routes[0].length);
  return isTestFile(head) || isTestFile(file.slice(file.lastIndexOf('/') + 1));
}

function variableOf(node: ts.Node): string | undefined {
  const decl = node.parent;
  return ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
}

function raw(index: RepoIndex, sf: ts.SourceFile, id: string, options: ts.Expression | undefined, at: ts.Node, lazy: boolean): RawRoute {
  const component = property(options, 'component');
  let ref: ComponentRef | undefined;
  if (component && (ts.isIdentifier(component) || ts.isPropertyAccessExpression(component))) {
    ref = resolveComponent(index, sf, component.getText(sf));
  } else if (component) {
    ref = { name: '(inline)', file: sf.fileName, line: lineOf(component, sf) };
  }
  const beforeLoad = property(options, 'beforeLoad');
  const kind = beforeLoad ? beforeLoadKind(beforeLoad, sf) : undefined;
  const extras: Record<string, string> = {};
  if (property(options, 'loader')) extras.loader = 'yes';
  if (kind?.redirectsTo !== undefined) extras.redirectsTo = kind.redirectsTo;
  const guard = kind?.kind === 'guard';
  // A root guard names the pages it lets through or sends visitors to (`pathname !== '/login'`, `to: '/login'`).
  const paths: string[] = [];
  if (guard && id === '__root__') walk(beforeLoad!, (n) => void (ts.isStringLiteralLike(n) && n.text.startsWith('/') && paths.push(n.text.replace(/(.)\/$/, '$1'))));
  return { id, component: ref, guard, guestOnly: kind?.kind === 'guest-only', lazy, declaredAt: { file: sf.fileName, line: lineOf(at, sf) }, extras, ...(paths.length ? { exempt: paths } : {}) };
}

/** Helpers that may throw a redirect or an error for a visitor they refuse (`requireAuth`, `ensureSignedIn`, `checkSession`). */
const GUARD_CALL = /require|ensure|guard|protect|assert|check|verify|authori[sz]e|redirect|deny|forbid/i;
/** Query-client loads (`queryClient.ensureQueryData(…)`, `prefetchQuery`): they fetch data, they turn nobody away. */
const DATA_CALL = /^(ensure(Infinite)?QueryData|prefetch(Infinite)?Query|fetch(Infinite)?Query)$/;

/**
 * What a `beforeLoad` does with its redirects: turns signed-out visitors away (a guard), only signed-in ones (a
 * guest-only login page), or always redirects (`throw redirect({ to: '/' })`: an alias, not a guard). A redirect whose
 * condition cannot be read, and a session check that throws without a redirect, stay guards; one that neither
 * redirects nor throws is no guard at all.
 */
function beforeLoadKind(fn: ts.Expression, sf: ts.SourceFile): { kind: 'guard' | 'guest-only' | 'redirect'; redirectsTo?: string } | undefined {
  const redirects: ts.CallExpression[] = [];
  walk(fn, (n) => {
    if (ts.isCallExpression(n) && lastName(n.expression) === 'redirect') redirects.push(n);
  });
  if (redirects.length === 0) {
    // A beforeLoad that neither throws nor calls a helper that may (`requireAuth(context)`) turns nobody away:
    // `await context.auth.client.auth.initialize()` or `return { user }` prepare the context, they guard nothing.
    let stops = false;
    walk(fn, (n) => {
      const called = ts.isCallExpression(n) ? (lastName(n.expression) ?? '') : '';
      if (ts.isThrowStatement(n) || (GUARD_CALL.test(called) && !DATA_CALL.test(called))) stops = true;
      return stops ? false : undefined;
    });
    return stops && /redirect|auth|session|token|login|user/i.test(fn.getText(sf)) ? { kind: 'guard' } : undefined;
  }
  const audiences = new Set(redirects.map((r) => redirectAudience(r, fn, sf)));
  if (audiences.size === 1 && audiences.has('signed-in')) return { kind: 'guest-only' };
  if (audiences.size === 1 && audiences.has('always') && redirects.length === 1) {
    const to = staticString(property(redirects[0].arguments[0], 'to'))?.text;
    return { kind: 'redirect', ...(to !== undefined ? { redirectsTo: to } : {}) };
  }
  return { kind: 'guard' };
}

/** File-route id from the file name, when `createFileRoute()` is called without one (newer generators). */
export function idFromFile(file: string): string | undefined {
  const m = /(?:^|\/)routes\/(.+)$/.exec(file);
  if (!m) return undefined;
  let rel = m[1].replace(/\.(tsx|ts|jsx|js)$/, '').replace(/\.lazy$/, '');
  if (rel === '__root') return '__root__';
  rel = rel.replace(/(^|\/)route$/, '').replace(/\./g, '/');
  return `/${rel.replace(/(^|\/)index$/, '$1')}`;
}

/** `/_auth/dashboard` → `/dashboard`; `/(marketing)/pricing` → `/pricing`; `/posts/` → `/posts` (index). */
export function urlOfId(id: string): { path: string; index: boolean } {
  const index = id.length > 1 && id.endsWith('/');
  const segments = id
    .split('/')
    .filter((s) => s && !s.startsWith('_') && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/_$/, ''));
  return { path: `/${segments.join('/')}`, index: index || id === '/' };
}

/**
 * The route tree as TanStack builds it from ids: a route sits inside the closest route whose id its own extends by
 * whole segments (`/(app)/about` inside `/(app)`, the index `/posts/` inside `/posts`), else inside the root. A layout
 * therefore wraps, and its `beforeLoad` guards, the routes nested in it, index included; never every route whose URL
 * starts with its URL (a pathless `_layout` or `(group)` shares `/` with its siblings).
 */
function toRoutes(app: FrontendApp, raws: RawRoute[]): FrontendRouteData[] {
  const ids = raws.map((r) => r.id).filter((id) => id !== '__root__');
  const guardIds = raws.filter((r) => r.guard && r.id !== '__root__').map((r) => r.id);
  // The root route holds every other route: its guard is inherited by all of them (outermost first), except the
  // pages it names (`if (!user && location.pathname !== '/login')`): those it lets through or sends visitors to.
  const rootRaw = raws.find((r) => r.guard && r.id === '__root__');
  const guestIds = raws.filter((r) => r.guestOnly && r.id !== '__root__').map((r) => r.id);
  // Only a route with children can hold others: an index id (`/posts/`) ends the branch.
  const within = (id: string, outer: string) => outer !== id && !outer.endsWith('/') && id.startsWith(`${outer}/`);
  const base = raws.map((r): FrontendRouteData => {
    const root = r.id === '__root__';
    const { path, index } = root ? { path: '/', index: false } : urlOfId(r.id);
    const trimmed = r.id.replace(/\/$/, '');
    const fromRoot = rootRaw && !root && !(rootRaw.exempt ?? []).includes(path);
    const guards = root ? [] : [...(fromRoot ? ['beforeLoad in root'] : []), ...guardIds.filter((g) => within(r.id, g)).map((g) => `beforeLoad in ${g}`)];
    if (r.guard) guards.push(`beforeLoad in ${root ? 'root' : r.id}`);
    // Guest-only (a login page sending signed-in users on): shown as such, never as a guard.
    const guest = r.guestOnly ? (root ? 'root' : r.id) : root ? undefined : guestIds.find((g) => within(r.id, g));
    const layout = root || (!index && ids.some((id) => id !== r.id && id.startsWith(`${trimmed}/`) && id !== `${trimmed}/`));
    // `_auth` and `(app)` layouts add no URL segment: their routes sit at the parent's path.
    const pathless = !root && layout && /\/(_[^/]*|\([^/]*\))$/.test(trimmed);
    return {
      app: app.dir,
      router: 'tanstack-router',
      path,
      component: r.component?.name,
      file: r.component?.file,
      line: r.component?.line,
      module: r.component?.module,
      declaredAt: r.declaredAt,
      index,
      layout,
      lazy: r.lazy || !!r.component?.lazy,
      guards,
      depth: root ? 0 : trimmed.split('/').length - 1,
      extras: { id: root ? '__root__' : r.id, ...r.extras, ...(pathless ? { pathless: 'yes' } : {}), ...(guest ? { guestOnly: `beforeLoad in ${guest}` } : {}) },
    };
  });
  const rootRoute = base.find((r) => r.extras!.id === '__root__');
  return base
    .map((r): FrontendRouteData => {
      const id = r.extras!.id;
      if (id === '__root__') return r;
      const outer = base.filter((o) => o.extras!.id !== '__root__' && within(id, o.extras!.id)).sort((a, b) => b.extras!.id.length - a.extras!.id.length)[0] ?? rootRoute;
      return outer ? { ...r, parent: routeKey(outer) } : r;
    })
    .sort((a, b) => (a.extras!.id < b.extras!.id ? -1 : a.extras!.id > b.extras!.id ? 1 : 0));
}
