import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type {
  CdkApiFact,
  CdkAppFact,
  CdkAuthorizerFact,
  CdkDistributionFact,
  CdkLambdaFact,
  CdkRouteFact,
  CdkStackFact,
  CdkTableFact,
  CdkUserPoolClientFact,
  CdkUserPoolFact,
} from '../src/detectors/cdk/index.js';
import type { Fact } from '../src/facts.js';
import { EXAMPLE, detect, indexOf } from './helpers/fixture.js';

function of<F extends Fact>(facts: readonly Fact[], kind: F['kind']): F[] {
  return facts.filter((f) => f.kind === kind) as F[];
}

function byId<F extends Fact>(facts: readonly Fact[], kind: F['kind'], id: string): F {
  const found = of<F>(facts, kind).find((f) => f.id === id);
  if (!found) throw new Error(`no ${kind} ${id}; have ${of(facts, kind).map((f) => f.id).join(', ')}`);
  return found;
}

/** method + path → handler entry, the triple the Backend section is judged on. */
function endpoints(facts: readonly Fact[]): string[] {
  return of<CdkRouteFact>(facts, 'cdk.route').map((r) => `${r.data.method} ${r.data.path} -> ${r.data.entry ?? r.data.integration ?? '?'}`).sort();
}

describe('cdk detector — examples/kv-store (wrapper construct, helper function, route table, feature flag, cross-stack props)', () => {
  it('finds the app from cdk.json, its context keys and what the app reads', async () => {
    const facts = await detect(cdkDetector, EXAMPLE);
    const [app] = of<CdkAppFact>(facts, 'cdk.app');
    expect(app.data).toMatchObject({ cdkJson: 'packages/infrastructure/cdk.json', dir: 'packages/infrastructure', entry: 'packages/infrastructure/bin/kv-store.ts', cdkVersion: 2 });
    expect(app.data.contextKeys).toContain('kv:enableUsageApi');
    expect(app.data.contextReads.map((r) => r.key)).toEqual(expect.arrayContaining(['stage', 'kv:domainName', 'kv:enableUsageApi']));
    expect(app.data.envReads.map((r) => r.name)).toEqual(expect.arrayContaining(['CDK_DEFAULT_ACCOUNT', 'PADDLE_API_KEY', 'STAGE']));
  });

  it('reads every stack with its id as instantiated and the stacks it depends on', async () => {
    const facts = await detect(cdkDetector, EXAMPLE);
    const stacks = Object.fromEntries(of<CdkStackFact>(facts, 'cdk.stack').map((s) => [s.id, s.data]));
    expect(Object.keys(stacks).sort()).toEqual(['ApiStack', 'AuthStack', 'DatabaseStack', 'FrontendStack', 'MonitoringStack']);
    expect(stacks.ApiStack.instances[0]).toMatchObject({ id: { text: '`KvApi-${stage}`', resolved: false }, variable: 'api', at: { file: 'packages/infrastructure/bin/kv-store.ts', line: 33 } });
    expect(stacks.ApiStack.dependsOn).toEqual(['AuthStack', 'DatabaseStack']);
    expect(stacks.FrontendStack.dependsOn).toEqual(['ApiStack']);
    expect(stacks.ApiStack.crossStackRefs).toContainEqual({ fromStack: 'DatabaseStack', prop: 'kvTable', expression: 'database.kvTable', at: { file: 'packages/infrastructure/bin/kv-store.ts', line: 36 } });
    expect(stacks.ApiStack.constructs).toEqual(['KvFunction']);
  });

  it('resolves every endpoint to its handler through the KvFunction wrapper, the addRoute helper and the route table', async () => {
    const facts = await detect(cdkDetector, EXAMPLE);
    expect(endpoints(facts)).toEqual([
      'DELETE /account/keys/{keyId} -> packages/api/src/handlers/keys/revoke.ts',
      'DELETE /v1/kv/{namespace}/{key} -> packages/api/src/handlers/kv/delete.ts',
      'GET /account/keys -> packages/api/src/handlers/keys/list.ts',
      'GET /account/me -> packages/api/src/handlers/account/me.ts',
      'GET /account/usage -> packages/api/src/handlers/usage/get.ts',
      'GET /v1/kv/{namespace} -> packages/api/src/handlers/kv/list.ts',
      'GET /v1/kv/{namespace}/{key} -> packages/api/src/handlers/kv/get.ts',
      'GET /v1/namespaces -> packages/api/src/handlers/namespaces/list.ts',
      'POST /account/keys -> packages/api/src/handlers/keys/create.ts',
      'POST /billing/paddle/webhook -> packages/api/src/handlers/billing/paddle-webhook.ts',
      'POST /v1/kv/{namespace}/batch -> packages/api/src/handlers/kv/batch.ts',
      'POST /v1/namespaces -> packages/api/src/handlers/namespaces/create.ts',
      'PUT /v1/kv/{namespace}/{key} -> packages/api/src/handlers/kv/put.ts',
    ]);
    const usage = byId<CdkRouteFact>(facts, 'cdk.route', 'GET /account/usage');
    expect(usage.data).toMatchObject({ authorizer: 'ApiStack/DashboardAuthorizer', conditions: ['props.enableUsageApi'] });
    // Wired through the addRoute helper: cited at the call, then inside the helper.
    expect(byId<CdkRouteFact>(facts, 'cdk.route', 'GET /v1/namespaces').at).toEqual([
      { file: 'packages/infrastructure/lib/stacks/api-stack.ts', line: 171 },
      { file: 'packages/infrastructure/lib/stacks/api-stack.ts', line: 39 },
    ]);
    // From the keyRoutes table: the row is cited after the addMethod call.
    const revoke = byId<CdkRouteFact>(facts, 'cdk.route', 'DELETE /account/keys/{keyId}');
    expect(revoke.data.source).toBe('table');
    expect(revoke.at[1]).toEqual({ file: 'packages/infrastructure/lib/stacks/api-stack.ts', line: 193 });
    expect(byId<CdkRouteFact>(facts, 'cdk.route', 'POST /billing/paddle/webhook').data.authorizer).toBeUndefined();
  });

  it('reads each Lambda made by the wrapper at its call site: entry, defaults, env vars, grants and triggers', async () => {
    const facts = await detect(cdkDetector, EXAMPLE);
    const lambdas = of<CdkLambdaFact>(facts, 'cdk.lambda');
    expect(lambdas).toHaveLength(16);
    expect(lambdas.every((l) => l.data.entryResolved)).toBe(true);
    const batch = byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ApiStack/KvBatchFn').data;
    expect(batch).toMatchObject({ kind: 'NodejsFunction', wrapper: 'KvFunction', entry: 'packages/api/src/handlers/kv/batch.ts', runtime: 'NODEJS_20_X', memoryMb: '256', timeout: '20 s', definedAt: { file: 'packages/infrastructure/lib/constructs/kv-function.ts', line: 39 } });
    // `{ ...tableEnv }` spread into the wrapper's `{ ...props.environment }`: cited where each variable is written.
    expect(batch.environment.find((e) => e.name === 'KV_TABLE_NAME')).toEqual({
      name: 'KV_TABLE_NAME', value: 'props.kvTable.tableName', literal: false, table: 'DatabaseStack/KVStore',
      at: { file: 'packages/infrastructure/lib/stacks/api-stack.ts', line: 55 },
    });
    expect(batch.environment.find((e) => e.name === 'LOG_LEVEL')).toMatchObject({ literal: true, value: "'info'" });
    expect(batch.grants.map((g) => `${g.method} ${g.resource}`)).toEqual([
      'grantReadWriteData DatabaseStack/KVStore', 'grantReadData DatabaseStack/Users', 'grantReadWriteData DatabaseStack/UsageMetrics',
    ]);
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ApiStack/UsageAggregatorFn').data.triggers).toMatchObject([{ kind: 'DynamoDB stream', source: 'DatabaseStack/KVStore' }]);
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'AuthStack/PostConfirmationFn').data.triggers).toMatchObject([{ kind: 'Cognito trigger', source: 'AuthStack/UserPool postConfirmation' }]);
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ApiStack/KeysRevokeFn').data.entry).toBe('packages/api/src/handlers/keys/revoke.ts');
  });

  it('reads every table with keys, each GSI (inline and added later), TTL, billing, stream and who uses it', async () => {
    const facts = await detect(cdkDetector, EXAMPLE);
    const kv = byId<CdkTableFact>(facts, 'cdk.table', 'DatabaseStack/KVStore').data;
    expect(kv).toMatchObject({
      tableName: { text: '`kv-${props.stage}-store`', resolved: false },
      partitionKey: { name: 'namespaceId', type: 'STRING' },
      sortKey: { name: 'key', type: 'STRING' },
      ttlAttribute: 'expiresAt',
      billing: 'PAY_PER_REQUEST',
      stream: 'NEW_AND_OLD_IMAGES',
      streamConsumers: ['ApiStack/UsageAggregatorFn'],
    });
    expect(kv.gsis).toEqual([{ name: { text: 'byUpdatedAt', resolved: true }, partitionKey: { name: 'namespaceId', type: 'STRING' }, sortKey: { name: 'updatedAt', type: 'NUMBER' }, projection: 'KEYS_ONLY', at: { file: 'packages/infrastructure/lib/stacks/database-stack.ts', line: 43 } }]);
    const users = byId<CdkTableFact>(facts, 'cdk.table', 'DatabaseStack/Users').data;
    expect(users.gsis.map((g) => g.name.text)).toEqual(['byEmail', 'byPaddleCustomer']);
    const keys = byId<CdkTableFact>(facts, 'cdk.table', 'DatabaseStack/APIKeys').data;
    expect(keys).toMatchObject({ kind: 'TableV2', billing: 'onDemand()' });
    expect(keys.gsis[0]).toMatchObject({ name: { text: 'byUser' }, projection: 'INCLUDE', nonKeyAttributes: ['keyId', 'name', 'prefix', 'lastUsedAt', 'revokedAt'] });
    expect([...new Set(users.envVars.map((e) => e.name))]).toEqual(['USERS_TABLE_NAME']);
    expect(users.grants.find((g) => g.grantee === 'AuthStack/PostConfirmationFn')?.method).toBe('grantWriteData');
  });

  it('reads the API, authorizers, Cognito and CloudFront for the other steps', async () => {
    const facts = await detect(cdkDetector, EXAMPLE);
    const api = byId<CdkApiFact>(facts, 'cdk.api', 'ApiStack/KvRestApi').data;
    expect(api).toMatchObject({ kind: 'RestApi', flavour: 'rest', throttling: { rateLimit: 'props.throttling.rateLimit' }, cors: { methods: "['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS']" } });
    expect(api.domains[0].at).toEqual({ file: 'packages/infrastructure/lib/stacks/api-stack.ts', line: 260 });
    expect(byId<CdkAuthorizerFact>(facts, 'cdk.authorizer', 'ApiStack/ApiKeyAuthorizer').data).toMatchObject({ type: 'lambda-token', lambda: 'ApiStack/ApiKeyAuthorizerFn', resultsCacheTtl: '5 min' });
    expect(byId<CdkAuthorizerFact>(facts, 'cdk.authorizer', 'ApiStack/DashboardAuthorizer').data.userPools).toEqual(['AuthStack/UserPool']);
    expect(byId<CdkUserPoolFact>(facts, 'cdk.userPool', 'AuthStack/UserPool').data).toMatchObject({ signInAliases: ['email'], customAttributes: ['plan'], triggers: [{ trigger: 'postConfirmation', lambda: 'AuthStack/PostConfirmationFn' }] });
    expect(byId<CdkUserPoolClientFact>(facts, 'cdk.userPoolClient', 'AuthStack/DashboardClient').data).toMatchObject({ userPool: 'AuthStack/UserPool', authFlows: ['userSrp'], generateSecret: 'false' });
    const dashboard = byId<CdkDistributionFact>(facts, 'cdk.distribution', 'FrontendStack/DashboardDistribution').data;
    expect(dashboard.behaviours.map((b) => `${b.pathPattern} ${b.bucket ?? b.origin} ${b.functions.map((f) => f.function).join(',')}`)).toEqual([
      '* FrontendStack/DashboardBucket FrontendStack/DashboardSpaRewriteFn',
      '/api/* new origins.RestApiOrigin(props.api) FrontendStack/StripApiPrefixFn',
    ]);
  });

  it('cites only files that exist, and gives the same facts on every run', async () => {
    const index = await indexOf(EXAMPLE);
    const first = await detect(cdkDetector, EXAMPLE);
    const cited = first.flatMap((f) => f.at.map((c) => c.file));
    expect(cited.filter((file) => !index.has(file))).toEqual([]);
    expect(JSON.stringify(cdkDetector.detect(index))).toBe(JSON.stringify(first));
  });
});

describe('cdk detector — construct styles', () => {
  it('CDK v1 (@aws-cdk/*): lambda.Function with Code.fromAsset + handler, addResource chains, LSIs', async () => {
    const facts = await detect(cdkDetector, 'cdk-v1');
    expect(of<CdkAppFact>(facts, 'cdk.app')[0].data).toMatchObject({ cdkVersion: 1, entry: 'bin/orders.ts' });
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'OrdersStack/OrdersFunction').data).toMatchObject({
      kind: 'Function', entry: 'lambda/orders.js', entrySource: 'asset-handler', handler: 'orders.handler', runtime: 'NODEJS_14_X', memoryMb: '512', timeout: '15 s',
    });
    expect(endpoints(facts)).toEqual(['GET /orders -> lambda/orders.js', 'GET /orders/{orderId} -> lambda/orders.js', 'POST /orders -> lambda/orders.js']);
    expect(byId<CdkRouteFact>(facts, 'cdk.route', 'POST /orders').data.authorizationType).toBe('IAM');
    const table = byId<CdkTableFact>(facts, 'cdk.table', 'OrdersStack/Orders').data;
    expect(table.gsis.map((g) => `${g.name.text}(${g.partitionKey?.name},${g.sortKey?.name})`)).toEqual(['byCustomer(customerId,createdAt)']);
    expect(table.lsis.map((l) => `${l.name.text}(${l.sortKey?.name})`)).toEqual(['byStatus(status)']);
    expect(table.tableName).toEqual({ text: "this.node.tryGetContext('ordersTableName')", resolved: false });
  });

  it('HTTP API: addRoutes with several methods, HttpRoute keys, relative and default entries, TableV2 and CfnTable', async () => {
    const facts = await detect(cdkDetector, 'cdk-http-api');
    expect(endpoints(facts)).toEqual([
      'GET /items -> services/src/items/list.ts',
      'GET /items/{id} -> infra/lib/http-stack.GetItem.ts',
      'HEAD /items -> services/src/items/list.ts',
    ]);
    // A relative entry resolves against the cdk.json folder (infra/), not the stack's folder (infra/lib/).
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'HttpStack/ListItems').data).toMatchObject({ entry: 'services/src/items/list.ts', entrySource: 'entry' });
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'HttpStack/GetItem').data).toMatchObject({ entry: 'infra/lib/http-stack.GetItem.ts', entrySource: 'default-entry' });
    expect(byId<CdkRouteFact>(facts, 'cdk.route', 'GET /items/{id}').data.authorizer).toBe('HttpStack/UserAuth');
    expect(byId<CdkAuthorizerFact>(facts, 'cdk.authorizer', 'HttpStack/UserAuth').data).toMatchObject({ type: 'cognito', userPools: ['HttpStack/Users'] });
    expect(byId<CdkApiFact>(facts, 'cdk.api', 'HttpStack/ItemsApi').data).toMatchObject({ flavour: 'http', defaultAuthorizer: 'HttpStack/UserAuth', cors: { origins: "['https://items.example.com']" } });
    expect(byId<CdkUserPoolClientFact>(facts, 'cdk.userPoolClient', 'HttpStack/Users/WebClient').data.userPool).toBe('HttpStack/Users');
    const items = byId<CdkTableFact>(facts, 'cdk.table', 'DataStack/Items').data;
    expect(items).toMatchObject({ kind: 'TableV2', ttlAttribute: 'expires', stream: 'NEW_IMAGE', envVars: [{ name: 'TABLE', lambda: 'HttpStack/GetItem' }, { name: 'TABLE', lambda: 'HttpStack/ListItems' }] });
    expect(items.gsis.map((g) => g.name.text)).toEqual(['gsi1']);
    expect(items.lsis[0]).toMatchObject({ name: { text: 'lsi1' }, sortKey: { name: 'updatedAt', type: 'NUMBER' }, projection: 'ALL' });
    const audit = byId<CdkTableFact>(facts, 'cdk.table', 'DataStack/Audit').data;
    expect(audit).toMatchObject({ kind: 'CfnTable', partitionKey: { name: 'id', type: 'S' }, sortKey: { name: 'at', type: 'N' }, billing: 'PAY_PER_REQUEST' });
    expect(audit.gsis[0]).toMatchObject({ name: { text: 'byActor' }, partitionKey: { name: 'actor', type: 'S' }, projection: 'ALL' });
    const http = byId<CdkStackFact>(facts, 'cdk.stack', 'HttpStack').data;
    expect(http.dependsOn).toEqual(['DataStack']);
    expect(http.crossStackRefs).toMatchObject([{ fromStack: 'DataStack', prop: 'table', expression: 'data.table' }]);
  });

  it('helpers and wrappers: helper functions, subclasses, resources passed to helpers, route tables, if blocks, proxies', async () => {
    const facts = await detect(cdkDetector, 'cdk-helpers');
    expect(endpoints(facts)).toEqual([
      'ANY / -> src/handlers/legacy.ts',
      'ANY /v1/admin/{proxy+} -> src/handlers/admin.ts',
      'ANY /{proxy+} -> src/handlers/legacy.ts',
      'DELETE /v1/carts/{id} -> src/handlers/cart.ts',
      'GET /v1/carts -> src/handlers/cart.ts',
      'GET /v1/catalog -> src/handlers/catalog.ts',
      'GET /v1/catalog/{sku} -> src/handlers/product.ts',
      'POST /v1/carts -> src/handlers/cart.ts',
    ]);
    // Function ids computed from the route table row: `${route.file.replace('.ts', '')}-fn`.
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ShopStack/catalog-fn').data).toMatchObject({ wrapper: 'createFunction', entry: 'src/handlers/catalog.ts', timeout: '5 s', runtime: 'NODEJS_18_X' });
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ShopStack/CartFn').data).toMatchObject({ kind: 'NodejsFunction', wrapper: 'ShopFunction', memoryMb: '1024', entry: 'src/handlers/cart.ts' });
    // Not knowable statically: shown as written, unresolved.
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ShopStack/ReportFn').data).toMatchObject({ entryResolved: false, entryAsWritten: '`${handlersDir}/${file}`' });
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ShopStack/ReportFn').data.triggers).toMatchObject([{ kind: 'EventBridge rule', source: 'ShopStack/Nightly' }]);
    const carts = byId<CdkRouteFact>(facts, 'cdk.route', 'ShopStack/ShopApi POST /v1/carts');
    expect(carts.data).toMatchObject({ authorizer: 'ShopStack/TokenAuth', authorizationType: 'CUSTOM', via: { file: 'lib/shop-stack.ts', line: 47 } });
    expect(carts.at[0]).toEqual({ file: 'lib/routes.ts', line: 9 });
    expect(byId<CdkRouteFact>(facts, 'cdk.route', 'ShopStack/ShopApi ANY /v1/admin/{proxy+}').data).toMatchObject({ conditions: ['props.enableAdmin'], source: 'proxy' });
    expect(byId<CdkRouteFact>(facts, 'cdk.route', 'ShopStack/ShopApi GET /v1/catalog/{sku}').at).toEqual([
      { file: 'lib/shop-stack.ts', line: 36 },
      { file: 'lib/shop-stack.ts', line: 17 },
    ]);
    expect(byId<CdkTableFact>(facts, 'cdk.table', 'ShopStack/Products').data).toMatchObject({ kind: 'Table.fromTableName', tableName: { text: 'shop-products', resolved: true } });
  });

  it('L1 and WebSocket APIs, ProxyResource, LambdaRestApi defaults, build outputs and s3 assets; an app without cdk.json', async () => {
    const facts = await detect(cdkDetector, 'cdk-websocket');
    expect(of<CdkAppFact>(facts, 'cdk.app')[0].data).toMatchObject({ entry: 'infra/app.ts', dir: '' });
    expect(of<CdkAppFact>(facts, 'cdk.app')[0].data.cdkJson).toBeUndefined();
    expect(endpoints(facts)).toEqual([
      'ANY /reports/{proxy+} -> functions/report/main.py',
      'GET /reports -> functions/rest/index.js',
      'WS $connect -> functions/connect/src/index.ts',
      'WS subscribe -> functions/connect/src/index.ts',
    ]);
    expect(byId<CdkApiFact>(facts, 'cdk.api', 'ChatStack/ChatApi').data).toMatchObject({ kind: 'CfnApi', flavour: 'websocket', name: { text: 'chat' } });
    // The code names a build folder the repository does not hold; the source it is built from is given instead.
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ChatStack/ConnectFn').data).toMatchObject({
      entry: 'functions/connect/src/index.ts',
      entryIsSource: true,
      entryAsWritten: "lambda.Code.fromAsset(path.join(__dirname, '../functions/connect/dist/src')) + handler index.handler",
    });
    expect(byId<CdkLambdaFact>(facts, 'cdk.lambda', 'ChatStack/ReportFn').data).toMatchObject({ entry: 'functions/report/main.py', handler: 'main.handler' });
  });

  it('is not enabled without CDK', async () => {
    expect(await detect(cdkDetector, 'cdk-none')).toEqual([]);
  });
});

describe('cdk detector — speed', () => {
  it('reads the example app quickly once files are parsed', async () => {
    const index = await indexOf(EXAMPLE);
    cdkDetector.detect(index); // parses the files once (the index caches trees)
    const started = performance.now();
    cdkDetector.detect(index);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
