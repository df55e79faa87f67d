/**
 * SST apps. v3 (`sst.config.ts` + `infra/*.ts`): `new sst.aws.Function | ApiGatewayV2 | Dynamo | StaticSite | …` and
 * `api.route('GET /x', handler)`. v2 / v1 (`stacks/*.ts`, `sst/constructs`): `new Api(stack, id, { routes })`,
 * `new Table(stack, id, { fields, primaryIndex, globalIndexes })`, `new Function`, sites, buckets, queues, crons.
 * Handlers are paths relative to the app root (the folder of `sst.config.ts`).
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { constantsOf, dottedName, importsOf, lastName, property, propertyNameText, staticString } from '../shared/ast.js';
import { handlerFile } from './handlers.js';
import { apiDefaultAuth, routeAuth } from './sst-auth.js';
import { componentCall, componentProps, type Component, type SubscriberContext } from './sst-subscribers.js';
import type { InfraFindings } from './serverless.js';
import type { InfraTableIndex } from './types.js';

const V2_MODULES = new Set(['sst/constructs', '@serverless-stack/resources']);
const V2_API = new Set(['Api', 'ApiGatewayV1Api', 'AppSyncApi', 'WebSocketApi']);

/** `configs`: every SST config of the repository, so a nested app's files are left to that app. */
export function sstProject(index: RepoIndex, config: string, configs: readonly string[], out: InfraFindings): void {
  const root = path.posix.dirname(config) === '.' ? '' : path.posix.dirname(config);
  const text = index.read(config) ?? '';
  const name = /\bname:\s*['"`]([^'"`]+)['"`]/.exec(text)?.[1];
  const region = /\bregion:\s*['"`]([^'"`]+)['"`]/.exec(text)?.[1];
  const home = /\bhome:\s*['"`]([^'"`]+)['"`]/.exec(text)?.[1];
  // The app is the `$config(` call (v3) or the default export (v2), not line 1, which is often a comment or reference.
  const at = /\$config\s*\(/.exec(text) ?? /\bexport\s+default\b/.exec(text);
  const line = at ? text.slice(0, at.index).split('\n').length : 1;
  out.projects.push({ tool: 'sst', ...(name ? { name } : {}), ...(home ? { provider: home } : {}), ...(region ? { region } : {}), file: config, line });
  const files = index
    .filesUnder(root)
    .filter((f) => /\.[cm]?[jt]s$/.test(f) && !/(^|\/)(node_modules|\.sst|dist)\//.test(f))
    .filter((f) => ownerOf(f, configs) === config)
    .filter((f) => {
      const t = index.read(f);
      return t !== undefined && (t.includes('sst.aws.') || t.includes('sst/constructs') || t.includes('@serverless-stack/resources'));
    });
  for (const file of files) {
    const sf = index.parse(file);
    if (sf) readFile(index, root, file, sf, out);
  }
}

function ownerOf(file: string, configs: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const c of configs) {
    const dir = path.posix.dirname(c);
    const inside = dir === '.' || file.startsWith(`${dir}/`);
    if (inside && (!best || c.length > best.length)) best = c;
  }
  return best;
}

function readFile(index: RepoIndex, root: string, file: string, sf: ts.SourceFile, out: InfraFindings): void {
  const imports = importsOf(sf);
  const constants = constantsOf(sf);
  const str = (e: ts.Expression | undefined) => (e ? staticString(e, constants)?.text : undefined);
  const apis = new Map<string, string>();
  /** API id → the auth its routes get unless they say otherwise. */
  const defaults = new Map<string, string | null | undefined>();
  const handlerOf = (value: ts.Expression | undefined): string | undefined => {
    if (!value) return undefined;
    const direct = str(value);
    if (direct) return direct;
    const fn = property(value, 'function') ?? value;
    return str(fn) ?? str(property(fn, 'handler'));
  };
  /** Variables holding v3 components, whose `subscribe`/`notify` calls deploy functions. */
  const components = new Map<string, Component>();
  const ctx: SubscriberContext = { index, root, file, sf, out, str, handlerOf };
  const addRoute = (key: string, value: ts.Expression | undefined, api: string, at: ts.Node, options?: ts.Expression) => {
    const m = /^(\S+)\s+(\S+)$/.exec(key.trim());
    const method = m ? m[1].toUpperCase() : 'ANY';
    const p = m ? m[2] : key;
    const handler = handlerOf(value);
    const resolved = handlerFile(index, root, handler);
    // v3 passes options as the third argument; v2 writes them beside `function` in the route's object.
    const own = routeAuth(options ?? value, str);
    const authorizer = own === undefined ? defaults.get(api) : own;
    out.routes.push({
      tool: 'sst',
      method: method === '$DEFAULT' ? 'ANY' : method,
      path: p,
      target: handler ?? api,
      ...(resolved ? { handlerFile: resolved } : {}),
      ...(authorizer ? { authorizer } : {}),
      file,
      line: lineOf(at, sf),
    });
  };

  walk(sf, (node) => {
    if (ts.isNewExpression(node)) {
      const callee = dottedName(node.expression) ?? '';
      const cls = lastName(node.expression) ?? '';
      const v3 = /^sst\.(aws|cloudflare)\./.test(callee) || callee.startsWith('sst.');
      const v2 = !v3 && V2_MODULES.has(imports.get(cls)?.module ?? '');
      if (!v3 && !v2) return;
      const args = node.arguments ?? [];
      const idArg = v3 ? args[0] : args[1];
      const props = v3 ? args[1] : args[2];
      const id = str(idArg) ?? idArg?.getText(sf) ?? cls;
      const variable = ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(sf) : undefined;
      const type = v3 ? callee : cls;
      if (v3 && variable) components.set(variable, { cls, id });
      if (cls === 'Function' || cls === 'Cron') {
        const handler = handlerOf(cls === 'Cron' ? (property(props, 'job') ?? property(props, 'function')) : props);
        const resolved = handlerFile(index, root, handler);
        const env = property(props, 'environment');
        out.functions.push({
          tool: 'sst',
          name: id,
          ...(handler ? { handler } : {}),
          ...(resolved ? { handlerFile: resolved } : {}),
          ...(str(property(props, 'runtime')) ? { runtime: str(property(props, 'runtime')) } : {}),
          environment: env && ts.isObjectLiteralExpression(env) ? env.properties.flatMap((p) => (p.name ? [propertyNameText(p.name) ?? ''] : [])).sort() : [],
          ...(cls === 'Cron' ? { triggers: [`cron ${str(property(props, 'schedule')) ?? ''}`.trim()] } : {}),
          // `url: true` (or url options) gives the function its own HTTPS endpoint, its trigger.
          ...(cls === 'Function' && hasUrl(property(props, 'url')) ? { triggers: ['Function URL'] } : {}),
          file,
          line: lineOf(node, sf),
        });
      } else if (cls === 'Dynamo' || cls === 'Table') {
        out.tables.push(table(id, props, file, lineOf(node, sf), str));
      } else {
        if (v3) componentProps(ctx, { cls, id }, props);
        const where = str(property(props, 'path'));
        out.resources.push({ tool: 'sst', type, name: id, ...(where ? { detail: `path: ${where}` } : {}), file, line: lineOf(node, sf) });
      }
      if (V2_API.has(cls) || /^(ApiGateway\w*|Router)$/.test(cls)) {
        if (variable) apis.set(variable, id);
        defaults.set(id, apiDefaultAuth(props, str));
      }
      const routes = property(props, 'routes');
      if (routes && ts.isObjectLiteralExpression(routes)) {
        for (const p of routes.properties) {
          if (ts.isPropertyAssignment(p) && p.name) addRoute(propertyNameText(p.name) ?? '', p.initializer, id, p);
        }
      }
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression.getText(sf);
      const component = components.get(receiver);
      if (component) componentCall(ctx, component, node, method);
      const api = apis.get(receiver);
      if (!api) return;
      if (method === 'route') {
        const key = str(node.arguments[0]);
        if (key) addRoute(key, node.arguments[1], api, node, node.arguments[2]);
      } else if (method === 'addRoutes') {
        const routes = node.arguments.find(ts.isObjectLiteralExpression);
        for (const p of routes?.properties ?? []) {
          if (ts.isPropertyAssignment(p) && p.name) addRoute(propertyNameText(p.name) ?? '', p.initializer, api, p);
        }
      }
    }
  });
}

function hasUrl(url: ts.Expression | undefined): boolean {
  return url !== undefined && url.kind !== ts.SyntaxKind.FalseKeyword;
}

function table(
  id: string,
  props: ts.Expression | undefined,
  file: string,
  line: number,
  str: (e: ts.Expression | undefined) => string | undefined,
): InfraFindings['tables'][number] {
  const fields = new Map<string, string>();
  const f = property(props, 'fields');
  if (f && ts.isObjectLiteralExpression(f)) {
    for (const p of f.properties) if (ts.isPropertyAssignment(p) && p.name) fields.set(propertyNameText(p.name) ?? '', str(p.initializer) ?? '?');
  }
  const key = (name: string | undefined) => (name ? (fields.has(name) ? `${name} (${fields.get(name)})` : name) : undefined);
  const keysOf = (index: ts.Expression | undefined) => ({
    hashKey: key(str(property(index, 'hashKey') ?? property(index, 'partitionKey'))),
    rangeKey: key(str(property(index, 'rangeKey') ?? property(index, 'sortKey'))),
  });
  const indexes: InfraTableIndex[] = [];
  for (const [prop, kind] of [['globalIndexes', 'GSI'], ['localIndexes', 'LSI']] as const) {
    const list = property(props, prop);
    if (!list || !ts.isObjectLiteralExpression(list)) continue;
    for (const p of list.properties) {
      if (!ts.isPropertyAssignment(p) || !p.name) continue;
      const k = keysOf(p.initializer);
      const projection = str(property(p.initializer, 'projection'));
      indexes.push({
        name: propertyNameText(p.name) ?? '',
        kind,
        ...(k.hashKey ? { hashKey: k.hashKey } : {}),
        ...(k.rangeKey ? { rangeKey: k.rangeKey } : {}),
        ...(projection ? { projection } : {}),
      });
    }
  }
  const primary = keysOf(property(props, 'primaryIndex'));
  const stream = str(property(props, 'stream'));
  const ttl = str(property(props, 'ttl') ?? property(props, 'timeToLiveAttribute'));
  return {
    tool: 'sst',
    name: id,
    ...(primary.hashKey ? { hashKey: primary.hashKey } : {}),
    ...(primary.rangeKey ? { rangeKey: primary.rangeKey } : {}),
    indexes,
    ...(stream ? { stream } : {}),
    ...(ttl ? { ttl } : {}),
    file,
    line,
  };
}
