/** The shape every frontend router detector (React Router, TanStack Router, Next.js) gives its routes. */
import type { Citation } from '../../facts.js';

export type FrontendRouter = 'react-router' | 'react-router-config' | 'tanstack-router' | 'next-app' | 'next-pages' | 'expo-router';

/** Routers where the file is the route (and a layout file wraps its folder), not a route declared in code. */
export function isFileRouted(r: { readonly router: FrontendRouter }): boolean {
  return r.router === 'next-app' || r.router === 'next-pages' || r.router === 'expo-router';
}

/**
 * A Next.js intercepting route (`@modal/(.)photo`) or parallel-route slot page (`@team/page.tsx`): a view rendered
 * inside a layout at a URL, not a URL of its own.
 */
export function isSlotView(r: Pick<FrontendRouteData, 'extras'>): boolean {
  return !!(r.extras?.intercept || r.extras?.slot);
}

export interface FrontendRouteData {
  /** Folder of the app (package) declaring the route. */
  readonly app: string;
  readonly router: FrontendRouter;
  /** URL path with parents composed; dynamic segments as the router writes them (`:id`, `$id`, `[id]`). */
  readonly path: string;
  /** Component name as written (`Dashboard`), or the file's default export. */
  readonly component?: string;
  /** File that defines the component (for file-based routers, the route file itself). */
  readonly file?: string;
  readonly line?: number;
  /** npm package the component comes from when it is not in the repository. */
  readonly module?: string;
  /** Where the route itself is declared. */
  readonly declaredAt: Citation;
  readonly index: boolean;
  /** Has child routes (renders an `<Outlet />` / `{children}`). */
  readonly layout: boolean;
  readonly lazy: boolean;
  /** Wrapping guard components (`ProtectedRoute`, `RequireAuth`) or `beforeLoad` checks on the way to this route. */
  readonly guards: readonly string[];
  /** Where the guard components are defined, when they are in the repository. */
  readonly guardAt?: Readonly<Record<string, Citation>>;
  /** Nesting depth, 0 for top-level routes. */
  readonly depth: number;
  /** `routeKey` of the route this one is nested in (React Router), for counting what a layout wraps. */
  readonly parent?: string;
  /** Next.js/TanStack extras: `loading`, `error`, `not-found` files next to the page, API methods… */
  readonly extras?: Readonly<Record<string, string>>;
}

/** A route's identity within its app: where it is declared and its path (mapped routes share a declaration). */
export function routeKey(r: Pick<FrontendRouteData, 'declaredAt' | 'path'>): string {
  return `${r.declaredAt.file}:${r.declaredAt.line ?? 0}:${r.path}`;
}

/** Joins a child path onto its parent as React Router does: absolute children stay, relative ones append. */
export function composePath(parent: string, child: string | undefined): string {
  if (child === undefined || child === '') return parent || '/';
  if (child.startsWith('/')) return child;
  const base = parent.replace(/\/\*$/, '').replace(/\/+$/, '');
  return `${base}/${child}`.replace(/\/{2,}/g, '/');
}

const GUARD = /auth|protect|private|guard|require|secure|signed|logged/i;

export function isGuardName(name: string): boolean {
  return GUARD.test(name);
}
