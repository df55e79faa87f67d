import { ts } from '../../scan/ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { declaresPnpmPackages, parsePnpmPackages } from '../../scan/workspaces.js';
import { keys, parseYaml } from '../../scan/yaml.js';
import { flatEslint } from './eslint-flat.js';
import { at, callNames, exportedConfig, keysOf, valueText } from './js-config.js';
import { portSetting, type PortSetting } from '../shared/port-value.js';

/** What a reader says about one config file: short items for the "configures" column, and a dev-server port. */
export interface ConfigSummary {
  readonly items: string[];
  /** A name more exact than the rule's, read from the file (a settings-only pnpm-workspace.yaml is `pnpm settings`). */
  readonly tool?: string;
  readonly devPort?: number;
  /** Where and how the dev port is set, also when its number cannot be read. */
  readonly portSetting?: PortSetting;
  /** Vite's `preview.port`: what `vite preview` listens on (`server.port` is the dev server's only). */
  readonly previewPortSetting?: PortSetting;
}

type Json = Record<string, unknown>;

/** JSON with comments and trailing commas (tsconfig, .eslintrc.json, turbo.json), read by the compiler's own reader. */
export function readJsonc(index: RepoIndex, file: string): Json | undefined {
  const text = index.read(file);
  if (text === undefined) return undefined;
  const { config } = ts.parseConfigFileTextToJson(file, text);
  return config && typeof config === 'object' ? (config as Json) : undefined;
}

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

export function tsconfig(index: RepoIndex, file: string): ConfigSummary {
  const json = readJsonc(index, file);
  if (!json) return { items: ['unreadable JSON'] };
  const o = obj(json.compilerOptions);
  const items: string[] = [];
  for (const e of list(json.extends)) items.push(`extends ${e}`);
  const opts = ['target', 'module', 'moduleResolution', 'jsx', 'lib']
    .filter((k) => o[k] !== undefined)
    .map((k) => `${k} ${Array.isArray(o[k]) ? (o[k] as unknown[]).join('+') : String(o[k])}`);
  if (opts.length) items.push(opts.join(', '));
  const flags = ['strict', 'composite', 'noEmit', 'declaration', 'allowJs'].filter((k) => o[k] === true);
  if (flags.length) items.push(flags.join(', '));
  if (typeof o.outDir === 'string') items.push(`outDir ${o.outDir}`);
  const paths = Object.keys(obj(o.paths));
  if (paths.length) items.push(`path aliases ${paths.join(', ')}`);
  const refs = Array.isArray(json.references) ? json.references.map((r) => String(obj(r).path ?? '')).filter(Boolean) : [];
  if (refs.length) items.push(`references ${refs.join(', ')}`);
  return { items };
}

/** `@aws-cdk/core:checkSecretUsage`, `@aws-cdk-containers/…`, `aws-cdk:enableDiffNoFail`: the CDK's own feature flags, not project settings (steps 6 and 8 both ask here). */
export function isCdkFeatureFlag(key: string): boolean {
  return key.startsWith('@aws-cdk') || key.startsWith('aws-cdk:');
}

export function cdkJson(index: RepoIndex, file: string): ConfigSummary {
  const json = index.readJson<Json>(file);
  if (!json) return { items: ['unreadable JSON'] };
  const items: string[] = [];
  if (typeof json.app === 'string') items.push(`app: ${json.app}`);
  const context = Object.keys(obj(json.context)).filter((k) => !isCdkFeatureFlag(k));
  const flags = Object.keys(obj(json.context)).length - context.length;
  if (context.length) items.push(`context keys: ${context.join(', ')}`);
  if (flags) items.push(`${flags} CDK feature flags`);
  return { items };
}

/** vite / vitest / astro / next / svelte / nuxt / tailwind / unocss / eslint flat / prettier JS configs. */
export function jsConfig(index: RepoIndex, file: string, tool: string): ConfigSummary {
  const sf = index.parse(file);
  const config = sf && exportedConfig(sf);
  if (!config) return { items: [] };
  const items: string[] = [];
  const push = (label: string, v: string | undefined) => v !== undefined && items.push(`${label} ${v}`);
  const plugins = [...callNames(at(config, 'plugins')), ...callNames(at(config, 'integrations'))];
  if (plugins.length) items.push(`${tool === 'Astro' ? 'integrations' : 'plugins'}: ${plugins.join(', ')}`);
  // UnoCSS: the presets decide which utility classes exist (`presetWind3()` Tailwind-like, `presetIcons()`).
  const presets = callNames(at(config, 'presets'));
  if (presets.length) items.push(`presets: ${presets.join(', ')}`);
  push('output', valueText(at(config, 'output')));
  const adapter = at(config, 'adapter');
  if (adapter && ts.isCallExpression(adapter)) items.push(`adapter ${adapter.expression.getText()}`);
  push('site', valueText(at(config, 'site')));
  push('base', valueText(at(config, 'base')) ?? valueText(at(config, 'basePath')));
  // `port: CLIENT_PORT` with `const CLIENT_PORT = Number(process.env.CLIENT_PORT) || CLIENT.DEFAULT_PORT`: read through.
  const setting = portSetting(index, file, at(config, 'server', 'port') ?? at(config, 'devServer', 'port'));
  const port = setting?.port;
  if (port !== undefined) items.push(`dev server port ${port}`);
  else if (setting?.written) items.push(`dev server port ${setting.written} (unresolved)`);
  const proxy = keysOf(at(config, 'server', 'proxy'));
  if (proxy.length) items.push(`dev proxy ${proxy.join(', ')}`);
  push('build.outDir', valueText(at(config, 'build', 'outDir')));
  const alias = keysOf(at(config, 'resolve', 'alias'));
  if (alias.length) items.push(`aliases ${alias.join(', ')}`);
  push('test environment', valueText(at(config, 'test', 'environment')) ?? valueText(at(config, 'testEnvironment')));
  if (tool === 'Next.js' || tool === 'Tailwind CSS' || tool === 'Prettier' || items.length === 0) {
    const rest = keysOf(config).filter((k) => !['plugins', 'integrations', 'server', 'build', 'resolve', 'test', 'output', 'site', 'base', 'adapter'].includes(k));
    if (rest.length) items.push(`sets ${rest.slice(0, 8).join(', ')}${rest.length > 8 ? '…' : ''}`);
  }
  const preview = at(config, 'preview', 'port');
  const previewSetting = preview ? portSetting(index, file, preview) : undefined;
  return { items, devPort: port, ...(setting ? { portSetting: setting } : {}), ...(previewSetting ? { previewPortSetting: previewSetting } : {}) };
}

export function eslintrc(index: RepoIndex, file: string): ConfigSummary {
  const json = /\.(c?js|mjs|ts)$/.test(file) ? undefined : file.endsWith('.yml') || file.endsWith('.yaml') ? undefined : readJsonc(index, file);
  let ext: string[] = [];
  let plugins: string[] = [];
  if (json) {
    ext = list(json.extends);
    plugins = list(json.plugins);
  } else {
    const sf = index.parse(file);
    const flat = /(^|\/)eslint\.config\.[cm]?[jt]s$/.test(file);
    const config = sf && !flat ? exportedConfig(sf) : undefined;
    const strings = (e: ts.Expression | undefined) =>
      e && ts.isArrayLiteralExpression(e) ? e.elements.flatMap((x) => (ts.isStringLiteralLike(x) ? [x.text] : [])) : e && ts.isStringLiteralLike(e) ? [e.text] : [];
    ext = strings(at(config, 'extends'));
    plugins = strings(at(config, 'plugins'));
    if (!config && sf) ({ extends: ext, plugins } = flatEslint(sf));
  }
  const items: string[] = [];
  if (ext.length) items.push(`extends ${ext.join(', ')}`);
  if (plugins.length) items.push(`plugins ${plugins.join(', ')}`);
  return { items };
}

export function prettierrc(index: RepoIndex, file: string): ConfigSummary {
  const json = readJsonc(index, file);
  if (!json) return /\.(c?js|mjs|ts)$/.test(file) ? jsConfig(index, file, 'Prettier') : { items: [] };
  const items = Object.entries(json)
    .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
    .map(([k, v]) => `${k}: ${String(v)}`);
  const plugins = list(json.plugins);
  if (plugins.length) items.push(`plugins ${plugins.join(', ')}`);
  return { items };
}

export function nodeVersion(index: RepoIndex, file: string): ConfigSummary {
  const text = index.read(file) ?? '';
  if (file.endsWith('.tool-versions')) {
    return { items: text.split('\n').filter((l) => /^(nodejs|node|pnpm|yarn)\s/.test(l)).map((l) => l.trim()) };
  }
  const first = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#')) ?? '';
  return { items: first ? [`Node ${first.replace(/^v/, '')}`] : [] };
}

export function workspaceFile(index: RepoIndex, file: string): ConfigSummary {
  if (file.endsWith('pnpm-workspace.yaml') || file.endsWith('pnpm-workspace.yml')) {
    const text = index.read(file) ?? '';
    // pnpm 9+: a file of settings alone (`onlyBuiltDependencies`) declares no workspace.
    if (!declaresPnpmPackages(text)) return { tool: 'pnpm settings', items: [`settings ${keys(parseYaml(text).root).slice(0, 8).join(', ')}`] };
    return { items: [`workspaces ${parsePnpmPackages(text).join(', ')}`] };
  }
  const json = readJsonc(index, file) ?? {};
  if (file.endsWith('turbo.json')) {
    const tasks = Object.keys(obj(json.tasks ?? json.pipeline));
    return { items: tasks.length ? [`tasks ${tasks.join(', ')}`] : [] };
  }
  if (file.endsWith('lerna.json')) return { items: [`packages ${list(json.packages).join(', ') || 'packages/*'}`, ...(json.version ? [`version ${String(json.version)}`] : [])] };
  if (file.endsWith('nx.json')) return { items: [`target defaults ${Object.keys(obj(json.targetDefaults)).join(', ')}`] };
  return { items: Object.keys(json).slice(0, 8) };
}
