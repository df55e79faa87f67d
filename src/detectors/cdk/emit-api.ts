/** `cdk.api`, `cdk.authorizer` and `cdk.route` facts: API Gateway REST, HTTP and WebSocket APIs and what fronts them. */
import type { Citation } from '../../facts.js';
import type { EmitContext } from './emit-context.js';
import type { CdkApiData, CdkApiFact, CdkAuthorizerData, CdkAuthorizerFact, CdkLambdaFact, CdkRouteData, CdkRouteFact } from './facts.js';
import type { Rec, RouteRec } from './records.js';
import { citationOf, durationText, memberName, prop, propTexts, stringOf, textOf, truthy, type Value } from './values.js';

export function apiFacts(ctx: EmitContext): CdkApiFact[] {
  const out: CdkApiFact[] = [];
  const recs = ctx.model.recs;
  for (const rec of recs) {
    if (rec.category !== 'api') continue;
    const props = rec.props;
    const kind = rec.cdkClass ?? rec.className;
    const protocol = stringOf(prop(props, 'protocolType'));
    const flavour = kind === 'HttpApi' || protocol === 'HTTP' ? 'http' : kind === 'WebSocketApi' || protocol === 'WEBSOCKET' ? 'websocket' : 'rest';
    const deploy = prop(props, 'deployOptions');
    const stages = new Set<string>();
    const stageName = prop(deploy, 'stageName');
    if (stageName) stages.add(stringOf(stageName) ?? textOf(stageName));
    for (const e of rec.extras.get('stage') ?? []) stages.add(stringOf(prop(e.values[1], 'stageName')) ?? textOf(e.values[0]));
    for (const s of recs) {
      if (s.category !== 'apiStage') continue;
      const owner = ctx.recOf(prop(s.props, 'restApi') ?? prop(s.props, 'httpApi') ?? prop(s.props, 'webSocketApi'));
      const deployment = ctx.recOf(prop(s.props, 'deployment'));
      if (owner === rec || ctx.recOf(prop(deployment?.props, 'api')) === rec) {
        const name = prop(s.props, 'stageName');
        stages.add(name ? (stringOf(name) ?? textOf(name)) : s.idText.text);
      }
    }
    // The stage an L2 API creates itself: a RestApi's `prod` (unless `deploy: false` or a `deployOptions.stageName`),
    // an HttpApi's auto-deployed `$default` (unless `createDefaultStage: false`). L1 and WebSocket APIs create none.
    const off = (key: string) => { const v = prop(props, key); return v?.k === 'bool' && !v.v; };
    const defaultStage = /^Cfn/.test(kind)
      ? undefined
      : flavour === 'http'
        ? (off('createDefaultStage') ? undefined : '$default')
        : flavour === 'rest' && !off('deploy') && !stageName
          ? 'prod'
          : undefined;
    const cors = prop(props, flavour === 'rest' ? 'defaultCorsPreflightOptions' : 'corsPreflight');
    const domains: CdkApiData['domains'][number][] = [];
    const domainProp = prop(props, 'domainName');
    if (domainProp?.k === 'obj') domains.push(domainOf(domainProp, citationOf(rec.node)));
    for (const e of rec.extras.get('domain') ?? []) domains.push(domainOf(e.values[1], citationOf(e.node)));
    const mapping = prop(prop(props, 'defaultDomainMapping'), 'domainName');
    for (const d of recs) {
      if (d.category !== 'apiDomain') continue;
      if (ctx.recOf(prop(d.props, 'mapping')) === rec || ctx.recOf(mapping) === d) domains.push(domainOf(d.props, citationOf(d.node)));
    }
    const defaults = prop(props, 'defaultMethodOptions');
    const defaultAuth = prop(defaults, 'authorizer') ?? prop(props, 'defaultAuthorizer');
    const usagePlans = [
      ...(rec.extras.get('usagePlan') ?? []).map((e) => ({ name: stringOf(e.values[0]) ?? textOf(e.values[0]), props: texts(e.values[1]), at: citationOf(e.node) })),
      ...recs
        .filter((u) => u.category === 'usagePlan' && usesApi(ctx, u, rec))
        .map((u) => ({ name: u.idText.text, props: texts(u.props), at: citationOf(u.node) })),
    ];
    const rate = prop(deploy, 'throttlingRateLimit');
    const burst = prop(deploy, 'throttlingBurstLimit');
    const name = prop(props, flavour === 'rest' ? 'restApiName' : 'apiName') ?? (kind === 'CfnApi' ? prop(props, 'name') : undefined);
    const handler = ctx.lambdaOf(prop(props, 'handler'));
    const data: CdkApiData = {
      ...ctx.base(rec),
      kind,
      flavour,
      ...(name ? { name: { text: stringOf(name) ?? textOf(name), resolved: stringOf(name) !== undefined } } : {}),
      stages: [...stages].sort(),
      ...(defaultStage ? { defaultStage } : {}),
      ...(cors ? { cors: clean({ origins: t(prop(cors, 'allowOrigins')), methods: t(prop(cors, 'allowMethods')), headers: t(prop(cors, 'allowHeaders')), credentials: t(prop(cors, 'allowCredentials')) }) } : {}),
      ...(rate || burst ? { throttling: clean({ rateLimit: t(rate), burstLimit: t(burst) }) } : {}),
      domains,
      ...(defaultAuth ? { defaultAuthorizer: ctx.ref(defaultAuth, 'authorizer').text } : {}),
      ...(handler ? { handler: ctx.id(handler) } : {}),
      usagePlans,
      ...(prop(defaults, 'apiKeyRequired') ? { apiKeyRequired: truthy(prop(defaults, 'apiKeyRequired')!) === true } : {}),
    };
    out.push({ kind: 'cdk.api', id: ctx.id(rec), data, at: ctx.at(rec) });
  }
  return out;
}

function usesApi(ctx: EmitContext, plan: Rec, api: Rec): boolean {
  const stages = prop(plan.props, 'apiStages');
  return stages?.k === 'arr' && stages.items.some((s) => ctx.recOf(prop(s, 'api')) === api);
}

function domainOf(value: Value | undefined, at: Citation): CdkApiData['domains'][number] {
  const name = prop(value, 'domainName');
  const cert = prop(value, 'certificate');
  return { domainName: stringOf(name) ?? textOf(name), ...(cert ? { certificate: textOf(cert) } : {}), at };
}

function t(value: Value | undefined): string | undefined {
  return value && value.k !== 'undef' ? textOf(value) : undefined;
}

function clean<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function texts(value: Value | undefined): Record<string, string> {
  return propTexts(value);
}

const AUTH_TYPES: Record<string, CdkAuthorizerData['type']> = {
  CognitoUserPoolsAuthorizer: 'cognito',
  HttpUserPoolAuthorizer: 'cognito',
  TokenAuthorizer: 'lambda-token',
  RequestAuthorizer: 'lambda-request',
  HttpLambdaAuthorizer: 'lambda-request',
  WebSocketLambdaAuthorizer: 'lambda-request',
  HttpJwtAuthorizer: 'jwt',
  HttpIamAuthorizer: 'iam',
};

export function authorizerFacts(ctx: EmitContext): CdkAuthorizerFact[] {
  const out: CdkAuthorizerFact[] = [];
  for (const rec of ctx.model.recs) {
    if (rec.category !== 'authorizer') continue;
    const kind = rec.cdkClass ?? rec.className;
    const type = kind === 'CfnAuthorizer' ? cfnType(prop(rec.props, 'type')) : (AUTH_TYPES[kind] ?? 'lambda-request');
    const target = rec.extras.get('target')?.[0]?.values[0];
    const pools = prop(rec.props, 'cognitoUserPools') ?? prop(rec.props, 'providerArns');
    const userPools = pools?.k === 'arr' ? pools.items.map((p) => ctx.ref(p, 'userPool').text) : type === 'cognito' && target ? [ctx.ref(target, 'userPool').text] : [];
    const fn = type.startsWith('lambda') ? (prop(rec.props, 'handler') ?? target) : undefined;
    const identity = prop(rec.props, 'identitySource') ?? prop(rec.props, 'identitySources');
    const ttl = cacheTtl(rec.props);
    const name = stringOf(prop(rec.props, 'authorizerName') ?? prop(rec.props, 'name'));
    const data: CdkAuthorizerData = {
      ...ctx.base(rec),
      kind,
      type,
      ...(name ? { name } : {}),
      userPools,
      ...(fn ? { lambda: ctx.ref(fn, 'lambda').text } : {}),
      ...(identity ? { identitySource: textOf(identity) } : {}),
      ...(ttl ? { resultsCacheTtl: ttl } : {}),
    };
    out.push({ kind: 'cdk.authorizer', id: ctx.id(rec), data, at: ctx.at(rec) });
  }
  return out;
}

/** `new MockIntegration({...})` → `MockIntegration(…)`: the kind of integration reads better than its options. */
function integrationText(value: Value): string {
  if (value.k === 'ext' && value.args) return `${value.path.join('.')}(${value.args.length > 0 ? '…' : ''})`;
  if (value.k === 'rec') return `${value.rec.className} ${value.rec.idText.text}`;
  return textOf(value);
}

/** L2 `resultsCacheTtl: Duration.minutes(5)`, or the CloudFormation `authorizerResultTtlInSeconds: 300` of a `CfnAuthorizer`. */
function cacheTtl(props: Value | undefined): string | undefined {
  const l2 = durationText(prop(props, 'resultsCacheTtl'));
  if (l2) return l2;
  const seconds = prop(props, 'authorizerResultTtlInSeconds');
  if (!seconds || seconds.k === 'undef') return undefined;
  return seconds.k === 'num' ? `${seconds.v} s` : textOf(seconds);
}

/** `CfnAuthorizer` `type`: `COGNITO_USER_POOLS` (or `AuthorizationType.COGNITO`), `TOKEN`, `REQUEST`. */
function cfnType(value: Value | undefined): CdkAuthorizerData['type'] {
  const t = (memberName(value) ?? textOf(value)).toUpperCase();
  if (t.includes('COGNITO')) return 'cognito';
  if (t.includes('TOKEN')) return 'lambda-token';
  return 'lambda-request';
}

export function routeFacts(ctx: EmitContext, lambdas: readonly CdkLambdaFact[]): CdkRouteFact[] {
  const entries = new Map(lambdas.map((l) => [l.id, l.data.entry]));
  const apis = new Set(ctx.model.routes.map((r) => r.api));
  const out = new Map<string, CdkRouteFact>();
  for (const route of ctx.model.routes) {
    const api = route.api ? ctx.id(route.api) : undefined;
    const fn = ctx.lambdaOf(route.integration);
    const lambda = fn ? ctx.id(fn) : undefined;
    const auth = authorizerOf(ctx, route);
    const apiKey = prop(route.options, 'apiKeyRequired');
    const addedBy = route.importedBy?.stack ? ctx.stackName(route.importedBy.stack) : undefined;
    let data: CdkRouteData = {
      method: route.method,
      path: route.path,
      pathResolved: route.pathResolved,
      ...(api ? { api } : {}),
      ...(lambda ? { lambda } : {}),
      ...(lambda && entries.get(lambda) ? { entry: entries.get(lambda) } : {}),
      ...(!lambda && route.integration ? { integration: integrationText(route.integration) } : {}),
      ...auth,
      ...(apiKey ? { apiKeyRequired: truthy(apiKey) === true } : {}),
      ...(route.conditions.length > 0 ? { conditions: [...route.conditions] } : {}),
      source: route.source,
      ...(addedBy && addedBy !== ctx.stackName(route.api) ? { addedBy } : {}),
    };
    const at = ctx.citeThrough(route.node, route.frame, 'route', route.methodNode);
    if (route.row) {
      const row = citationOf(route.row);
      if (!at.some((c) => c.file === row.file && c.line === row.line)) at.push(row);
    }
    const via = ctx.via(route.frame, route.pathNode);
    if (via && !(via.file === at[0].file && via.line === at[0].line)) data = { ...data, via };
    const id = `${apis.size > 1 && api ? `${api} ` : ''}${route.method} ${route.path}`;
    if (!out.has(id)) out.set(id, { kind: 'cdk.route', id, data, at });
  }
  return [...out.values()];
}

function authorizerOf(ctx: EmitContext, route: RouteRec): Pick<CdkRouteData, 'authorizer' | 'authorizationType'> {
  const chain = [route.options, ...route.inherited, prop(route.api?.props, 'defaultMethodOptions'), route.api?.props];
  for (const options of chain) {
    let authorizer = prop(options, options === route.api?.props ? 'defaultAuthorizer' : 'authorizer');
    // `{ authorizerId: cfnAuthorizer.ref }` points at an L1 authorizer.
    if (authorizer?.k === 'obj' && prop(authorizer, 'authorizerId')) authorizer = prop(authorizer, 'authorizerId');
    const type = prop(options, 'authorizationType');
    if (authorizer && authorizer.k !== 'undef') {
      const ref = ctx.ref(authorizer, 'authorizer');
      const none = authorizer.k === 'ext' && /None/.test(authorizer.path.join('.'));
      return { authorizer: none ? 'NONE' : ref.text, ...(type ? { authorizationType: memberName(type) ?? textOf(type) } : {}) };
    }
    if (type && type.k !== 'undef') return { authorizationType: memberName(type) ?? textOf(type) };
  }
  return {};
}
