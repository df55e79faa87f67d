/** Pieces every frontend app section shares: the header line, state management, API client and auth, components, env. */
import { versionedDefaultNote } from '../../detectors/shared/default-ports.js';
import { appFiles, type FrontendAppData } from '../../detectors/frontend-build/index.js';
import { publicPrefix } from '../../detectors/frontend-build/env.js';
import type { ApiClientData, AuthData, EntryData, KeyComponentData } from '../../detectors/react-app/index.js';
import type { StateData } from '../../detectors/state-management/index.js';
import type { Citation } from '../../facts.js';
import type { RouteGuard } from './frontend-routes.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, escaped, oneLine, urlPath } from '../../markdown/text.js';
import { byFileLine, compareText, files, names, value } from './format.js';
import type { StepModel } from '../../model/repo-model.js';
import { libraryReadText, readIn } from './env-vars.js';
import { dotenvFoldersOf, portRead } from './frontend-env-files.js';
import { SCRIPT_READ_KINDS } from '../../model/script-reads.js';
import { runScript } from './run-commands.js';
import { portSettingText } from './port-setting.js';

const FRAMEWORK_NAMES: Record<string, string> = {
  astro: 'Astro',
  next: 'Next.js',
  remix: 'React Router / Remix',
  react: 'React',
  expo: 'Expo (React Native)',
  vue: 'Vue',
  sveltekit: 'SvelteKit',
  svelte: 'Svelte',
  solid: 'Solid',
  angular: 'Angular',
};
const TOOL_NAMES: Record<string, string> = { vite: 'Vite', vitepress: 'VitePress', 'react-scripts': 'Create React App', webpack: 'webpack', parcel: 'Parcel', '@rsbuild/core': 'Rsbuild', esbuild: 'esbuild' };

/** Nuxt is a Vue framework whose version is nuxt's, so it is named as itself. */
function frameworkName(app: FrontendAppData): string {
  if (app.frameworkPackage === 'nuxt') return 'Nuxt';
  return FRAMEWORK_NAMES[app.framework] ?? app.framework;
}

export function frameworkLabel(app: FrontendAppData): string {
  const name = frameworkName(app);
  const tool = app.buildTool && TOOL_NAMES[app.buildTool];
  return tool ? `${name} + ${tool}` : name;
}

/** The line under an app's heading: framework and version, entry, config, dev port, proxy, base, plugins. */
export function headerBullets(app: FrontendAppData, entries: readonly EntryData[], model?: StepModel): string {
  const out: string[] = [];
  const version = app.version ? ` ${code(app.version)}` : '';
  out.push(`**Framework:** ${frameworkName(app)}${version}${app.buildTool && TOOL_NAMES[app.buildTool] ? `, built with ${TOOL_NAMES[app.buildTool]}` : ''} (${cite(app.manifestPath)})`);
  for (const e of entries) {
    const chain = [...e.providers, ...(e.root ? [e.root] : [])].map(oneLine);
    const tree = chain.length ? ` — renders ${chain.map(code).join(' › ')}` : '';
    out.push(`**Entry:** ${cite(e.file, e.line > 1 ? e.line : undefined)} (${escaped(e.how)})${tree}`);
  }
  const c = app.config;
  if (c) {
    const parts: string[] = [];
    if (c.site) parts.push(`site ${code(c.site)}`);
    if (c.output) parts.push(`output ${code(c.output)}`);
    if (c.adapter) parts.push(`adapter ${code(c.adapter)}`);
    if (c.base && c.base !== '/') parts.push(`base ${value(c.base)}`);
    if (c.plugins.length) parts.push(`${app.framework === 'astro' ? 'integrations' : 'plugins'} ${names(c.plugins)}`);
    if (c.aliases.length) parts.push(`aliases ${names(c.aliases)}`);
    out.push(`**Config:** ${cite(c.file, c.line)}${parts.length ? ` — ${parts.join(', ')}` : ''}`);
    if (c.proxy.length) out.push(`**Dev proxy:** ${c.proxy.map((p) => `${urlPath(p.path)} → ${value(p.target)}`).join('; ')}`);
  }
  // The app's script, run with the repository's package manager, as step 9 names it (`pnpm dev`, not `npm run dev`).
  const run = (name: string): string => {
    const pkg = model?.index.packages.find((p) => p.dir === app.dir);
    return model && pkg ? runScript(model.index, model.packageManager, pkg.name, name) : `npm run ${name}`;
  };
  const setting = app.devPortFile && (app.devPortSource === 'config' || !app.devPort) ? portSettingText(app.devPortFile, app.devPortSetting) : undefined;
  // A port set in another file than the app's config (vite.config.ts beside svelte.config.js) says where.
  const elsewhere = app.devPortFile && app.devPortFile !== app.config?.file && app.devPortSetting ? ` (${cite(app.devPortFile, app.devPortSetting.line)})` : '';
  if (setting) {
    out.push(`**Dev server:** port ${setting}${app.scripts.dev ? `, ${code(run('dev'))} runs ${code(app.scripts.dev)}` : ''}`);
  } else if (app.devPort) {
    const source = app.devPortSource === 'default' ? ' (framework default)' : app.devPortSource === 'script' ? ' (from the dev script)' : elsewhere;
    out.push(`**Dev server:** port ${app.devPort}${source}${app.scripts.dev ? `, ${code(run('dev'))} runs ${code(app.scripts.dev)}` : ''}`);
  } else if (!app.devPortFile && app.devScriptServes !== false && versionedDefaultNote(devTool(app))) {
    // The default port changed between majors and the app's major could not be told: neither default is claimed.
    out.push(`**Dev server:** port not set; ${versionedDefaultNote(devTool(app))}${app.scripts.dev ? `, ${code(run('dev'))} runs ${code(app.scripts.dev)}` : ''}`);
  } else if (app.devScriptServes === false) {
    const [name, script] = app.scripts.dev ? ['dev', app.scripts.dev] : ['start', app.scripts.start ?? ''];
    const port = model ? portRead(model.index, model.env.get('PORT')?.reads ?? [], new Set(appFiles(model.index, app.dir))) : undefined;
    const listens = port
      ? `; the app's code reads ${code('PORT')} at ${cite(port.file, port.line)}${port.fallback ? ` (${port.fallback} when unset)` : ''}`
      : ': the port is whatever that command listens on, if anything';
    out.push(`**Dev server:** ${code(run(name))} runs ${code(script)}, which is not the framework's dev server${listens}`);
  }
  if (app.otherConfigs.length) out.push(`**Other config:** ${app.otherConfigs.map((f) => cite(f)).join(', ')}`);
  return bullets(out);
}

const LIBRARY_NAMES: Record<string, string> = {
  zustand: 'zustand',
  redux: 'Redux',
  'redux-toolkit': 'Redux Toolkit',
  'tanstack-query': 'TanStack Query',
  swr: 'SWR',
  'react-context': 'React context',
  jotai: 'Jotai',
  recoil: 'Recoil',
  mobx: 'MobX',
  valtio: 'Valtio',
};

export function stateSection(state: readonly StateData[], level: 4): string {
  if (state.length === 0) return '';
  const hooks = state.filter((s) => !s.kind.endsWith('-call'));
  const calls = state.filter((s) => s.kind.endsWith('-call'));
  const rows = [...hooks]
    .sort((a, b) => compareText(a.library, b.library) || byFileLine(a, b))
    .map((s) => [LIBRARY_NAMES[s.library] ?? s.library, s.kind.replace('-', ' '), code(s.name), cite(s.file, s.line), describeState(s)]);
  const libraries = [...new Set(state.map((s) => LIBRARY_NAMES[s.library] ?? s.library))].sort();
  const direct = calls.length
    ? `Direct calls outside custom hooks: ${calls
        .sort(byFileLine)
        .slice(0, 8)
        .map((c) => `${code(c.details[0] ?? c.library)} in ${code(c.name)} (${cite(c.file, c.line)})`)
        .join(', ')}${calls.length > 8 ? ` (+${calls.length - 8} more)` : ''}.`
    : '';
  return join(heading(level, 'State management'), `Uses ${libraries.join(', ')}.`, table(['Library', 'Kind', 'Name', 'Where', 'Details'], rows), direct);
}

function describeState(s: StateData): string {
  if (s.library === 'tanstack-query' || s.library === 'swr') {
    const [hook, key] = s.details;
    return [hook ? code(hook) : '', key ? `key ${value(key)}` : ''].filter(Boolean).join(', ');
  }
  if (s.library === 'react-context') return s.details.map((d) => d.replace(/^(provider|hook) (.+)$/, (_m, k, n) => `${k} ${code(n)}`)).join(', ');
  if (s.details.length === 0) return '';
  const label = s.library.startsWith('redux') && (s.kind === 'store' || s.kind === 'slice') ? 'reducers' : s.kind === 'api' ? 'endpoints' : 'state';
  return `${label}: ${names(s.details, 6)}`;
}

export function apiAndAuthSection(clients: readonly ApiClientData[], auth: readonly AuthData[], guards: readonly RouteGuard[], level: 4): string {
  if (clients.length === 0 && auth.length === 0 && guards.length === 0) return '';
  const parts: string[] = [];
  for (const c of [...clients].sort((a, b) => b.usedBy - a.usedBy || byFileLine(a, b))) {
    // A module that builds the client with several base URLs (server and browser branches): each, where it is built.
    const base = !c.baseUrl
      ? ''
      : c.moreBaseUrls?.length
        ? `, base URLs ${[{ url: c.baseUrl, line: c.line }, ...c.moreBaseUrls].map((b) => `${code(b.url)} (${cite(c.file, b.line)})`).join(', ')}`
        : `, base URL ${code(c.baseUrl)}`;
    // A workspace SDK: what counts is how many files import the package, not the one module cited that calls it.
    const used = c.sdkImportedBy !== undefined
      ? `, which ${c.sdkImportedBy} file${c.sdkImportedBy === 1 ? '' : 's'} of the app import`
      : c.usedBy ? `, imported by ${c.usedBy} file${c.usedBy === 1 ? '' : 's'}` : '';
    parts.push(`**API client:** ${cite(c.file, c.line > 1 ? c.line : undefined)} — ${code(c.transport)}${base}${used}`);
  }
  const libs = auth.filter((a) => a.kind === 'library');
  const hooks = auth.filter((a) => a.kind === 'hook');
  if (libs.length) parts.push(`**Auth library:** ${libs.map((l) => `${code(l.name)} (${cite(l.file, l.line)}${l.usedBy > 1 ? `, ${l.usedBy} files` : ''})`).join(', ')}`);
  if (hooks.length) parts.push(`**Auth hooks:** ${hooks.map((h) => `${code(h.name)} (${cite(h.file, h.line)})`).join(', ')}`);
  const components = guards.filter((g) => g.name !== 'middleware');
  if (components.length) parts.push(`**Route guards:** ${components.map((g) => (g.at ? `${code(g.name)} (${cite(g.at)})` : code(g.name))).join(', ')}`);
  const mw = guards.find((g) => g.name === 'middleware');
  if (mw) parts.push(`**Middleware:** ${middlewareLine(mw)}`);
  const endpoints = clients.flatMap((c) => c.endpoints);
  const table_ = endpoints.length
    ? table(
        ['Endpoint', 'Called in'],
        endpoints.map((e) => [code(`${e.method} ${e.path}`), cite(e.file, e.line)]),
      )
    : '';
  // `?` (UNKNOWN_METHOD in shared/http-calls.ts): a wrapper or an options object decides the method, unseen here.
  const unknown = endpoints.some((e) => e.method === '?') ? 'A `?` method is set inside a request helper or an options object the call does not spell out.' : '';
  return join(heading(level, 'API client and auth'), bullets(parts), endpoints.length ? 'Endpoints the app calls, as written in the code:' : '', table_, unknown);
}

/**
 * The Next.js middleware and the routes it runs on, counted from the routes it covers: every one when it has no
 * `config.matcher` (or one that takes in all of them), else how many of them its matcher covers.
 */
function middlewareLine(mw: RouteGuard): string {
  const at = mw.at ? ` (${cite(mw.at.file, mw.at.line)})` : '';
  if (mw.covers === undefined || mw.of === undefined) return `\`middleware\`${at} runs on the routes marked in the Notes column`;
  if (mw.covers === mw.of) return `\`middleware\`${at} runs on every page and route handler (all ${mw.of})`;
  return `\`middleware\`${at} runs on the ${mw.covers} of ${mw.of} pages and route handlers its matcher covers (see the Notes column)`;
}

export function componentsSection(components: readonly KeyComponentData[], level: 4): string {
  if (components.length === 0) return '';
  const rows = components.map((c) => [code(c.name), cite(c.file, c.line), String(c.usedBy)]);
  return join(heading(level, 'Key components'), 'Most imported components:', table(['Component', 'File', 'Imported by'], rows));
}

/**
 * The app's variables, from the repository's one environment model: read in the app's files (production first) or
 * declared for it (its dotenv files, typed declarations, framework config). Names only.
 */
export function envSection(model: StepModel, app: FrontendAppData, level: 4): string {
  const env = model.env;
  const mine = new Set(appFiles(model.index, app.dir));
  const prefix = publicPrefix(app.framework, app.buildTool);
  const rows: string[][] = [];
  const provided: string[] = [];
  const all = env.sorted();
  const examples = [...new Set(all.flatMap((v) => v.sets.filter((s) => s.kind === 'example').map((s) => s.at.file)))];
  // Dotenv files outside the app folder that its scripts or config load count too (`dotenv -e ../../.env`).
  const folders = dotenvFoldersOf(model.index, app, examples);
  const loaded = (s: { kind: string; at: Citation }): boolean =>
    (s.kind === 'example' || s.kind === 'dotenv') && folders.has(s.at.file.includes('/') ? s.at.file.slice(0, s.at.file.lastIndexOf('/')) : '');
  for (const v of all) {
    const reads = v.reads.filter((r) => mine.has(r.file));
    const own = v.sets.filter((s) => DECLARED.has(s.kind) && mine.has(s.at.file));
    if (reads.length === 0 && own.length === 0) continue;
    // A shared file outside the folder says where a variable the app reads is declared; it adds no rows of its own.
    const declared = [...own, ...v.sets.filter((s) => !mine.has(s.at.file) && loaded(s))];
    if (reads.length > 0 && env.runtimeFor(v, reads.map((r) => r.file))) {
      provided.push(v.name);
      continue;
    }
        // Next.js inlines its config's `env` keys into the client bundle, whatever their names.
    const exposed = (prefix && v.name.startsWith(prefix)) || (app.framework === 'next' && declared.some((s) => s.kind === 'framework-config'));
    // Not inlined, but a server hands it to the page (`ENV: getEnv()` in a loader, `window.ENV = …`): not server-only.
    const handed = (v.browser ?? []).filter((c) => mine.has(c.file));
    const inlined = exposed ? 'yes' : handed.length ? `no; handed to the page at ${handed.slice(0, 2).map((c) => cite(c)).join(', ')}` : 'no';
    rows.push([code(v.name), inlined, reads.length ? readIn(reads) : unread(model, v.name), declared.length ? files([...new Set(declared.map((s) => s.at.file))]) : '—']);
  }
  if (rows.length === 0 && provided.length === 0) return '';
  return join(
    heading(level, 'Environment variables'),
    'Names only; values are never read into this document.',
    rows.length ? table(['Name', 'Inlined by name', 'Read in', 'Declared in'], rows) : '',
    // "no" is about the bundler only: server code can still hand a value to the page (`window.ENV`, props).
    rows.length
      ? `"Inlined by name": the ${prefix ? `bundler copies ${code(prefix)} variables` : 'framework copies variables it is configured with'} into browser code; a server can still hand any value to the page.`
      : '',
    provided.length ? `Provided by the runtime or framework, read here: ${names(provided)}.` : '',
  );
}

const DECLARED = new Set(['example', 'dotenv', 'type', 'framework-config']);

function unread(model: StepModel, name: string): string {
  const claim = model.none('env-read', 'not read in code', name);
  if (claim) return claim;
  const evidence = model.evidence('env-read', name);
  const mentions = evidence.filter((e) => e.what === 'named in code');
  if (mentions.length) return `named in ${readsOf(mentions.map((x) => x.at))}`;
  // A dependency that reads it itself (next-auth's NEXTAUTH_SECRET), at its manifest line.
  const library = libraryReadText(evidence);
  if (library) return library;
  // A shell script or a CI step reads it (`$VITE_API_URL` in a deploy script).
  const scripts = evidence.filter((e) => (SCRIPT_READ_KINDS as readonly string[]).includes(e.what));
  // One kind of read, named once (`read by a CI workflow condition /.github/workflows/ci.yml:40`).
  if (scripts.length) return `${scripts[0].what} ${readsOf(scripts.filter((x) => x.what === scripts[0].what).map((x) => x.at))}`;
  return 'not read by name (the code reads some variables by a computed name)';
}

function readsOf(reads: readonly Citation[]): string {
  const sorted = [...reads].sort((a, b) => byFileLine({ file: a.file, line: a.line }, { file: b.file, line: b.line }));
  const shown = sorted.slice(0, 3).map((c) => cite(c));
  return sorted.length > 3 ? `${shown.join(', ')} (+${sorted.length - 3} more)` : shown.join(', ');
}

/** The DEFAULT_PORTS key of an app's dev server (frontend-build's choice). */
function devTool(app: FrontendAppData): string {
  return app.framework === 'react' || app.buildTool === 'remix-compiler' ? app.buildTool ?? '' : app.framework;
}
