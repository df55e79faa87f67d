/** Routes of React apps (React Router, TanStack Router, Next.js) as one table per app, plus their layouts. */
import { isFileRouted, isSlotView, routeKey, type FrontendRouteData } from '../../detectors/shared/frontend-route.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, escaped, urlPath } from '../../markdown/text.js';
import { compareText } from './format.js';

const ROUTER_NAMES: Record<string, string> = {
  'react-router': 'React Router',
  'react-router-config': 'React Router route config',
  'tanstack-router': 'TanStack Router',
  'next-app': 'Next.js App Router',
  'next-pages': 'Next.js Pages Router',
  'expo-router': 'Expo Router (the file is the route)',
};

/** Routes shown in the routes table: pages, and layout routes of routers where layouts are routes. */
export function pageRoutes(routes: readonly FrontendRouteData[]): FrontendRouteData[] {
  // The root not-found page and global-error boundary are what Next.js shows instead of a page, at no URL of their own.
  return routes.filter((r) => !isApi(r) && r.extras?.kind !== 'not-found' && r.extras?.kind !== 'global-error' && !(isFileRouted(r) && r.layout));
}

/** A route array the reader could not follow (`react-router.unread`): the list above it is incomplete. */
export interface UnreadRoutes {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export function routesSection(routes: readonly FrontendRouteData[], unread: readonly UnreadRoutes[] = []): string {
  if (routes.length === 0 && unread.length === 0) return '';
  const pages = pageRoutes(routes);
  const api = routes.filter(isApi);
  const routers = [...new Set(routes.map((r) => (r.router === 'react-router-config' && r.extras?.fileRoute ? 'file-routes' : r.router)))].map((r) =>
    r === 'file-routes' ? 'Remix / React Router file routes (the file is the route)' : (ROUTER_NAMES[r] ?? r),
  );
  const declared = [...new Set(pages.filter((r) => !isFileRouted(r)).map((r) => r.declaredAt.file))].sort();
  // Nothing read at all: "at least 0 routes" would read as a count; say where the routes are built instead.
  if (pages.length === 0 && api.length === 0) {
    const shown = [...unread].sort((a, b) => compareText(a.file, b.file) || a.line - b.line).slice(0, 4);
    return join(heading(4, 'Routes'), `The route list is built by code this map cannot follow statically (${shown.map((u) => `${code(u.text)} at ${cite(u.file, u.line)}`).join('; ')}${unread.length > shown.length ? `, and ${unread.length - shown.length} more` : ''}): look there for the routes.`);
  }
  // Intercepting and slot views render at a URL a plain page serves: counted apart, so the count is of URLs.
  const own = pages.filter((r) => !isSlotView(r)).length;
  const views = viewsText(pages);
  const count = unread.length
    ? `At least ${own} route${own === 1 ? '' : 's'}${views}; the list is incomplete: ${partialText(unread)}`
    : `${own} route${own === 1 ? '' : 's'}${views}:`;
  const intro = `${routers.length ? routers.join(' and ') : 'React Router'}${declared.length && declared.length <= 4 ? `, declared in ${declared.map((f) => cite(f)).join(', ')}` : ''}. ${count}`;
  const rows = sortRoutes(pages).map((r) => [urlPath(r.path) + (r.index ? ' (index)' : ''), r.component ? code(r.component) : '—', where(r), notes(r)]);
  const apiRows = sortRoutes(api).map((r) => [code(`${r.extras?.methods || 'ALL'} ${r.path}`), cite(r.file!, r.line)]);
  return join(
    heading(4, 'Routes'),
    intro,
    rows.length ? table(['URL', 'Component', 'File', 'Notes'], rows) : '',
    api.length ? join(`API endpoints in the same app (${api.length}; the backend section covers them in detail):`, table(['Endpoint', 'File'], apiRows)) : '',
  );
}

/** `, plus 2 intercepting views` when some routes are Next.js intercepting or parallel-slot views; else ''. */
export function viewsText(routes: readonly FrontendRouteData[]): string {
  const views = routes.filter(isSlotView);
  if (views.length === 0) return '';
  const kind = views.every((r) => r.extras?.intercept) ? 'intercepting' : views.some((r) => r.extras?.intercept) ? 'intercepting or parallel-slot' : 'parallel-slot';
  return `, plus ${views.length} ${kind} view${views.length === 1 ? '' : 's'}`;
}

/** Where routes are built in code this map does not follow, as written. */
export function partialText(unread: readonly UnreadRoutes[]): string {
  const shown = [...unread].sort((a, b) => compareText(a.file, b.file) || a.line - b.line).slice(0, 4);
  const more = unread.length > shown.length ? `, and ${unread.length - shown.length} more` : '';
  return `routes are also built by code this map cannot follow statically (${shown.map((u) => `${code(u.text)} at ${cite(u.file, u.line)}`).join('; ')}${more}). Look there for the rest:`;
}

export function layoutsSection(routes: readonly FrontendRouteData[]): string {
  const layouts = routes.filter((r) => r.layout && r.file && !isApi(r));
  if (layouts.length === 0) return '';
  const pages = pageRoutes(routes).filter((r) => !r.layout);
  const count = (n: number) => `${n} route${n === 1 ? '' : 's'}`;
  const items = sortRoutes(layouts).map((l) => {
    const guard = (l.guards.length ? `, ${guardText(l.guards)}` : '') + (l.extras?.guestOnly ? `, ${guestText(l.extras.guestOnly, true)}` : '');
    let scope: string;
    if (isFileRouted(l)) {
      // A layout file wraps the pages in its folder and below; a route group folder adds no URL segment.
      const dir = l.file!.slice(0, l.file!.lastIndexOf('/') + 1);
      const n = pages.filter((r) => r.file?.startsWith(dir)).length;
      scope = l.extras?.group
        ? `wraps the ${urlPath(l.extras.group)} route group (${count(n)} under ${urlPath(l.path)}; a group adds no URL segment)`
        : `wraps ${urlPath(l.path)} and below${l.router === 'expo-router' ? ` (${count(n)})` : ''}`;
    } else {
      const n = wrapped(l, routes, pages);
      const pathless = l.extras?.pathless ? ' (a layout without a path: adds no URL segment)' : '';
      scope = `wraps ${count(n)} under ${urlPath(l.path)}${pathless}`;
    }
    return `${code(l.component ?? 'layout')} — ${cite(l.file!, l.line)} — ${scope}${guard}`;
  });
  return join(heading(4, 'Layouts'), bullets(items));
}

/**
 * Routes a code-declared layout renders: those nested in it (by the `parent` chain the reader records: React Router
 * trees and route configs, TanStack ids), or, for a layout no route names as its parent (readers that record none),
 * every route under its path. A pathless layout shares its parent's path, so only the chain counts it right.
 */
function wrapped(l: FrontendRouteData, routes: readonly FrontendRouteData[], pages: readonly FrontendRouteData[]): number {
  const flat = l.extras?.flatName;
  if (flat !== undefined) return pages.filter((r) => r !== l && r.app === l.app && r.extras?.flatName?.startsWith(`${flat}.`)).length;
  const key = routeKey(l);
  // Per layout, not per app: one app's routes.ts can mix config routes (parents recorded) with generated file routes.
  // A React Router tree records every nesting it reads, so there no child named means none read.
  const recorded = routes.some((r) => r.parent === key) || (l.router === 'react-router' && routes.some((r) => r.parent));
  if (!recorded) return pages.filter((r) => r !== l && within(r.path, l.path)).length;
  const byKey = new Map(routes.map((r) => [routeKey(r), r] as const));
  const inside = (r: FrontendRouteData): boolean => {
    for (let p = r.parent, i = 0; p && i < 50; p = byKey.get(p)?.parent, i++) if (p === key) return true;
    return false;
  };
  return pages.filter(inside).length;
}

/** Guards found on routes, with the file that defines them when a route renders them. */
export function routeGuards(routes: readonly FrontendRouteData[]): RouteGuard[] {
  const names = [...new Set(routes.flatMap((r) => r.guards))].filter((g) => !g.startsWith('when ')).sort();
  // Pages and route handlers (not layouts, nor the not-found and global-error boundaries), for how many of them a guard
  // covers: a Next.js middleware without a `config.matcher` runs on all of them.
  const own = [...pageRoutes(routes), ...routes.filter(isApi)];
  return names.map((name) => {
    const self = routes.find((r) => r.component === name && r.file);
    const at = routes.find((r) => r.guardAt?.[name])?.guardAt?.[name];
    return { name, at: self ? { file: self.file!, line: self.line } : at, covers: own.filter((r) => r.guards.includes(name)).length, of: own.length };
  });
}

export interface RouteGuard {
  readonly name: string;
  readonly at?: { readonly file: string; readonly line?: number };
  /** How many of the app's `of` routes (pages and route handlers) it covers. */
  readonly covers?: number;
  readonly of?: number;
}

function isApi(r: FrontendRouteData): boolean {
  return r.extras?.kind === 'route' || r.extras?.kind === 'api';
}

function within(path: string, parent: string): boolean {
  const base = parent.replace(/\/\*$/, '').replace(/\/$/, '');
  return path === parent || path.startsWith(`${base}/`) || base === '';
}

function where(r: FrontendRouteData): string {
  if (r.file) return cite(r.file, r.line);
  if (r.module) return `from ${code(r.module)}`;
  return `declared at ${cite(r.declaredAt)}`;
}

function notes(r: FrontendRouteData): string {
  const out: string[] = [];
  if (r.layout) out.push('layout');
  if (r.lazy) out.push('lazy');
  if (r.guards.length) out.push(guardText(r.guards, false));
  const x = r.extras ?? {};
  if (x.guestOnly) out.push(guestText(x.guestOnly, false));
  if (x.redirectsTo !== undefined) out.push(`beforeLoad redirects to ${urlPath(x.redirectsTo)}`);
  if (x.intercept) out.push(`intercepts client-side navigation to ${urlPath(r.path)}${x.slot ? ` (shown in the ${code(x.slot)} slot)` : ''}, not a URL of its own`);
  else if (x.slot) out.push(`renders in the ${code(x.slot)} parallel slot at ${urlPath(r.path)}, not a URL of its own`);
  if (x.client) out.push("'use client'");
  if (x.generateStaticParams) out.push('generateStaticParams');
  if (x.loading) out.push(`loading ${cite(x.loading)}`);
  if (x.error) out.push(`error ${cite(x.error)}`);
  if (x.errorElement) out.push(`errorElement ${code(x.errorElement)}`);
  if (x.loader) out.push('loader');
  if (x.adminResource) out.push(`react-admin ${code(x.adminResource)} ${escaped(x.view ?? '')} view`);
  if (x.platform) out.push(`${escaped(x.platform)} only`);
  if (x.resource) out.push('resource route: no component, answers requests (step 3)');
  if (x.definedIn) {
    const m = /^(.*?)(?::(\d+))?$/.exec(x.definedIn)!;
    out.push(`component in ${cite(m[1], m[2] ? Number(m[2]) : undefined)}`);
  }
  return out.join(' · ');
}

function sortRoutes(routes: readonly FrontendRouteData[]): FrontendRouteData[] {
  return [...routes].sort(
    (a, b) =>
      compareText(a.path, b.path) ||
      Number(b.layout) - Number(a.layout) ||
      Number(a.index) - Number(b.index) ||
      compareText(a.declaredAt.file, b.declaredAt.file) ||
      (a.declaredAt.line ?? 0) - (b.declaredAt.line ?? 0),
  );
}

/** A guest-only page (login, signup): its check sends signed-in visitors elsewhere, and guards nothing. */
function guestText(check: string, asCode: boolean): string {
  return `guest-only: ${asCode ? code(check) : escaped(check)} sends signed-in users elsewhere`;
}

/** Next.js middleware runs on matched paths (often auth, not always); other guards are components or `beforeLoad`. */
function guardText(guards: readonly string[], asCode = true): string {
  const names = [...new Set(guards)];
  const middleware = names.includes('middleware');
  const conditions = names.filter((g) => g.startsWith('when ')).map((g) => g.slice(5));
  const others = names.filter((g) => g !== 'middleware' && !g.startsWith('when '));
  const parts = [
    others.length ? `guarded by ${others.map((g) => (asCode ? code(g) : escaped(g))).join(', ')}` : '',
    middleware ? 'matched by middleware' : '',
    conditions.length ? `only when ${conditions.map(code).join(' and ')}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}
