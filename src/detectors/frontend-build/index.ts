/**
 * Frontend apps and their build tooling: framework, config file (port, proxy, base, plugins, declared env) and dev
 * port. Config files are parsed, never imported.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { appFiles, frontendApps, type FrontendApp } from './apps.js';
import { startsDevServer } from './dev-script.js';
import { defaultDevPort } from '../shared/default-ports.js';
import { configFile, DEFAULT_PORTS, readConfig, scriptPort, viteConfigOf, type FrontendConfig } from './config.js';
import type { PortSetting } from '../shared/port-value.js';

export { publicPrefix } from './env.js';
export { frontendApps, appFiles, appOf, relative, type FrontendApp, type FrontendFramework } from './apps.js';

export interface FrontendAppData extends FrontendApp {
  readonly config?: FrontendConfig;
  /** Other config files of the app (tailwind, postcss, tsconfig…), for the reader to find. */
  readonly otherConfigs: readonly string[];
  readonly devPort?: number;
  readonly devPortSource?: 'config' | 'script' | 'default';
  /** The file that sets `server.port`: the app's config, or its vite.config beside svelte.config / remix.config. */
  readonly devPortFile?: string;
  readonly devPortSetting?: PortSetting;
  /** false when the dev script is known not to start the framework's dev server (a watch build, a server of its own). */
  readonly devScriptServes?: boolean;
  readonly scripts: Readonly<Record<string, string>>;
}

export type FrontendAppFact = Fact<'frontend.app', FrontendAppData>;

const OTHER_CONFIG = /^(tailwind\.config|postcss\.config|tsconfig(\.[a-z]+)?|components|index|vitest\.config|playwright\.config|\.eslintrc(\.[a-z]+)?|eslint\.config|biome)\.(ts|js|cjs|mjs|json|html)$|^\.env(\.[a-z]+)?$/;
const SCRIPTS = ['dev', 'start', 'build', 'preview', 'test'];

export const frontendBuildDetector: Detector = {
  id: 'frontend-build',
  isEnabled: (index) => frontendApps(index).length > 0,
  detect(index) {
    return frontendApps(index).flatMap((app) => detectApp(index, app));
  },
};

function detectApp(index: RepoIndex, app: FrontendApp): Fact[] {
  const files = appFiles(index, app.dir);
  const file = configFile(index, app);
  const config = file && (file.endsWith('.json') || app.framework === 'expo') ? { file, plugins: [], proxy: [], aliases: [], declaredEnv: [] } : file ? readConfig(index, file) : undefined;
  const declaredScripts = index.readJson<{ scripts?: Record<string, unknown> }>(app.manifestPath)?.scripts ?? {};
  const scripts: Record<string, string> = {};
  for (const s of SCRIPTS) if (typeof declaredScripts[s] === 'string') scripts[s] = declaredScripts[s] as string;
  const devScript = scripts.dev ?? scripts.start;
  const fromScript = scriptPort(devScript);
  // The framework's default port is only true of a script that starts its dev server (or of an app with no script,
  // run with the framework's CLI).
  const devScriptServes = devScript === undefined ? undefined : startsDevServer(devScript, declaredScripts);
  // SvelteKit's dev server is Vite's: `server.port` is in vite.config.*, not in svelte.config.js (the app's config).
  const vite = config && !config.portSetting && app.buildTool === 'vite' ? viteConfigOf(index, app.dir, config.file) : undefined;
  const portConfig = vite ? readConfig(index, vite) : config;
  // A config that sets `server.port` to something not read statically still sets it: never the default then.
  // Keyed to the framework's installed major: Astro 1.x served on 3000, Astro 3+ on 4321.
  const tool = app.framework === 'react' || app.buildTool === 'remix-compiler' ? app.buildTool ?? '' : app.framework;
  const fallback = !portConfig?.portSetting && (devScript === undefined || devScriptServes) ? defaultDevPort(index, app.dir, tool, DEFAULT_PORTS) : undefined;
  const devPort = portConfig?.port ?? fromScript ?? fallback;
  const devPortSource = portConfig?.port ? 'config' : fromScript ? 'script' : fallback ? 'default' : undefined;
  const portFile = portConfig?.portSetting ? { devPortFile: portConfig.file, devPortSetting: portConfig.portSetting } : {};
  // A framework that renders its own pages (Next.js, Astro, Expo, SvelteKit) never reads a root index.html: a leftover.
  const ownHtml = app.framework === 'next' || app.framework === 'astro' || app.framework === 'expo' || app.framework === 'sveltekit';
  const otherConfigs = files.filter((f) => {
    const base = f.split('/').pop()!;
    return f.split('/').length - (app.dir ? app.dir.split('/').length : 0) === 1 && OTHER_CONFIG.test(base) && f !== file && !(ownHtml && base === 'index.html');
  });
  const data: FrontendAppData = { ...app, config, otherConfigs, devPort, devPortSource, ...portFile, ...(devScriptServes === false ? { devScriptServes } : {}), scripts };
  // The app's environment variables are in the repository's one env model (src/model/env.ts), not here.
  const facts: Fact[] = [
    { kind: 'frontend.app', id: app.dir || '.', data, at: [{ file: app.manifestPath }, ...(file ? [{ file, line: config?.line }] : [])] },
  ];

  return facts;
}

export type { FrontendConfig };
