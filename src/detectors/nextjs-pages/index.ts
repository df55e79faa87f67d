/**
 * Next.js pages as frontend routes: App Router `page`/`layout` files (route groups left out of the URL, `[id]`,
 * `[...slug]`, `[[...slug]]` dynamic) with their `loading`/`error` files, Pages Router pages, and — briefly — the
 * API endpoints (`route.ts`, `pages/api`). Paths come from the shared `next-routes` conversion.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { nextMiddleware } from '../shared/next-middleware.js';
import { defaultExportAt, defaultExportName } from '../shared/component-ref.js';
import type { FrontendRouteData } from '../shared/frontend-route.js';
import { nextRouteFiles, type NextRouteFile } from '../shared/next-routes.js';
import { endpointMethods, exportedNames } from '../astro/routes.js';
import { frontendApps, type FrontendApp } from '../frontend-build/apps.js';
import { layoutGuard } from './layout-guards.js';
import { pushTo } from '../../collections.js';
import { hasFileDirective } from '../shared/directive.js';

export type NextRouteFact = Fact<'next.route', FrontendRouteData>;

export const nextPagesDetector: Detector = {
  id: 'nextjs-pages',
  isEnabled: (index) => frontendApps(index).some((a) => a.framework === 'next'),
  detect(index) {
    return frontendApps(index)
      .filter((a) => a.framework === 'next')
      .flatMap((app) => routesOf(index, app))
      .map((data): Fact => ({ kind: 'next.route', id: `${data.app}:${data.extras?.kind}:${data.path}:${data.file}`, data, at: [{ file: data.file!, line: data.line }] }));
  },
};

function routesOf(index: RepoIndex, app: FrontendApp): FrontendRouteData[] {
  const files = nextRouteFiles(index, app.dir);
  // The same reading of middleware.ts as the API routes of step 3 get.
  const middleware = nextMiddleware(index, app.dir);
  const byDir = new Map<string, NextRouteFile[]>();
  for (const f of files) {
    const dir = f.file.slice(0, f.file.lastIndexOf('/'));
    pushTo(byDir, dir, f);
  }
  // Guarding layouts, outermost first: a page inherits every one whose folder holds it.
  const layoutGuards = files
    .filter((f) => f.router === 'app' && f.kind === 'layout')
    .flatMap((f) => layoutGuard(index, f.file) ?? [])
    .sort((a, b) => a.dir.length - b.dir.length);
  const out: FrontendRouteData[] = [];
  for (const f of files) {
    if (!['page', 'layout', 'route', 'api', 'not-found', 'global-error'].includes(f.kind)) continue;
    if (f.kind === 'not-found' && f.path !== '/') continue;
    const siblings = byDir.get(f.file.slice(0, f.file.lastIndexOf('/'))) ?? [];
    const extras: Record<string, string> = { kind: f.kind };
    const group = /\/(\([^)/]+\))\/[^/]+$/.exec(f.file)?.[1];
    if (f.kind === 'layout' && group) extras.group = group;
    // An intercepting or parallel-slot page renders inside another page's layout, at a URL a plain page also serves.
    if (f.intercept) extras.intercept = f.intercept;
    if (f.slot) extras.slot = f.slot;
    if (f.kind === 'page') {
      for (const s of siblings) if (s.kind === 'loading' || s.kind === 'error' || s.kind === 'template') extras[s.kind] = s.file;
    }
    const sf = index.parse(f.file);
    if (f.kind === 'route' && sf) extras.methods = endpointMethods(sf).join(', ');
    if (f.router === 'app' && sf && f.kind === 'page') {
      const text = index.read(f.file) ?? '';
      if (hasFileDirective(text, 'use client')) extras.client = 'yes';
      if (/export\s+(async\s+)?function\s+generateStaticParams/.test(text)) extras.generateStaticParams = 'yes';
    }
    const api = f.kind === 'route' || f.kind === 'api';
    // A layout wraps the pages and layouts of its folder and below (not route handlers, and not itself).
    const here = f.file.slice(0, f.file.lastIndexOf('/'));
    const covered = !!middleware?.covers(f.path);
    const inherited = api ? [] : layoutGuards.filter((g) => g.at.file !== f.file && (here === g.dir || here.startsWith(`${g.dir}/`)));
    const at = defaultExportAt(index, f.file);
    if (at.definedIn) extras.definedIn = `${at.definedIn.file}${at.definedIn.line ? `:${at.definedIn.line}` : ''}`;
    out.push({
      app: app.dir,
      router: f.router === 'app' ? 'next-app' : 'next-pages',
      path: f.path,
      component: api ? undefined : defaultExportName(index, f.file),
      file: f.file,
      line: at.line ?? (api ? handlerExportLine(sf) : undefined),
      declaredAt: { file: f.file },
      index: false,
      layout: f.kind === 'layout',
      lazy: false,
      guards: [...(covered ? ['middleware'] : []), ...inherited.map((g) => g.name)],
      ...(covered || inherited.length
        ? { guardAt: Object.fromEntries([...(covered ? [['middleware', { file: middleware!.file }]] : []), ...inherited.map((g) => [g.name, g.at])]) }
        : {}),
      depth: f.path === '/' ? 0 : f.path.split('/').length - 1,
      extras,
    });
  }
  return out;
}

/**
 * Where a route handler starts: its first HTTP-method export (`export async function GET`), so an earlier
 * `export const runtime = "edge"` is not cited as the handler; else the module's first export.
 */
export function handlerExportLine(sf: ts.SourceFile | undefined): number | undefined {
  if (!sf) return undefined;
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const methods = [...exportedNames(sf)].filter(([name]) => HTTP_METHODS.has(name)).map(([, node]) => lineOf(node));
  if (methods.length) return Math.min(...methods);
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) ?? [] : [];
    if (ts.isExportDeclaration(st) || mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return lineOf(st);
  }
  return undefined;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
