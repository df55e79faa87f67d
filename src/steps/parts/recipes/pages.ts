/** "Add a page": per product frontend app, where pages live, where routes are declared, and one to copy. */
import type { AstroLayoutFact, AstroRouteData, AstroRouteFact } from '../../../detectors/astro/index.js';
import type { FrontendAppData, FrontendAppFact } from '../../../detectors/frontend-build/index.js';
import type { NextRouteFact } from '../../../detectors/nextjs-pages/index.js';
import type { ApiClientFact } from '../../../detectors/react-app/index.js';
import type { ReactRouterRouteFact } from '../../../detectors/react-router/index.js';
import { isSlotView, type FrontendRouteData } from '../../../detectors/shared/frontend-route.js';
import type { TanStackRouteFact } from '../../../detectors/tanstack-router/index.js';
import { nextMiddleware, type NextMiddleware } from '../../../detectors/shared/next-middleware.js';
import { cite } from '../../../markdown/cite.js';
import { code, oneLine, urlPath } from '../../../markdown/text.js';
import { plural } from '../cdk-shared.js';
import { commonDir, compareText, names } from '../format.js';
import { frameworkLabel } from '../frontend-common.js';
import { folder, lineIn, mostCommon, recipe, type RecipeInput } from './shared.js';

/** Product apps only (an example app's pages are not where the product's go), at most four. */
export function pageRecipes(input: RecipeInput): string[] {
  const apps = input.facts
    .of<FrontendAppFact>('frontend.app')
    .map((f) => f.data)
    .filter((a) => input.product(a.manifestPath));
  return apps.slice(0, 4).map((app) => (app.framework === 'astro' ? astroPage(input, app) : routedPage(input, app))).filter(Boolean);
}

const DYNAMIC = /[:$[*]/;
const ERROR_PAGE = /^\/(404|500|_?error|not-found)$/;

function astroPage({ facts, tests }: RecipeInput, app: FrontendAppData): string {
  const pages = facts.of<AstroRouteFact>('astro.route').map((f) => f.data).filter((r) => r.app === app.dir && r.kind === 'page');
  if (pages.length === 0) return '';
  const plain = pages.filter((p) => !p.dynamic && p.file.endsWith('.astro') && !ERROR_PAGE.test(p.path)).sort((a, b) => compareText(a.path, b.path));
  const example: AstroRouteData = plain.find((p) => p.path !== '/' && p.layouts.length > 0) ?? plain[0] ?? pages[0];
  const dir = commonDir(pages.map((p) => p.file)) || example.file.slice(0, example.file.lastIndexOf('/'));
  const layouts = facts.of<AstroLayoutFact>('astro.layout').map((f) => f.data).filter((l) => l.app === app.dir && example.layouts.includes(l.file));
  const layout = layouts[0];
  const dynamic = pages.find((p) => p.dynamic);
  return recipe(`Add a page to ${code(app.name)} (${frameworkLabel(app)})`, [
    `**Page:** the file is the route: add a \`.astro\` file under ${folder(dir)} (${plural(pages.length, 'page')}); copy ${cite(example.file)}, which serves ${urlPath(example.path)}.`,
    layout ? `**Layout:** it renders inside ${code(layout.name)} (${cite(layout.file)}), as ${plural(layout.usedBy, 'file')} do.` : '',
    dynamic ? `**Dynamic routes:** a \`[param]\` file name, as in ${cite(dynamic.file)}${dynamic.getStaticPaths ? ' (with `getStaticPaths`)' : ''}.` : '',
    tests.step(example.file, 'page'),
  ]);
}

function routesOf(input: RecipeInput, app: FrontendAppData): FrontendRouteData[] {
  return [
    ...input.facts.of<ReactRouterRouteFact>('react-router.route'),
    ...input.facts.of<TanStackRouteFact>('tanstack-router.route'),
    ...input.facts.of<NextRouteFact>('next.route'),
  ]
    .map((f) => f.data)
    .filter((r) => r.app === app.dir);
}

/** React Router, TanStack Router or Next.js: file-based routers say "the file is the route", the others name the config. */
function routedPage(input: RecipeInput, app: FrontendAppData): string {
  const { facts, tests } = input;
  // Next.js layouts, route handlers and error pages are not pages.
  // Resource routes (a loader or action with no component) are not pages either.
  // Next.js intercepting and parallel-slot pages render inside another page's layout (a modal, a panel): copying one
  // makes an overlay, not a page, and it serves no URL of its own, so they are neither examples nor counted.
  const routes = routesOf(input, app).filter(
    (r) => r.file && input.index.has(r.file) && (!r.router.startsWith('next') || r.extras?.kind === 'page') && !r.extras?.resource && !isSlotView(r),
  );
  if (routes.length === 0) return '';
  const allPages = routes.filter((r) => !r.layout && !r.index && !DYNAMIC.test(r.path) && r.path !== '/' && !ERROR_PAGE.test(r.path));
  // Sign-in pages (an `(auth)` / `_auth` group, often guest-only: it sends signed-in users away) are not where a new
  // page of the product goes, when there are others.
  const pages = allPages.some((r) => !isSignInPage(r)) ? allPages.filter((r) => !isSignInPage(r)) : allPages;
  // The usual place a page sits (its guards and depth), and the first such page by path.
  const usual = mostCommon(pages.length ? pages : routes, (r) => `${r.depth}\u0000${r.guards.join(',')}`)!;
  const example = [...usual.items].sort((a, b) => compareText(a.path, b.path))[0];
  const file = example.file!;
  const components = [...new Set(routes.map((r) => r.file!))];
  // Where pages like the example live (its siblings), not every route component (layouts sit elsewhere).
  const siblings = [...new Set(usual.items.map((r) => r.file!))];
  const dir = siblings.length > 1 ? commonDir(siblings) : commonDir(components);
  // The count beside the folder is of the route files in that folder, not of the whole app.
  const shownDir = dir || file.slice(0, file.lastIndexOf('/'));
  const under = (f: string) => shownDir === '' || f.startsWith(`${shownDir}/`);
  const fileBased =
    example.router === 'next-app' ||
    example.router === 'next-pages' ||
    ((example.router === 'tanstack-router' || example.router === 'react-router-config') && example.declaredAt.file === file);
  // A file router's route files are the files that declare routes: a layout with no component of its own
  // (`workspaces.tsx`), a server-only route (`api.auth.$.ts`) and `__root.tsx` are files of the folder too.
  const fileRouter = fileBased && (example.router === 'tanstack-router' || example.router === 'react-router-config');
  const routeFiles = fileRouter
    ? new Set(routesOf(input, app).filter((r) => r.router === example.router && !r.extras?.resource && input.index.has(r.declaredAt.file)).map((r) => r.declaredAt.file))
    : components;
  const inDir = [...routeFiles].filter(under).length;
  // Resource routes sit in the same folder and are in step 5's route list: counted apart, so the numbers agree.
  const resources = new Set(
    routesOf(input, app)
      .filter((r) => r.file && r.extras?.resource && input.index.has(r.file) && under(r.file))
      .map((r) => r.file!),
  ).size;
  const there = resources > 0 ? `${plural(inDir, 'page route')} and ${plural(resources, 'resource route')} there` : `${plural(inDir, 'route file')} there`;
  const declared = example.declaredAt;
  // Its parent: the closest route above it in the same file, one level up, whose path the example's path extends.
  const parent = routes
    .filter((r) => r.depth === example.depth - 1 && r.declaredAt.file === declared.file && (r.declaredAt.line ?? 0) < (declared.line ?? 0))
    .filter((r) => r.path === '/' || example.path === r.path || example.path.startsWith(`${r.path.replace(/\/$/, '')}/`))
    .sort((a, b) => (b.declaredAt.line ?? 0) - (a.declaredAt.line ?? 0))[0];
  const steps = fileBased
    ? [
        `**Page:** the file is the route: add one under ${folder(shownDir)} (${there}); copy ${cite(file)}, which serves ${urlPath(example.path)}.`,
      ]
    : [
        `**Page component:** add it under ${folder(shownDir)} (${plural(inDir, 'route component')} there); copy ${example.component ? `${code(example.component)} in ` : ''}${cite(file)}.`,
        `**Route:** declare it in ${cite(declared.file)} beside ${urlPath(example.path)} at ${lineIn(declared.file, declared.line, declared.file)}${parent ? `, a child of the ${urlPath(parent.path)} route at ${lineIn(parent.declaredAt.file, parent.declaredAt.line, declared.file)}` : ''}.`,
      ];
  const mw = example.router.startsWith('next') ? nextMiddleware(input.index, app.dir) : undefined;
  const guards = accessLine(routes, example, mw);
  // The middleware's matchers as written: what a new page's URL must fall under to pass through it.
  const matchers = (mwFile: string) => (mw && mw.file === mwFile ? mw.matchers : undefined);
  const inherited = inheritedGuards(routes, example, matchers);
  const client = facts.of<ApiClientFact>('react.api-client').map((f) => f.data).filter((c) => c.app === app.dir).sort((a, b) => b.usedBy - a.usedBy)[0];
  return recipe(`Add a page to ${code(app.name)} (${frameworkLabel(app)})`, [
    ...steps,
    guards,
    inherited,
    !client
      ? ''
      : client.sdkImportedBy !== undefined
        ? `**Data:** call the API through ${code(client.transport)}, imported by ${plural(client.sdkImportedBy, 'file')} of the app, ${cite(client.file)} among them.`
        : `**Data:** call the API through ${cite(client.file)} (${code(client.transport)}, used by ${plural(client.usedBy, 'file')}).`,
    tests.step(file, 'page'),
  ]);
}

/**
 * What guards a new page: the example's guards when most routes share them; when they do not, how the routes divide,
 * so one copied example does not pass for the rule.
 */
function accessLine(routes: readonly FrontendRouteData[], example: FrontendRouteData, mw?: NextMiddleware): string {
  if (example.guards.length === 0) return '';
  const key = (r: FrontendRouteData) => r.guards.join(',');
  const same = routes.filter((r) => key(r) === key(example)).length;
  // Next.js middleware runs for every path its matcher covers, but may act only on the paths its code tests: then
  // running is not protecting, and the reader is sent to those tests.
  const viaMiddleware = !!mw && example.guards.includes('middleware') && example.guardAt?.middleware?.file === mw.file;
  const checks = viaMiddleware ? mw!.pathChecks : [];
  // A middleware that only routes locales or redirects signed-in users runs before the pages but guards none of them.
  // Built on an auth library (`export { auth as middleware } from '@/lib/auth'`, next-auth there): it may guard, as
  // that library is configured; neither "guards" nor "no auth library" is known from here.
  const lib = viaMiddleware && !mw!.turnsAway ? mw!.authLibrary : undefined;
  if (lib && same * 2 > routes.length) {
    const nextAuth = /^(next-auth|@auth\/)/.test(lib.name) ? ' (for next-auth, its `authorized` callback)' : '';
    return `**Access:** pages here pass through ${names(example.guards.map((g) => oneLine(g)))}${guardAt(example)}, as ${same} of ${routes.length} routes do (its matcher covers them); it comes from ${code(lib.name)} (${cite(lib)}), so what it turns away depends on how that library is configured there${nextAuth}: read it before counting on it to guard a new page.`;
  }
  if (viaMiddleware && !mw!.turnsAway && same * 2 > routes.length) {
    return `**Access:** pages here pass through ${names(example.guards.map((g) => oneLine(g)))}${guardAt(example)}, as ${same} of ${routes.length} routes do (its matcher covers them), but no 401/403, sign-in redirect or auth library was found in it or the repository modules it imports: read it before counting on it to guard a new page.`;
  }
  if (checks.length && same * 2 > routes.length) {
    const tested = checks.slice(0, 3).map((c) => `${urlPath(c.path)} at ${cite({ file: mw!.file, line: c.line })}`).join(', ');
    return `**Access:** pages here pass through ${names(example.guards.map((g) => oneLine(g)))}${guardAt(example)}, as ${same} of ${routes.length} routes do (its matcher covers them); what it does for a page depends on the path tests in its code (${tested}): read them before counting on it to guard a new page.`;
  }
  if (same * 2 > routes.length) {
    return `**Access:** pages here sit behind ${names(example.guards.map((g) => oneLine(g)))}${guardAt(example)}, as ${same} of ${routes.length} routes do.`;
  }
  // A guest-only route (login, signup: its check sends signed-in users away) has an access rule, if not a guard.
  const GUEST = '\u0000guest';
  const groupOf = (r: FrontendRouteData) => (r.guards.length === 0 && r.extras?.guestOnly ? GUEST : key(r));
  const groups = new Map<string, number>();
  for (const r of routes) groups.set(groupOf(r), (groups.get(groupOf(r)) ?? 0) + 1);
  const parts = [...groups.entries()]
    .sort(([a, x], [b, y]) => y - x || compareText(a, b))
    .map(([g, n]) =>
      g === GUEST
        ? `${n} ${n === 1 ? 'is' : 'are'} guest-only (redirect signed-in users)`
        : g === ''
          ? `${n} have none`
          : `${n} sit behind ${names(g.split(',').map((x) => oneLine(x)))}`,
    );
  return `**Access:** routes differ — of ${routes.length}, ${parts.join(', ')}; wrap a new page as the routes beside it are (the example ${urlPath(example.path)} uses ${names(example.guards.map((g) => oneLine(g)))}${guardAt(example)}).`;
}

function guardAt(route: FrontendRouteData): string {
  const at = route.guardAt ? Object.values(route.guardAt)[0] : undefined;
  // Guards in different files (the middleware, a layout's `notFound(…)`): each is cited where it is, not the first's file.
  if (route.guardAt && new Set(Object.values(route.guardAt).map((c) => c.file)).size > 1) {
    const each = route.guards.filter((g) => route.guardAt![g]).map((g) => `${code(oneLine(g))} at ${cite(route.guardAt![g])}`);
    return ` (${each.join(', ')})`;
  }
  return at ? ` (${cite(at)})` : '';
}

/**
 * Guards the example does not have but other routes inherit from a parent (a Next.js layout that redirects without a
 * session, a React Router parent route whose element is a guard): where a new page would get them, and from what.
 */
function inheritedGuards(routes: readonly FrontendRouteData[], example: FrontendRouteData, matchersOf: (file: string) => readonly string[] | undefined): string {
  const others = [...new Set(routes.flatMap((r) => r.guards))].filter((g) => !example.guards.includes(g));
  const lines = others.flatMap((g) => {
    const guarded = routes.filter((r) => r.guards.includes(g));
    // Next.js: the guard is a layout's check, cited in the layout; its folder is where new pages inherit it.
    const at = guarded.find((r) => r.guardAt?.[g])?.guardAt?.[g];
    if (at && /(^|\/)layout\.[jt]sx?$/.test(at.file)) {
      return [`a page added under ${folder(at.file.slice(0, at.file.lastIndexOf('/')))} inherits ${code(oneLine(g))} from its layout (${cite(at)}), as ${guarded.length} of ${routes.length} routes do`];
    }
    // Next.js middleware: pages whose URL its matcher covers pass through it. The matchers are named, not the common
    // prefix of the covered routes: `/dashboard/:path*` and `/login` share only `/`, which the matcher does not cover.
    // URL text, not code spans: the citation check reads a backticked `/login` as a file path.
    if (at && /(^|\/)(middleware|proxy)\.[jt]s$/.test(at.file)) {
      const matchers = matchersOf(at.file);
      const where = !matchers
        ? `under ${urlPath(commonPath(guarded.map((r) => r.path)))}`
        : matchers.length === 0
          ? 'anywhere'
          : `at a URL its matcher covers (${matchers.slice(0, 4).map(urlPath).join(', ')}${matchers.length > 4 ? ` +${matchers.length - 4} more` : ''})`;
      return [`a page added ${where} passes through ${code(oneLine(g))} (${cite(at)}), as ${guarded.length} of ${routes.length} routes do`];
    }
    // React Router: a parent route that is (or wraps its outlet in) the guard; a guard on single routes is not inherited.
    const parent = routes.filter((r) => r.layout && (r.component === g || r.guards.includes(g))).sort((a, b) => a.depth - b.depth)[0];
    if (!parent) return [];
    const under = guarded.filter((r) => r !== parent);
    return [`a route added under ${urlPath(commonPath([parent.path, ...under.map((r) => r.path)]))} as a child of the route at ${cite(parent.declaredAt)} inherits ${code(oneLine(g))}${at ? ` (${cite(at)})` : ''}, as ${guarded.length} of ${routes.length} routes do`];
  });
  if (lines.length === 0) return '';
  // A sign-in page has no guard of its own but may be guest-only (its group redirects signed-in users): not "unguarded".
  const lead = example.guards.length || isSignInPage(example) ? '**Access elsewhere:** ' : `**Access:** pages like ${urlPath(example.path)} are not guarded; `;
  return `${lead}${lines.slice(0, 2).join('; ')}.`;
}

const SIGN_IN_PATH = /\/(log-?in|sign-?in|register|sign-?up|forgot-password|reset-password|verify-email)$/i;
const AUTH_GROUP = /\/(\((auth|guest|public-auth)\)|_(auth|guest))\//;

/** A sign-in, sign-up or password page, or a route of an `(auth)` / `_auth` group folder. */
function isSignInPage(route: FrontendRouteData): boolean {
  return SIGN_IN_PATH.test(route.path) || AUTH_GROUP.test(`/${route.file ?? ''}`) || AUTH_GROUP.test(`/${route.declaredAt.file}`);
}

/** The longest leading run of path segments the paths share (`/admin/users`, `/admin/logs` → `/admin`). */
function commonPath(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const out: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0][i]); i++) out.push(split[0][i]);
  return `/${out.join('/')}`;
}
