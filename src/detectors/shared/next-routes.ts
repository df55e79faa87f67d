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

/** `(marketing)/blog/[slug]/page.tsx` (relative to `app/`) → `/blog/[slug]`; undefined for private `_folders`. */
export function nextAppPath(relative: string): string | undefined {
  const parts = relative.split('/').slice(0, -1);
  if (parts.some((p) => p.startsWith('_'))) return undefined;
  // Route groups `(name)` and parallel-route slots `@name` are not part of the URL; `(.)x` interceptors stay as written.
  const segments = parts.filter((p) => !/^\([^)]*\)$/.test(p) && !p.startsWith('@'));
  return `/${segments.join('/')}`;
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
      if (path !== undefined) out.push({ router: 'app', kind: m[2] as NextFileKind, file, path });
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
