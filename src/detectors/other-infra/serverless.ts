/**
 * Serverless Framework services (`serverless.yml` / `.yaml` / `.ts`): service and provider, functions with their
 * handler files, HTTP events as routes, other events as triggers, and CloudFormation `resources` (DynamoDB tables in
 * detail). `${file(...)}` includes of functions and resources are followed when the file is in the repository.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { entry, get, parseYaml, scalar, strings, type YamlNode } from '../../scan/yaml.js';
import { cfnText } from './cfn-values.js';
import { cfnResources } from './cloudformation.js';
import { handlerFile } from './handlers.js';
import { includeRef, pick } from './serverless-include.js';
import { callSiteOf, exportedConfig, originOf } from './ts-config.js';
import type { InfraFunctionData, InfraUnreadInclude, InfraProjectData, InfraResourceData, InfraRouteData, InfraTableData } from './types.js';

export interface InfraFindings {
  projects: InfraProjectData[];
  functions: InfraFunctionData[];
  routes: InfraRouteData[];
  tables: InfraTableData[];
  resources: InfraResourceData[];
  /** Files read only in part (a YAML or HCL syntax error), with the first problem of each. */
  problems: { file: string; format: 'YAML' | 'HCL'; line: number; message: string }[];
}

export function emptyFindings(): InfraFindings {
  return { projects: [], functions: [], routes: [], tables: [], resources: [], problems: [] };
}

const SERVERLESS_FILE = /(^|\/)serverless\.(ya?ml|ts|js)$/;

export function isServerlessConfig(file: string): boolean {
  return SERVERLESS_FILE.test(file);
}

export function serverlessService(index: RepoIndex, file: string, out: InfraFindings): void {
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const root = /\.(ya?ml)$/.test(file) ? yamlAt(index, file, out) : exportedConfig(index, file, dir);
  if (root?.kind !== 'map') return;
  const unread: InfraUnreadInclude[] = [];
  /**
   * A node, or the node a `${file(x.yml)}` include points at, with the file it lives in. A `.js`/`.ts` include is read
   * only when it exports a plain object; code that builds the list is never run, so it is recorded as not read.
   */
  const include = (node: YamlNode | undefined, from: string, key?: string): { node: YamlNode; file: string }[] => {
    if (!node) return [];
    const ref = node.kind === 'scalar' ? includeRef(index, scalar(node), from) : undefined;
    if (ref) {
      const found: { node: YamlNode; file: string }[] = [];
      for (const target of ref.files) {
        const code = /\.[cm]?[jt]s$/.test(target);
        const picked = pick(code ? exportedConfig(index, target, dir) : yamlAt(index, target, out), ref.key);
        if (picked && (!code || picked.kind !== 'scalar')) found.push({ node: picked, file: target });
        else if (key) unread.push({ key, file: target, from: originOf(node) ?? from, line: node.line, exists: true });
      }
      if (ref.files.length === 0 && key) unread.push({ key, file: ref.written, from: originOf(node) ?? from, line: node.line, exists: false });
      return found;
    }
    if (node.kind === 'seq') return node.items.flatMap((i) => include(i, from, key));
    return [{ node, file: from }];
  };

  const serviceEntry = root.entries.find((e) => e.key === 'service');
  const service = scalar(get(root, 'service')) ?? scalar(get(get(root, 'service'), 'name'));
  const provider = get(root, 'provider');
  const runtime = scalar(get(provider, 'runtime'));
  // `environment:` as a map, or `${file(env.yml):environment}` (cited in the included file).
  const envAt = (node: YamlNode | undefined, from: string) =>
    include(node, from, 'environment').flatMap(({ node: env, file: envFile }) =>
      env.kind === 'map' ? env.entries.map((e) => ({ name: e.key, file: originOf(e.value) ?? originOf(env) ?? envFile, line: e.line })) : [],
    );
  const shared = envAt(get(provider, 'environment'), file);
  const seen = new Set<string>();

  for (const { node: functions, file: fnFile } of include(get(root, 'functions'), file, 'functions')) {
    if (functions.kind !== 'map') continue;
    for (const entry of functions.entries) {
      // Function names are unique in a service: the first variant of an include with variables wins.
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      const fn = entry.value;
      // `functions: { ...todoFunctions }`: the entry is written in the file that defines the imported object.
      const defined = originOf(entry) ?? fnFile;
      // A container image function names its handler in `image.command`.
      const command = get(get(fn, 'image'), 'command');
      const handler = scalar(get(fn, 'handler')) ?? scalar(command?.kind === 'seq' ? command.items[0] : undefined);
      const resolved = handlerFile(index, dir, handler);
      const triggers: string[] = [];
      const events = get(fn, 'events');
      for (const event of events?.kind === 'seq' ? events.items : []) {
        // An event built by a helper (`httpApiEvent('post', '/todos')`) is cited where the helper is called.
        const site = callSiteOf(event);
        const kind = event.kind === 'map' ? event.entries[0] : undefined;
        if (!kind) {
          if (site) triggers.push(`built by ${site.name}(…) at ${site.file}:${site.line}`);
          continue;
        }
        const route = httpRoute(kind.key, kind.value);
        if (route) {
          const at = site ?? { file: originOf(kind.value) ?? fnFile, line: kind.line };
          out.routes.push({ tool: 'serverless', ...route, target: entry.key, ...(resolved ? { handlerFile: resolved } : {}), file: at.file, line: at.line });
          // The route is this function's trigger too: a function table saying "—" would contradict the route table.
          triggers.push(`${kind.key} ${route.method} ${route.path}`);
        } else {
          const detail = cfnText(kind.value) ?? cfnText(get(kind.value, 'rate')) ?? cfnText(get(kind.value, 'arn')) ?? cfnText(get(kind.value, 'queueName'))
            ?? cfnText(get(kind.value, 'trigger'));
          triggers.push(detail && detail.length < 60 ? `${kind.key} ${detail}` : kind.key);
        }
      }
      // `url: true` (or its settings): a Lambda function URL, the function's HTTP trigger without API Gateway.
      if (get(fn, 'url') && scalar(get(fn, 'url')) !== 'false') triggers.push('function URL');
      const fnRuntime = scalar(get(fn, 'runtime')) ?? runtime;
      const own = envAt(get(fn, 'environment'), defined);
      out.functions.push({
        tool: 'serverless',
        name: entry.key,
        ...(handler ? { handler } : {}),
        ...(resolved ? { handlerFile: resolved } : {}),
        ...(fnRuntime ? { runtime: fnRuntime } : {}),
        environment: [...new Set([...shared, ...own].map((e) => e.name))].sort(),
        environmentAt: [...new Map([...shared, ...own].map((e) => [e.name, e])).values()],
        service: file,
        ...(triggers.length > 0 ? { triggers } : {}),
        file: defined,
        line: entry.line,
      });
    }
  }

  for (const { node: resources, file: resFile } of include(get(root, 'resources'), file, 'resources')) {
    for (const { node: section, file: sectionFile } of include(get(resources, 'Resources') ?? resources, resFile, 'resources')) {
      const found = cfnResources('serverless', get(section, 'Resources') ?? section, sectionFile);
      out.tables.push(...found.tables);
      out.resources.push(...found.others);
    }
  }
  // `plugins: [a, b]` or `plugins: { modules: [a, b] }`: serverless-offline sets `IS_OFFLINE` for the code it runs.
  const pluginsNode = get(root, 'plugins');
  const pluginList = get(pluginsNode, 'modules') ?? pluginsNode;
  const plugins = strings(pluginList).sort();
  const dotenvNode = pluginList?.kind === 'seq' ? pluginList.items.find((i) => scalar(i) === 'serverless-dotenv-plugin') : undefined;
  // API Gateway settings beside the functions: an API exists even when the functions are built by code not read.
  const apiSettings = [
    ...['apiGateway', 'httpApi', 'endpointType', 'apiKeys', 'apiName'].map((k) => ({ key: `provider.${k}`, e: entry(provider, k) })),
    ...['customDomain', 'customDomains'].map((k) => ({ key: `custom.${k}`, e: entry(get(root, 'custom'), k) })),
  ].flatMap(({ key, e }) => (e ? [{ key, file: originOf(e.value) ?? file, line: e.line }] : []));
  // Pushed last: it records which includes could not be read.
  out.projects.push({
    tool: 'serverless',
    ...(service ? { name: service } : {}),
    ...(scalar(get(provider, 'name')) ? { provider: scalar(get(provider, 'name')) } : {}),
    ...(runtime ? { runtime } : {}),
    ...(scalar(get(provider, 'region')) ? { region: scalar(get(provider, 'region')) } : {}),
    ...(unread.length > 0 ? { unread } : {}),
    ...(shared.length > 0 ? { environmentAt: shared } : {}),
    ...(plugins.length > 0 ? { plugins } : {}),
    ...(dotenvNode ? { dotenvPlugin: { file: originOf(dotenvNode) ?? file, line: dotenvNode.line } } : {}),
    ...(apiSettings.length > 0 ? { apiSettings } : {}),
    file,
    // The `service:` property's line (a TypeScript config usually opens with imports), when this file writes it.
    line: serviceEntry && (originOf(serviceEntry) ?? file) === file ? serviceEntry.line : 1,
  });
}

/** `http: GET users/{id}`, `http: { method, path }`, `httpApi: 'GET /x'`, `httpApi: '*'`. */
function httpRoute(kind: string, value: YamlNode): { method: string; path: string; authorizer?: string } | undefined {
  if (kind !== 'http' && kind !== 'httpApi') return undefined;
  const short = scalar(value);
  if (short === '*') return { method: 'ANY', path: '/*' };
  const m = short ? /^(\S+)\s+(\S+)/.exec(short) : undefined;
  const method = m?.[1] ?? scalar(get(value, 'method'));
  const p = m?.[2] ?? scalar(get(value, 'path'));
  if (!method || p === undefined) return undefined;
  const upper = method.toUpperCase();
  const authorizer = authorizerOf(get(value, 'authorizer'));
  return { method: upper === '*' ? 'ANY' : upper, path: p.startsWith('/') ? p : `/${p}`, ...(authorizer ? { authorizer } : {}) };
}

/** `authorizer: aws_iam`, `authorizer: authFn`, `authorizer: { arn: arn:aws:cognito-idp:… }`, `{ name, type: COGNITO_USER_POOLS }`. */
function authorizerOf(node: YamlNode | undefined): string | undefined {
  if (!node) return undefined;
  const short = cfnText(node);
  if (short && node.kind !== 'map') return /cognito-idp/.test(short) ? 'Cognito user pool' : short;
  const arn = cfnText(get(node, 'arn')) ?? '';
  const type = scalar(get(node, 'type')) ?? '';
  if (/cognito-idp/.test(arn) || /^cognito/i.test(type)) return 'Cognito user pool';
  return scalar(get(node, 'name')) ?? (type || (arn ? 'authorizer (by ARN)' : undefined));
}

/** A YAML file's first document; its first parse problem, if any, is kept for the section's notes. */
function yamlAt(index: RepoIndex, file: string, out: InfraFindings): YamlNode | undefined {
  const text = index.read(file);
  if (text === undefined) return undefined;
  const { root, problems } = parseYaml(text);
  if (problems[0] && !out.problems.some((p) => p.file === file)) out.problems.push({ file, format: 'YAML', ...problems[0] });
  return root;
}
