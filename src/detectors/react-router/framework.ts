/** React Router framework mode (v7) and Remix: `app/routes.ts` route config, or flat file routes in `app/routes/`. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { lastName, staticString } from '../shared/ast.js';
import { defaultExportAt, defaultExportName } from '../shared/component-ref.js';
import { composePath, routeKey, type FrontendRouteData } from '../shared/frontend-route.js';
import type { FrontendApp } from '../frontend-build/apps.js';
import { autoRoutes } from './auto-routes.js';
import { clip } from '../../secrets/clip.js';

const ROUTE_FILE = /\.(tsx|ts|jsx|js|mdx)$/;

/** A call in the route config this reader does not know (a route-discovery function of another library). */
export interface UnreadConfigCall {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export function frameworkRoutes(index: RepoIndex, app: FrontendApp): FrontendRouteData[] {
  return frameworkRoutesRead(index, app).routes;
}

/** The routes, and the calls of `app/routes.ts` that were not read (so "no routes" is never concluded from them). */
export function frameworkRoutesRead(index: RepoIndex, app: FrontendApp): { routes: FrontendRouteData[]; unread: UnreadConfigCall[] } {
  const appDir = appDirectoryOf(index, app);
  const config = ['routes.ts', 'routes.js', 'routes.mts'].map((f) => `${appDir}/${f}`).find((f) => index.has(f));
  if (config) return fromConfig(index, app, appDir, config);
  if (app.framework === 'remix' && index.hasDir(`${appDir}/routes`)) return { routes: flatRoutes(index, app, appDir, 'routes', undefined), unread: [] };
  return { routes: [], unread: [] };
}

const CONFIGS = ['react-router.config', 'vite.config', 'remix.config'].flatMap((n) => ['ts', 'mts', 'js', 'mjs', 'cjs'].map((e) => `${n}.${e}`));

/**
 * The app's source folder: `app/` unless the config sets `appDirectory` (`react-router.config.ts`, or the Remix
 * plugin's options in `vite.config.ts` / `remix.config.js`), read as text.
 */
function appDirectoryOf(index: RepoIndex, app: FrontendApp): string {
  const inApp = (f: string) => (app.dir ? `${app.dir}/${f}` : f);
  for (const config of CONFIGS.map(inApp)) {
    if (!index.has(config)) continue;
    const m = /\bappDirectory\s*:\s*(['"`])([^'"`$]+)\1/.exec(index.read(config) ?? '');
    const dir = m?.[2].replace(/^\.\//, '').replace(/\/+$/, '');
    if (dir && dir !== '.' && !dir.startsWith('/') && !dir.split('/').includes('..')) return inApp(dir);
  }
  return inApp('app');
}

function fromConfig(index: RepoIndex, app: FrontendApp, appDir: string, config: string): { routes: FrontendRouteData[]; unread: UnreadConfigCall[] } {
  const sf = index.parse(config);
  const unread: UnreadConfigCall[] = [];
  if (!sf) return { routes: [], unread };
  let root: ts.Expression | undefined;
  for (const st of sf.statements) if (ts.isExportAssignment(st)) root = st.expression;
  // React Router 7.0's docs wrote `export const routes: RouteConfig = flatRoutes()`.
  for (const st of sf.statements) {
    if (root || !ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === 'routes' && d.initializer) root = d.initializer;
  }
  const out: FrontendRouteData[] = [];
  // `parent`: the routeKey of the enclosing `route`/`layout` call, so a layout counts only what it nests (a pathless
  // `layout()` shares `/` with every route of the app).
  const visit = (expr: ts.Expression | undefined, prefix: string, depth: number, parent?: string): void => {
    while (expr && (ts.isSatisfiesExpression(expr) || ts.isAsExpression(expr) || ts.isParenthesizedExpression(expr) || ts.isAwaitExpression(expr))) {
      expr = expr.expression;
    }
    if (!expr) return;
    if (ts.isArrayLiteralExpression(expr)) {
      for (const el of expr.elements) visit(ts.isSpreadElement(el) ? el.expression : el, prefix, depth, parent);
      return;
    }
    if (!ts.isCallExpression(expr)) return;
    const fn = lastName(expr.expression);
    const args = expr.arguments;
    const str = (e: ts.Expression | undefined) => staticString(e)?.text;
    const children = args.find((a) => ts.isArrayLiteralExpression(a));
    if (fn === 'flatRoutes') {
      const rootDirectory = str(optionsProp(args[0], 'rootDirectory')) ?? 'routes';
      out.push(...under(parent, flatRoutes(index, app, appDir, rootDirectory, { file: config, line: lineOf(expr, sf) }, prefix, depth)));
    } else if (fn === 'autoRoutes') {
      out.push(...under(parent, autoRoutes(index, app, args[0], { file: config, line: lineOf(expr, sf) }, prefix, depth)));
    } else if (fn === 'prefix') {
      visit(children, composePath(prefix, str(args[0])), depth, parent);
    } else if (fn === 'index' || fn === 'route' || fn === 'layout') {
      const path = fn === 'route' ? str(args[0]) : undefined;
      const moduleArg = fn === 'route' ? args[1] : args[0];
      const full = fn === 'route' ? composePath(prefix, path) : prefix || '/';
      const route = routeData(index, app, `${appDir}/${str(moduleArg) ?? ''}`, full, { file: config, line: lineOf(expr, sf) }, depth, fn === 'index', fn === 'layout' || !!children);
      // `layout()` adds no URL segment: its routes sit at the enclosing path.
      const pathless = fn === 'layout' && !!children ? { extras: { ...route.extras, pathless: 'yes' } } : {};
      out.push({ ...route, ...pathless, ...(parent ? { parent } : {}) });
      if (children) visit(children, full, depth + 1, routeKey(route));
    } else {
      // `remixRoutesOptionAdapter(…)`, `createRoutesFromFolders(…)`, a helper of the project: routes we cannot list.
      unread.push({ file: config, line: lineOf(expr, sf), text: clip(expr.getText(sf).replace(/\s+/g, ' '), 60) });
    }
  };
  visit(root, '', 0);
  return { routes: out, unread };
}

/**
 * File routes generated inside a config route: each sits in that route (nesting among the files themselves is by
 * file name, `flatName`), so the enclosing layout's count reaches them.
 */
function under(parent: string | undefined, routes: FrontendRouteData[]): FrontendRouteData[] {
  return parent ? routes.map((r) => ({ ...r, parent })) : routes;
}

function optionsProp(e: ts.Expression | undefined, name: string): ts.Expression | undefined {
  if (!e || !ts.isObjectLiteralExpression(e)) return undefined;
  for (const p of e.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
  return undefined;
}

export function routeData(
  index: RepoIndex,
  app: FrontendApp,
  file: string,
  path: string,
  declaredAt: { file: string; line?: number },
  depth: number,
  isIndex: boolean,
  layout: boolean,
): FrontendRouteData {
  const exists = index.has(file);
  const at = exists ? defaultExportAt(index, file) : {};
  const extras: Record<string, string> = {};
  if (at.definedIn) extras.definedIn = `${at.definedIn.file}${at.definedIn.line ? `:${at.definedIn.line}` : ''}`;
  // No component: a resource route (a loader or action answering requests), not a page.
  if (exists && defaultExportName(index, file) === undefined && at.line === undefined) extras.resource = 'yes';
  // A flat route file is its own declaration: the file is the route.
  if (declaredAt.file === file) extras.fileRoute = 'yes';
  return {
    app: app.dir,
    router: 'react-router-config',
    path,
    component: exists ? defaultName(index, file) : undefined,
    file: exists ? file : undefined,
    line: at.line,
    declaredAt,
    index: isIndex,
    layout,
    lazy: false,
    guards: [],
    depth,
    extras: Object.keys(extras).length > 0 ? extras : undefined,
  };
}

function defaultName(index: RepoIndex, file: string): string {
  return defaultExportName(index, file) ?? (file.split('/').pop() ?? file).replace(ROUTE_FILE, '');
}

/** Remix v2 / React Router flat routes: `concerts.$city.tsx` → `/concerts/:city`, `_auth.login.tsx` → `/login`. */
export function flatRoutePath(name: string): { path: string; index: boolean } {
  const segments: string[] = [];
  let isIndex = false;
  for (const raw of name.split(/\.(?![^[]*\])/)) {
    if (raw === '_index' || raw === 'index') {
      isIndex = true;
      continue;
    }
    if (raw.startsWith('_')) continue;
    let seg = raw.replace(/_$/, '').replace(/\[([^\]]*)\]/g, '$1');
    const optional = /^\((.*)\)$/.exec(seg);
    if (optional) seg = optional[1];
    if (seg === '$') seg = '*';
    else if (seg.startsWith('$')) seg = `:${seg.slice(1)}`;
    segments.push(optional ? `${seg}?` : seg);
  }
  return { path: `/${segments.join('/')}`, index: isIndex };
}

function flatRoutes(
  index: RepoIndex,
  app: FrontendApp,
  appDir: string,
  rootDirectory: string,
  declaredIn: { file: string; line?: number } | undefined,
  prefix = '',
  depth = 0,
): FrontendRouteData[] {
  const dir = `${appDir}/${rootDirectory}`;
  const modules = new Map<string, string>();
  for (const file of index.filesUnder(dir)) {
    const rel = file.slice(dir.length + 1);
    const parts = rel.split('/');
    if (parts.length === 1 && ROUTE_FILE.test(rel) && !rel.endsWith('.d.ts')) modules.set(rel.replace(ROUTE_FILE, ''), file);
    else if (parts.length === 2 && /^(route|index)\.(tsx|ts|jsx|js|mdx)$/.test(parts[1])) modules.set(parts[0], file);
  }
  const names = [...modules.keys()].sort();
  return names.map((name) => {
    const { path, index: isIndex } = flatRoutePath(name);
    const file = modules.get(name)!;
    const layout = names.some((other) => other !== name && other.startsWith(`${name}.`));
    const nested = name.split(/\.(?![^[]*\])/).length - 1;
    const route = routeData(index, app, file, composePath(prefix, path.slice(1)), declaredIn ?? { file }, depth + nested, isIndex, layout);
    // Nesting follows the file name, not the URL: `account_.login` (trailing `_`) sits at /account/login but outside
    // the `account` layout, so layouts count their routes by this name (`frontend-routes.ts`).
    return { ...route, extras: { ...route.extras, flatName: name } };
  });
}
