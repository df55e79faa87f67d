/**
 * The environment model: every read form and every set form, joined once, and rendered the same way by the steps
 * that show variables (5, 8, 9, 10).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import type { EnvVarView } from '../src/model/env.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, indexOf, section } from './helpers/fixture.js';

const modelOf = async (fixture: string) => RepoModel.of(new Analysis(await indexOf(fixture))).env();
const reads = (v: EnvVarView | undefined) => (v?.reads ?? []).map((r) => [r.file, r.lines[0], r.via, r.hasFallback, r.exportedAs ?? null, r.test]);
const sets = (v: EnvVarView | undefined) => (v?.sets ?? []).map((s) => [s.kind, s.tool ?? null, s.owner ?? null, s.at.file, s.at.line ?? null]);

describe('env model: read forms', () => {
  it('reads validated env (t3-env, envalid, zod, valibot, a schema imported from another module) where the code parses it', async () => {
    const env = await modelOf('env-reads');
    expect(reads(env.get('AUTH_SECRET'))).toEqual([['src/t3.ts', 6, 'schema', false, 'env.AUTH_SECRET', false]]);
    // The schema says RESEND_KEY is optional; `runtimeEnv: { RESEND_KEY: process.env.RESEND_KEY }` only hands it over.
    expect(env.get('RESEND_KEY')!.reads.map((r) => [r.file, r.lines, r.hasFallback])).toEqual([['src/t3.ts', [7, 12], true]]);
    expect(reads(env.get('PUBLIC_APP_NAME'))[0]?.[0]).toBe('src/t3.ts');
    expect(reads(env.get('API_TOKEN'))).toEqual([['src/envalid.ts', 4, 'schema', false, 'settings.API_TOKEN', false]]);
    expect(reads(env.get('LISTEN_PORT'))).toEqual([['src/envalid.ts', 5, 'schema', true, 'settings.LISTEN_PORT', false]]);
    expect(reads(env.get('LOG_LEVEL'))).toEqual([['src/zod-config.ts', 5, 'schema', true, 'config.LOG_LEVEL', false]]);
    expect(reads(env.get('SENTRY_DSN'))).toEqual([['src/valibot-env.ts', 4, 'schema', false, 'env.SENTRY_DSN', false]]);
    expect(reads(env.get('BILLING_URL'))).toEqual([['src/imported-schema.ts', 4, 'schema', false, 'serverEnv.BILLING_URL', false]]);
  });

  it('reads env-var, Deno, Bun, Vite loadEnv, SvelteKit $env imports, destructuring and loops over literal names', async () => {
    const env = await modelOf('env-reads');
    expect(reads(env.get('REDIS_HOST'))).toEqual([['src/env-var.ts', 3, 'env-var', false, 'redisHost', false]]);
    expect(reads(env.get('TIMEOUT_MS'))).toEqual([['src/env-var.ts', 4, 'env-var', true, 'timeoutMs', false]]);
    expect(reads(env.get('DENO_KV_TOKEN'))).toEqual([['src/runtimes.ts', 4, 'Deno.env', false, 'denoKey', false]]);
    expect(reads(env.get('BUN_API_KEY'))).toEqual([['src/runtimes.ts', 5, 'Bun.env', false, 'bunKey', false]]);
    expect(reads(env.get('API_PROXY_TARGET'))).toEqual([['vite.config.ts', 6, 'loadEnv', false, null, false]]);
    expect(reads(env.get('PRISMA_DB_URL'))).toEqual([['prisma.config.ts', 3, 'helper', false, null, false]]);
    expect(reads(env.get('SK_PRIVATE_TOKEN'))).toEqual([['web/src/routes/+page.server.ts', 1, 'import', false, null, false]]);
    expect(reads(env.get('QUEUE_NAME'))).toEqual([['src/worker.ts', 1, 'destructuring', false, null, false]]);
    expect(reads(env.get('REGION_OVERRIDE'))).toEqual([['src/worker.ts', 1, 'destructuring', true, null, false]]);
    expect(reads(env.get('STRIPE_KEY'))).toEqual([['src/worker.ts', 5, 'process.env', false, null, false]]);
    expect(reads(env.get('STRIPE_WEBHOOK_SECRET'))).toEqual([['src/worker.ts', 5, 'process.env', false, null, false]]);
    expect(reads(env.get('MAIL_FROM'))).toEqual([['src/worker.ts', 7, 'process.env', false, null, false]]);
  });

  it('reads Python and Go Lambdas, and never a commented-out line', async () => {
    const env = await modelOf('env-reads');
    expect(reads(env.get('ORDERS_TABLE'))).toEqual([['lambda/handler.py', 3, 'python', false, null, false]]);
    expect(reads(env.get('STAGE'))).toEqual([['lambda/handler.py', 4, 'python', true, null, false]]);
    expect(reads(env.get('ORDERS_BY_STATUS_INDEX'))).toEqual([['lambda/handler.py', 6, 'python', false, null, false]]);
    expect(reads(env.get('GO_PORT'))).toEqual([['cmd/main.go', 6, 'go', false, null, false]]);
    // A Go helper over os.LookupEnv: its calls name the variables.
    expect(reads(env.get('GO_API_TOKEN'))).toEqual([['cmd/main.go', 17, 'go', true, null, false]]);
    expect(env.get('COMMENTED_OUT')).toBeUndefined();
  });

  it('names the config module a value is exported from, lists production reads before tests, and takes an assignment for a set', async () => {
    const env = await modelOf('env-reads');
    expect(reads(env.get('PG_URL'))).toEqual([
      ['src/config.ts', 3, 'process.env', false, 'config.db.url', false],
      ['test/config.test.ts', 4, 'process.env', false, null, true],
    ]);
    expect(reads(env.get('HTTP_PORT'))[0]).toEqual(['src/config.ts', 4, 'process.env', true, 'config.port', false]);
    // Through a module that exports the environment, into a config class's property.
    // A converter named optional is a fallback; one that is not leaves the read required.
    expect(reads(env.get('SMTP_USER'))).toEqual([['src/settings.ts', 4, 'process.env', true, 'Settings.SMTP_USER', false]]);
    expect(reads(env.get('SENDER_ADDRESS'))).toEqual([['src/settings.ts', 5, 'process.env', false, 'Settings.SENDER_ADDRESS', false]]);
    // Playwright's webServer env sets it for the server the tests start: a test set, even with no read in that file.
    expect(env.get('E2E_SERVER_FLAG')?.sets.map((s) => [s.kind, s.at.file, s.at.line, s.test ?? false])).toEqual([['code', 'playwright.config.ts', 7, true]]);
    // The module that exports the environment itself reads no variable.
    expect([...env.vars.values()].flatMap((v) => v.reads).filter((r) => r.file === 'src/env-source.ts')).toEqual([]);
    expect(sets(env.get('PG_URL'))).toEqual([
      ['code', 'code', null, 'test/setup.ts', 2],
      ['example', null, null, '.env.example', 1],
    ]);
    expect(env.get('PG_URL')!.sets[0].test).toBe(true);
  });

  it('knows when the code copes with a variable unset: a positive check, a comparison; a negated check is a requirement', async () => {
    const env = await modelOf('env-reads');
    expect(reads(env.get('APP_VERSION'))[0][3]).toBe(true);
    expect(reads(env.get('BETA_FLAG'))[0][3]).toBe(true);
    expect(reads(env.get('LICENSE_KEY'))[0][3]).toBe(false);
    expect(reads(env.get('NO_TELEMETRY'))[0][3]).toBe(true);
    expect(reads(env.get('FEATURE_PREVIEW'))[0][3]).toBe(true);
    expect(reads(env.get('CLOUD_ONLY'))[0][3]).toBe(true);
    // `process.env = { ...process.env, X }` sets X.
    expect(sets(env.get('BUILD_STAMP'))).toEqual([['code', 'code', null, 'vite.config.ts', 5]]);
    // `{ ...process.env, X }` for a child process sets X too.
    expect(sets(env.get('CHILD_BUILD_DATE'))).toEqual([['code', 'code', null, 'src/runtimes.ts', 8]]);
    expect(sets(env.get('PUBLIC_BETA_ENABLED'))).toEqual([['code', 'code', null, 'src/runtimes.ts', 13]]);
    expect(env.get('region')).toBeUndefined();
  });

  it('keeps a computed name as unresolved, with the names it can be, except inside an env helper its call sites name', async () => {
    const env = await modelOf('env-reads');
    expect(reads(env.get('DEPLOYMENT_TYPE'))).toEqual([['src/helpers.ts', 7, 'helper', true, null, false]]);
    expect(reads(env.get('DEPLOY_REGION'))).toEqual([['src/helpers.ts', 14, 'helper', true, null, false]]);
    // A list helper: `checkMissing(['SMTP_HOST', 'SMTP_PORT'])` reads both, and its own `process.env[key]` is not unresolved.
    expect(reads(env.get('SMTP_HOST'))).toEqual([['src/check-env.ts', 10, 'helper', false, null, false]]);
    expect(reads(env.get('SMTP_PORT'))).toEqual([['src/check-env.ts', 10, 'helper', false, null, false]]);
    // `Object.entries(process.env).filter(([key]) => key.startsWith('PUBLIC_'))`: a copy of every `PUBLIC_*` variable.
    expect(env.dynamic.map((d) => [d.file, d.line, d.pattern])).toEqual([
      ['src/runtimes.ts', 12, '^PUBLIC_.*$'],
      ['src/worker.ts', 12, '^FEATURE_.*$'],
    ]);
    expect(env.readEvidence('FEATURE_BETA').map((e) => e.kind)).toEqual(['dynamic']);
    expect(env.readEvidence('UNUSED_LEFTOVER')).toEqual([]);
  });
});

describe('env model: set forms', () => {
  it('reads compose environment (map, list, merge keys), env_file with its committed example, and ${X} interpolation', async () => {
    const env = await modelOf('env-deploy');
    expect(sets(env.get('LOG_LEVEL'))).toEqual([['compose', 'docker compose', 'api', 'docker-compose.yml', 2]]);
    expect(sets(env.get('DATABASE_URL'))).toEqual([['compose', 'docker compose', 'api', 'docker-compose.yml', 12]]);
    expect(sets(env.get('FEATURE_FLAGS'))).toEqual([
      ['compose', 'docker compose', 'worker', 'docker-compose.yml', 17],
      ['platform', 'Netlify', 'production', 'netlify.toml', 8],
    ]);
    expect(sets(env.get('SENTRY_DSN'))).toEqual([['compose', 'docker compose', 'worker', 'docker-compose.yml', 18]]);
    const session = env.get('SESSION_SECRET')!.sets.find((s) => s.kind === 'compose-env-file')!;
    expect(session).toMatchObject({ owner: 'api', from: '.env.example', ref: '.env', at: { file: 'docker-compose.yml', line: 9 } });
    expect(env.get('POSTGRES_USER')!.sets.find((s) => s.kind === 'compose-env-file')).toMatchObject({ owner: 'db', from: 'db.env' });
    expect(env.get('POSTGRES_PASSWORD')!.consumers).toEqual([{ tool: 'docker compose', at: { file: 'docker-compose.yml', line: 12 } }]);
    // `$${POSTGRES_USER}` is an escaped dollar, not interpolation: the healthcheck's shell in the container expands it.
    expect(env.get('POSTGRES_USER')!.consumers).toEqual([{ tool: 'compose healthcheck', at: { file: 'docker-compose.yml', line: 23 } }]);
  });

  it('reads Dockerfile ENV (both forms) and ARG, Kubernetes env, envFrom ConfigMaps and kustomize generators, SAM and platform config', async () => {
    const env = await modelOf('env-deploy');
    // `ENV NODE_ENV=production \` / `PORT=3000`: each name on its own line.
    expect(sets(env.get('PORT'))).toEqual([['dockerfile', 'Dockerfile', null, 'Dockerfile', 8]]);
    expect(sets(env.get('LEGACY_GREETING'))).toEqual([['dockerfile', 'Dockerfile', null, 'Dockerfile', 9]]);
    expect(sets(env.get('BUILD_SHA'))).toEqual([
      ['dockerfile-arg', 'Dockerfile', 'stage build', 'Dockerfile', 3],
      ['platform', 'Vercel', 'build', 'vercel.json', 3],
    ]);
    expect(sets(env.get('ALLOWED_ORIGIN'))).toEqual([['kubernetes', 'Kubernetes', 'api / api', 'k8s/deployment.yaml', 12]]);
    expect(env.get('PAYMENTS_API_KEY')!.sets.find((s) => s.kind === 'kubernetes')).toMatchObject({ secretRef: true, at: { line: 14 } });
    expect(env.get('CLOUD_REGION')!.sets[0]).toMatchObject({ kind: 'kubernetes', from: 'k8s/configmap.yaml', ref: 'ConfigMap api-config', at: { line: 20 } });
    expect(env.get('REPORT_RECIPIENTS')!.sets[0]).toMatchObject({ kind: 'kubernetes', owner: 'nightly / report', ref: 'ConfigMap generated-config' });
    expect(env.external.map((e) => [e.tool, e.ref, e.file, e.line])).toEqual([['Kubernetes', 'secret api-secrets', 'k8s/deployment.yaml', 22]]);
    expect(sets(env.get('STAGE'))).toEqual([
      ['cloudformation', 'SAM/CloudFormation', 'Globals', 'template.yaml', 7],
      ['script', 'script', null, 'scripts/deploy.sh', 5],
    ]);
    expect(sets(env.get('ORDERS_TABLE'))).toEqual([['cloudformation', 'SAM/CloudFormation', 'OrdersFunction', 'template.yaml', 15]]);
    expect(sets(env.get('KV_NAMESPACE')).map((s) => [s[1], s[2], s[4]])).toEqual([['Cloudflare Wrangler', null, 4], ['Cloudflare Wrangler', 'staging', 7]]);
    expect(sets(env.get('FLY_APP_MODE'))).toEqual([['platform', 'Fly.io', null, 'fly.toml', 4]]);
    expect(sets(env.get('RENDER_WORKERS'))).toEqual([['platform', 'Render', 'api', 'render.yaml', 5]]);
    expect(sets(env.get('HEROKU_TIER'))).toEqual([['platform', 'Heroku', null, 'app.json', 3]]);
    expect(sets(env.get('STACK_MODE'))).toEqual([['compose', 'docker compose', 'web', 'deploy/stack.yaml', 6]]);
    // Scripts: `export`, assignments before a command (in any segment), a dotenv file a heredoc writes, npm scripts.
    expect(sets(env.get('DEPLOY_TARGET'))).toEqual([['script', 'script', null, 'scripts/deploy.sh', 3]]);
    expect(sets(env.get('DEPLOY_WEB'))).toEqual([['script', 'script', null, 'scripts/deploy.sh', 5]]);
    expect(sets(env.get('WEB_API_URL'))).toEqual([['script', 'script', null, 'scripts/deploy.sh', 6]]);
    expect(env.get('WEB_BUILD_ID')!.sets).toMatchObject([{ kind: 'script', ref: 'web/.env.local', at: { line: 8 } }]);
    expect(env.get('API_ENDPOINT')).toBeUndefined();
    expect(env.get('SERIAL')).toBeUndefined();
    expect(env.get('WEB_REGION')!.sets).toMatchObject([{ kind: 'script', ref: '$ENV_FILE', at: { line: 13 } }]);
    expect(sets(env.get('LOG_FORMAT'))).toEqual([['script', 'npm script', 'start:dev', 'package.json', 7]]);
    expect(sets(env.get('E2E'))).toEqual([['script', 'npm script', 'e2e', 'package.json', 8]]);
    // Python sets: a literal name, and a computed one that may set any variable.
    expect(sets(env.get('CACHE_DIR'))).toEqual([['code', 'code', null, 'jobs/secrets.py', 5]]);
    expect(env.dynamicSets.map((d) => [d.file, d.line])).toEqual([['jobs/secrets.py', 7]]);
    expect(env.setEvidence('SOMETHING_ELSE').map((e) => e.what)).toEqual(['set by a computed name (os.environ[key] =)']);
  });

  it('reads CDK environment and addEnvironment (through a wrapper too), ECS containers and secrets, and SST environment', async () => {
    const env = await modelOf('env-iac');
    expect(sets(env.get('TABLE_NAME'))).toEqual([['cdk', 'AWS CDK', 'OrdersFn', 'infra/lib/api-stack.ts', 19]]);
    expect(sets(env.get('FEATURE_X'))).toEqual([['cdk', 'AWS CDK', 'OrdersFn', 'infra/lib/api-stack.ts', 21]]);
    expect(sets(env.get('WORKER_QUEUE_URL'))).toEqual([['cdk', 'AWS CDK', 'Worker', 'infra/lib/api-stack.ts', 24]]);
    expect(sets(env.get('POWERTOOLS_SERVICE_NAME'))).toEqual([['cdk', 'AWS CDK', 'Worker', 'infra/lib/make-worker.ts', 4]]);
    expect(sets(env.get('WEB_ORIGIN'))).toEqual([['iac', 'AWS CDK', "container 'web'", 'infra/lib/api-stack.ts', 30]]);
    expect(env.get('WEB_SECRET')!.sets[0]).toMatchObject({ kind: 'iac', secretRef: true, at: { line: 31 } });
    expect(sets(env.get('SST_API_MODE'))).toEqual([['iac', 'SST', "Function 'Api'", 'sst-app/sst.config.ts', 8]]);
    expect(sets(env.get('NEXT_PUBLIC_STAGE'))).toEqual([['iac', 'SST', "Nextjs 'Site'", 'sst-app/sst.config.ts', 9]]);
    expect(sets(env.get('JOB_ID'))).toEqual([['iac', 'AWS CDK', "CustomState 'RunJob'", 'infra/lib/api-stack.ts', 36]]);
    // CodeBuild: a project's `environmentVariables`, and a Step Functions `CodeBuildStartBuild` overriding them.
    expect(sets(env.get('PUBLISH_STAGE'))).toEqual([['iac', 'AWS CDK', "Project 'Publish'", 'infra/lib/publish-stack.ts', 13]]);
    expect(sets(env.get('PUBLISH_BOT_ID'))).toEqual([['iac', 'AWS CDK', "CodeBuildStartBuild 'StartPublish'", 'infra/lib/publish-stack.ts', 18]]);
    // A CDK app in Python: `environment={…}` keys (not the nested dict's) and `add_environment`.
    expect(sets(env.get('REPORT_BUCKET'))).toEqual([['iac', 'AWS CDK', null, 'py-infra/stack.py', 15]]);
    expect(sets(env.get('REPORT_SCHEMA'))).toEqual([['iac', 'AWS CDK', null, 'py-infra/stack.py', 16]]);
    expect(sets(env.get('REPORT_MODE'))).toEqual([['iac', 'AWS CDK', null, 'py-infra/stack.py', 19]]);
    expect(env.get('type')).toBeUndefined();
  });

  it('marks runtime-provided variables, Lambda ones only for Lambda code, and never takes another app\'s dotenv for their source', async () => {
    const env = await modelOf('env-iac');
    const region = env.get('AWS_REGION')!;
    expect(env.runtimeFor(region, ['services/api/src/handler.ts'])).toBe('the AWS Lambda runtime');
    expect(env.runtimeFor(region, ['apps/web/src/region.ts'])).toBeUndefined();
    expect(env.setsFor(region, ['services/api/src/handler.ts'])).toEqual([]);
    expect(env.setsFor(region, ['apps/web/src/region.ts']).map((s) => s.at.file)).toEqual(['apps/web/.env.example']);
    expect(env.get('VERCEL_URL')!.runtime?.label).toBe('Vercel');
    expect(env.get('GITHUB_SHA')!.runtime?.label).toBe('GitHub Actions');
    expect((await modelOf('env-reads')).get('RAILWAY_ENVIRONMENT')!.runtime?.label).toBe('Railway');
    // A SAM function's package (CodeUri from Globals here) is Lambda code, all of it; another package is not.
    const deploy = await modelOf('env-deploy');
    expect(deploy.runtimeFor(deploy.get('AWS_REGION')!, ['lambdas/billing/lib/aws.js'])).toBe('the AWS Lambda runtime');
    expect(deploy.runtimeFor(deploy.get('AWS_REGION')!, ['tools/region.js'])).toBeUndefined();
    // A handler in the root package (`Handler: src/server.handler`) makes its folder Lambda code, not the whole root.
    expect(deploy.runtimeFor(deploy.get('AWS_REGION')!, ['src/server.ts'])).toBe('the AWS Lambda runtime');
    expect(deploy.runtimeFor(deploy.get('AWS_REGION')!, ['scripts/region.js'])).toBeUndefined();
  });

  it('takes a module imported by Lambda code (a bundled handler whose CodeUri folder has no handler file) for Lambda code', async () => {
    const env = await modelOf('env-lambda-shared');
    const region = env.get('AWS_REGION')!;
    // check-auth/index.ts imports shared.ts, which imports names.ts: both run in the Lambda.
    expect(env.runtimeFor(region, ['src/edge/shared/shared.ts'])).toBe('the AWS Lambda runtime');
    expect(env.runtimeFor(env.get('AWS_LAMBDA_FUNCTION_NAME')!, ['src/edge/shared/names.ts'])).toBe('the AWS Lambda runtime');
    expect(env.runtimeFor(region, ['tools/region.ts'])).toBeUndefined();
    const md = (await section(configurationStep, 'env-lambda-shared')).markdown;
    expect(md).toMatch(/\| `AWS_REGION` \| `\/src\/edge\/shared\/shared\.ts:4`[^\n]* \| set by the AWS Lambda runtime \|/);
  });
});

describe('env sections', () => {
  it('step 8 shows who sets each variable per package, production reads first, and hedges computed names', async () => {
    const iac = (await section(configurationStep, 'env-iac')).markdown;
    expect(iac).toContain('| `AWS_REGION` | `/services/api/src/handler.ts:5` | set by the AWS Lambda runtime | — |');
    expect(iac).toContain('| `AWS_REGION` | `/apps/web/src/region.ts:2` (as `region`) | `/apps/web/.env.example:1` | — |');
    expect(iac).toContain("| `WEB_SECRET` | `/services/web-task/src/index.ts:1` | AWS CDK `secrets` of `container 'web'` `/infra/lib/api-stack.ts:31` | **yes** |");
    const deploy = (await section(configurationStep, 'env-deploy')).markdown;
    expect(deploy).toContain(
      '| `PAYMENTS_API_KEY` | `/src/server.ts:8` (as `settings.apiKey`) | compose `env_file` of `api` `/docker-compose.yml:9` (`.env` not committed; names from `/.env.example`); Kubernetes `api / api` `/k8s/deployment.yaml:14` (from a Secret); `/.env.example:2` | **yes** |',
    );
    expect(deploy).toContain('| `POSTGRES_DB` | compose `env_file` of `db` `/docker-compose.yml:21` (`/db.env`); `/db.env:2` | — |');
    expect(deploy).toContain('- `POSTGRES_PASSWORD` — `/docker-compose.yml:12`');
    expect(deploy).toContain('- Kubernetes `secret api-secrets` for `api / api` — `/k8s/deployment.yaml:22`');
    const reads = (await section(configurationStep, 'env-reads')).markdown;
    expect(reads).toContain('| `PG_URL` | `/src/config.ts:3` (as `config.db.url`); 1 test file | assigned in tests `/test/setup.ts:2`; `/.env.example:1` | **yes** |');
    expect(reads).toContain('| `UNUSED_LEFTOVER` | `/.env.example:2` | — |');
    expect(reads).toMatch(/#### Set or declared, and not read by name\n\n.*\n\n\| Variable \| Set in \| Secret\? \|\n\| --- \| --- \| --- \|\n\| `FEATURE_BETA` \|/);
    for (const [fixture, md] of [['env-iac', iac], ['env-deploy', deploy], ['env-reads', reads]]) expect(missingCitations(md, await indexOf(fixture))).toEqual([]);
  });

  it('step 9 says "set nowhere" only for what nothing in the model sets', async () => {
    const md = (await section(workflowsStep, 'env-reads')).markdown;
    // A schema key or a check that throws: unset, startup fails (the code never gets `undefined`).
    expect(md).toContain('- `API_TOKEN` — required: startup fails if unset (schema `/src/envalid.ts:4`) — **set nowhere in the repository**');
    expect(md).toContain('- `PG_URL` — read without a fallback in `/src/config.ts:3`\n');
    expect(md).toContain('- `LICENSE_KEY` — required: startup fails if unset (checked at `/src/guards.ts:6`) — **set nowhere in the repository**');
    expect(md).not.toContain('`APP_VERSION` — read without a fallback');
    const deploy = (await section(workflowsStep, 'env-deploy')).markdown;
    expect(deploy).not.toContain('set nowhere');
  });

  it('steps 5 and 8 agree: every variable step 5 shows read in an app is read in the same file in step 8', async () => {
    for (const fixture of [EXAMPLE, 'fe-next-app', 'fe-astro-site', 'fe-react-router', 'env-iac']) {
      const five = (await section(frontendStep, fixture)).markdown;
      const eight = (await section(configurationStep, fixture)).markdown;
      const rows = [...five.matchAll(/^\| `([A-Z_][A-Z0-9_]*)` \| (?:yes|no) \| (`\/[^`]+`)/gm)];
      expect(rows.length).toBeGreaterThan(0);
      for (const [, name, firstRead] of rows) expect(eight).toMatch(new RegExp(`\\| \`${name}\` \\| ${firstRead.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    }
  });
});

describe('env model: what a Dockerfile ENV reaches, and packages by folder', () => {
  const setFiles = async (name: string, file: string) => {
    const env = await modelOf('env-scope');
    return env.setsFor(env.get(name)!, [file]).map((s) => s.at.file);
  };

  it('applies a Dockerfile ENV to the code its image holds: the build context, the COPY sources, the package its commands build', async () => {
    // apps/api/Dockerfile builds its own folder.
    expect(await setFiles('PORT', 'apps/api/server.js')).toEqual(['apps/api/Dockerfile']);
    expect(await setFiles('PORT', 'apps/worker/index.js')).toEqual([]);
    // compose builds docker/jobs.Dockerfile from the root; it copies apps/worker only.
    expect(await setFiles('QUEUE_NAME', 'apps/worker/index.js')).toEqual(['docker/jobs.Dockerfile']);
    expect(await setFiles('QUEUE_NAME', 'apps/web/build.js')).toEqual([]);
    // A root Dockerfile copies the whole repository but builds and runs @d/web.
    expect(await setFiles('API_URL', 'apps/web/build.js')).toEqual(['Dockerfile.web']);
    expect(await setFiles('API_URL', 'apps/worker/index.js')).toEqual([]);
  });

  it('keeps two packages with one name apart in step 8', async () => {
    const md = (await section(configurationStep, 'env-scope')).markdown;
    expect(md).toContain('#### copy-app — `/copies/a`');
    expect(md).toContain('#### copy-app — `/copies/b`');
    const a = md.slice(md.indexOf('#### copy-app — `/copies/a`'), md.indexOf('#### copy-app — `/copies/b`'));
    expect(a).toContain('`ALPHA_KEY`');
    expect(a).not.toContain('`BETA_KEY`');
    // The worker's PORT row: read there, and no Dockerfile sets it for the worker.
    expect(md).toMatch(/\| `PORT` \| `\/apps\/worker\/index\.js:1` \| — \|/);
    expect(missingCitations(md, await indexOf('env-scope'))).toEqual([]);
  });
});

describe('env model: a Joi-validated config module, and reads by a computed name', () => {
  it('reads the keys of a Joi schema that validates process.env, so NODE_ENV is read in production code', async () => {
    const env = await modelOf('env-joi-config');
    expect(reads(env.get('NODE_ENV'))[0]).toEqual(['src/config/config.ts', 5, 'schema', false, null, false]);
    expect(reads(env.get('PORT'))[0]).toEqual(['src/config/config.ts', 6, 'schema', true, null, false]);
    expect(reads(env.get('DATABASE_URL'))[0]?.slice(0, 3)).toEqual(['src/config/config.ts', 7, 'schema']);
    const md = (await section(configurationStep, 'env-joi-config')).markdown;
    expect(md).toMatch(/\| `NODE_ENV` \| `\/src\/config\/config\.ts:5`; 1 test file \|/);
    expect(md).not.toContain('tests only');
  });

  it('never says a variable is named at a computed read: it says the read may include it', async () => {
    const md = (await section(configurationStep, 'env-joi-config')).markdown;
    const line = md.split('\n').find((l) => l.startsWith('- `COOKIE_SECRET`'))!;
    expect(line).toContain('the code reads variables by a computed name at `/src/load.ts:5`, which may include it');
    expect(line).not.toContain('named in');
  });
});

describe('variables set for a command the code runs', () => {
  it('`execSync(`cross-env DEPLOYMENT_STAGE=${stage} cdk ${cmd}`)` sets DEPLOYMENT_STAGE: not "set nowhere"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'infra', private: true, scripts: { deploy: 'ts-node bin/cdk-runner.ts deploy' } }),
      'bin/cdk-runner.ts': [
        "import { execSync } from 'child_process';",
        'const [cmd, stage, prefix] = process.argv.slice(2);',
        'execSync(`cross-env DEPLOYMENT_PREFIX=${prefix} DEPLOYMENT_STAGE=${stage} cdk ${cmd}`, { stdio: "inherit" });',
      ].join('\n'),
      'lib/config.ts': 'export const stage = process.env.DEPLOYMENT_STAGE;\nexport const prefix = process.env.DEPLOYMENT_PREFIX;\n',
    });
    const env = await modelOf(root);
    expect(sets(env.get('DEPLOYMENT_STAGE'))).toEqual([['script', 'command run by the code', null, 'bin/cdk-runner.ts', 3]]);
    expect(sets(env.get('DEPLOYMENT_PREFIX'))).toEqual([['script', 'command run by the code', null, 'bin/cdk-runner.ts', 3]]);
  });
});

describe('a CDK Lambda environment', () => {
  it("sets the variable for the Lambda's code package, not for the CDK app that reads it from the shell", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'cdk/package.json': JSON.stringify({ name: 'cdk', dependencies: { 'aws-cdk-lib': '2.0.0' } }),
      'cdk/cdk.json': JSON.stringify({ app: 'npx ts-node src/cdk.ts' }),
      'cdk/src/cdk.ts': [
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        'const admins = process.env.ADMINS_GROUP_NAME!;',
        "new lambda.Function(this, 'APIFunction', {",
        "  handler: 'index.handler',",
        "  code: lambda.Code.fromAsset('../lambda/api/dist/src'),",
        '  environment: { ADMINS_GROUP_NAME: admins },',
        '});',
      ].join('\n'),
      'lambda/api/package.json': JSON.stringify({ name: 'api' }),
      'lambda/api/src/index.ts': 'export const handler = async () => process.env.ADMINS_GROUP_NAME;\n',
    });
    const env = await modelOf(root);
    const v = env.get('ADMINS_GROUP_NAME')!;
    expect(sets(v).map((s) => s[0])).toEqual(['cdk']);
    expect(env.setsFor(v, ['lambda/api/src/index.ts']).map((s) => s.kind)).toEqual(['cdk']);
    expect(env.setsFor(v, ['cdk/src/cdk.ts'])).toEqual([]);
    // Still set somewhere: no "set nowhere" for the name.
    expect(env.setEvidence('ADMINS_GROUP_NAME').length).toBeGreaterThan(0);
  });

  it('sets it for a workspace library the Lambda package bundles, not for unrelated packages', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'apps/cdk/package.json': JSON.stringify({ name: 'cdk', dependencies: { 'aws-cdk-lib': '2.0.0' } }),
      'apps/cdk/cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'apps/cdk/bin/app.ts': [
        "import * as lambda from 'aws-cdk-lib/aws-lambda-nodejs';",
        "new lambda.NodejsFunction(this, 'Job', {",
        "  entry: '../async-job/src/handler.ts',",
        "  environment: { EVENT_HTTP_ENDPOINT: 'https://example.invalid' },",
        '});',
      ].join('\n'),
      'apps/async-job/package.json': JSON.stringify({ name: 'async-job', dependencies: { '@repo/events': 'workspace:*' } }),
      'apps/async-job/src/handler.ts': "import { send } from '@repo/events';\nexport const handler = async () => send();\n",
      'packages/events/package.json': JSON.stringify({ name: '@repo/events', main: 'src/send.ts' }),
      'packages/events/src/send.ts': 'export const send = () => fetch(process.env.EVENT_HTTP_ENDPOINT!);\n',
      'packages/web/package.json': JSON.stringify({ name: 'web' }),
      'packages/web/src/x.ts': 'export const x = process.env.EVENT_HTTP_ENDPOINT;\n',
    });
    const env = await modelOf(root);
    const v = env.get('EVENT_HTTP_ENDPOINT')!;
    expect(env.setsFor(v, ['packages/events/src/send.ts']).map((s) => s.kind)).toEqual(['cdk']);
    expect(env.setsFor(v, ['packages/web/src/x.ts'])).toEqual([]);
  });
});

describe('env model: a commented-out example line (react-nestjs-prisma-monorepo)', () => {
  it('is a set site only while nothing else sets the variable', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      '.env.example': 'DATABASE_URL=postgresql://localhost/app\n',
      'api/package.json': JSON.stringify({ name: 'api' }),
      'api/.env.example': '# DATABASE_URL is now configured in the root .env file\n# DATABASE_URL=postgresql://x\n# SENTRY_DSN=\n',
      'api/src/main.ts': 'export const url = process.env.DATABASE_URL;\nexport const dsn = process.env.SENTRY_DSN;\n',
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    expect(sets(env.get('DATABASE_URL')).map((s) => `${s[3]}:${s[4]}`)).toEqual(['.env.example:1']);
    expect(sets(env.get('SENTRY_DSN')).map((s) => `${s[3]}:${s[4]}`)).toEqual(['api/.env.example:3']);
  });
});
