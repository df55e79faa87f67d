/**
 * HTTP routes of a CloudFormation/SAM template, with the function serving each: SAM `Api`/`HttpApi` events, OpenAPI
 * bodies of SAM and API Gateway APIs (inline, `DefinitionUri` or `AWS::Include` of a file in the repository), REST
 * API `Method` → `Resource` chains and HTTP API `Route` → `Integration` pairs.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { get, parseYaml, scalar, type YamlEntry, type YamlNode } from '../../scan/yaml.js';
import { cfnText, intrinsic, references } from './cfn-values.js';
import { resourceAuthorizer, samEventAuthorizer } from './cfn-auth.js';

export interface CfnRoute {
  readonly method: string;
  readonly path: string;
  /** Logical id of the function serving it. */
  readonly target?: string;
  /** What serves it when it is not a function: `HTTP proxy https://…`, `SQS-SendMessage → Queue`, `mock`. */
  readonly integration?: string;
  /** The file declaring it when not the template (an OpenAPI document). */
  readonly file?: string;
  /** Who guards it (see cfn-auth.ts); absent when open. */
  readonly authorizer?: string;
  readonly line: number;
}

export const FUNCTION_TYPES: ReadonlySet<string> = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const OPENAPI_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method']);

export function cfnRoutes(index: RepoIndex, file: string, resources: YamlNode, globals?: YamlNode): CfnRoute[] {
  if (resources.kind !== 'map') return [];
  const byId = new Map(resources.entries.map((e) => [e.key, e]));
  const typeOf = (id: string | undefined) => (id ? scalar(get(byId.get(id)?.value, 'Type')) : undefined);
  const functionIn = (node: YamlNode | undefined): string | undefined => references(node).find((id) => FUNCTION_TYPES.has(typeOf(id) ?? ''));
  // One route per method and path: a SAM event and the API's OpenAPI body often declare the same one.
  const routes = new Map<string, CfnRoute>();
  const add = (route: CfnRoute) => {
    const key = `${route.method} ${route.path}`;
    const known = routes.get(key);
    if (!known || (!known.target && route.target)) routes.set(key, route);
  };

  for (const e of resources.entries) {
    const type = typeOf(e.key);
    const props = get(e.value, 'Properties');
    if (type === 'AWS::Serverless::Function') {
      const events = get(props, 'Events');
      for (const ev of events?.kind === 'map' ? events.entries : []) {
        const kind = scalar(get(ev.value, 'Type'));
        if (kind !== 'Api' && kind !== 'HttpApi') continue;
        const p = get(ev.value, 'Properties');
        const method = scalar(get(p, 'Method'));
        const where = scalar(get(p, 'Path'));
        const authorizer = samEventAuthorizer(p, kind, byId, globals);
        add({
          method: methodName(method ?? (kind === 'HttpApi' ? 'ANY' : '?')),
          path: where ?? (kind === 'HttpApi' ? '$default' : '?'),
          target: e.key,
          ...(authorizer ? { authorizer } : {}),
          line: ev.line,
        });
      }
    } else if (type === 'AWS::ApiGateway::Method') {
      const resourcePath = restPath(get(props, 'ResourceId'), byId);
      if (resourcePath === undefined) continue;
      const integration = get(props, 'Integration');
      const target = functionIn(get(integration, 'Uri'));
      const authorizer = resourceAuthorizer(props);
      add({ method: methodName(cfnText(get(props, 'HttpMethod')) ?? 'ANY'), path: resourcePath, ...served(target, integration), ...(authorizer ? { authorizer } : {}), line: e.line });
    } else if (type === 'AWS::ApiGatewayV2::Route') {
      const key = cfnText(get(props, 'RouteKey')) ?? '';
      const m = /^(\S+)\s+(\S+)$/.exec(key);
      const id = references(get(props, 'Target')).find((ref) => typeOf(ref) === 'AWS::ApiGatewayV2::Integration');
      const integration = id ? get(byId.get(id)?.value, 'Properties') : undefined;
      const target = functionIn(get(integration, 'IntegrationUri'));
      // A WebSocket API's route keys (`$connect`, `register`) have no method: `WS`, as CDK routes show them.
      const authorizer = resourceAuthorizer(props);
      add({ method: m ? methodName(m[1]) : 'WS', path: m ? m[2] : key, ...served(target, integration), ...(authorizer ? { authorizer } : {}), line: e.line });
    }
    if (type === 'AWS::Serverless::Api' || type === 'AWS::Serverless::HttpApi' || type === 'AWS::ApiGateway::RestApi' || type === 'AWS::ApiGatewayV2::Api') {
      for (const r of openApiRoutes(index, file, props, functionIn)) add(r);
    }
  }
  return [...routes.values()];
}

function methodName(method: string): string {
  const upper = method.toUpperCase();
  return upper === '*' || upper === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : upper;
}

/** A REST API resource's full path, following `ParentId` up to the API's `RootResourceId`. */
function restPath(resourceId: YamlNode | undefined, byId: ReadonlyMap<string, YamlEntry>, depth = 0): string | undefined {
  if (!resourceId || depth > 20) return undefined;
  const call = intrinsic(resourceId);
  if (call?.fn === 'Fn::GetAtt' && /RootResourceId/.test(cfnText(resourceId) ?? '')) return '/';
  const id = call?.fn === 'Ref' ? scalar(call.arg) : undefined;
  const resource = id ? byId.get(id) : undefined;
  if (!resource || scalar(get(resource.value, 'Type')) !== 'AWS::ApiGateway::Resource') return undefined;
  const props = get(resource.value, 'Properties');
  const parent = restPath(get(props, 'ParentId'), byId, depth + 1);
  const part = cfnText(get(props, 'PathPart')) ?? '?';
  return parent === undefined ? undefined : `${parent === '/' ? '' : parent}/${part}`;
}

/** Paths of an OpenAPI document given inline (`DefinitionBody`, `Body`) or as a file in the repository. */
function openApiRoutes(
  index: RepoIndex,
  file: string,
  props: YamlNode | undefined,
  functionIn: (node: YamlNode | undefined) => string | undefined,
): CfnRoute[] {
  let body = get(props, 'DefinitionBody') ?? get(props, 'Body');
  let from: string | undefined;
  const include = intrinsic(body);
  const location =
    include?.fn === 'Fn::Transform' ? scalar(get(get(include.arg, 'Parameters'), 'Location')) : scalar(get(props, 'DefinitionUri'));
  if (location !== undefined && !/^s3:\/\//.test(location)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), location));
    const text = target.startsWith('..') ? undefined : index.read(target);
    body = text === undefined ? undefined : parseYaml(text).root;
    from = text === undefined ? undefined : target;
  } else if (include) body = undefined;
  const paths = get(body, 'paths');
  if (paths?.kind !== 'map') return [];
  const out: CfnRoute[] = [];
  for (const p of paths.entries) {
    if (p.value.kind !== 'map') continue;
    for (const m of p.value.entries) {
      if (!OPENAPI_METHODS.has(m.key)) continue;
      const integration = get(m.value, 'x-amazon-apigateway-integration');
      const target = functionIn(get(integration, 'uri'));
      out.push({ method: methodName(m.key), path: p.key, ...served(target, integration), ...(from ? { file: from } : {}), line: m.line });
    }
  }
  return out;
}

/** The function serving a route, or else what its integration is, in a few words. */
function served(target: string | undefined, integration: YamlNode | undefined): { target?: string; integration?: string } {
  if (target) return { target };
  const text = integrationText(integration);
  return text ? { integration: text } : {};
}

function integrationText(node: YamlNode | undefined): string | undefined {
  if (!node) return undefined;
  const field = (...names: string[]) => names.map((n) => get(node, n)).find((v) => v !== undefined);
  const subtype = cfnText(field('integrationSubtype', 'IntegrationSubtype'));
  const parameters = field('requestParameters', 'RequestParameters');
  if (subtype) {
    const to = references(parameters)[0];
    return to ? `${subtype} → ${to}` : subtype;
  }
  const type = (cfnText(field('type', 'Type', 'IntegrationType')) ?? '').toLowerCase();
  const uri = cfnText(field('uri', 'Uri', 'IntegrationUri'));
  if (type === 'mock') return 'mock';
  if (type.startsWith('http')) return uri ? `HTTP proxy ${uri}` : 'HTTP proxy';
  const service = uri ? /:apigateway:(?:\$\{[^}]*\}|[^:]*):([a-z0-9-]+):(?:action\/|path\/)?([A-Za-z0-9]+)/.exec(uri) : null;
  return service ? `AWS ${service[1]} ${service[2]}` : undefined;
}
