import { describe, expect, it } from 'vitest';
import { cognitoUsageDetector, dependenciesDetector, packageName, paymentsDetector, type CognitoUsageData, type DependencyData, type PaymentUsageData } from '../src/detectors/integrations/index.js';
import { secretsSourcesDetector, type SecretSourceData } from '../src/detectors/secrets-sources/index.js';
import { EXAMPLE, detect, indexOf } from './helpers/fixture.js';
import { textImports } from '../src/detectors/stack/imports-text.js';
import { importsFromText } from '../src/detectors/shared/text-scan.js';
import { detectComponents } from '../src/detectors/stack/components.js';

const roles = (list: PaymentUsageData[]) => list.map((u) => [u.role, u.file, u.line, u.detail]);

describe('payments detector', () => {
  it('maps a Stripe integration: SDK, webhook signature check, events, checkout, prices', async () => {
    const usage = (await detect(paymentsDetector, 'cfg-integrations')).map((f) => f.data as PaymentUsageData);
    expect(usage.every((u) => u.provider === 'stripe')).toBe(true);
    expect(roles(usage)).toEqual([
      ['server-sdk', 'apps/server/src/stripe.ts', 1, 'stripe'],
      ['server-sdk', 'apps/server/src/stripe.ts', 4, 'new Stripe(…)'],
      ['price-id', 'apps/server/src/stripe.ts', 5, 'price_1NqXyZAbCdEfGhIjKl'],
      ['signature-header', 'apps/server/src/stripe.ts', 8, 'stripe-signature'],
      ['signature-verification', 'apps/server/src/stripe.ts', 9, 'webhooks.constructEvent'],
      ['server-checkout', 'apps/server/src/stripe.ts', 19, 'checkout.sessions.create'],
      ['webhook-events', 'apps/server/src/stripe.ts', 11, 'checkout.session.completed, customer.subscription.deleted'],
      ['client-sdk', 'apps/web/src/checkout.ts', 1, '@stripe/stripe-js'],
      ['client-checkout', 'apps/web/src/checkout.ts', 3, 'loadStripe'],
    ]);
  });

  it('maps the example Paddle integration: HMAC check, webhook events, paddle-js checkout in both frontends, prices', async () => {
    const usage = (await detect(paymentsDetector, EXAMPLE)).map((f) => f.data as PaymentUsageData);
    const of = (role: string) => usage.filter((u) => u.role === role).map((u) => `${u.file}:${u.line} ${u.detail}`);
    expect(of('signature-verification')).toEqual(['packages/api/src/lib/paddle.ts:26 HMAC (createHmac)']);
    expect(of('signature-header')).toEqual(['packages/api/src/handlers/billing/paddle-webhook.ts:15 Paddle-Signature']);
    expect(of('webhook-events')).toEqual(['packages/api/src/handlers/billing/paddle-webhook.ts:8 subscription.canceled, subscription.created, subscription.updated']);
    expect(of('client-checkout').map((s) => s.split(':')[0])).toEqual([
      'packages/dashboard/src/lib/paddle.ts', 'packages/dashboard/src/lib/paddle.ts',
      'packages/landing/src/components/CheckoutButton.tsx', 'packages/landing/src/components/CheckoutButton.tsx',
    ]);
    expect(of('price-env').map((s) => s.split(' ')[1])).toContain('VITE_PADDLE_PRICE_PRO');
    expect(of('plan-definition').map((s) => s.split(' ')[1])).toContain('PLAN_LIMITS');
  });
});

describe('cognito usage detector', () => {
  it('finds Amplify sign-in in a frontend', async () => {
    const usage = (await detect(cognitoUsageDetector, 'cfg-integrations')).map((f) => f.data as CognitoUsageData);
    expect(usage.map((u) => [u.file, u.library, u.side, u.symbols])).toEqual([
      ['apps/web/src/auth.ts', 'aws-amplify', 'frontend', ['Amplify']],
      ['apps/web/src/auth.ts', 'aws-amplify/auth', 'frontend', ['signIn', 'signOut', 'fetchAuthSession']],
    ]);
  });

  it('finds the example frontend, backend and trigger handler uses', async () => {
    const usage = (await detect(cognitoUsageDetector, EXAMPLE)).map((f) => f.data as CognitoUsageData);
    expect(usage.map((u) => `${u.side} ${u.file} ${u.library}`)).toEqual([
      'backend packages/api/src/authorizers/api-key-authorizer.ts aws-jwt-verify',
      'backend packages/api/src/lib/cognito.ts @aws-sdk/client-cognito-identity-provider',
      'trigger packages/api/src/triggers/post-confirmation.ts aws-lambda',
      'frontend packages/dashboard/src/lib/cognito.ts amazon-cognito-identity-js',
    ]);
  });
});

describe('cognito usage by package', () => {
  it('puts an SDK client in a browser app under the frontend, and identity-pool credentials apart from the admin API', async () => {
    // ahmad-almoustafa/aws-cdk-typescript-serverless-app: the React app gets S3 credentials from an identity pool.
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'frontend/package.json': JSON.stringify({
        name: 'frontend', private: true, scripts: { dev: 'vite' },
        dependencies: { react: '^18', 'react-dom': '^18', '@aws-sdk/client-cognito-identity': '^3', '@aws-sdk/client-cognito-identity-provider': '^3' },
        devDependencies: { vite: '^4' },
      }),
      'frontend/src/AuthService.ts': "import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';\nexport const c = new CognitoIdentityClient({});\n",
      'frontend/src/SignIn.ts': "import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';\nexport const i = InitiateAuthCommand;\n",
      'api/package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4', '@aws-sdk/client-cognito-identity-provider': '^3' } }),
      'api/src/users.ts': "import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';\nexport const a = AdminGetUserCommand;\n",
    });
    const usage = (await detect(cognitoUsageDetector, root)).map((f) => f.data as CognitoUsageData);
    expect(usage.map((u) => `${u.side} ${u.file}`).sort()).toEqual([
      'backend api/src/users.ts',
      'frontend frontend/src/SignIn.ts',
      'identity frontend/src/AuthService.ts',
    ]);
  });
});

describe('dependencies detector', () => {
  it('lists runtime dependencies with their purpose and import sites', async () => {
    const deps = new Map((await detect(dependenciesDetector, 'cfg-integrations')).map((f) => [f.id, f.data as DependencyData]));
    expect(deps.get('@shop/server stripe')).toMatchObject({ purpose: 'Stripe server SDK', category: 'payments', importedIn: ['apps/server/src/stripe.ts'] });
    expect(deps.get('@shop/server express')!.importedIn).toEqual(['apps/server/src/index.ts', 'apps/server/src/stripe.ts']);
    expect(deps.get('@shop/web aws-amplify')!.importedIn).toEqual(['apps/web/src/auth.ts']);
    expect(deps.get('@shop/server left-pad')).toMatchObject({ purpose: undefined, importedIn: [] });
    expect(packageName('@aws-sdk/client-s3/dist-es')).toBe('@aws-sdk/client-s3');
    expect(packageName('lodash/fp')).toBe('lodash');
  });
});

describe('secrets-sources detector', () => {
  it('finds SSM and Secrets Manager reads in code and references in CDK, names only', async () => {
    const sources = (await detect(secretsSourcesDetector, 'cfg-integrations')).map((f) => f.data as SecretSourceData);
    expect(sources.map((s) => [s.provider, s.action, s.name, s.resolved, s.via, s.line])).toEqual([
      ['ssm', 'read', '/shop/prod/db-password', true, 'GetParameterCommand', 10],
      ['secrets-manager', 'read', 'shop/stripe', true, 'GetSecretValueCommand', 12],
      ['ssm', 'read', '/shop/${stage}/flags', false, 'Powertools getParameter', 13],
      ['ssm', 'reference', '/shop/prod/api-url', true, 'StringParameter.valueForStringParameter', 9],
      ['secrets-manager', 'reference', 'shop/stripe', true, 'Secret.fromSecretNameV2', 10],
      ['secrets-manager', 'define', 'shop/jwt', true, 'new Secret', 11],
      ['plaintext', 'define', '', false, 'SecretValue.unsafePlainText', 12],
    ]);
  });

  it('a Put/Update of a secret value is a write; only CreateSecret and new Secret define one', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'rotate', private: true, dependencies: { '@aws-sdk/client-secrets-manager': '^3.0.0' } }),
      'src/rotate.ts': [
        "import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';",
        'const client = new SecretsManagerClient({});',
        "await client.send(new PutSecretValueCommand({ SecretId: 'app/key', SecretString: next }));",
        "await client.send(new UpdateSecretCommand({ SecretId: 'app/key', Description: 'rotated' }));",
        "await client.send(new CreateSecretCommand({ Name: 'app/other', SecretString: next }));",
        '',
      ].join('\n'),
    });
    const sources = (await detect(secretsSourcesDetector, root)).map((f) => f.data as SecretSourceData);
    expect(sources.map((s) => [s.action, s.name, s.via, s.line])).toEqual([
      ['write', 'app/key', 'PutSecretValueCommand', 3],
      ['write', 'app/key', 'UpdateSecretCommand', 4],
      ['define', 'app/other', 'CreateSecretCommand', 5],
    ]);
  });

  it('reads an aws-sdk v2 request built before the call (`ssm.getParametersByPath(query)`)', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true }),
      'scripts/fetchconfig.js':
        "var AWS = require('aws-sdk');\nvar ssm = new AWS.SSM();\nconst query = { \"Path\": '/shop/', \"Recursive\": true };\nssm.getParametersByPath(query).promise();\nconfig.getParameter(other);\n",
    });
    const sources = (await detect(secretsSourcesDetector, root)).map((f) => f.data as SecretSourceData);
    expect(sources.map((s) => [s.provider, s.action, s.name, s.via, s.line])).toEqual([['ssm', 'read', '/shop/', 'getParametersByPath', 4]]);
  });
});

describe('"not imported in source" is a conclusion over the whole repository', () => {
  it('a Lambda layer declares what the handlers beside it require: imported outside the declaring package, not "not imported"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const { dependenciesSection } = await import('../src/steps/parts/integrations-deps.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { 'aws-cdk-lib': '^2.0.0' } }),
      'layer/nodejs/package.json': JSON.stringify({ name: 'deps-layer', private: true, dependencies: { uuid: '^9.0.0', 'left-pad': '^1.0.0' } }),
      'lambda/create/index.js': "const { v4 } = require('uuid');\nexports.handler = async () => v4();\n",
    });
    const facts = dependenciesDetector.detect(await buildIndex(root)) as { data: DependencyData }[];
    const uuid = facts.find((f) => f.data.name === 'uuid')!.data;
    expect(uuid.importedIn).toEqual([]);
    expect(uuid.importedElsewhere).toEqual(['lambda/create/index.js']);
    expect(facts.find((f) => f.data.name === 'left-pad')!.data.importedElsewhere).toBeUndefined();
    const md = dependenciesSection(facts as never);
    expect(md).toContain('| `uuid` |');
    expect(md).toMatch(/\| `uuid` \|[^\n]*outside the declaring package: `\/lambda\/create\/index\.js`/);
    expect(md).toMatch(/\| `left-pad` \|[^\n]*not imported in source \|/);
  });

  it('a Lambda package that declares the package in devDependencies (bundled) declares it: its files are not "outside the declaring package"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const { dependenciesSection } = await import('../src/steps/parts/integrations-deps.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@aws-lambda-powertools/logger': '^1.9.0' } }),
      'lib/authoriser/package.json': JSON.stringify({ name: 'authoriser', private: true, devDependencies: { '@aws-lambda-powertools/logger': '^1.9.0', jest: '^29.0.0' } }),
      'lib/authoriser/index.ts': "import { Logger } from '@aws-lambda-powertools/logger';\nexport const logger = new Logger();\n",
      'lib/authoriser/index.test.ts': "import { expect } from 'jest';\n",
    });
    const facts = dependenciesDetector.detect(await buildIndex(root)) as { data: DependencyData }[];
    const logger = facts.filter((f) => f.data.name === '@aws-lambda-powertools/logger').map((f) => [f.data.package, f.data.field, f.data.importedIn]);
    expect(logger).toEqual([
      ['app', 'dependencies', []],
      ['authoriser', 'devDependencies', ['lib/authoriser/index.ts']],
    ]);
    // A devDependency no package declares for runtime (a test runner) stays out of the table.
    expect(facts.some((f) => f.data.name === 'jest')).toBe(false);
    const md = dependenciesSection(facts as never);
    expect(md).toMatch(/\| `@aws-lambda-powertools\/logger` \|[^\n]*authoriser `\^1\.9\.0` \(dev\) \| `\/lib\/authoriser\/index\.ts` \|/);
    expect(md).not.toContain('outside the declaring package');
  });

  it('a package that declares a runtime dependency of another only for development is among the declaring packages (r25, astro-monorepo)', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const { dependenciesSection } = await import('../src/steps/parts/integrations-deps.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
      'apps/dbs/package.json': JSON.stringify({ name: '@dbs/site', private: true, dependencies: { 'svelte-headless-table': '^0.13.3' } }),
      'apps/dbs/src/table.ts': "import { createTable } from 'svelte-headless-table';\nexport const t = createTable;\n",
      'apps/fab/package.json': JSON.stringify({ name: '@onwidget/astrowind', private: true, devDependencies: { 'svelte-headless-table': '^0.13.4', prettier: '^2.0.0' } }),
      'apps/fab/src/index.ts': 'export const x = 1;\n',
    });
    const facts = dependenciesDetector.detect(await buildIndex(root)) as { data: DependencyData }[];
    const md = dependenciesSection(facts as never);
    expect(md).toMatch(/\| `svelte-headless-table` \|[^\n]*\| @dbs\/site `\^0\.13\.3`, @onwidget\/astrowind `\^0\.13\.4` \(dev\) \| `\/apps\/dbs\/src\/table\.ts` \|/);
    expect(facts.some((f) => f.data.name === 'prettier')).toBe(false);
  });

  it('a package declared inside a vendor/ business domain imports it itself; "outside" names every declaring package', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const { dependenciesSection } = await import('../src/steps/parts/integrations-deps.js');
    // serverless-eda-insurance-claims-processing: the root declares it (dev) and imports it; so does lib/services/vendor/app.
    const eda = tempRepo({
      'package.json': JSON.stringify({ name: 'insurance', private: true, devDependencies: { '@aws-sdk/client-eventbridge': '^3.900.0' } }),
      'lib/services/claims/app/handlers/fnol.js': "const { EventBridgeClient } = require('@aws-sdk/client-eventbridge');\nmodule.exports = new EventBridgeClient({});\n",
      'lib/services/vendor/app/package.json': JSON.stringify({ name: 'node-vendor-service', dependencies: { '@aws-sdk/client-eventbridge': '^3.900.0' } }),
      'lib/services/vendor/app/index.js': "const { EventBridgeClient } = require('@aws-sdk/client-eventbridge');\nmodule.exports = new EventBridgeClient({});\n",
    });
    const edaMd = dependenciesSection(dependenciesDetector.detect(await buildIndex(eda)) as never);
    expect(edaMd).toContain('| `@aws-sdk/client-eventbridge` | EventBridge client | insurance `^3.900.0` (dev), node-vendor-service `^3.900.0` | `/lib/services/claims/app/handlers/fnol.js`, `/lib/services/vendor/app/index.js` |');
    // Two packages declare it and neither imports it: the files are outside both.
    const two = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['a', 'b', 'c'] }),
      'a/package.json': JSON.stringify({ name: 'a', dependencies: { uuid: '^9.0.0' } }),
      'a/index.js': 'module.exports = 1;\n',
      'b/package.json': JSON.stringify({ name: 'b', dependencies: { uuid: '^9.0.0' } }),
      'b/index.js': 'module.exports = 2;\n',
      'c/package.json': JSON.stringify({ name: 'c' }),
      'c/index.js': "const { v4 } = require('uuid');\nmodule.exports = v4;\n",
    });
    const twoMd = dependenciesSection(dependenciesDetector.detect(await buildIndex(two)) as never);
    expect(twoMd).toMatch(/\| `uuid` \|[^\n]*\| a `\^9\.0\.0`, b `\^9\.0\.0` \| outside the declaring packages: `\/c\/index\.js` \|/);
  });
});

describe('"Imported in" counts every import the declaring package resolves', () => {
  it('an Nx lib importing what the workspace root declares counts for the root; an import no enclosing package declares is said beside the count', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const { dependenciesSection } = await import('../src/steps/parts/integrations-deps.js');
    // nestjs-ai-saas-starter: the root and one lib declare zod; other libs (own package.json, not declaring it) import it.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'source', private: true, dependencies: { zod: '^3.25.0' } }),
      'libs/memory/package.json': JSON.stringify({ name: '@x/memory', dependencies: { zod: '^3.22.0', uuid: '^9.0.0' } }),
      'libs/memory/src/a.ts': "import { z } from 'zod';\nexport const a = z.string();\n",
      'libs/checkpoint/package.json': JSON.stringify({ name: '@x/checkpoint', peerDependencies: { tslib: '^2.3.0' } }),
      'libs/checkpoint/src/b.ts': "import { z } from 'zod';\nexport const b = z.number();\n",
      'apps/api/src/main.ts': "import { z } from 'zod';\nexport const c = z.boolean();\n",
      // uuid: declared by a lib only; a sibling lib that does not declare it imports it too.
      'libs/memory/src/id.ts': "import { v4 } from 'uuid';\nexport const id = v4();\n",
      'libs/checkpoint/src/id.ts': "import { v4 } from 'uuid';\nexport const id = v4();\n",
    });
    const facts = dependenciesDetector.detect(await buildIndex(root)) as { data: DependencyData }[];
    const zod = facts.filter((f) => f.data.name === 'zod').map((f) => [f.data.package, f.data.importedIn, f.data.importedElsewhere]);
    expect(zod).toEqual([
      ['source', ['apps/api/src/main.ts', 'libs/checkpoint/src/b.ts'], undefined],
      ['@x/memory', ['libs/memory/src/a.ts'], undefined],
    ]);
    const md = dependenciesSection(facts as never);
    expect(md).toMatch(/\| `zod` \|[^\n]*\| `\/apps\/api\/src\/main\.ts`, `\/libs\/checkpoint\/src\/b\.ts`, `\/libs\/memory\/src\/a\.ts` \|/);
    expect(md).toMatch(/\| `uuid` \|[^\n]*\| `\/libs\/memory\/src\/id\.ts`; also `\/libs\/checkpoint\/src\/id\.ts` outside the declaring package \|/);
  });
});

describe('SST secrets', () => {
  it('finds SST v3 `sst.Secret` and v2 `Config.Secret` definitions and the code that reads them, not other linked resources', async () => {
    const sources = (await detect(secretsSourcesDetector, 'be-sst')).map((f) => f.data as SecretSourceData);
    expect(sources.map((s) => [s.provider, s.action, s.name, s.via, s.file, s.line])).toEqual([
      ['sst', 'define', 'StripeSecret', 'new sst.Secret', 'infra/storage.ts', 9],
      ['sst', 'define', 'LEGACY_STRIPE_KEY', 'new Config.Secret', 'legacy/stacks/MyStack.ts', 25],
      ['sst', 'read', 'LEGACY_STRIPE_KEY', 'Config.LEGACY_STRIPE_KEY', 'legacy/packages/functions/src/cleanup.ts', 3],
      ['sst', 'read', 'StripeSecret', 'Resource.StripeSecret.value', 'packages/functions/src/billing.ts', 5],
    ]);
  });

  it('step 8 shows them as secrets, not "no Parameter Store or Secrets Manager use"', async () => {
    const { configurationStep } = await import('../src/steps/08-configuration.js');
    const { section } = await import('./helpers/fixture.js');
    const md = (await section(configurationStep, 'be-sst')).markdown;
    expect(md).not.toContain('No SSM Parameter Store');
    expect(md).toContain('| SST secret | `StripeSecret` | define | `new sst.Secret` | `/infra/storage.ts:9` |');
    expect(md).toContain('| SST secret | `StripeSecret` | read | `Resource.StripeSecret.value` | `/packages/functions/src/billing.ts:5` |');
    expect(md).toContain('set one with `npx sst secret set <Name> <value>`');
  });
});

describe('commented-out imports', () => {
  it('are not imports: a `//` line or a `/* … */` block names no dependency, binds no name and creates no construct', async () => {
    const deps = new Map((await detect(dependenciesDetector, 'deps-commented-imports')).map((f) => [f.id, f.data as DependencyData]));
    expect(deps.get('commented-imports express')!.importedIn).toEqual(['src/server.ts']);
    expect(deps.get('commented-imports stripe')!.importedIn).toEqual([]);
    expect(deps.get('commented-imports marked')!.importedIn).toEqual([]);
    expect(textImports("// import { EventBus } from 'aws-cdk-lib/aws-events';\n/* import * as s3 from 'aws-cdk-lib/aws-s3' */\n").names.size).toBe(0);
    expect(importsFromText("/*\nimport { Bucket } from 'aws-cdk-lib/aws-s3';\n*/\nimport { Table } from 'aws-cdk-lib/aws-dynamodb';").has('Bucket')).toBe(false);
    const titles = detectComponents(await indexOf('deps-commented-imports')).map((c) => c.title);
    expect(titles).toContain('DynamoDB');
    expect(titles).not.toContain('S3');
    expect(titles).not.toContain('SQS');
  });
});

describe('stylesheet imports', () => {
  it("`@import 'node_modules/modern-normalize/…'` in a CSS file is a use of modern-normalize, not 'not imported'", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { 'modern-normalize': '^1.0.0', 'open-props': '^1.0.0' } }),
      'assets/base.css': "@import 'node_modules/modern-normalize/modern-normalize.css';\n@import '../node_modules/open-props/open-props.min.css';\nbody { margin: 0; }\n",
    });
    const deps = new Map((await detect(dependenciesDetector, root)).map((f) => [f.id, f.data as DependencyData]));
    expect(deps.get('web modern-normalize')!.importedIn).toEqual(['assets/base.css']);
    expect(deps.get('web open-props')!.importedIn).toEqual(['assets/base.css']);
  });
});

describe('known package purposes', () => {
  it('names common libraries, falls back to the stack catalogue, and leaves unknown names without a purpose', async () => {
    const { knownPackage } = await import('../src/detectors/integrations/known-packages.js');
    expect(knownPackage('sst')?.purpose).toMatch(/SST/);
    expect(knownPackage('react-bootstrap')?.purpose).toBe('Bootstrap components for React');
    expect(knownPackage('@fastify/cors')?.purpose).toBe('Fastify plugin');
    // Only in the stack table's catalogue: its label is better than nothing.
    expect(knownPackage('@mui/material')?.purpose).toBe('Material UI components');
    expect(knownPackage('vitest')).toMatchObject({ category: 'stack', purpose: 'Vitest' });
    expect(knownPackage('left-pad')).toBeUndefined();
    expect(knownPackage('react-redux')?.purpose).toBe('React bindings for Redux');
    expect(knownPackage('http-proxy-middleware')?.category).toBe('http');
    expect(knownPackage('@tanstack/react-query-devtools')?.purpose).toBe('TanStack Query devtools panel');
    // The whole `@aws-cdk/aws-*` scope by rule: v1 construct libraries, and v2's `-alpha` experimental modules.
    expect(knownPackage('@aws-cdk/aws-lambda-nodejs')).toEqual({ category: 'infrastructure', purpose: 'AWS CDK v1 lambda-nodejs constructs' });
    expect(knownPackage('@aws-cdk/aws-dynamodb')?.purpose).toBe('AWS CDK v1 dynamodb constructs');
    expect(knownPackage('@aws-cdk/aws-apigatewayv2-alpha')?.purpose).toBe('AWS CDK v2 experimental apigatewayv2 constructs');
    expect(knownPackage('@aws-cdk/core')?.purpose).toBe('AWS CDK v1');
  });
});

describe('import counts of a dependency', () => {
  it('count a declaration file that imports the package (`import "react-i18next"` to augment its types), not a `declare module` shim', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { 'react-i18next': '^13.0.0', 'left-pad': '^1.0.0' } }),
      'src/App.tsx': "import { useTranslation } from 'react-i18next';\nexport const App = () => useTranslation().t('x');\n",
      'src/@types/react-i18next.d.ts': 'import "react-i18next";\ndeclare module "i18next" {\n  interface CustomTypeOptions {}\n}\n',
      'src/@types/shims.d.ts': "declare module 'left-pad';\n",
    });
    const facts = dependenciesDetector.detect(await buildIndex(root)) as { data: DependencyData }[];
    expect(facts.find((f) => f.data.name === 'react-i18next')!.data.importedIn).toEqual(['src/@types/react-i18next.d.ts', 'src/App.tsx']);
    expect(facts.find((f) => f.data.name === 'left-pad')!.data.importedIn).toEqual([]);
  });
});

describe('well-known packages found unlabelled by hand-check round 16', () => {
  it('names what they are for, and says the aws-lambda npm package is a deploy CLI', async () => {
    const { knownPackage } = await import('../src/detectors/integrations/known-packages.js');
    expect(knownPackage('pino-pretty')).toEqual({ category: 'observability', purpose: 'human-readable pino log output (a pino transport)' });
    expect(knownPackage('body-parser')?.purpose).toBe('request body parsing middleware (Express)');
    expect(knownPackage('@tsed/schema')).toEqual({ category: 'framework', purpose: 'Ts.ED framework module' });
    expect(knownPackage('aws-lambda')?.purpose).toContain('deploy CLI');
    // The longest prefix still wins, and the AWS SDK clients keep their names.
    expect(knownPackage('@aws-sdk/client-kinesis')?.purpose).toBe('AWS SDK v3 kinesis client');
    expect(knownPackage('left-pad')).toBeUndefined();
    expect(knownPackage('react-redux')?.purpose).toBe('React bindings for Redux');
    expect(knownPackage('http-proxy-middleware')?.category).toBe('http');
    expect(knownPackage('@tanstack/react-query-devtools')?.purpose).toBe('TanStack Query devtools panel');
    // The whole `@aws-cdk/aws-*` scope by rule: v1 construct libraries, and v2's `-alpha` experimental modules.
    expect(knownPackage('@aws-cdk/aws-lambda-nodejs')).toEqual({ category: 'infrastructure', purpose: 'AWS CDK v1 lambda-nodejs constructs' });
    expect(knownPackage('@aws-cdk/aws-dynamodb')?.purpose).toBe('AWS CDK v1 dynamodb constructs');
    expect(knownPackage('@aws-cdk/aws-apigatewayv2-alpha')?.purpose).toBe('AWS CDK v2 experimental apigatewayv2 constructs');
    expect(knownPackage('@aws-cdk/core')?.purpose).toBe('AWS CDK v1');
  });
});

describe('MDX imports', () => {
  it("an .mdx page's top-level `import … from 'pkg'` is a use of pkg; prose and code samples are not", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', private: true, dependencies: { 'astro-widgets': '^1.0.0', 'sample-only': '^1.0.0', 'prose-only': '^1.0.0' } }),
      'src/pages/about.mdx': [
        '---',
        'title: About',
        '---',
        "import { Notification } from 'astro-widgets'",
        '',
        '# About',
        '',
        "Data comes from 'prose-only' in this sentence.",
        '',
        '```js',
        "import x from 'sample-only'",
        '```',
      ].join('\n'),
      'src/pages/index.astro': "---\nimport { Card } from 'astro-widgets';\n---\n<Card />\n",
    });
    const deps = new Map((await detect(dependenciesDetector, root)).map((f) => [f.id, f.data as DependencyData]));
    expect(deps.get('site astro-widgets')!.importedIn).toEqual(['src/pages/about.mdx', 'src/pages/index.astro']);
    expect(deps.get('site sample-only')!.importedIn).toEqual([]);
    expect(deps.get('site prose-only')!.importedIn).toEqual([]);
  });
});
