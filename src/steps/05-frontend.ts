/**
 * Step 5 — Frontend Applications: per app, the framework, entry and config, every route with the component and file
 * it renders, layouts, state management, API client and auth, key components and environment variables.
 */
import { astroDetector, type AstroCollectionFact, type AstroComponentFact, type AstroLayoutFact, type AstroRouteFact } from '../detectors/astro/index.js';
import { astroPagesDir } from '../detectors/astro/routes.js';
import { appFiles, relative, frontendBuildDetector, type FrontendAppData, type FrontendAppFact } from '../detectors/frontend-build/index.js';
import { nextPagesDetector, type NextRouteFact } from '../detectors/nextjs-pages/index.js';
import { expoRouterDetector, type ExpoRouteFact } from '../detectors/expo-router/index.js';
import {
  reactAppDetector,
  type ApiClientFact,
  type AuthFact,
  type KeyComponentFact,
  type ReactEntryFact,
} from '../detectors/react-app/index.js';
import { reactRouterDetector, type ReactRouterRouteFact, type UnreadRoutesFact } from '../detectors/react-router/index.js';
import { isSlotView } from '../detectors/shared/frontend-route.js';
import { stateManagementDetector, type StateFact } from '../detectors/state-management/index.js';
import { tanstackRouterDetector, type TanStackRouteFact } from '../detectors/tanstack-router/index.js';
import type { Citation, FactSet } from '../facts.js';
import { heading, join, stepHeading, table } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { code, oneLine } from '../markdown/text.js';
import { astroCollections, astroComponents, astroLayouts, astroRoutes } from './parts/frontend-astro.js';
import { apiAndAuthSection, componentsSection, envSection, frameworkLabel, headerBullets, stateSection } from './parts/frontend-common.js';
import { layoutsSection, pageRoutes, routeGuards, routesSection } from './parts/frontend-routes.js';
import { urlAliasLines } from './parts/url-aliases.js';
import { nextAliasesDetector, type NextAliasFact } from '../detectors/nextjs-pages/aliases.js';
import type { StepModel } from '../model/repo-model.js';
import { noneOr } from './parts/claims.js';
import { ENV_DETECTORS } from '../model/env.js';
import { byRole, roleCounts } from './parts/roles.js';
import { packageRoles, type PackageRole } from '../detectors/stack/role.js';
import type { StepDefinition } from './types.js';

/** Apps named in the step's first sentence; the table below lists each one. */
const SUMMARY_APPS = 12;

/** Frameworks whose routes and components this step does not read. */
const ROUTES_NOT_READ = new Set(['vue', 'sveltekit', 'svelte', 'solid', 'angular']);

export const frontendStep: StepDefinition = {
  number: 5,
  title: 'Frontend Applications',
  detectors: [...ENV_DETECTORS, astroDetector, reactRouterDetector, tanstackRouterDetector, nextPagesDetector, nextAliasesDetector, expoRouterDetector, stateManagementDetector, reactAppDetector],
  claims: ['frontend-app', 'app-routes', 'env-read'],
  units: { 3: ['app', 'apps'] },
  build(model) {
    const { facts } = model;
    // Product apps first; example, test and benchmark apps after them (and summarised first when the step is long).
    const apps = byRole(model.index, facts.of<FrontendAppFact>('frontend.app').map((f) => f.data), (a) => a.manifestPath);
    const title = stepHeading(5, 'Frontend Applications');
    if (apps.length === 0) {
      return {
        markdown: join(
          title,
          noneOr(
            model,
            'frontend-app',
            'No frontend application found: no package depends on Astro, Next.js, React DOM with a bundler, Expo, Vue, Svelte, Solid or Angular, and no app config or route files exist.',
            'No frontend app built with a framework this step maps (Astro, Next.js, React with a bundler, Expo, Vue, Svelte, Solid, Angular) was recognised, but the repository has these app signs; read them directly:',
          ),
        ),
        facts: facts.all,
      };
    }
    // A count is "at least" when some route array was not read.
    const routeCount = (dir: string) => {
      const pages = pageRoutes(routesOf(facts, dir));
      const views = pages.filter(isSlotView).length;
      const n = pages.length - views + astroOf(facts, dir).length;
      const unread = unreadOf(facts, dir).length > 0;
      return unread && n === 0 ? 'not read' : `${unread ? 'at least ' : ''}${n}${views ? ` (+${views} intercepting or slot view${views === 1 ? '' : 's'})` : ''}`;
    };
    const overview = table(
      ['App', 'Framework', 'Folder', 'Config', 'Dev port', 'Routes'],
      apps.map((a) => [
        code(a.name),
        frameworkLabel(a),
        a.dir ? cite(a.dir) : 'repository root',
        a.config ? cite(a.config.file) : '—',
        // A port set to an expression not read statically is shown as written, never as "—" or the default.
        a.devPort ? String(a.devPort) : a.devPortSetting?.written ? `${code(a.devPortSetting.written)} (unresolved)` : '—',
        // A framework whose routes are not read has no route count: "0" would read as "this app has no pages".
        a.framework === 'sveltekit' && routeCount(a.dir) === '0'
          ? sveltekitPages(model, a.dir)
          : ROUTES_NOT_READ.has(a.framework) && routeCount(a.dir) === '0' ? 'not read' : routeCount(a.dir),
      ]),
    );
    const named = apps.slice(0, SUMMARY_APPS).map((a) => `${code(a.name)} (${frameworkLabel(a)})`);
    const roles = packageRoles(model.index);
    const rest = apps.slice(SUMMARY_APPS).map((a) => roles.get(a.dir)).filter((r): r is PackageRole => r !== undefined);
    const more = apps.length > SUMMARY_APPS ? `, and ${apps.length - SUMMARY_APPS} more${rest.length ? ` (${roleCounts(rest)})` : ''}` : '';
    const summary = `${apps.length} frontend app${apps.length === 1 ? '' : 's'}: ${named.join(', ')}${more}.`;
    return {
      markdown: join(title, summary, overview, ...apps.map((a) => appSection(a, model))),
      facts: facts.all,
    };
  },
};

function astroOf(facts: FactSet, dir: string) {
  return facts.of<AstroRouteFact>('astro.route').filter((f) => f.data.app === dir).map((f) => f.data);
}

function unreadOf(facts: FactSet, dir: string) {
  return facts.of<UnreadRoutesFact>('react-router.unread').filter((f) => f.data.app === dir).map((f) => f.data);
}

function routesOf(facts: FactSet, dir: string) {
  return [
    ...facts.of<ReactRouterRouteFact>('react-router.route'),
    ...facts.of<TanStackRouteFact>('tanstack-router.route'),
    ...facts.of<NextRouteFact>('next.route'),
    ...facts.of<ExpoRouteFact>('expo.route'),
  ]
    .map((f) => f.data)
    .filter((r) => r.app === dir);
}

function appSection(app: FrontendAppData, model: StepModel): string {
  const { facts } = model;
  const mine = <D extends { app: string }>(list: readonly { data: D }[]): D[] => list.filter((f) => f.data.app === app.dir).map((f) => f.data);
  const entries = mine(facts.of<ReactEntryFact>('react.entry'));
  const head = heading(3, `${oneLine(app.name)} — ${frameworkLabel(app)}`);
  const common = [
    stateSection(mine(facts.of<StateFact>('state.store')), 4),
    apiAndAuthSection(mine(facts.of<ApiClientFact>('react.api-client')), mine(facts.of<AuthFact>('react.auth')), routeGuards(routesOf(facts, app.dir)), 4),
  ];
  if (app.framework === 'astro') {
    const layouts = mine(facts.of<AstroLayoutFact>('astro.layout'));
    return join(
      head,
      headerBullets(app, entries, model),
      astroRoutes(astroOf(facts, app.dir), layouts, astroPagesDir(model.index, app.dir)),
      astroLayouts(layouts),
      astroCollections(mine(facts.of<AstroCollectionFact>('astro.collection'))),
      astroComponents(mine(facts.of<AstroComponentFact>('astro.component'))),
      ...common,
      envSection(model, app, 4),
    );
  }
  const routes = routesOf(facts, app.dir);
  // An Expo app without Expo Router navigates with React Navigation screens, which this step does not read.
  const expoScreens = app.framework === 'expo' && routes.length === 0 ? 'Screens of Expo apps without Expo Router file routes (React Navigation) are not analysed.' : '';
  const noRoutes =
    routes.length === 0 && unreadOf(facts, app.dir).length === 0 && ['react', 'remix', 'next'].includes(app.framework)
      ? join(
          heading(4, 'Routes'),
          noneOr(
            model,
            'app-routes',
            'No router found: no React Router, TanStack Router or Next.js route files in this app.',
            'No React Router, TanStack Router or Next.js route was mapped in this app; these files look like routes:',
            app.dir,
          ),
        )
      : '';
  const notAnalysed = ROUTES_NOT_READ.has(app.framework)
    ? app.framework === 'sveltekit'
      ? // Its server files (`+server`, `+page.server`, hooks) are read: step 3 lists them.
        `Pages and components of ${frameworkLabel(app)} apps are not analysed (the server routes, loads and form actions are in step 3); the config and environment below are.`
      : `Routes and components of ${frameworkLabel(app)} apps are not analysed; the config and environment below are.`
    : '';
  return join(
    head,
    headerBullets(app, entries, model),
    notAnalysed,
    expoScreens,
    routesSection(routes, unreadOf(facts, app.dir)),
    urlAliasLines(facts.of<NextAliasFact>('next.alias').filter((f) => f.data.dir === app.dir).map((f) => f.data)),
    noRoutes,
    layoutsSection(routes),
    ...common,
    componentsSection(mine(facts.of<KeyComponentFact>('react.component')), 4),
    envSection(model, app, 4),
  );
}

/** A SvelteKit app's pages are its `+page.svelte` files under `src/routes/`: counted from the file list. */
function sveltekitPages(model: StepModel, dir: string): string {
  const n = appFiles(model.index, dir).filter((f) => /^src\/routes\/(.*\/)?\+page(@[^.]*)?\.svelte$/.test(relative(dir, f))).length;
  return `${n} (${code('+page.svelte')} files)`;
}
