import { describe, expect, it } from 'vitest';
import { backendCodeDetector as codeDetector, dbAccessDetector } from '../src/detectors/backend-code/index.js';
import type { Detector } from '../src/facts.js';
import type {
  AuthData, DataModuleData, DbAccessData, ErrorClassData, ErrorMappingData, MiddlewareData, SharedLibData,
} from '../src/detectors/backend-code/index.js';
import { FactSet, type Fact } from '../src/facts.js';
import { authFlowPart, dataAccessPart, errorHandlingPart, middlewarePart } from '../src/steps/parts/backend-code.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, detect, indexOf } from './helpers/fixture.js';

const data = <T>(facts: readonly Fact[], kind: string) => facts.filter((f) => f.kind === kind).map((f) => f.data as T);

/** Backend code as steps 3 and 4 read it together: middleware, auth and errors, then data access. */
const backendCodeDetector: Detector = {
  id: 'backend-code+db-access',
  isEnabled: (index) => codeDetector.isEnabled(index),
  detect: (index) => [...codeDetector.detect(index), ...dbAccessDetector.detect(index)],
};

describe('backend-code on examples/kv-store', () => {
  it('finds the repositories, their DynamoDB access patterns and the env vars naming each table', async () => {
    const facts = await detect(backendCodeDetector, EXAMPLE);
    const modules = data<DataModuleData>(facts, 'backend.data-module');
    expect(modules.filter((m) => m.kind === 'repository').map((m) => m.file)).toEqual([
      'packages/api/src/repositories/api-keys-repository.ts',
      'packages/api/src/repositories/kv-repository.ts',
      'packages/api/src/repositories/usage-repository.ts',
      'packages/api/src/repositories/users-repository.ts',
    ]);
    expect(modules.find((m) => m.kind === 'client')).toMatchObject({ file: 'packages/api/src/lib/dynamo.ts' });
    const access = data<DbAccessData>(facts, 'backend.db-access');
    expect(access.find((a) => a.function === 'usersRepository.getByEmail')).toMatchObject({
      operation: 'Query', table: 'TABLE_NAME', envVar: 'USERS_TABLE_NAME', index: 'byEmail', keyCondition: 'email = :email',
    });
    expect(access.find((a) => a.function === 'kvRepository.get')).toMatchObject({ operation: 'Get', envVar: 'KV_TABLE_NAME', key: ['namespaceId', 'key'] });
    expect(access.find((a) => a.function === 'kvRepository.batch')).toMatchObject({ operation: 'BatchWrite', envVar: 'KV_TABLE_NAME' });
    // One transaction writes two tables: each item keeps its own table.
    const create = access.filter((a) => a.function === 'apiKeysRepository.create');
    expect(create.map((a) => [a.action, a.envVar])).toEqual([['Put', 'API_KEYS_TABLE_NAME'], ['Update', 'USERS_TABLE_NAME']]);
    expect(new Set(access.map((a) => a.envVar))).toEqual(new Set(['API_KEYS_TABLE_NAME', 'KV_TABLE_NAME', 'USAGE_TABLE_NAME', 'USERS_TABLE_NAME']));
  });

  it('finds the handler wrappers with the handlers that use them', async () => {
    const facts = await detect(backendCodeDetector, EXAMPLE);
    const mw = data<MiddlewareData>(facts, 'backend.middleware');
    expect(mw.map((m) => m.name).sort()).toEqual(['withAuth', 'withHandler', 'withRateLimit']);
    const withHandler = mw.find((m) => m.name === 'withHandler')!;
    expect(withHandler.file).toBe('packages/api/src/middleware/with-handler.ts');
    expect(withHandler.usedBy).toContain('packages/api/src/handlers/billing/paddle-webhook.ts');
    expect(mw.find((m) => m.name === 'withRateLimit')!.usedBy.every((f) => f.startsWith('packages/api/src/handlers/kv/'))).toBe(true);
  });

  it('reads the error hierarchy with status codes through super() calls, and the mapping to HTTP', async () => {
    const facts = await detect(backendCodeDetector, EXAMPLE);
    const classes = data<ErrorClassData>(facts, 'backend.error-class');
    expect(classes.find((c) => c.name === 'AppError')).toMatchObject({ extends: 'Error', statusCode: '500' });
    expect(classes.find((c) => c.name === 'NotFoundError')).toMatchObject({ extends: 'AppError', statusCode: '404', code: 'ErrorCode.NotFound' });
    expect(classes.find((c) => c.name === 'QuotaExceededError')).toMatchObject({ statusCode: '429' });
    const mapping = data<ErrorMappingData>(facts, 'backend.error-mapping');
    expect(mapping).toEqual([
      expect.objectContaining({ name: 'toHttpResponse', handles: ['AppError', 'ZodError'], usedBy: ['packages/api/src/middleware/with-handler.ts'] }),
    ]);
  });

  it('reads the auth flow: token authorizer, Cognito JWT verifier, IAM policy, claims, trigger and Paddle webhook', async () => {
    const facts = await detect(backendCodeDetector, EXAMPLE);
    const auth = data<AuthData>(facts, 'backend.auth');
    const at = (kind: AuthData['kind']) => auth.filter((a) => a.kind === kind).map((a) => `${a.file}#${a.name}`);
    expect(at('authorizer')).toEqual(['packages/api/src/authorizers/api-key-authorizer.ts#handler']);
    expect(auth.find((a) => a.kind === 'jwt-verify')).toMatchObject({ library: 'aws-jwt-verify', detail: 'CognitoJwtVerifier (tokenUse: id)' });
    expect(at('iam-policy')).toEqual(['packages/api/src/authorizers/api-key-authorizer.ts#buildPolicy']);
    expect(at('cognito-claims')).toEqual(['packages/api/src/middleware/with-auth.ts#getPrincipal']);
    expect(at('cognito-trigger')).toEqual(['packages/api/src/triggers/post-confirmation.ts#handler']);
    expect(at('webhook-signature')).toEqual([
      'packages/api/src/handlers/billing/paddle-webhook.ts#handler',
      'packages/api/src/lib/paddle.ts#verifyPaddleSignature',
    ]);
  });

  it('keeps infrastructure, frontend and SDK packages out of backend code', async () => {
    const facts = await detect(backendCodeDetector, EXAMPLE);
    expect(facts.every((f) => f.at.every((c) => c.file.startsWith('packages/api/')))).toBe(true);
  });

  it('writes parts that group access patterns under known tables and cite only existing paths', async () => {
    const index = await indexOf(EXAMPLE);
    const facts = new FactSet(await detect(backendCodeDetector, EXAMPLE));
    const tables = [
      { id: 'UsersTable', physicalName: 'kv-users', envVars: ['USERS_TABLE_NAME'] },
      { id: 'KvTable', envVars: ['KV_TABLE_NAME'] },
    ];
    const md = [middlewarePart(facts), authFlowPart(facts), errorHandlingPart(facts), dataAccessPart(facts, tables)].join('\n\n');
    expect(md).toContain('#### Access patterns: `KvTable`');
    expect(md).toContain('#### Access patterns: `UsersTable`');
    expect(md).toContain('#### Access patterns: table named by `USAGE_TABLE_NAME`');
    expect(md).toContain('| Query | `byEmail` | `email = :email` | `usersRepository.getByEmail` | `/packages/api/src/repositories/users-repository.ts:24` |');
    expect(md).toContain('| `NotFoundError` | `AppError` | `404` | `ErrorCode.NotFound` | `/packages/api/src/lib/errors.ts:35` |');
    expect(md).toMatch(/\| `withHandler` \| handler wrapper \| Wraps a route handler.*\| 13 files under `\/packages\/api\/src\/handlers` \|/);
    expect(md).toContain('| Lambda authorizer | `handler` |');
    expect(md).not.toMatch(/^#{1,3} /m);
    expect(missingCitations(md, index)).toEqual([]);
  });
});

describe('backend-code on be-express', () => {
  it('finds server middleware, middleware factories and CommonJS wrappers with their users', async () => {
    const mw = data<MiddlewareData>(await detect(backendCodeDetector, 'be-express'), 'backend.middleware');
    expect(mw.map((m) => `${m.kind}:${m.name}:${m.usedBy.join(',')}`)).toEqual([
      'server:requireAuth:src/app.ts',
      'server:requireAdmin:src/routes/admin-panel.ts',
      'wrapper:catchAsync:src/routes/items.route.js',
      'server:validate:src/routes/users.ts',
    ]);
  });
});

describe('backend-code on be-express-helpers', () => {
  it('counts the files that use a function, not the barrels that re-export it (import then export, or export … from)', async () => {
    const facts = await detect(backendCodeDetector, 'be-express-helpers');
    const mapping = data<ErrorMappingData>(facts, 'backend.error-mapping');
    expect(mapping.find((m) => m.name === 'errorConverter')).toMatchObject({ file: 'src/errors/error.ts', usedBy: ['src/app.ts'] });
    const mw = data<MiddlewareData>(facts, 'backend.middleware');
    expect(mw.find((m) => m.name === 'requireAdmin')?.usedBy).toEqual(['src/routes/admin.ts']);
  });
});

describe('backend-code on be-fastify', () => {
  it('reads the framework-level error handler', async () => {
    const mapping = data<ErrorMappingData>(await detect(backendCodeDetector, 'be-fastify'), 'backend.error-mapping');
    expect(mapping).toEqual([{ name: 'app.setErrorHandler(…)', handles: [], usedBy: [], file: 'src/server.ts', line: 24 }]);
  });
});

describe('backend-code on be-hono-openapi', () => {
  it('reads app.onError(errorHandler) given by name as the app-wide error handler, where it is installed', async () => {
    const facts = await detect(backendCodeDetector, 'be-hono-openapi');
    const mapping = data<ErrorMappingData>(facts, 'backend.error-mapping');
    expect(mapping).toContainEqual({ name: 'app.onError(errorHandler)', handles: [], usedBy: [], file: 'src/lib/create-app.ts', line: 8 });
    expect(errorHandlingPart(new FactSet(facts))).toContain('`app.onError(errorHandler)` in `/src/lib/create-app.ts:8` (the app-wide error handler)');
  });
});

describe('backend-code on be-next', () => {
  it('finds the NextAuth configuration and an API key read from the request', async () => {
    const auth = data<AuthData>(await detect(backendCodeDetector, 'be-next'), 'backend.auth');
    expect(auth).toEqual([
      { kind: 'api-key', name: 'withApiKey', detail: 'reads the x-api-key header', file: 'lib/with-api-key.ts', line: 8 },
      { kind: 'session', name: 'default', library: 'next-auth', detail: 'NextAuth configuration', file: 'pages/api/auth/[...nextauth].ts', line: 3 },
    ]);
  });
});

describe('backend-code on be-sst', () => {
  it('groups access through an SST-linked resource across handlers, and repeated auth reads in one row', async () => {
    const index = await indexOf('be-sst');
    const facts = await detect(backendCodeDetector, 'be-sst');
    const access = data<DbAccessData>(facts, 'backend.db-access');
    expect(access.map((a) => `${a.operation} ${a.table} ${a.function}`)).toEqual([
      'Query Resource.Notes.name list',
      'Put Resource.Notes.name create',
    ]);
    const set = new FactSet(facts);
    const md = [authFlowPart(set), dataAccessPart(set, [])].join('\n\n');
    expect(md).toContain('#### Access patterns: `Resource.Notes.name`\n\n`TableName` is `Resource.Notes.name`, the SST resource `Notes` linked to the function.');
    expect(md).toContain('| Caller identity | `list`, `create`, `handler` | reads requestContext.authorizer.iam (IAM auth, Cognito identity) | `/packages/functions/src/notes.ts`, `/packages/functions/src/worker.ts` |');
    expect(missingCitations(md, index)).toEqual([]);
  });
});

describe('backend-code on be-lambda-code', () => {
  it('resolves table names through imported constants, env helpers, params variables and batch keys', async () => {
    const access = data<DbAccessData>(await detect(backendCodeDetector, 'be-lambda-code'), 'backend.db-access');
    const row = (fn: string, op: string) => access.filter((a) => a.function === fn && a.operation === op);
    expect(row('allOrders', 'Scan')[0]).toMatchObject({ table: 'ORDERS_TABLE', envVar: 'ORDERS_TABLE', client: 'sdk-v3' });
    expect(row('ordersAndCustomer', 'BatchGet').map((a) => a.envVar ?? a.literal).sort()).toEqual(['ORDERS_TABLE', 'audit-log']);
    expect(row('ordersAndCustomer', 'TransactGet')[0]).toMatchObject({ action: 'Get', envVar: 'CUSTOMERS_TABLE', key: ['customerId'] });
    // Each function's own `params` (const or var), not the first one declared in the file.
    expect(row('readSession', 'Get')[0]).toMatchObject({ envVar: 'SESSIONS_TABLE', key: ['id'] });
    expect(row('writeAudit', 'Put')[0]).toMatchObject({ envVar: 'AUDIT_TABLE' });
    expect(row('ordersByStatus', 'Query')[0]).toMatchObject({
      client: 'document-client', envVar: 'LEGACY_TABLE', index: 'byStatus', keyCondition: '#s = :status',
    });
  });

  it('parses no file whose hints are only in strings or comments, and leaves data access to step 4', async () => {
    const index = await indexOf('be-lambda-code');
    const parsed: string[] = [];
    const parseOnce = index.parseOnce.bind(index);
    index.parseOnce = (file: string) => (parsed.push(file), parseOnce(file));
    try {
      const facts = codeDetector.detect(index);
      expect(parsed).not.toContain('src/lib/prompts.ts');
      expect(facts.filter((f) => f.kind === 'backend.db-access' || f.kind === 'backend.data-module')).toEqual([]);
      expect(dbAccessDetector.detect(index).some((f) => f.kind === 'backend.db-access')).toBe(true);
    } finally {
      index.parseOnce = parseOnce;
    }
  });

  it('finds middy middleware, arrow wrappers, JWT libraries, request authorizers and webhook checks', async () => {
    const facts = await detect(backendCodeDetector, 'be-lambda-code');
    const mw = data<MiddlewareData>(facts, 'backend.middleware');
    expect(mw.map((m) => `${m.kind}:${m.name}`).sort()).toEqual(['middy:errorLogger', 'middy:jsonBodyParser', 'wrapper:withErrors', 'wrapper:wrap']);
    expect(mw.find((m) => m.name === 'jsonBodyParser')).toMatchObject({ detail: 'from @middy/http-json-body-parser' });
    expect(mw.find((m) => m.name === 'errorLogger')).toMatchObject({ file: 'src/lib/middleware.ts', line: 15 });
    const auth = data<AuthData>(facts, 'backend.auth');
    expect(auth.map((a) => `${a.kind}:${a.name}:${a.library ?? ''}`).sort()).toEqual([
      'api-key:handler:',
      'authorizer:handler:',
      'cognito-claims:handler:',
      'iam-policy:handler:',
      'jwt-verify:verifyLegacyToken:jsonwebtoken',
      'jwt-verify:verifyToken:jose',
      'webhook-signature:handler:',
    ]);
    // A key sent to another service (`headers: { 'x-api-key': … }`, `headers.set(…)`) authenticates nothing here.
    expect(auth.filter((a) => a.file === 'src/lib/rates-client.ts')).toEqual([]);
    expect(auth.find((a) => a.kind === 'authorizer')!.detail).toContain('REQUEST');
    expect(auth.find((a) => a.kind === 'cognito-claims')!.detail).toContain('jwt.claims');
  });

  it('calls an HMAC comparison a webhook signature only with webhook evidence, and drops one nothing calls', async () => {
    const facts = await detect(backendCodeDetector, 'be-hmac-compare');
    const auth = data<AuthData>(facts, 'backend.auth');
    // github.ts names the `x-hub-signature-256` header; session-token.ts compares token hashes; token-check.ts is
    // imported by nothing, so it guards no route.
    expect(auth.map((a) => `${a.kind}:${a.name}`).sort()).toEqual(['hmac-compare:sameToken', 'webhook-signature:verifySender']);
    const md = authFlowPart(new FactSet(facts));
    expect(md).toContain('| HMAC comparison | `sameToken` |');
    expect(md).not.toContain('constantTimeCheck');
  });

  it('reads status codes set by field initialisers and constructor assignments', async () => {
    const facts = await detect(backendCodeDetector, 'be-lambda-code');
    const classes = data<ErrorClassData>(facts, 'backend.error-class');
    expect(classes.map((c) => [c.name, c.statusCode, c.code])).toEqual([
      ['HttpError', '500', "'INTERNAL'"],
      ['NotFound', '404', "'NOT_FOUND'"],
      ['BadRequestException', '400', "'INTERNAL'"],
    ]);
    expect(data<DataModuleData>(facts, 'backend.data-module').map((m) => `${m.kind}:${m.file}`)).toEqual([
      'data-access:src/db/legacy.js',
      'data-access:src/db/orders.ts',
      'data-access:src/db/scoped.mjs',
    ]);
    expect(data<SharedLibData>(facts, 'backend.shared-lib').map((l) => l.file)).toContain('src/lib/config.ts');
  });

  it('groups unmatched access by env var or literal, and every part cites existing paths', async () => {
    const index = await indexOf('be-lambda-code');
    const facts = new FactSet(await detect(backendCodeDetector, 'be-lambda-code'));
    const md = [middlewarePart(facts), authFlowPart(facts), errorHandlingPart(facts), dataAccessPart(facts, [])].join('\n\n');
    expect(md).toContain('#### Access patterns: `audit-log`');
    expect(md).toContain('#### Access patterns: table named by `LEGACY_TABLE`');
    expect(missingCitations(md, index)).toEqual([]);
  });

  it('returns empty parts when there is nothing to say', () => {
    const none = new FactSet([]);
    expect([middlewarePart(none), authFlowPart(none), errorHandlingPart(none), dataAccessPart(none, [])]).toEqual(['', '', '', '']);
  });
});

describe('importersFinder on a definition named by an expression', () => {
  it('does not build a pattern from the expression text (a `[z-a]` in it used to throw "Range out of order")', async () => {
    const { importersFinder } = await import('../src/detectors/backend-code/usage.js');
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'w', private: true }),
      'src/app.ts': "export const app = new Hono<{ Bindings: Env }>().use('/x', (c, next) => next());\nexport default app;\n",
      'src/main.ts': "import { app } from './app';\nexport default app;\n",
    });
    const index = await indexOf(root);
    const find = importersFinder(index, ['src/app.ts', 'src/main.ts'], [{ file: 'src/app.ts', name: "new Hono<{ Bindings: Env }>().use('[z-a]')" }]);
    expect(() => find({ file: 'src/app.ts', name: "new Hono<{ Bindings: Env }>().use('[z-a]')" })).not.toThrow();
    expect(find({ file: 'src/app.ts', name: 'app' })).toEqual(['src/main.ts']);
  });
});

describe('data modules', () => {
  it('a tool config beside the schema (db/drizzle.config.ts, knexfile.ts) is not data-access code; the schema module is', async () => {
    const { dataModuleKind } = await import('../src/detectors/backend-code/modules.js');
    const config = "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'sqlite', schema: './src/schema.ts' });\n";
    expect(dataModuleKind('packages/db/drizzle.config.ts', config, false)).toBeUndefined();
    expect(dataModuleKind('packages/db/knexfile.ts', 'export default { client: "pg" };', false)).toBeUndefined();
    expect(dataModuleKind('packages/db/src/schema.ts', "export const users = sqliteTable('users', {});", false)).toBe('data-access');
  });
});

describe('middleware used through a barrel without imports, and default exports', () => {
  it('a barrel of `export { x } from` lines (no import word) passes x on; `export default async function session` is used by its default importers', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '13.0.0', 'next-connect': '^0.13.0', react: '18.2.0' } }),
      'jsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/api-lib/*': ['api-lib/*'] } } }),
      'api-lib/middlewares/index.js': "export { validateBody } from './ajv';\nexport { default as auths } from './auth';\n",
      'api-lib/middlewares/ajv.js': 'export function validateBody(schema) {\n  return (req, res, next) => {\n    if (!req.body) return res.status(400).end();\n    return next();\n  };\n}\n',
      'api-lib/middlewares/session.js': 'export default async function session(req, res, next) {\n  req.session = {};\n  return next();\n}\n',
      'api-lib/middlewares/auth.js': "import session from './session';\nconst auths = [session];\nexport default auths;\n",
      'pages/api/posts/index.js': "import nc from 'next-connect';\nimport { auths, validateBody } from '@/api-lib/middlewares';\nconst handler = nc();\nhandler.post(...auths, validateBody({}), (req, res) => res.json({}));\nexport default handler;\n",
    });
    const mw = (await detect(backendCodeDetector, root)).filter((f) => f.kind === 'backend.middleware').map((f) => [(f.data as { name: string }).name, (f.data as { usedBy: string[] }).usedBy]);
    expect(mw).toEqual([
      ['validateBody', ['pages/api/posts/index.js']],
      ['session', ['api-lib/middlewares/auth.js']],
    ]);
  });
});

describe('error mappings are about HTTP', () => {
  it('an instanceof check in a function that only mentions a domain status (paymentStatus) is not an HTTP error mapping', async () => {
    const { errorMappings } = await import('../src/detectors/backend-code/errors.js');
    const { ts } = await import('../src/scan/ts.js');
    const code = [
      'export class PaymentAlreadyRejectedError extends Error {}',
      'export function isRejected(e: unknown, paymentStatus: string) { return e instanceof PaymentAlreadyRejectedError && paymentStatus === "x"; }',
      'export function toResponse(e: unknown, res: any) { if (e instanceof PaymentAlreadyRejectedError) return res.status(409).end(); }',
    ].join('\n');
    const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
    expect(errorMappings('x.ts', sf).map((m) => m.name)).toEqual(['toResponse']);
  });
});

describe('wrappers are told by what they return, not by a parameter named `fn`', () => {
  it('keeps handler wrappers and applied action wrappers; leaves memoize/debounce-style helpers out', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.0.0' } }),
      'src/lib/helpers.ts': [
        'export const memoize = (fn: (n: number) => number) => (n: number) => fn(n);',
        'export function debounce(fn: () => void, ms: number) {',
        '  let t: any;',
        '  return () => { clearTimeout(t); t = setTimeout(() => fn(), ms); };',
        '}',
        'export const catchAsync = (fn: any) => (req: any, res: any, next: any) => Promise.resolve(fn(req, res, next)).catch(next);',
        'export function withAdmin(fn: (...args: unknown[]) => Promise<void>) {',
        '  return async (...args: unknown[]) => fn(...args);',
        '}',
      ].join('\n'),
      'src/use.ts': [
        "import { memoize, debounce, catchAsync, withAdmin } from './lib/helpers';",
        'export const square = memoize((n) => n * n);',
        'export const save = debounce(() => undefined, 10);',
        'export const purge = withAdmin(async () => {});',
        'export const list = catchAsync(async (req: any, res: any) => res.json([]));',
      ].join('\n'),
    });
    const mw = data<MiddlewareData>(await detect(backendCodeDetector, root), 'backend.middleware');
    expect(mw.map((m) => `${m.kind}:${m.name}`).sort()).toEqual(['wrapper:catchAsync', 'wrapper:withAdmin']);
  });
});

describe('backend-code on be-error-branches', () => {
  it('takes a branch that builds a response (here or in a local helper) for an error mapping, not one that only rethrows', async () => {
    const mapping = data<ErrorMappingData>(await detect(backendCodeDetector, 'be-error-branches'), 'backend.error-mapping');
    // postWithRetry's `instanceof NonRetryableFetchError` only rethrows to stop retrying.
    expect(mapping.filter((m) => m.file === 'src/lib/retry.ts')).toEqual([]);
    // The handler's branches return `redirectTo(…)`, whose object carries the status.
    expect(mapping.find((m) => m.file === 'src/handlers/edge-redirect.ts')).toMatchObject({ name: 'handler', handles: ['NonRetryableFetchError', 'SessionExpiredError'] });
    // A nested package with no dependencies of its own runs on the root's: its handler is backend code too.
    expect(mapping.find((m) => m.file === 'edge/sign-out/index.ts')).toMatchObject({ name: 'handler', handles: ['SignedOutError'] });
  });
});

describe('backend-code on be-dynamo-batch', () => {
  it('reads batch requests whose RequestItems are filled in by assignment (v3 BatchGetCommand, v2 batchWrite) and v2 transactWrite', async () => {
    const access = data<DbAccessData>(await detect(backendCodeDetector, 'be-dynamo-batch'), 'backend.db-access');
    const rows = access.map((a) => [a.function, a.operation, a.envVar ?? a.table, a.file, a.line]);
    expect(rows).toContainEqual(['bulkGetMetadata', 'BatchGet', 'CHANGELOGS_TABLE_NAME', 'src/lib/changelog.js', 14]);
    expect(rows).toContainEqual(['exports.addToIndex', 'BatchWrite', 'SEARCH_INDEX_TABLE_NAME', 'src/lib/indexer.cjs', 10]);
    expect(access.filter((a) => a.function === 'exports.moveFragment').map((a) => [a.operation, a.action, a.envVar])).toEqual([
      ['TransactWrite', 'Delete', 'SEARCH_INDEX_TABLE_NAME'],
      ['TransactWrite', 'Put', 'SEARCH_INDEX_TABLE_NAME'],
    ]);
    expect(access.filter((a) => a.file === 'src/lib/changelog.js')).toHaveLength(2);
  });
});

describe('Express error responses (the shape of sahat/hackathon-starter)', () => {
  it('lists the 404 handler and errorhandler(), not a retry check that reads a status to decide whether to retry', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { express: '^4.0.0', errorhandler: '^1.5.0' } }),
      'app.js': [
        "const express = require('express');",
        "const errorHandler = require('errorhandler');",
        'const app = express();',
        "app.get('/', (req, res) => res.send('ok'));",
        'app.use((req, res, next) => {',
        "  res.status(404).send('Page Not Found');",
        '});',
        "if (process.env.NODE_ENV === 'development') {",
        '  app.use(errorHandler());',
        '} else {',
        '  app.use((err, req, res, next) => {',
        "    res.status(500).send('Server Error');",
        '  });',
        '}',
        'app.listen(3000);',
      ].join('\n'),
      'controllers/ai.js': [
        "const { InferenceClientProviderApiError } = require('@huggingface/inference');",
        'function isNonRetryableError(err) {',
        '  if (err instanceof InferenceClientProviderApiError) {',
        '    const status = err.httpResponse?.status;',
        "    if (typeof status === 'number' && [400, 404].includes(status)) return true;",
        '  }',
        '  return false;',
        '}',
        'exports.run = async (req, res) => { try { await 1; } catch (e) { if (isNonRetryableError(e)) throw e; } res.json({}); };',
      ].join('\n'),
    });
    const mapping = data<ErrorMappingData>(await detect(backendCodeDetector, root), 'backend.error-mapping');
    expect(mapping.map((m) => `${m.name} ${m.file}:${m.line}${m.role ? ` ${m.role}` : ''}`)).toEqual([
      'app.use(…) app.js:5 not-found',
      'app.use(errorHandler()) app.js:9',
      'app.use(…) app.js:11',
    ]);
  });
});

describe('DynamoDB paginators', () => {
  it('reads paginateScan and paginateQuery (params second) as Scan and Query calls, with the index queried', async () => {
    // The shape of icasu-cdk-serverless-api-sample's companies-table.ts.
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { '@aws-sdk/lib-dynamodb': '3.0.0', '@aws-sdk/client-dynamodb': '3.0.0' } }),
      'src/companies-table.ts': [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { DynamoDBDocument, paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';",
        'const db = DynamoDBDocument.from(new DynamoDBClient({}));',
        'const TABLE = process.env.COMPANIES_TABLE_NAME;',
        'export const putItem = async (item: object) => db.put({ TableName: TABLE, Item: item });',
        'export const scanItems = async () => {',
        '  const pages = paginateScan({ client: db }, { TableName: TABLE });',
        '  for await (const page of pages) void page;',
        '};',
        'export const queryItems = async (industry: string) => {',
        '  const pages = paginateQuery(',
        '    { client: db },',
        "    { TableName: TABLE, IndexName: 'IndustryCreatedAtIndex', KeyConditionExpression: '#industry = :industry' },",
        '  );',
        '  for await (const page of pages) void page;',
        '};',
        "export const toString = () => String(TABLE).toString();",
        '',
      ].join('\n'),
    });
    const access = data<DbAccessData>(await detect(dbAccessDetector, root), 'backend.db-access');
    expect(access.map((a) => [a.operation, a.line, a.envVar])).toEqual([
      ['Put', 5, 'COMPANIES_TABLE_NAME'],
      ['Scan', 7, 'COMPANIES_TABLE_NAME'],
      ['Query', 11, 'COMPANIES_TABLE_NAME'],
    ]);
    expect(access[2]).toMatchObject({ index: 'IndustryCreatedAtIndex', keyCondition: '#industry = :industry', function: 'queryItems' });
    const md = dataAccessPart(new FactSet(await detect(dbAccessDetector, root)), []);
    expect(md).toContain('| Query | `IndustryCreatedAtIndex` | `#industry = :industry` |');
  });
});

describe('Lambda authorizers', () => {
  it('the exported handler (or an exported function building the whole answer) is the authorizer; a helper handed the event is not', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'auth', private: true, dependencies: { 'aws-lambda': '1.0.0' } }),
      'src/authorizer.ts': [
        "import type { APIGatewayRequestAuthorizerEvent, APIGatewayTokenAuthorizerEvent, APIGatewayAuthorizerResult } from 'aws-lambda';",
        'export const handler = async (event: APIGatewayRequestAuthorizerEvent | APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {',
        '  const token = extractToken(event);',
        "  return { principalId: token ?? 'anon', policyDocument: { Version: '2012-10-17', Statement: [] } };",
        '};',
        'function extractToken(event: APIGatewayRequestAuthorizerEvent | APIGatewayTokenAuthorizerEvent): string | null {',
        '  const header = (event as any).authorizationToken || (event as any).headers?.authorization;',
        "  return header ? header.replace(/^Bearer /, '') : null;",
        '}',
        'const methodOf = (event: APIGatewayRequestAuthorizerEvent) => event.httpMethod;',
        'function deny(event: APIGatewayTokenAuthorizerEvent): APIGatewayAuthorizerResult {',
        "  return { principalId: 'x', policyDocument: { Version: '2012-10-17', Statement: [] } };",
        '}',
        'export { methodOf as unusedMethodOf };',
      ].join('\n'),
      'src/legacy.ts': [
        "import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';",
        'async function check(event: APIGatewayTokenAuthorizerEvent) { return event.authorizationToken === "x"; }',
        'module.exports = { handler: check };',
      ].join('\n'),
    });
    const auth = data<AuthData>(await detect(codeDetector, root), 'backend.auth').filter((a) => a.kind === 'authorizer');
    // `deny` builds an answer but is private; `methodOf` is exported under another name and builds none.
    expect(auth.map((a) => `${a.file}#${a.name}: ${a.detail}`).sort()).toEqual([
      'src/authorizer.ts#handler: Lambda REQUEST or TOKEN authorizer (APIGatewayRequestAuthorizerEvent)',
      'src/legacy.ts#check: Lambda TOKEN authorizer (APIGatewayTokenAuthorizerEvent)',
    ]);
  });

  it('a handler typed as APIGatewayRequestAuthorizerHandler is the authorizer; shared helpers taking the event are not', async () => {
    // The shape of assign2-cdk-serverless-api: the handler's parameter is untyped, the helpers in shared/util.ts are typed.
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { 'aws-lambda': '1.0.0' } }),
      'shared/util.ts': [
        "import type { APIGatewayAuthorizerEvent, APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, PolicyDocument, StatementEffect } from 'aws-lambda';",
        'export const parseCookies = (event: APIGatewayRequestAuthorizerEvent | APIGatewayProxyEvent) => {',
        '  return event.headers?.Cookie;',
        '};',
        'export const createPolicy = (event: APIGatewayAuthorizerEvent, effect: StatementEffect): PolicyDocument => {',
        "  return { Version: '2012-10-17', Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: [event.methodArn] }] };",
        '};',
      ].join('\n'),
      'lambdas/auth/authorizer.ts': [
        "import { APIGatewayRequestAuthorizerHandler } from 'aws-lambda';",
        "import { createPolicy, parseCookies } from '../../shared/util';",
        'export const handler: APIGatewayRequestAuthorizerHandler = async (event) => {',
        '  const cookies = parseCookies(event);',
        "  if (!cookies) return { principalId: 'unauthorised', policyDocument: createPolicy(event, 'Deny') };",
        "  return { principalId: 'user', policyDocument: createPolicy(event, 'Allow') };",
        '};',
      ].join('\n'),
    });
    const auth = data<AuthData>(await detect(codeDetector, root), 'backend.auth').filter((a) => a.kind === 'authorizer');
    expect(auth.map((a) => `${a.file}:${a.line}#${a.name}: ${a.detail}`)).toEqual(['lambdas/auth/authorizer.ts:3#handler: Lambda REQUEST authorizer (APIGatewayRequestAuthorizerEvent)']);
  });
});
