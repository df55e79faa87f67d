/**
 * Expo Router file routes (React Native apps): every file under `app/` (or `src/app/`) is a screen, `_layout` files
 * wrap their folder, `(group)` folders add no URL segment, `[id]` / `[...rest]` are dynamic, `name+api.ts` files are
 * API routes and `+not-found` is the fallback screen. Routes have the same shape as Next.js file routes, so step 5
 * renders them with the same tables.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { defaultExportAt, defaultExportName } from '../shared/component-ref.js';
import type { FrontendRouteData } from '../shared/frontend-route.js';
import { endpointMethods } from '../astro/routes.js';
import { frontendApps, type FrontendApp } from '../frontend-build/apps.js';
import { handlerExportLine } from '../nextjs-pages/index.js';

export type ExpoRouteFact = Fact<'expo.route', FrontendRouteData>;

export interface ExpoRouteFile {
  readonly kind: 'page' | 'layout' | 'not-found' | 'api';
  /** URL path; dynamic segments as written (`[id]`, `[...rest]`). */
  readonly path: string;
  /** The route group folder a layout sits in (`(tabs)`), which adds no URL segment. */
  readonly group?: string;
  /** `ios`, `android`, `web` or `native` for a platform-specific file (`home.web.tsx`). */
  readonly platform?: string;
}

const ROUTE_EXT = /\.(tsx|ts|jsx|js)$/;
const NOT_A_ROUTE = /(\.d\.ts|\.(test|spec|stories)\.[jt]sx?)$|(^|\/)__(tests|mocks)__\//;
/** Files Expo Router reads for itself, not screens: the web HTML shell, deep-link rewriting, server middleware. */
const SPECIAL = new Set(['+html', '+native-intent', '+middleware']);
const GROUP = /^\([^)/]*\)$/;

/** `(app)/feed/[id].tsx` (relative to the routes folder) → `{ kind: 'page', path: '/feed/[id]' }`; undefined when not a route. */
export function expoRoutePath(relative: string): ExpoRouteFile | undefined {
  if (!ROUTE_EXT.test(relative) || NOT_A_ROUTE.test(relative)) return undefined;
  const parts = relative.replace(ROUTE_EXT, '').split('/');
  let name = parts.pop()!;
  const platform = /\.(ios|android|web|native)$/.exec(name)?.[1];
  if (platform) name = name.slice(0, -platform.length - 1);
  if (SPECIAL.has(name)) return undefined;
  const folders = parts.filter((p) => !GROUP.test(p));
  const at = (segments: string[]) => `/${segments.join('/')}`;
  const extra = platform ? { platform } : {};
  if (name === '_layout') {
    const last = parts[parts.length - 1];
    return { kind: 'layout', path: at(folders), ...(last && GROUP.test(last) ? { group: last } : {}), ...extra };
  }
  if (name === '+not-found') return { kind: 'not-found', path: at(folders), ...extra };
  if (name.endsWith('+api')) {
    const base = name.slice(0, -4);
    return { kind: 'api', path: at(base === 'index' ? folders : [...folders, base]), ...extra };
  }
  return { kind: 'page', path: at(name === 'index' ? folders : [...folders, name]), ...extra };
}

/** The routes folder of an Expo Router app: `src/app` when it exists (Expo Router prefers it), else `app`. */
export function expoRoutesDir(index: RepoIndex, packageDir: string): string | undefined {
  const at = (p: string) => (packageDir ? `${packageDir}/${p}` : p);
  return [at('src/app'), at('app')].find((d) => index.hasDir(d));
}

export const expoRouterDetector: Detector = {
  id: 'expo-router',
  isEnabled: (index) => routerApps(index).length > 0,
  detect(index) {
    return routerApps(index)
      .flatMap((app) => routesOf(index, app))
      .map((data): Fact => ({ kind: 'expo.route', id: `${data.app}:${data.extras?.kind}:${data.path}:${data.file}`, data, at: [{ file: data.file!, line: data.line }] }));
  },
};

function routerApps(index: RepoIndex): FrontendApp[] {
  return frontendApps(index).filter((app) => {
    if (app.framework !== 'expo') return false;
    const pkg = index.packages.find((p) => p.dir === app.dir);
    return !!pkg && (dependsOn(pkg.manifest, /^expo-router$/) || 'expo-router' in (pkg.hoisted ?? {}));
  });
}

function routesOf(index: RepoIndex, app: FrontendApp): FrontendRouteData[] {
  const dir = expoRoutesDir(index, app.dir);
  if (!dir) return [];
  const out: FrontendRouteData[] = [];
  for (const file of index.filesUnder(dir).sort()) {
    const route = expoRoutePath(file.slice(dir.length + 1));
    if (!route) continue;
    const extras: Record<string, string> = { kind: route.kind };
    if (route.group) extras.group = route.group;
    if (route.platform) extras.platform = route.platform;
    const api = route.kind === 'api';
    const sf = api ? index.parse(file) : undefined;
    if (sf) extras.methods = endpointMethods(sf).join(', ');
    const at = defaultExportAt(index, file);
    if (at.definedIn) extras.definedIn = `${at.definedIn.file}${at.definedIn.line ? `:${at.definedIn.line}` : ''}`;
    out.push({
      app: app.dir,
      router: 'expo-router',
      path: route.path,
      component: api ? undefined : defaultExportName(index, file),
      file,
      line: at.line ?? (api ? handlerExportLine(sf) : undefined),
      declaredAt: { file },
      index: false,
      layout: route.kind === 'layout',
      lazy: false,
      guards: [],
      depth: route.path === '/' ? 0 : route.path.split('/').length - 1,
      extras,
    });
  }
  return out;
}
