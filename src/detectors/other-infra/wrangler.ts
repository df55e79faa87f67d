/**
 * Cloudflare Workers and Pages, from `wrangler.toml` / `wrangler.json` / `wrangler.jsonc`: the Worker (its `main`
 * entry), what triggers it (cron triggers, routes, queue consumers), the names of its `vars` (never their values) and
 * its bindings (D1, KV, R2, Durable Objects, queues, services, Hyperdrive, Vectorize, Workers AI, assets). The code
 * reads each binding as `env.<BINDING>` (`c.env.<BINDING>` in Hono).
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { readToml } from '../../scan/toml.js';
import { ts } from '../../scan/ts.js';
import { readJsonc } from '../config-files/readers.js';
import type { InfraFindings } from './serverless.js';

export const WRANGLER_CONFIG = /(^|\/)wrangler\.(toml|jsonc?)$/;
/** An example of the config (`wrangler.toml.example`) that a new engineer copies: it declares names, it deploys nothing. */
export const WRANGLER_EXAMPLE = /(^|\/)wrangler\.(toml|jsonc?)\.(example|sample|template)$/;

/** Binding lists: config key → what it binds, and the setting that names the thing bound. */
const LISTS: readonly [string, string, string?][] = [
  ['d1_databases', 'D1 database', 'database_name'],
  ['kv_namespaces', 'KV namespace'],
  ['r2_buckets', 'R2 bucket', 'bucket_name'],
  ['durable_objects.bindings', 'Durable Object', 'class_name'],
  ['queues.producers', 'Queue producer', 'queue'],
  ['services', 'Service binding', 'service'],
  ['hyperdrive', 'Hyperdrive'],
  ['vectorize', 'Vectorize index', 'index_name'],
  ['analytics_engine_datasets', 'Analytics Engine dataset', 'dataset'],
  ['workflows', 'Workflow', 'class_name'],
];
/** Single bindings: config key → what it binds. */
const SINGLE: readonly [string, string][] = [
  ['ai', 'Workers AI'],
  ['browser', 'Browser Rendering'],
  ['assets', 'Static assets'],
  ['images', 'Images'],
  ['version_metadata', 'Version metadata'],
];

type Json = { [key: string]: unknown };
type LineOf = (keyPath: string, needle?: string) => number;

export function wranglerProject(index: RepoIndex, file: string, out: InfraFindings): void {
  const text = index.read(file);
  if (text === undefined) return;
  const read = file.endsWith('.toml') ? fromToml(text) : fromJson(readJsonc(index, file), text);
  if (!read) return;
  const { config, lineOf } = read;
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const name = str(config.name);
  const pages = str(config.pages_build_output_dir);
  // Without an entry, static assets or a Workers Sites folder, `wrangler deploy` has nothing to deploy: the file is a
  // config for other wrangler commands (`wrangler d1 migrations apply`, drizzle-kit's D1 access), not a Worker.
  // Wrangler 1 configs (`type = "webpack"`, `[build.upload] main`) took the entry from elsewhere: still Workers.
  const deploys = !!(str(config.main) || pages || str(asObject(config.assets).directory) || config.site !== undefined || config.type !== undefined || asObject(config.build).upload !== undefined);
  out.projects.push({
    tool: 'wrangler',
    ...(name ? { name } : {}),
    provider: 'cloudflare',
    ...(deploys ? { runtime: pages ? 'Cloudflare Pages' : 'Cloudflare Workers' } : { notDeployed: true as const }),
    file,
    line: 1,
  });

  const main = str(config.main);
  if (main) {
    const entry = path.posix.normalize(path.posix.join(dir, main));
    const vars = Object.keys(asObject(config.vars)).sort();
    const crons = asArray(asObject(config.triggers).crons).flatMap((c) => (typeof c === 'string' ? [`cron ${c}`] : []));
    const routes = [...asArray(config.routes), ...(config.route !== undefined ? [config.route] : [])].flatMap((r) => {
      const pattern = typeof r === 'string' ? r : str(asObject(r).pattern);
      return pattern ? [`route ${pattern}`] : [];
    });
    const queues = asArray(asObject(config.queues).consumers).flatMap((q) => (str(asObject(q).queue) ? [`queue ${str(asObject(q).queue)}`] : []));
    out.functions.push({
      tool: 'wrangler',
      name: name ?? path.posix.basename(dir || '.'),
      handler: main,
      ...(index.has(entry) ? { handlerFile: entry } : {}),
      environment: vars,
      environmentAt: vars.map((v) => ({ name: v, file, line: lineOf(`vars.${v}`, v) })),
      triggers: [...crons, ...routes, ...queues, ...(config.workers_dev === true ? ['workers.dev URL'] : [])],
      file,
      line: lineOf('main', 'main'),
    });
  }

  // Bindings at the top level and in each environment (`env.production.hyperdrive`): the Worker has them when
  // deployed to that environment.
  const scopes: [Json, string?][] = [[config], ...Object.entries(asObject(config.env)).map(([stage, c]): [Json, string] => [asObject(c), stage])];
  for (const [scope, stage] of scopes) bindings(scope, stage, dir, file, lineOf, out);
  if (pages) out.resources.push({ tool: 'wrangler', type: 'Pages build output', name: pages, file, line: lineOf('pages_build_output_dir', 'pages_build_output_dir') });
}

/**
 * The names an example wrangler config declares, like a dotenv example: its `vars` and its bindings, at the top level
 * and in each environment. Names and lines only, never values.
 */
export function wranglerExampleNames(file: string, text: string): { name: string; line: number }[] {
  const read = /\.toml\.[^.]+$/.test(file) ? fromToml(text) : fromJson(jsoncConfig(file, text), text);
  if (!read) return [];
  const { config, lineOf } = read;
  const found: InfraFindings = { projects: [], functions: [], routes: [], tables: [], resources: [], problems: [] };
  const out: { name: string; line: number }[] = [];
  const scopes: [Json, string?][] = [[config], ...Object.entries(asObject(config.env)).map(([stage, c]): [Json, string] => [asObject(c), stage])];
  for (const [scope, stage] of scopes) {
    bindings(scope, stage, '', file, lineOf, found);
    for (const v of Object.keys(asObject(scope.vars))) out.push({ name: v, line: lineOf(stage ? `env.${stage}.vars.${v}` : `vars.${v}`, v) });
  }
  // As in env-binding-sets.ts: a Pages output folder or unbound assets are nothing the code reads.
  for (const r of found.resources) if (r.type !== 'Pages build output' && !r.unbound) out.push({ name: r.name, line: r.line });
  return out;
}

function jsoncConfig(file: string, text: string): Json | undefined {
  const { config } = ts.parseConfigFileTextToJson(file, text);
  return config && typeof config === 'object' ? (config as Json) : undefined;
}

function bindings(config: Json, stage: string | undefined, dir: string, file: string, lineOf: LineOf, out: InfraFindings): void {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const where = stage ? { stage } : {};
  const keyPath = (key: string) => (stage ? `env.${stage}.${key}` : key);
  for (const [key, type, named] of LISTS) {
    asArray(at(config, key)).forEach((entry, i) => {
      const e = asObject(entry);
      const binding = str(e.binding) ?? str(e.name);
      if (!binding) return;
      const target = named ? str(e[named]) : undefined;
      const migrations = key === 'd1_databases' ? str(e.migrations_dir) : undefined;
      const detail = [target && `${named}: ${target}`, migrations && `migrations: ${path.posix.normalize(path.posix.join(dir, migrations))}`].filter(Boolean).join(', ');
      out.resources.push({ tool: 'wrangler', type, name: binding, ...(detail ? { detail } : {}), ...where, file, line: lineOf(keyPath(`${key}.${i}`), binding) });
    });
  }
  for (const [key, type] of SINGLE) {
    const e = asObject(config[key]);
    if (config[key] === undefined) continue;
    const binding = str(e.binding);
    const directory = str(e.directory);
    // Without `binding` (static assets served without a Worker binding) the code has no `env.<NAME>` to read.
    out.resources.push({ tool: 'wrangler', type, name: binding ?? key, ...(directory ? { detail: `directory: ${directory}` } : {}), ...(binding ? {} : { unbound: true }), ...where, file, line: lineOf(keyPath(key), key) });
  }
}

function fromToml(text: string): { config: Json; lineOf: LineOf } {
  const { root, lines } = readToml(text);
  const source = text.split('\n');
  // Elements of an inline array (`bindings = [{ name = 'X' }]`) have no line of their own: the first line naming the
  // value, from the nearest key of the path that has one.
  const inside = (keyPath: string, needle: string) => {
    const parts = keyPath.split('.');
    for (let n = parts.length - 1; n > 0; n--) {
      const from = lines.get(parts.slice(0, n).join('.'));
      if (from === undefined) continue;
      const found = source.findIndex((l, i) => i >= from - 1 && (l.includes(`'${needle}'`) || l.includes(`"${needle}"`)));
      return found === -1 ? from : found + 1;
    }
    return 1;
  };
  return { config: root as unknown as Json, lineOf: (keyPath, needle) => lines.get(keyPath) ?? (needle ? inside(keyPath, needle) : 1) };
}

/** wrangler.json(c): comments and trailing commas allowed; a key's line is where its name (or value) first appears. */
function fromJson(config: Json | undefined, text: string): { config: Json; lineOf: LineOf } | undefined {
  if (!config) return undefined;
  const source = text.split('\n');
  const lineOf: LineOf = (keyPath, needle) => {
    const word = needle ?? keyPath.split('.').pop() ?? '';
    // In an environment's block (`env.production.…`): the first mention after the environment's own key.
    const stage = /^env\.([^.]+)\./.exec(keyPath)?.[1];
    const from = stage ? Math.max(0, source.findIndex((l) => l.includes(`"${stage}"`))) : 0;
    const found = source.findIndex((l, i) => i >= from && l.includes(`"${word}"`));
    return found === -1 ? 1 : found + 1;
  };
  return { config: config as Json, lineOf };
}

function at(config: Json, keyPath: string): unknown {
  return keyPath.split('.').reduce<unknown>((v, k) => asObject(v)[k], config);
}

function asObject(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

