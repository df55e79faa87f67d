/**
 * Terraform configurations (`*.tf`, one project per folder): resources by type and name; Lambda functions with their
 * handler files (through `archive_file` sources), DynamoDB tables with keys and indexes, API Gateway routes (HTTP API
 * `route_key`s and REST resource/method chains) with the Lambda behind each, and modules with their sources.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { handlerFile } from './handlers.js';
import { hclValue, literalObjectKeys, type HclAttribute } from './hcl.js';
import type { InfraFindings } from './serverless.js';
import { builtCode } from './terraform-build.js';
import { functionNames, terraformTriggers } from './terraform-triggers.js';
import { environmentSites, forEachInput, localsOf, type Located, type ModuleCallers } from './terraform-modules.js';
import { inputRoutes, moduleRoutes } from './terraform-routes.js';
import { entryPath, entryValue, functionInstances, type LocalsOfFile } from './terraform-instances.js';
import type { ForEachEntry } from './terraform-modules.js';
import type { InfraBuiltBy, InfraCodeSource, InfraFunctionData, InfraTableIndex } from './types.js';

/** Functions deployed per map entry, by `module folder\0entry key`: what a route naming that entry runs. */
export type FunctionInstances = Map<string, InfraFunctionData>;

export function terraformFolder(
  index: RepoIndex, dir: string, files: readonly string[], blocks: readonly Located[], callersOf: ModuleCallers, out: InfraFindings,
  localsOfFile: LocalsOfFile = () => new Map(), instances: FunctionInstances = new Map(),
): void {
  const callers = callersOf.get(dir) ?? [];
  const locals = localsOf(blocks);
  const resources = new Map<string, Located>();
  for (const l of blocks) {
    if (l.block.type === 'resource' && l.block.labels.length >= 2) resources.set(`${l.block.labels[0]}.${l.block.labels[1]}`, l);
    if (l.block.type === 'data' && l.block.labels.length >= 2) resources.set(`data.${l.block.labels[0]}.${l.block.labels[1]}`, l);
  }
  const providers = blocks.filter((l) => l.block.type === 'provider');
  const aws = providers.find((p) => p.block.labels[0] === 'aws');
  out.projects.push({
    tool: 'terraform',
    name: dir || '(root)',
    ...(providers.length > 0 ? { provider: [...new Set(providers.map((p) => p.block.labels[0]))].sort().join(', ') } : {}),
    ...(aws && hclValue(aws.block.attributes.get('region')) ? { region: hclValue(aws.block.attributes.get('region')) } : {}),
    file: (aws ?? providers[0] ?? blocks[0])?.file ?? files[0],
    line: (aws ?? providers[0])?.block.line ?? 1,
  });
  const moduleDir = (file: string) => path.posix.dirname(file);
  /** `${path.module}/../src` → repo path, for the folder a Lambda archive is built from. */
  const localPath = (raw: string | undefined, file: string): string | undefined => {
    if (!raw) return undefined;
    const p = raw.replace(/\$\{path\.(module|root)\}/g, moduleDir(file)).replace(/^"|"$/g, '');
    return p.includes('${') ? undefined : path.posix.normalize(p.startsWith('/') ? p.slice(1) : path.posix.join(p.startsWith(moduleDir(file)) ? '' : moduleDir(file), p));
  };
  const functionFile = (fn: Located): string | undefined => {
    const handler = hclValue(fn.block.attributes.get('handler'));
    const filename = fn.block.attributes.get('filename')?.raw ?? '';
    const source = archiveOf([...fn.block.attributes.values()].map((a) => a.raw).join('\n'), resources);
    const dirs = [
      source && localPath(source.block.attributes.get('source_dir')?.raw, source.file),
      source && path.posix.dirname(localPath(source.block.attributes.get('source_file')?.raw, source.file) ?? '.'),
      sourceDir(localPath(fn.block.attributes.get('source_path')?.raw, fn.file)),
      // A committed `filename = "src/fn.zip"`: the source usually sits beside the archive.
      /^"[^"$]*\.zip"$/.test(filename) ? path.posix.dirname(localPath(filename, fn.file) ?? '.') : undefined,
    ].filter((d): d is string => !!d);
    for (const d of dirs) {
      const found = handlerFile(index, d === '.' ? '' : d, handler);
      if (found) return found;
    }
    return undefined;
  };
  /** The handler file, else the source a build script builds the zipped output from, else that output as written. */
  const functionCode = (fn: Located): FunctionCode => {
    const file = functionFile(fn);
    if (file) return { handlerFile: file };
    const source = archiveOf([...fn.block.attributes.values()].map((a) => a.raw).join('\n'), resources);
    const zipped = source && (localPath(source.block.attributes.get('source_file')?.raw, source.file) ?? localPath(source.block.attributes.get('source_dir')?.raw, source.file));
    return builtCode(index, zipped ?? localPath(fn.block.attributes.get('source_path')?.raw, fn.file), !!source?.block.attributes.get('source_dir'), hclValue(fn.block.attributes.get('handler')));
  };

  /** One row per entry of a literal `for_each` map; one templated row saying so when the map is not expanded. */
  const addFunctions = (l: Located, name: string) => {
    const each = functionInstances(l, callers, locals, localsOfFile);
    if (!each) return addFunction(l, name, functionCode(l), out, callers, locals);
    if (each.unread) {
      addFunction(l, name, functionCode(l), out, callers, locals);
      out.functions[out.functions.length - 1] = { ...out.functions[out.functions.length - 1], forEach: each.unread };
      return;
    }
    const shared = functionFile(l);
    for (const entry of each.entries) {
      const fn = entryFunction(l, entry, shared ?? entryFile(l, entry));
      out.functions.push(fn);
      instances.set(`${dir}\0${entry.key}`, fn);
    }
  };
  /** The handler file an entry's own source folder (`source_dir`, a committed zip's folder, `source_path`) holds. */
  const entryFile = (fn: Located, entry: ForEachEntry): string | undefined => {
    const handler = entryValue(fn.block.attributes.get('handler')?.raw, entry)?.value;
    const source = archiveOf([...fn.block.attributes.values()].map((a) => a.raw).join('\n'), resources);
    const zip = entryPath(fn.block.attributes.get('filename')?.raw, entry);
    const dirs = [
      source && entryPath(source.block.attributes.get('source_dir')?.raw, entry),
      sourceDir(entryPath(fn.block.attributes.get('source_path')?.raw, entry)),
      zip && zip.endsWith('.zip') ? path.posix.dirname(zip) : undefined,
    ].filter((d): d is string => !!d);
    for (const d of dirs) {
      const found = handlerFile(index, d === '.' ? '' : d, handler);
      if (found) return found;
    }
    return undefined;
  };

  const firstFunction = out.functions.length;
  const labels: string[] = [];
  for (const l of blocks) {
    const { block, file } = l;
    if (block.type === 'module') {
      const source = hclValue(block.attributes.get('source')) ?? '';
      if (/terraform-aws-modules\/lambda\/aws/.test(source)) {
        addFunction(l, hclValue(block.attributes.get('function_name')) ?? block.labels[0], functionCode(l), out, callers, locals);
        labels.push(block.labels[0]);
      }
      out.resources.push({ tool: 'terraform', type: 'module', name: block.labels[0] ?? '?', detail: `source: ${source}`, file, line: block.line });
      continue;
    }
    if (block.type !== 'resource' || block.labels.length < 2) continue;
    const [type, name] = block.labels;
    if (type === 'aws_lambda_function') {
      addFunctions(l, name);
      // Triggers name the resource, so each of its rows is found by its label.
      while (labels.length < out.functions.length - firstFunction) labels.push(name);
    }
    else if (type === 'aws_dynamodb_table') out.tables.push(table(l));
    else if (type === 'aws_apigatewayv2_route' && block.attributes.has('for_each')) out.routes.push(...moduleRoutes(l, resources, callers, locals));
    else if (type === 'aws_apigatewayv2_route' && inputRoutes(l, callers).length > 0) out.routes.push(...inputRoutes(l, callers));
    else if (type === 'aws_apigatewayv2_route') {
      const key = hclValue(block.attributes.get('route_key')) ?? '';
      const m = /^(\S+)\s+(\S+)$/.exec(key);
      const target = lambdaBehind(block.attributes.get('target')?.raw, resources);
      const fnCode = target ? functionCode(resources.get(`aws_lambda_function.${target}`)!) : {};
      // A route key that is an expression (`var.route_key`, a module input) is shown as written, its method unknown;
      // a quoted key without a method is a WebSocket route (`$connect`), except an HTTP API's `$default`.
      const written = /^"(?:[^"$]|\$(?!\{))*"$/.test(block.attributes.get('route_key')?.raw ?? '') || key === '$default';
      out.routes.push({
        tool: 'terraform',
        method: m ? m[1].toUpperCase() : key === '$default' ? 'ANY' : written ? 'WS' : '?',
        path: m ? m[2] : key,
        ...(target ? { target } : {}),
        ...fnCode,
        ...authorizerOf(block.attributes.get('authorization_type')?.raw, block.attributes.get('authorizer_id')?.raw),
        file,
        line: block.line,
      });
    } else if (type === 'aws_api_gateway_method') {
      const resourcePath = restPath(block.attributes.get('resource_id')?.raw, resources);
      const method = hclValue(block.attributes.get('http_method')) ?? 'ANY';
      const integration = [...resources.values()].find(
        (r) => r.block.labels[0] === 'aws_api_gateway_integration' && r.block.attributes.get('resource_id')?.raw === block.attributes.get('resource_id')?.raw && (r.block.attributes.get('http_method')?.raw ?? '').includes(name),
      ) ?? [...resources.values()].find(
        (r) => r.block.labels[0] === 'aws_api_gateway_integration' && r.block.attributes.get('resource_id')?.raw === block.attributes.get('resource_id')?.raw && hclValue(r.block.attributes.get('http_method')) === method,
      );
      const target = integration ? lambdaBehind(integration.block.attributes.get('uri')?.raw, resources) : undefined;
      const fnCode = target ? functionCode(resources.get(`aws_lambda_function.${target}`)!) : {};
      if (resourcePath) {
        out.routes.push({ tool: 'terraform', method: method === '*' ? 'ANY' : method, path: resourcePath, ...(target ? { target } : {}), ...fnCode, file, line: block.line });
      }
    }
    if (type !== 'aws_lambda_function' && type !== 'aws_dynamodb_table') {
      out.resources.push({ tool: 'terraform', type, name, file, line: block.line });
    }
  }
  const triggers = terraformTriggers(blocks, resources, functionNames(blocks));
  for (let i = firstFunction; i < out.functions.length; i++) {
    const t = triggers.get(labels[i - firstFunction] ?? out.functions[i].name);
    if (t?.length) out.functions[i] = { ...out.functions[i], triggers: t };
  }
}

/** The `archive_file` a function is built from: named in its attributes, or behind the S3 object it deploys. */
function archiveOf(raw: string, resources: ReadonlyMap<string, Located>, depth = 0): Located | undefined {
  const archive = /data\.archive_file\.([\w-]+)/.exec(raw)?.[1];
  if (archive) return resources.get(`data.archive_file.${archive}`);
  const object = /(aws_s3_object|aws_s3_bucket_object)\.([\w-]+)/.exec(raw);
  const block = object && depth < 2 ? resources.get(`${object[1]}.${object[2]}`) : undefined;
  return block ? archiveOf(block.block.attributes.get('source')?.raw ?? '', resources, depth + 1) : undefined;
}

/** `source_path` may name the handler file itself (`src/app.py`) or its folder. */
function sourceDir(p: string | undefined): string | undefined {
  return p && /\.[a-z]+$/.test(p) ? path.posix.dirname(p) : p;
}

interface FunctionCode {
  readonly handlerFile?: string;
  readonly builtBy?: InfraBuiltBy;
  readonly codeSource?: InfraCodeSource;
}

/** A literal `authorization_type` other than NONE, with the authorizer resource it names. */
function authorizerOf(type: string | undefined, id: string | undefined): { authorizer?: string } {
  const t = type && /^"[\w]+"$/.test(type) ? type.slice(1, -1) : undefined;
  if (!t || t === 'NONE') return {};
  const named = /aws_apigatewayv2_authorizer\.([\w-]+)/.exec(id ?? '')?.[1];
  return { authorizer: named ? `${t} (${named})` : t };
}

/**
 * The function's environment: `environment { variables = … }`, the same inside `dynamic "environment" { content
 * { … } }`, or a module's `environment_variables` argument; a module input's keys are read where the module is called.
 */
function addFunction(l: Located, name: string, code: FunctionCode, out: InfraFindings, callers: readonly Located[], locals: ReadonlyMap<string, HclAttribute>): void {
  const env = l.block.blocks.find((b) => b.type === 'environment');
  const dynamic = l.block.blocks.find((b) => b.type === 'dynamic' && b.labels[0] === 'environment')?.blocks.find((b) => b.type === 'content');
  const attr = env?.attributes.get('variables') ?? dynamic?.attributes.get('variables') ?? l.block.attributes.get('environment_variables');
  const forEachVar = forEachInput(l.block.attributes.get('for_each')?.raw, locals);
  const sites = environmentSites(attr?.raw, attr?.line ?? l.block.line, l.file, forEachVar, callers);
  const handler = hclValue(l.block.attributes.get('handler'));
  const runtime = hclValue(l.block.attributes.get('runtime'));
  out.functions.push({
    tool: 'terraform',
    name,
    ...(handler ? { handler } : {}),
    ...code,
    ...(runtime ? { runtime } : {}),
    environment: [...new Set(sites.map((s) => s.name))].sort(),
    ...(sites.length > 0 ? { environmentAt: sites } : {}),
    file: l.file,
    line: l.block.line,
  });
}

/** One entry's function: its key, the handler and runtime the entry gives, its environment, cited at the key. */
function entryFunction(l: Located, entry: ForEachEntry, file: string | undefined): InfraFunctionData {
  const handler = entryValue(l.block.attributes.get('handler')?.raw, entry)?.value;
  const runtime = entryValue(l.block.attributes.get('runtime')?.raw, entry)?.value;
  const env = l.block.blocks.find((b) => b.type === 'environment');
  const dynamic = l.block.blocks.find((b) => b.type === 'dynamic' && b.labels[0] === 'environment')?.blocks.find((b) => b.type === 'content');
  const attr = env?.attributes.get('variables') ?? dynamic?.attributes.get('variables');
  const field = attr && /^(?:var|each\.value)\.(\w+)$/.exec(attr.raw)?.[1];
  const given = field ? entry.fields.get(field) : undefined;
  const sites = [
    ...literalObjectKeys(attr?.raw, attr?.line ?? 0).map((k) => ({ name: k.raw, file: l.file, line: k.line })),
    ...(given ? literalObjectKeys(given.raw, given.line).map((k) => ({ name: k.raw, file: entry.fieldsFile ?? entry.file, line: k.line })) : []),
  ];
  return {
    tool: 'terraform',
    name: entry.key,
    ...(handler ? { handler } : {}),
    ...(file ? { handlerFile: file } : {}),
    ...(runtime ? { runtime } : {}),
    environment: [...new Set(sites.map((s) => s.name))].sort(),
    ...(sites.length > 0 ? { environmentAt: sites } : {}),
    file: entry.file,
    line: entry.line,
  };
}

/** `aws_lambda_function.api.invoke_arn`, directly or through an `aws_apigatewayv2_integration`. */
function lambdaBehind(raw: string | undefined, resources: ReadonlyMap<string, Located>, depth = 0): string | undefined {
  if (!raw || depth > 3) return undefined;
  const direct = /aws_lambda_function\.([\w-]+)/.exec(raw)?.[1];
  if (direct) return resources.has(`aws_lambda_function.${direct}`) ? direct : undefined;
  const integration = /aws_apigatewayv2_integration\.([\w-]+)/.exec(raw)?.[1];
  const block = integration ? resources.get(`aws_apigatewayv2_integration.${integration}`) : undefined;
  return block ? lambdaBehind(block.block.attributes.get('integration_uri')?.raw, resources, depth + 1) : undefined;
}

/** A REST API resource's full path, following `parent_id` up to the API's root. */
function restPath(resourceId: string | undefined, resources: ReadonlyMap<string, Located>, depth = 0): string | undefined {
  if (!resourceId || depth > 20) return undefined;
  if (/root_resource_id/.test(resourceId)) return '/';
  const name = /aws_api_gateway_resource\.([\w-]+)/.exec(resourceId)?.[1];
  const block = name ? resources.get(`aws_api_gateway_resource.${name}`) : undefined;
  if (!block) return undefined;
  const parent = restPath(block.block.attributes.get('parent_id')?.raw, resources, depth + 1);
  const part = hclValue(block.block.attributes.get('path_part')) ?? '?';
  return parent === undefined ? undefined : `${parent === '/' ? '' : parent}/${part}`;
}

function table({ block, file }: Located): InfraFindings['tables'][number] {
  const types = new Map<string, string>();
  for (const a of block.blocks.filter((b) => b.type === 'attribute')) {
    const n = hclValue(a.attributes.get('name'));
    const t = hclValue(a.attributes.get('type'));
    if (n && t) types.set(n, t);
  }
  const key = (raw: string | undefined) => (raw ? (types.has(raw) ? `${raw} (${types.get(raw)})` : raw) : undefined);
  const indexes: InfraTableIndex[] = block.blocks
    .filter((b) => b.type === 'global_secondary_index' || b.type === 'local_secondary_index')
    .map((b) => {
      const hashKey = key(hclValue(b.attributes.get('hash_key')));
      const rangeKey = key(hclValue(b.attributes.get('range_key')));
      const projection = hclValue(b.attributes.get('projection_type'));
      return {
        name: hclValue(b.attributes.get('name')) ?? '?',
        kind: b.type === 'global_secondary_index' ? ('GSI' as const) : ('LSI' as const),
        ...(hashKey ? { hashKey } : {}),
        ...(rangeKey ? { rangeKey } : {}),
        ...(projection ? { projection } : {}),
      };
    });
  const hashKey = key(hclValue(block.attributes.get('hash_key')));
  const rangeKey = key(hclValue(block.attributes.get('range_key')));
  const physicalName = hclValue(block.attributes.get('name'));
  const billingMode = hclValue(block.attributes.get('billing_mode'));
  const stream = hclValue(block.attributes.get('stream_view_type'));
  const ttl = hclValue(block.blocks.find((b) => b.type === 'ttl')?.attributes.get('attribute_name'));
  return {
    tool: 'terraform',
    name: block.labels[1],
    ...(physicalName ? { physicalName } : {}),
    ...(hashKey ? { hashKey } : {}),
    ...(rangeKey ? { rangeKey } : {}),
    indexes,
    ...(billingMode ? { billingMode } : {}),
    ...(stream ? { stream } : {}),
    ...(ttl ? { ttl } : {}),
    file,
    line: block.line,
  };
}
