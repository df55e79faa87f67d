/** `cdk.graphqlApi` and `cdk.graphqlResolver` facts: AppSync APIs, their schema, data sources and resolvers (L2 and L1). */
import type { EmitContext } from './emit-context.js';
import { located } from './entry.js';
import type { CdkLambdaFact } from './facts.js';
import type { CdkCodeRef, CdkGraphqlApiData, CdkGraphqlApiFact, CdkGraphqlDataSource, CdkGraphqlFunction, CdkGraphqlResolverData, CdkGraphqlResolverFact, CdkGraphqlSchema } from './facts-appsync.js';
import type { Rec } from './records.js';
import { citationOf, memberName, prop, stringOf, textOf, type Value } from './values.js';

const CLASS_KINDS: Record<string, CdkGraphqlDataSource['kind']> = {
  LambdaDataSource: 'lambda',
  DynamoDbDataSource: 'dynamodb',
  HttpDataSource: 'http',
  NoneDataSource: 'none',
  OpenSearchDataSource: 'opensearch',
  ElasticsearchDataSource: 'opensearch',
  RdsDataSource: 'rds',
  EventBridgeDataSource: 'eventbridge',
};

/** L1 `type` values. */
const CFN_KINDS: Record<string, CdkGraphqlDataSource['kind']> = {
  AWS_LAMBDA: 'lambda',
  AMAZON_DYNAMODB: 'dynamodb',
  HTTP: 'http',
  NONE: 'none',
  AMAZON_OPENSEARCH_SERVICE: 'opensearch',
  AMAZON_ELASTICSEARCH: 'opensearch',
  RELATIONAL_DATABASE: 'rds',
  AMAZON_EVENTBRIDGE: 'eventbridge',
};

export function graphqlFacts(ctx: EmitContext, lambdas: readonly CdkLambdaFact[]): (CdkGraphqlApiFact | CdkGraphqlResolverFact)[] {
  const recs = ctx.model.recs;
  const apis = recs.filter((r) => r.category === 'graphqlApi');
  if (apis.length === 0 && !recs.some((r) => r.category === 'graphqlResolver')) return [];
  const entries = new Map(lambdas.map((l) => [l.id, l.data.entry]));
  const sources = new Map<Rec, CdkGraphqlDataSource>();
  for (const rec of recs) if (rec.category === 'graphqlDataSource') sources.set(rec, dataSourceOf(ctx, rec, entries));
  const out: (CdkGraphqlApiFact | CdkGraphqlResolverFact)[] = [];
  for (const api of apis) out.push(apiFact(ctx, api, [...sources].filter(([ds]) => apiOf(ctx, ds) === api).map(([, d]) => d)));
  const resolvers = new Map<string, CdkGraphqlResolverFact>();
  for (const rec of recs) {
    if (rec.category !== 'graphqlResolver') continue;
    const fact = resolverFact(ctx, rec, sources, apis.length > 1);
    if (!resolvers.has(fact.id)) resolvers.set(fact.id, fact);
  }
  return [...out, ...resolvers.values()];
}

function apiFact(ctx: EmitContext, rec: Rec, dataSources: CdkGraphqlDataSource[]): CdkGraphqlApiFact {
  const props = rec.props;
  const kind = rec.cdkClass ?? rec.className;
  const name = prop(props, 'name');
  const data: CdkGraphqlApiData = {
    ...ctx.base(rec),
    kind,
    ...(name ? { name: { text: stringOf(name) ?? textOf(name), resolved: stringOf(name) !== undefined } } : {}),
    ...(schemaOf(ctx, rec) ? { schema: schemaOf(ctx, rec) } : {}),
    authModes: authModes(kind, props, rec.imported === true),
    dataSources: dataSources.sort((a, b) => a.at.file.localeCompare(b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0)),
    ...(rec.imported ? { imported: true } : {}),
  };
  return { kind: 'cdk.graphqlApi', id: ctx.id(rec), data, at: ctx.at(rec) };
}

function authModes(kind: string, props: Value | undefined, imported: boolean): string[] {
  const mode = (v: Value | undefined) => (v ? (memberName(v) ?? textOf(v)) : undefined);
  if (kind === 'CfnGraphQLApi') {
    const extra = prop(props, 'additionalAuthenticationProviders');
    return [mode(prop(props, 'authenticationType')), ...(extra?.k === 'arr' ? extra.items.map((p) => mode(prop(p, 'authenticationType'))) : [])].filter((m): m is string => m !== undefined);
  }
  const config = prop(props, 'authorizationConfig');
  if (!config && !imported) return ['API_KEY (default)'];
  const extra = prop(config, 'additionalAuthorizationModes');
  const first = mode(prop(prop(config, 'defaultAuthorization'), 'authorizationType'));
  return [first, ...(extra?.k === 'arr' ? extra.items.map((p) => mode(prop(p, 'authorizationType'))) : [])].filter((m): m is string => m !== undefined);
}

function schemaOf(ctx: EmitContext, rec: Rec): CdkGraphqlSchema | undefined {
  if (rec.imported) return undefined;
  const at = citationOf(rec.node);
  if ((rec.cdkClass ?? rec.className) === 'CfnGraphQLApi') {
    const l1 = ctx.model.recs.find((s) => s.category === 'graphqlSchema' && ctx.recOf(prop(s.props, 'apiId')) === rec);
    if (!l1) return undefined;
    const ref = codeRef(ctx, prop(l1.props, 'definition') ?? prop(l1.props, 'definitionS3Location'));
    return { kind: ref?.file ? 'file' : ref?.source === 'inline' ? 'inline' : 'unknown', ...(ref ? { ref } : {}), at: citationOf(l1.node) };
  }
  let value = prop(rec.props, 'definition') ?? prop(rec.props, 'schema');
  // `Definition.fromSchema(SchemaFile.fromAsset(...))`
  if (value?.k === 'ext' && /fromSchema$/.test(value.path.join('.'))) value = value.args?.[0];
  // `definition: { schema: SchemaFile.fromAsset(...) }`: an IDefinition written as an object.
  if (value?.k === 'obj') value = prop(value, 'schema') ?? (prop(value, 'sourceApiOptions') ? { k: 'ext', module: '', path: ['fromSourceApis'], args: [] } : value);
  if (!value || value.k === 'undef') return { kind: 'code-first', at };
  if (value.k === 'ext' && /fromSourceApis$/.test(value.path.join('.'))) return { kind: 'merged', at };
  if (value.k === 'ext' && value.isNew) {
    const file = prop(value.args?.[0], 'filePath');
    return file ? { kind: 'file', ref: fileRef(ctx, file), at } : { kind: 'code-first', at };
  }
  const ref = codeRef(ctx, value);
  return { kind: ref?.file ? 'file' : ref?.source === 'asset' ? 'file' : 'unknown', ...(ref ? { ref } : {}), at };
}

function apiOf(ctx: EmitContext, rec: Rec): Rec | undefined {
  return ctx.recOf(prop(rec.props, 'api'), 'graphqlApi') ?? ctx.recOf(prop(rec.props, 'apiId'), 'graphqlApi');
}

function dataSourceOf(ctx: EmitContext, rec: Rec, entries: Map<string, string | undefined>): CdkGraphqlDataSource {
  const props = rec.props;
  const kind = rec.cdkClass ?? rec.className;
  const cfnType = kind === 'CfnDataSource' ? prop(props, 'type') : undefined;
  const typeText = cfnType ? (stringOf(cfnType) ?? textOf(cfnType)) : kind;
  const dsKind = (cfnType ? CFN_KINDS[typeText] : CLASS_KINDS[kind]) ?? 'other';
  const base = { name: rec.idText.text, kind: dsKind, ...(dsKind === 'other' ? { type: typeText } : {}), at: ctx.at(rec)[0] };
  const target = (value: Value | undefined) => (value && value.k !== 'undef' ? { target: stringOf(value) ?? textOf(value) } : {});
  switch (dsKind) {
    case 'lambda': {
      const value = prop(props, 'lambdaFunction') ?? prop(prop(props, 'lambdaConfig'), 'lambdaFunctionArn');
      const fn = ctx.lambdaOf(value);
      if (!fn) return { ...base, ...target(value) };
      const id = ctx.id(fn);
      return { ...base, lambda: id, ...(entries.get(id) ? { entry: entries.get(id) } : {}) };
    }
    case 'dynamodb': {
      const value = prop(props, 'table') ?? prop(prop(props, 'dynamoDbConfig'), 'tableName');
      const table = ctx.recOf(value, 'table');
      return table ? { ...base, table: ctx.id(table) } : { ...base, ...target(value) };
    }
    case 'http':
      return { ...base, ...target(prop(props, 'endpoint') ?? prop(prop(props, 'httpConfig'), 'endpoint')) };
    case 'eventbridge':
      return { ...base, ...target(prop(props, 'eventBus') ?? prop(prop(props, 'eventBridgeConfig'), 'eventBusArn')) };
    default:
      return base;
  }
}

/** `dataSource: ds`, or L1 `dataSourceName: ds.attrName` / `'LiteralName'`. */
function dataSourceRec(ctx: EmitContext, props: Value | undefined, api: Rec | undefined): Rec | undefined {
  const direct = ctx.recOf(prop(props, 'dataSource'), 'graphqlDataSource');
  if (direct) return direct;
  const byName = prop(props, 'dataSourceName');
  const ref = ctx.recOf(byName, 'graphqlDataSource');
  if (ref) return ref;
  const name = stringOf(byName);
  if (name === undefined) return undefined;
  return ctx.model.recs.find((r) => r.category === 'graphqlDataSource' && (stringOf(prop(r.props, 'name')) === name || r.idText.text === name) && (!api || apiOf(ctx, r) === api));
}

function resolverFact(ctx: EmitContext, rec: Rec, sources: Map<Rec, CdkGraphqlDataSource>, prefix: boolean): CdkGraphqlResolverFact {
  const props = rec.props;
  let api = apiOf(ctx, rec);
  const dsRec = dataSourceRec(ctx, props, api);
  api ??= dsRec ? apiOf(ctx, dsRec) : undefined;
  const typeValue = prop(props, 'typeName');
  const fieldValue = prop(props, 'fieldName');
  const part = (v: Value | undefined) => stringOf(v) ?? `\${${textOf(v) || '?'}}`;
  const functions = pipelineOf(ctx, props).map((fn) => functionOf(ctx, fn, sources));
  const cfnKind = stringOf(prop(props, 'kind')) ?? memberName(prop(props, 'kind'));
  const runtime = prop(props, 'runtime');
  const runtimeText = runtime?.k === 'obj' ? stringOf(prop(runtime, 'name')) : runtime && runtime.k !== 'undef' ? (memberName(runtime) ?? textOf(runtime)) : undefined;
  const code = resolverCode(ctx, props);
  const response = codeRef(ctx, prop(props, 'responseMappingTemplate') ?? prop(props, 'responseMappingTemplateS3Location'));
  const row = rec.extras.get('row')?.[0]?.node;
  const at = ctx.citeThrough(rec.node, rec.frame, 'graphqlResolver', fieldValue?.n ?? rec.idNode);
  if (row) {
    const c = citationOf(row);
    if (!at.some((a) => a.file === c.file && a.line === c.line)) at.push(c);
  }
  const via = ctx.via(rec.frame, typeValue?.n) ?? ctx.via(rec.frame, fieldValue?.n);
  const data: CdkGraphqlResolverData = {
    ...(api ? { api: ctx.id(api) } : {}),
    typeName: part(typeValue),
    fieldName: part(fieldValue),
    fieldResolved: stringOf(typeValue) !== undefined && stringOf(fieldValue) !== undefined,
    kind: functions.length > 0 || cfnKind === 'PIPELINE' ? 'pipeline' : 'unit',
    ...(dsRec && sources.get(dsRec) ? { dataSource: sources.get(dsRec) } : {}),
    functions,
    ...(code ? { code } : {}),
    ...(response && response.source !== 'builtin' ? { responseTemplate: response } : {}),
    ...(runtimeText ? { runtime: runtimeText } : {}),
    ...(rec.conditions.length > 0 ? { conditions: [...rec.conditions] } : {}),
    ...(rec.loop ? { inLoop: citationOf(rec.loop) } : {}),
    source: prop(props, 'codeFirst') ? 'code-first' : row ? 'table' : 'call',
    ...(via && !(via.file === at[0].file && via.line === at[0].line) ? { via } : {}),
  };
  const id = `${prefix && api ? `${ctx.id(api)} ` : ''}${data.typeName}.${data.fieldName}`;
  return { kind: 'cdk.graphqlResolver', id, data, at };
}

function pipelineOf(ctx: EmitContext, props: Value | undefined): Rec[] {
  const list = prop(props, 'pipelineConfig');
  const items = list?.k === 'arr' ? list.items : prop(list, 'functions')?.k === 'arr' ? (prop(list, 'functions') as { items: Value[] }).items : [];
  return items.map((v) => ctx.recOf(v, 'graphqlFunction')).filter((r): r is Rec => r !== undefined);
}

function functionOf(ctx: EmitContext, rec: Rec, sources: Map<Rec, CdkGraphqlDataSource>): CdkGraphqlFunction {
  const ds = dataSourceRec(ctx, rec.props, apiOf(ctx, rec));
  const code = resolverCode(ctx, rec.props);
  return {
    name: stringOf(prop(rec.props, 'name')) ?? rec.idText.text,
    ...(ds && sources.get(ds) ? { dataSource: sources.get(ds) } : {}),
    ...(code ? { code } : {}),
    at: citationOf(rec.node),
  };
}

function resolverCode(ctx: EmitContext, props: Value | undefined): CdkCodeRef | undefined {
  for (const key of ['code', 'codeS3Location', 'requestMappingTemplate', 'requestMappingTemplateS3Location']) {
    const ref = codeRef(ctx, prop(props, key));
    if (ref) return ref;
  }
  return undefined;
}

const READ_FILE = /readFileSync\(\s*['"`]([^'"`$]+)['"`]/;

/** Code, a mapping template or a schema as the CDK code gives it: an asset file, a file read at synth time, inline text. */
function codeRef(ctx: EmitContext, value: Value | undefined): CdkCodeRef | undefined {
  if (!value || value.k === 'undef') return undefined;
  if (value.k === 'ext' && value.args) {
    const name = value.path.join('.');
    if (/(fromAsset|fromFile|AssetCode|readFileSync)$/.test(name)) return fileRef(ctx, value.args[0]);
    if (/(fromInline|InlineCode|fromString)$/.test(name)) return { source: 'inline' };
    if (/MappingTemplate\./.test(name)) return { asWritten: `${name}(…)`, source: 'builtin' };
  }
  if (value.k === 'attr' && value.of.className === 'Asset') return fileRef(ctx, prop(value.of.props, 'path'));
  if (value.k === 'str') return { source: 'inline' };
  const m = READ_FILE.exec(textOf(value));
  if (m && value.n) return fileRef(ctx, { k: 'str', v: m[1], n: value.n });
  return { asWritten: textOf(value), source: 'unknown' };
}

/** A path the CDK reads at synth time: relative paths resolve in the app folder (where `cdk` runs). */
function fileRef(ctx: EmitContext, value: Value | undefined): CdkCodeRef {
  const definingFile = value?.n?.getSourceFile().fileName ?? '';
  const p = value ? located(ctx, value, definingFile) : undefined;
  if (p !== undefined && p !== '' && (ctx.index.has(p) || ctx.index.hasDir(p))) return { file: p, source: 'asset' };
  // A resolver compiled from TypeScript: `resolvers/getOne.js` is built from `resolvers/getOne.ts`.
  const source = p?.replace(/\.js$/, '.ts');
  if (source && source !== p && ctx.index.has(source)) return { file: source, asWritten: textOf(value), source: 'asset', fromSource: true };
  return { asWritten: textOf(value), source: 'asset' };
}
