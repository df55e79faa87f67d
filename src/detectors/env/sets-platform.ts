/**
 * Hosting platforms and templates that set variables in config: vercel.json `env`/`build.env`, netlify.toml
 * `[build.environment]`/`[context.*.environment]`, wrangler.toml `[vars]` / wrangler.json(c) `vars`, fly.toml `[env]`, render.yaml `envVars`,
 * Heroku app.json `env`, Expo eas.json `build.<profile>.env` (and `submit.<profile>.env`), and SAM/CloudFormation `Environment: Variables:`. Names only.
 */
import { ts } from '../../scan/ts.js';
import { isEnvName } from './names.js';
import type { EnvSetData } from './types.js';
import { entries, get, items, readYaml, text } from './yaml.js';

export const PLATFORM_FILE = /(^|\/)(vercel\.json|netlify\.toml|wrangler\.toml|wrangler\.jsonc?|fly\.toml|render\.ya?ml|app\.json|eas\.json)$/;
/** SAM / CloudFormation templates (the text test keeps other YAML out). */
export const TEMPLATE_FILE = /\.(ya?ml|template)$/;
export const TEMPLATE_TEXT = /AWSTemplateFormatVersion|AWS::Serverless|AWS::Lambda::Function/;

export function platformEnv(file: string, source: string): EnvSetData[] {
  const base = file.split('/').pop() ?? '';
  if (base === 'vercel.json' || base === 'app.json') return jsonEnv(file, source, base === 'vercel.json' ? 'Vercel' : 'Heroku');
  if (base.endsWith('.toml')) return tomlEnv(file, source);
  if (base.startsWith('wrangler.')) return wranglerJsonEnv(file, source);
  if (base === 'eas.json') return easEnv(file, source);
  return renderEnv(file, source);
}

/** vercel.json `env` and `build.env`; Heroku app.json `env` (Expo's app.json has none at the top level). */
function jsonEnv(file: string, source: string, tool: string): EnvSetData[] {
  let json: { env?: unknown; build?: { env?: unknown } } | undefined;
  try {
    json = JSON.parse(source.replace(/^\uFEFF/, '')) as typeof json;
  } catch {
    return [];
  }
  if (!json || typeof json !== 'object') return [];
  const lines = source.split('\n');
  const lineOf = (name: string) => Math.max(1, lines.findIndex((l) => l.includes(`"${name}"`)) + 1);
  const out: EnvSetData[] = [];
  for (const [group, owner] of [[json.env, undefined], [json.build?.env, 'build']] as const) {
    if (!group || typeof group !== 'object' || Array.isArray(group)) continue;
    for (const name of Object.keys(group)) if (isEnvName(name)) out.push({ name, file, line: lineOf(name), kind: 'platform', tool, ...(owner ? { owner } : {}) });
  }
  return out;
}

/** The TOML tables that hold variables, by tool: `[build.environment]`, `[context.production.environment]`, `[vars]`, `[env]`. */
const TOML_TABLES: readonly [RegExp, RegExp, string][] = [
  [/netlify\.toml$/, /^(build|context\.[\w.-]+|dev)\.environment$/, 'Netlify'],
  [/wrangler\.toml$/, /^(vars|env\.[\w-]+\.vars)$/, 'Cloudflare Wrangler'],
  [/fly\.toml$/, /^env$/, 'Fly.io'],
];

function tomlEnv(file: string, source: string): EnvSetData[] {
  const spec = TOML_TABLES.find(([f]) => f.test(file));
  if (!spec) return [];
  const [, tables, tool] = spec;
  const out: EnvSetData[] = [];
  let table = '';
  source.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    // `[table]` or `[[array.of.tables]]` (`[[d1_databases]]` holds bindings, not variables).
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      table = header[1].replace(/["']/g, '');
      return;
    }
    // `environment = { A = "x" }` inline under `[build]` / `[context.x]`.
    const inline = /^(environment|vars|env)\s*=\s*\{(.*)\}/.exec(line);
    if (inline && tables.test(table ? `${table}.${inline[1]}` : inline[1])) {
      for (const m of inline[2].matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=/g)) if (isEnvName(m[1])) out.push({ name: m[1], file, line: i + 1, kind: 'platform', tool, ...owner(table) });
      return;
    }
    const key = /^([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (key && tables.test(table) && isEnvName(key[1])) out.push({ name: key[1], file, line: i + 1, kind: 'platform', tool, ...owner(table) });
  });
  return out;
}

/** wrangler.json(c) `vars`, and each environment's (`env.production.vars`): comments and trailing commas allowed. */
function wranglerJsonEnv(file: string, source: string): EnvSetData[] {
  const { config } = ts.parseConfigFileTextToJson(file, source);
  if (!config || typeof config !== 'object') return [];
  const lines = source.split('\n');
  const out: EnvSetData[] = [];
  const add = (vars: unknown, stage?: string) => {
    if (!vars || typeof vars !== 'object' || Array.isArray(vars)) return;
    // The key's line inside the block: from the environment's own key on, the first `"vars"` after it, then the name.
    const from = stage ? lines.findIndex((l) => l.includes(`"${stage}"`)) : 0;
    const block = lines.findIndex((l, i) => i >= Math.max(0, from) && l.includes('"vars"'));
    for (const name of Object.keys(vars)) {
      if (!isEnvName(name)) continue;
      const at = lines.findIndex((l, i) => i > block && l.includes(`"${name}"`));
      out.push({ name, file, line: at + 1 || block + 1 || 1, kind: 'platform', tool: 'Cloudflare Wrangler', ...(stage ? { owner: stage } : {}) });
    }
  };
  const c = config as { vars?: unknown; env?: Record<string, { vars?: unknown }> };
  add(c.vars);
  for (const [stage, e] of Object.entries(c.env && typeof c.env === 'object' ? c.env : {})) add(e?.vars, stage);
  return out;
}

/** Expo eas.json: each build (and submit) profile's `env`, with the profile as owner; the key's line inside its block. */
function easEnv(file: string, source: string): EnvSetData[] {
  const { config } = ts.parseConfigFileTextToJson(file, source);
  if (!config || typeof config !== 'object') return [];
  const lines = source.split('\n');
  const out: EnvSetData[] = [];
  for (const section of ['build', 'submit'] as const) {
    const profiles = (config as Record<string, unknown>)[section];
    if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) continue;
    const start = lines.findIndex((l) => l.includes(`"${section}"`));
    for (const [profile, body] of Object.entries(profiles as Record<string, { env?: unknown }>)) {
      const env = body && typeof body === 'object' ? body.env : undefined;
      if (!env || typeof env !== 'object' || Array.isArray(env)) continue;
      const from = lines.findIndex((l, i) => i >= Math.max(0, start) && l.includes(`"${profile}"`));
      const block = lines.findIndex((l, i) => i >= Math.max(0, from) && l.includes('"env"'));
      for (const name of Object.keys(env)) {
        if (!isEnvName(name)) continue;
        const at = lines.findIndex((l, i) => i > block && l.includes(`"${name}"`));
        out.push({ name, file, line: at + 1 || block + 1 || 1, kind: 'platform', tool: section === 'build' ? 'EAS Build' : 'EAS Submit', owner: profile });
      }
    }
  }
  return out;
}

function owner(table: string): { owner?: string } {
  const context = /^(context|env)\.([\w.-]+?)(\.(environment|vars))?$/.exec(table);
  return context ? { owner: context[2] } : {};
}

/** render.yaml `services[].envVars[].key` (and `envVarGroups`). */
function renderEnv(file: string, source: string): EnvSetData[] {
  const yaml = readYaml(source);
  const out: EnvSetData[] = [];
  for (const doc of yaml.docs) {
    for (const group of ['services', 'envVarGroups']) {
      for (const s of items(doc, get(doc, doc.contents, group))) {
        const name = text(get(doc, s, 'name'));
        for (const v of items(doc, get(doc, s, 'envVars'))) {
          const key = text(get(doc, v, 'key'));
          if (key && isEnvName(key)) out.push({ name: key, file, line: yaml.line(v), kind: 'platform', tool: 'Render', ...(name ? { owner: name } : {}) });
        }
      }
    }
  }
  return out;
}

/** SAM / CloudFormation: `Globals.Function.Environment.Variables` and each resource's `Properties.Environment.Variables`. */
export function templateEnv(file: string, source: string): EnvSetData[] {
  const yaml = readYaml(source);
  const out: EnvSetData[] = [];
  for (const doc of yaml.docs) {
    const add = (props: unknown, owner: string) => {
      for (const e of entries(doc, get(doc, get(doc, props, 'Environment'), 'Variables'))) {
        if (isEnvName(e.key)) out.push({ name: e.key, file, line: yaml.line(e.keyNode), kind: 'cloudformation', tool: 'SAM/CloudFormation', owner });
      }
    };
    add(get(doc, get(doc, doc.contents, 'Globals'), 'Function'), 'Globals');
    for (const r of entries(doc, get(doc, doc.contents, 'Resources'))) add(get(doc, r.value, 'Properties'), r.key);
  }
  return out;
}
