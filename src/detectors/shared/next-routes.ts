/**
 * Next.js file-system routing, shared by the frontend detector (pages, layouts) and the backend detector (API routes):
 * one place turns a file under `app/` or `pages/` into the URL Next.js serves it at.
 */
import type { RepoIndex } from '../../scan/repo-index.js';

export type NextRouter = 'app' | 'pages';

/** App Router special files (`page.tsx`, `layout.tsx`, `route.ts`…); Pages Router files are `page` or `api`. */
export type NextFileKind =
  | 'page'
  | 'layout'
  | 'template'
  | 'loading'
  | 'error'
  | 'global-error'
  | 'not-found'
  | 'default'
  | 'route'
  | 'api';

export interface NextRouteFile {
  readonly router: NextRouter;
  readonly kind: NextFileKind;
  /** Repo-relative file. */
  readonly file: string;
  /** URL path as served; dynamic segments as written (`[id]`, `[...slug]`, `[[...slug]]`). */
  readonly path: string;
  /** The interception marker (`(.)`, `(..)`, `(..)(..)`, `(...)`) when the file intercepts `path`. */
  readonly intercept?: string;
  /** The parallel-route slot (`@modal`) the file renders in, when it sits in one. */
  readonly slot?: string;
}

const APP_KINDS = new Set<NextFileKind>([
  'page',
  'layout',
  'template',
  'loading',
  'error',
  'global-error',
  'not-found',
  'default',
  'route',
]);
const PAGE_EXTENSIONS = /\.(tsx|ts|jsx|js|mdx)$/;
const NOT_A_ROUTE = /(\.d\.ts|\.(test|spec|stories)\.[jt]sx?)$|(^|\/)__(tests|mocks)__\//;

/**
 * `(marketing)/blog/[slug]/page.tsx` (relative to `app/`) → `/blog/[slug]`; undefined for private `_folders`.
 * An intercepting folder (`@modal/(.)photo/[id]`) gives the URL it intercepts (`/photo/[id]`): `(.)` is the same
 * level, each `(..)` one route segment up, `(...)` the root — counted in route segments, so groups and slots are not.
 */
export function nextAppPath(relative: string): string | undefined {
  const parts = relative.split('/').slice(0, -1);
  if (parts.some((p) => p.startsWith('_'))) return undefined;
  const segments: string[] = [];
  for (const p of parts) {
    // Route groups `(name)` and parallel-route slots `@name` are not part of the URL.
    if (p.startsWith('@') || /^\([^)]*\)$/.test(p)) continue;
    const m = INTERCEPT.exec(p);
    if (m) {
      if (m[1] === '(...)') segments.length = 0;
      else if (m[1] !== '(.)') segments.length = Math.max(0, segments.length - m[1].length / '(..)'.length);
      segments.push(m[2]);
    } else segments.push(p);
  }
  return `/${segments.join('/')}`;
}

/** `(.)x`, `(..)x`, `(..)(..)x`, `(...)x`: the marker and the segment it intercepts. */
const INTERCEPT = /^(\(\.\)|\(\.\.\.\)|(?:\(\.\.\))+)(.+)$/;

/** The interception marker and parallel-route slot of an App Router file, when it has them. */
export function nextAppView(relative: string): { intercept?: string; slot?: string } {
  const parts = relative.split('/').slice(0, -1);
  const intercept = parts.map((p) => INTERCEPT.exec(p)?.[1]).find(Boolean);
  const slot = parts.find((p) => p.startsWith('@'));
  return { ...(intercept ? { intercept } : {}), ...(slot ? { slot } : {}) };
}

/** `blog/[slug].tsx` (relative to `pages/`) → `/blog/[slug]`, `index.tsx` → `/`; undefined for `_app`, `_document`. */
export function nextPagesPath(relative: string): string | undefined {
  const withoutExt = relative.replace(PAGE_EXTENSIONS, '');
  const parts = withoutExt.split('/');
  if (parts.some((p) => p.startsWith('_'))) return undefined;
  if (parts[parts.length - 1] === 'index') parts.pop();
  return `/${parts.join('/')}`;
}

/** The `app/` and `pages/` folders of a Next.js package (`src/app` and `src/pages` when the root ones are absent). */
export function nextRouteDirs(index: RepoIndex, packageDir: string): { app?: string; pages?: string } {
  const at = (p: string) => (packageDir ? `${packageDir}/${p}` : p);
  const pick = (name: string) => [at(name), at(`src/${name}`)].find((d) => index.hasDir(d));
  return { app: pick('app'), pages: pick('pages') };
}

/** Every routing file of a Next.js package, sorted by path then file. */
export function nextRouteFiles(index: RepoIndex, packageDir: string): NextRouteFile[] {
  const dirs = nextRouteDirs(index, packageDir);
  const out: NextRouteFile[] = [];
  if (dirs.app) {
    for (const file of index.filesUnder(dirs.app)) {
      if (NOT_A_ROUTE.test(file)) continue;
      const relative = file.slice(dirs.app.length + 1);
      const m = /(^|\/)([a-z-]+)\.(tsx|ts|jsx|js|mdx)$/.exec(relative);
      if (!m || !APP_KINDS.has(m[2] as NextFileKind)) continue;
      const path = nextAppPath(relative);
      if (path !== undefined) out.push({ router: 'app', kind: m[2] as NextFileKind, file, path, ...nextAppView(relative) });
    }
  }
  if (dirs.pages) {
    for (const file of index.filesUnder(dirs.pages)) {
      if (!PAGE_EXTENSIONS.test(file) || NOT_A_ROUTE.test(file)) continue;
      const relative = file.slice(dirs.pages.length + 1);
      const path = nextPagesPath(relative);
      if (path === undefined) continue;
      const api = path === '/api' || path.startsWith('/api/');
      out.push({ router: 'pages', kind: api ? 'api' : 'page', file, path });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
