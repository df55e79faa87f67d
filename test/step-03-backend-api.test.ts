import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, PROJECT_ROOT, indexOf, section } from './helpers/fixture.js';

const FIXTURES = [
  'cdk-v1', 'cdk-http-api', 'cdk-helpers', 'cdk-websocket', 'cdk-none', 'cdk-lib-handlers', 'cdk-dispatch', 'cdk-route-tables',
  'be-express', 'be-fastify', 'be-hono', 'be-koa', 'be-nest', 'be-next', 'be-trpc', 'be-actions', 'be-graphql',
];

describe('step 3 — Backend & API', () => {
  it('is registered as step 3', () => {
    expect(STEPS[2].definition).toBe(backendApiStep);
  });

  it.each(FIXTURES)('%s: starts with the step heading and cites only existing paths', async (fixture) => {
    const s = await section(backendApiStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 3. Backend & API');
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
  });

  it('maps each endpoint to its handler file, authorizer and wiring, with conditions and route tables', async () => {
    const md = (await section(backendApiStep, EXAMPLE)).markdown;
    expect(md).toContain('13 endpoints on API Gateway and 16 Lambda functions, read from the AWS CDK code. Handler code lives under `/packages/api/src`.');
    expect(md).toContain(
      '| `GET /account/usage` | `/packages/api/src/handlers/usage/get.ts` | `DashboardAuthorizer` (Cognito user pool) | `/packages/infrastructure/lib/stacks/api-stack.ts:219` | only if `props.enableUsageApi` |',
    );
    expect(md).toContain('| `POST /billing/paddle/webhook` | `/packages/api/src/handlers/billing/paddle-webhook.ts` | none |');
    expect(md).toContain('from a route table (`/packages/infrastructure/lib/stacks/api-stack.ts:193`)');
    expect(md).toContain(
      '| `KvBatchFn` | `/packages/api/src/handlers/kv/batch.ts` | `NODEJS_20_X` | 256 | 20 s | `API_KEYS_TABLE_NAME`, `KV_TABLE_NAME`, `USAGE_TABLE_NAME`, `USERS_TABLE_NAME` | `POST /v1/kv/{namespace}/batch` | `/packages/infrastructure/lib/stacks/api-stack.ts:153` |',
    );
    expect(md).toContain('Every function also gets `LOG_LEVEL`, `NODE_OPTIONS`');
    expect(md).toContain('16 functions are created through `KvFunction` (`/packages/infrastructure/lib/constructs/kv-function.ts:27`)');
    expect(md).toContain('`ApiKeyAuthorizer` (Lambda token, code in `/packages/api/src/authorizers/api-key-authorizer.ts`) guards 7 endpoints under /v1');
    // The parts from the backend code follow the CDK map.
    expect(md.indexOf('### Lambda functions')).toBeLessThan(md.indexOf('### Middleware and utilities'));
    expect(md).toContain('### Error handling');
  });

  it('shows what cannot be resolved as written, and helper-wired routes with their call site', async () => {
    const md = (await section(backendApiStep, 'cdk-helpers')).markdown;
    expect(md).toContain('| `ReportFn` | `` `${handlersDir}/${file}` `` (unresolved) |');
    expect(md).toContain('| `POST /v1/carts` | `/src/handlers/cart.ts` | `TokenAuth` (Lambda token) | `/lib/routes.ts:9`, called at `/lib/shop-stack.ts:47` |');
    expect(md).toContain('| `ANY /v1/admin/{proxy+}` | `/src/handlers/admin.ts` | none | `/lib/shop-stack.ts:51` | only if `props.enableAdmin`; proxy: every path below goes to the handler |');
    expect(md).toContain('1 function could not be traced to a file statically; its code location is shown as written.');
  });

  it('expands route tables built by functions in other files, looped with an index into one nested stack per domain', async () => {
    const md = (await section(backendApiStep, 'cdk-route-tables')).markdown;
    // `HttpApi.fromHttpApiAttributes(this, …, { httpApiId: props.httpApi.apiId })` is the app's API, not a new one.
    expect(md).toContain('### API: ShopApi (HttpApi)');
    expect(md).not.toContain('-api (HttpApi)');
    expect(md).toContain('- Defined in `/lib/api-stack.ts:13` (stack `ApiStack`): 3 endpoints.');
    // Paths joined by a template and `.replace(/\/+/g, '/')`; entries by `path.join(__dirname, …)` in a helper.
    expect(md).toContain('| `POST /carts/items` | `/services/carts/add-item.ts` | `Jwt` (JWT) | `/lib/domain-stack.ts:29` | from a route table (`/lib/routes/carts.routes.ts:9`) |');
    expect(md).toContain('| `POST /users/sign-up` | `/services/users/sign-up.ts` | none |');
    // `new HttpNoneAuthorizer()` on a route of an API whose other routes are guarded: listed as public.
    expect(md).toContain('- No authorizer (public unless the API is private or limited by a resource policy): `POST /users/sign-up`');
  });

  it('reads CDK v1 and HTTP APIs the same way', async () => {
    const v1 = (await section(backendApiStep, 'cdk-v1')).markdown;
    expect(v1).toContain('| `POST /orders` | `/lambda/orders.js` | `IAM` |');
    const http = (await section(backendApiStep, 'cdk-http-api')).markdown;
    expect(http).toContain('### API: ItemsApi (HttpApi)');
    expect(http).toContain('| `HEAD /items` | `/services/src/items/list.ts` | `UserAuth` (Cognito user pool) |');
    expect(http).toContain('| `GET /items/{id}` | `/infra/lib/http-stack.GetItem.ts` |');
  });

  it('says plainly when there is no CDK app and still shows the HTTP framework routes', async () => {
    const md = (await section(backendApiStep, 'cdk-none')).markdown;
    expect(md).toContain('No AWS CDK app in this repository: the API is served by the HTTP framework routes below.');
    expect(md).toContain('`GET /health`');
  });

  it('lists a Lambda entry or resolver code file with what runs it, not again as a shared utility (code under lib/)', async () => {
    const md = (await section(backendApiStep, 'cdk-lib-handlers')).markdown;
    expect(md).toContain('| `HelloConstruct` | `/lib/lambda/hello.ts` |');
    expect(md).toContain('| `Query.echo` | none (local resolver) | `/lib/resolvers/echo.js` (JS) | `/lib/api-stack.ts:22` |');
    expect(md).toContain('| `/lib/utils.ts` | `constructId` |');
    expect(md).not.toContain('| `/lib/lambda/hello.ts` | `handler` |');
    expect(md).not.toContain('| `/lib/resolvers/echo.js` | `request`, `response` |');
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(backendApiStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-03.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});
