/**
 * For each negative-claim topic: which detectors can show that the thing exists, and what counts as evidence of it in
 * their facts or in the file list. A step's "none found" is printed only when this evidence is empty over the whole
 * repository — not only over the facts that step happens to render — so no section says "none" about something
 * another section shows.
 */
import { COMPOSE_FILE } from '../scan/file-kinds.js';
import { astroDetector } from '../detectors/astro/index.js';
import { dbAccessDetector } from '../detectors/backend-code/index.js';
import { cdkDetector } from '../detectors/cdk/index.js';
import { isPublished } from '../detectors/stack/role.js';
import { standaloneApps } from '../detectors/cdk/app.js';
import { ciDetector } from '../detectors/ci/index.js';
import { cdkPipelines } from '../detectors/ci/cdk-pipelines.js';
import { configFilesDetector } from '../detectors/config-files/index.js';
import { frontendBuildDetector } from '../detectors/frontend-build/index.js';
import { httpFrameworksDetector } from '../detectors/http-frameworks/index.js';
import { verbDecoratorLines } from '../detectors/http-frameworks/decorator-routes.js';
import { paymentsDetector } from '../detectors/integrations/payments.js';
import { dependenciesDetector } from '../detectors/integrations/dependencies.js';
import { nextPagesDetector } from '../detectors/nextjs-pages/index.js';
import { expoRouterDetector } from '../detectors/expo-router/index.js';
import { ormDetector } from '../detectors/orm/index.js';
import { jobsDetector } from '../detectors/jobs/index.js';
import { trpcDetector } from '../detectors/trpc/index.js';
import { orpcDetector } from '../detectors/orpc/index.js';
import { serverActionsDetector } from '../detectors/server-actions/index.js';
import { graphqlServersDetector } from '../detectors/graphql-servers/index.js';
import { lambdaDispatchDetector } from '../detectors/lambda-dispatch/index.js';
import { databaseRuntimeDetector } from '../detectors/database-runtime/index.js';
import { redisDetector } from '../detectors/redis/index.js';
import { supabaseAccessDetector } from '../detectors/supabase/access.js';
import { otherInfraDetector } from '../detectors/other-infra/index.js';
import { sqlSchemaDetector } from '../detectors/sql-schema/index.js';
import { supabaseDetector } from '../detectors/supabase/index.js';
import { packagesDetector } from '../detectors/packages/index.js';
import { reactAppDetector } from '../detectors/react-app/index.js';
import { reactRouterDetector } from '../detectors/react-router/index.js';
import { scriptsDetector } from '../detectors/scripts/index.js';
import { sdkDetector } from '../detectors/sdk/index.js';
import { secretsSourcesDetector } from '../detectors/secrets-sources/index.js';
import { stackDetector } from '../detectors/stack/index.js';
import { tanstackRouterDetector } from '../detectors/tanstack-router/index.js';
import { testingDetector } from '../detectors/testing/index.js';
import type { Citation, Detector, FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import type { ClaimTopic } from './claims.js';
import { envMentions } from './env-mentions.js';
import { libraryReads, libraryReadWhat } from './env-library-reads.js';
import { ciResources, INFRA_TOOL_TITLE, type InfraProjectData, type InfraResourceData } from '../detectors/other-infra/types.js';
import type { DbMigrationsData } from '../detectors/database-runtime/index.js';
import { ENV_DETECTORS, envModelOf } from './env.js';
import { composeDetector } from '../detectors/compose/index.js';
import { dockerfileDetector } from '../detectors/dockerfile/index.js';
import { kubernetesDetector } from '../detectors/kubernetes/index.js';
import { tasksDetector } from '../detectors/tasks/index.js';
import { scriptReads, scriptReadWhat } from './script-reads.js';
import { AWS_V2_DATABASE, AWS_V2_SECRETS, awsSdkV2Evidence } from './aws-sdk-v2-evidence.js';
import { dependencyEvidence, facts, filesMatching, first, kinds, packagesOfKind } from './topic-evidence.js';
import { deployEvidence } from './topic-deploy.js';

/** One thing that contradicts a negative claim, said in a few words with where it is. */
export interface Evidence {
  readonly what: string;
  readonly at: Citation;
}

export interface Topic {
  readonly id: ClaimTopic;
  /** Every detector whose facts can show the thing exists. */
  readonly detectors: readonly Detector[];
  evidence(facts: FactSet, index: RepoIndex, subject?: string): Evidence[];
}

const FRONTEND_KINDS = new Set(['cms-studio', 'nextjs', 'react-ssr', 'astro', 'remix', 'sveltekit', 'nuxt', 'react-native', 'angular', 'react-spa', 'vue-spa', 'svelte-spa', 'docs-site']);
const SERVER_KINDS = new Set(['http-server', 'lambda', 'serverless', 'worker']);
const CI_FILE = /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.yml|\.circleci\/config\.ya?ml|bitbucket-pipelines\.yml|azure-pipelines\.ya?ml|(.*\/)?buildspec\.ya?ml|\.travis\.yml|Jenkinsfile|\.drone\.ya?ml|\.buildkite\/pipeline\.ya?ml)$/;
const INFRA_FILE =
  /(^|\/)(Makefile|makefile|GNUmakefile|justfile|Justfile|cdk\.json|serverless\.ya?ml|sst\.config\.[cm]?[jt]s|[^/]+\.tf|Pulumi\.ya?ml|Dockerfile(\.[\w-]+)?|[\w.-]*\.Dockerfile|docker-compose[\w.-]*\.ya?ml|compose\.ya?ml|kustomization\.ya?ml|Chart\.yaml|fly\.toml|render\.yaml|app\.yaml|vercel\.json|netlify\.toml|wrangler\.toml|Procfile|template\.ya?ml|samconfig\.toml|amplify\.yml|supabase\/config\.toml)$/;
const ROUTE_FILE = /^(src\/)?((routes?|router)\.[cm]?[jt]sx?|(routes|pages|app)\/.+\.[jt]sx)$/;
const K8S_FILE = /(^|\/)(k8s|kubernetes|kube|manifests|helm|charts|deploy|deployments?|kustomize|overlays|base)\/(.+\/)?[^/]+\.ya?ml$/;
/** JavaScript/TypeScript test files, and other languages' (a SAM app's Python tests, a Go service's). */
const TEST_FILE = /(^|\/)(__tests__\/|[^/]+\.([a-z0-9]+-)?(test|spec)\.[cm]?[jt]sx?$|test_[^/]+\.py$|[^/]+_test\.(py|go)$|[^/]+_spec\.rb$)/;
/** Files that deploy or run components: SAM/CloudFormation, Serverless, SST, Terraform, compose, Dockerfiles, Helm. */
const DEPLOY_FILE_OTHER = /(^|\/)(template\.ya?ml|[\w.-]+\.template\.(json|ya?ml)|serverless\.(ya?ml|ts)|sst\.config\.[cm]?[jt]s|main\.tf|Dockerfile|Chart\.yaml|kustomization\.ya?ml|Procfile|samconfig\.toml|wrangler\.(toml|jsonc?))$/;
const DEPLOY_FILE = new RegExp(`${DEPLOY_FILE_OTHER.source}|${COMPOSE_FILE.source}`);
function deployFileKind(file: string): string {
  const name = file.split('/').pop() ?? file;
  if (/Dockerfile/.test(name)) return 'container image';
  if (/compose/.test(name)) return 'compose services';
  if (name === 'Chart.yaml') return 'Helm chart';
  if (/kustomization/.test(name)) return 'Kubernetes manifests';
  if (name === 'Procfile') return 'Procfile processes';
  return 'deployment template';
}
const CLIENT_ENTRY = /"[^"]*\/(client|browser|sdk)\/[^"]*"/;
const DB_FILE = /(^|\/)(schema\.prisma|drizzle\.config\.[cm]?[jt]s|[^/]*migrations?\/[^/]+\.sql|supabase\/schemas\/[^/]+\.sql|[^/]*schema\.sql|knexfile\.[cm]?[jt]s|ormconfig\.[\w]+)$/;
const DB_DEPS = /^(pg|postgres|mysql2?|mongodb|mongoose|@prisma\/client|drizzle-orm|typeorm|kysely|knex|sequelize|@mikro-orm\/core|better-sqlite3|sqlite3|redis|ioredis|@aws-sdk\/(client-dynamodb|lib-dynamodb)|@supabase\/supabase-js|firebase-admin|@planetscale\/database|@neondatabase\/serverless|@libsql\/client|@upstash\/redis|@vercel\/(kv|postgres)|mssql|mariadb|@google-cloud\/firestore|@azure\/cosmos|neo4j-driver|cassandra-driver|@xata\.io\/client)$/;

const TOPICS: readonly Topic[] = [
  {
    id: 'frontend-app',
    detectors: [packagesDetector, frontendBuildDetector, astroDetector, reactRouterDetector, tanstackRouterDetector, nextPagesDetector, expoRouterDetector, reactAppDetector],
    evidence: (set) => [
      ...kinds(set, ['frontend.app'], (f) => `frontend app ${(f.data as { name: string }).name}`),
      ...packagesOfKind(set, FRONTEND_KINDS),
      ...kinds(set, ['next.route', 'expo.route', 'astro.route', 'react-router.route', 'tanstack-router.route', 'react.entry'], (f) => `${f.kind} ${f.id}`),
    ],
  },
  {
    id: 'backend-api',
    detectors: [astroDetector, reactRouterDetector, packagesDetector, cdkDetector, httpFrameworksDetector, trpcDetector, orpcDetector, serverActionsDetector, graphqlServersDetector, lambdaDispatchDetector, otherInfraDetector, supabaseDetector, jobsDetector, expoRouterDetector],
    evidence: (set, index) => [
      // Controller methods no route reader understood (`@Get('/:id')` from a relative module): "no API" would be false.
      ...(set.of('http.route').length === 0 ? verbDecoratorLines(index).map((at) => ({ what: 'HTTP-verb decorator on a method (a controller route not read)', at })) : []),
      ...kinds(
        set,
        ['cdk.route', 'cdk.lambda', 'cdk.graphqlApi', 'http.route', 'infra.route', 'infra.function', 'supabase.function', 'jobs.job', 'trpc.procedure', 'orpc.procedure', 'orpc.router', 'next.server-action', 'graphql.operation', 'lambda.inner-route'],
        (f) => `${f.kind} ${f.id}`,
      ),
      // `functions: ${file(./functions.js)}`: the list exists but was not read, so "no functions" would be false.
      ...facts<InfraProjectData>(set, 'infra.project').flatMap((p) =>
        (p.data.unread ?? []).filter((u) => u.key === 'functions').map((u) => ({ what: `${INFRA_TOOL_TITLE[p.data.tool]} functions defined in ${u.file}, not read`, at: { file: u.from, line: u.line } })),
      ),
      // Expo Router API routes (`hello+api.ts`) answer requests; step 5 lists them with the app's routes.
      ...set
        .of('expo.route')
        .filter((f) => (f.data as { extras?: { kind?: string } }).extras?.kind === 'api')
        .map((f) => ({ what: `Expo Router API route ${(f.data as { path: string }).path} (listed with its app in step 5)`, at: first(f) })),
      // Astro endpoints (`src/pages/rss.xml.ts`) answer requests, or are built to static files; step 5 lists them.
      ...set
        .of('astro.route')
        .filter((f) => (f.data as { kind?: string }).kind === 'endpoint')
        .map((f) => {
          const d = f.data as { path: string; methods: readonly string[]; prerender?: boolean };
          return { what: `Astro endpoint ${d.methods.join(', ') || 'GET'} ${d.path} (listed with its app in step 5)`, at: first(f) };
        }),
      ...packagesOfKind(set, SERVER_KINDS),
      // A framework route config whose discovery call is not read: its route modules' loaders and actions are handlers.
      ...set
        .of('react-router.unread')
        .filter((f) => (f.data as { framework?: boolean }).framework)
        .map((f) => ({ what: `route config not read: ${(f.data as { text: string }).text} (its loaders and actions answer requests)`, at: first(f) })),
    ],
  },
  {
    id: 'infrastructure',
    detectors: [cdkDetector, otherInfraDetector, composeDetector, dockerfileDetector, kubernetesDetector, tasksDetector],
    evidence: (set, index) => [
      ...kinds(
        set,
        ['cdk.app', 'cdk.stack', 'infra.project', 'infra.resource', 'infra.function', 'infra.table', 'compose.service', 'docker.dockerfile', 'k8s.resource', 'k8s.helmChart', 'k8s.kustomization', 'tasks.task'],
        (f) => `${f.kind} ${f.id}`,
      ),
      ...filesMatching(index, INFRA_FILE, 'infrastructure file'),
      ...filesMatching(index, K8S_FILE, 'Kubernetes or deployment manifest', 10),
    ],
  },
  {
    id: 'sdk',
    detectors: [packagesDetector, sdkDetector],
    evidence: (set, index) => [
      ...kinds(set, ['sdk.package', 'sdk.client'], (f) => `SDK ${f.id}`),
      ...packagesOfKind(set, new Set(['sdk'])),
      // A package whose entry points live under `client/` or `browser/` is a client library whatever its name says
      // (`main: dist/client/index.js`); "published" only by the rule every step uses.
      ...index.packages
        .filter((p) => !p.manifest.private && CLIENT_ENTRY.test(JSON.stringify([p.manifest.main, p.manifest.module, (p.manifest as { browser?: unknown }).browser, p.manifest.exports])))
        .map((p) => ({ what: `${p.name} (${isPublished(p, index) ? 'published; ' : ''}its entry points are under client/ or browser/)`, at: { file: p.manifestPath } })),
    ],
  },
  {
    id: 'ci',
    // A CodeBuild project or CodePipeline declared in a CloudFormation template is CI with no CI file.
    detectors: [ciDetector, otherInfraDetector],
    evidence: (set, index) => [
      ...kinds(set, ['ci.workflow'], (f) => `CI workflow ${f.id}`),
      ...filesMatching(index, CI_FILE, 'CI file'),
      ...ciResources(facts<InfraResourceData>(set, 'infra.resource').map((f) => f.data)).map((r) => ({ what: `${r.type} ${r.name}`, at: { file: r.file, line: r.line } })),
      // A CDK Pipelines `CodePipeline` (or a CodeBuild project) built in CDK code: CI with no CI file either.
      ...cdkPipelines(index).map((u) => ({ what: `CDK ${u.construct}`, at: { file: u.file, line: u.line } })),
    ],
  },
  {
    // Subject `cdk`: only commands that run the CDK CLI; without one, any deploy or publish command.
    id: 'deploy',
    detectors: [scriptsDetector, ciDetector, cdkDetector, otherInfraDetector],
    evidence: (set, index, subject) => deployEvidence(set, index, subject),
  },
  {
    id: 'tests',
    detectors: [testingDetector],
    // A package with a test runner installed but no test file or test config is not evidence of tests.
    evidence: (set, index) => [
      ...facts<{ testFileCount: number; configFiles: readonly string[] }>(set, 'testing.package')
        .filter((f) => f.data.testFileCount > 0 || f.data.configFiles.length > 0)
        .map((f) => ({ what: `tests in ${f.id}`, at: first(f) })),
      ...filesMatching(index, TEST_FILE, 'test file', 5),
    ],
  },
  {
    id: 'database',
    detectors: [cdkDetector, otherInfraDetector, ormDetector, dbAccessDetector, databaseRuntimeDetector, sqlSchemaDetector, redisDetector, supabaseAccessDetector],
    evidence: (set, index) => [
      ...kinds(set, ['cdk.table', 'cdk.database', 'infra.table', 'orm.model', 'sql.table', 'orm.access', 'backend.db-access', 'redis.access', 'supabase.access', 'supabase.client', 'db.engine', 'db.migrations'], (f) => `${f.kind} ${f.id}`),
      ...filesMatching(index, DB_FILE, 'database file', 5),
      ...dependencyEvidence(index, DB_DEPS, 'database client'),
      ...awsSdkV2Evidence(index, AWS_V2_DATABASE, 'database client'),
    ],
  },
  {
    id: 'env',
    detectors: ENV_DETECTORS,
    evidence: (set, index) => {
      const env = envModelOf(set, index);
      const vars = env.sorted().flatMap((v) => {
        const at = v.reads[0] ? { file: v.reads[0].file, line: v.reads[0].lines[0] } : v.sets[0]?.at;
        return at ? [{ what: `environment variable ${v.name}`, at }] : [];
      });
      return [...vars.slice(0, 20), ...env.dynamic.slice(0, 5).map((d) => ({ what: `read by a computed name (${d.expression})`, at: { file: d.file, line: d.line } }))];
    },
  },
  {
    // Subject: the variable's name. Sets anywhere in the model, the runtime, then any settings file naming it, then a
    // docs code block assigning it (a README's `.env` block users are told to create).
    id: 'env-set',
    detectors: ENV_DETECTORS,
    evidence: (set, index, name) => (name ? [...envModelOf(set, index).setEvidence(name), ...envMentions(index).settings(name), ...envMentions(index).docs(name)] : []),
  },
  {
    // Subject: the variable's name. Reads (any language the model reads), production reads by a computed name, then
    // any source line naming it that does not set it.
    id: 'env-read',
    detectors: ENV_DETECTORS,
    evidence: (set, index, name) => {
      if (!name) return [];
      const env = envModelOf(set, index);
      // A schema's default is set where the schema validates it: that line names it as a read too.
      const defaults = new Set((env.get(name)?.sets ?? []).filter((s) => s.kind === 'schema-default').map((s) => `${s.at.file}:${s.at.line}`));
      const setLines = new Set(env.setEvidence(name).map((e) => `${e.at.file}:${e.at.line}`).filter((l) => !defaults.has(l)));
      // A framework config's `env: { X: … }` is cited at the config, not at the key: its whole file sets, not reads.
      const setFiles = new Set((env.get(name)?.sets ?? []).filter((s) => s.kind === 'framework-config').map((s) => s.at.file));
      const mentions = envMentions(index).code(name).filter((m) => !setLines.has(`${m.at.file}:${m.at.line}`) && !setFiles.has(m.at.file));
      // Shell scripts and workflow `run:` code read what the infrastructure sets (`uvicorn --port=$PORT` in run.sh).
      const scripts = (scriptReads(index).get(name) ?? []).map((at) => ({ what: scriptReadWhat(at), at: { file: at.file, line: at.line } }));
      // A dependency that reads it itself (next-auth's NEXTAUTH_SECRET): no line of the project need name it.
      const libraries = libraryReads(index, name).map((r) => ({ what: libraryReadWhat(r), at: r.at }));
      // Any other text file naming it (a Caddyfile's `{$X}`, `System.get_env("X")` in Elixir, a template an entrypoint
      // fills): no reader follows it, but "not read" is not said while it is there. Kept only for names read nowhere else.
      const files = mentions.length || scripts.length
        ? []
        : envMentions(index)
            .files(name, () => env.sorted().filter((v) => v.reads.length === 0).map((v) => v.name))
            .filter((m) => !setLines.has(`${m.at.file}:${m.at.line}`) && !setFiles.has(m.at.file));
      return [...env.readEvidence(name), ...mentions, ...scripts, ...files, ...libraries];
    },
  },
  {
    id: 'config-files',
    detectors: [configFilesDetector],
    evidence: (set) => kinds(set, ['config.file'], (f) => `config file ${f.id}`),
  },
  {
    id: 'secrets-store',
    detectors: [secretsSourcesDetector, cdkDetector, otherInfraDetector],
    evidence: (set, index) => [
      ...facts<{ provider: string }>(set, 'secrets.source').filter((s) => s.data.provider !== 'plaintext').map((s) => ({ what: `${s.data.provider} use`, at: first(s) })),
      // Parameters and secrets a SAM/CloudFormation template or Terraform defines.
      ...facts<InfraResourceData>(set, 'infra.resource')
        .filter((r) => /^(AWS::SSM::Parameter|AWS::SecretsManager::Secret|aws_ssm_parameter|aws_secretsmanager_secret)$/.test(r.data.type))
        .map((r) => ({ what: `${r.data.type} \`${r.data.name}\``, at: { file: r.data.file, line: r.data.line } })),
      ...dependencyEvidence(index, /^@aws-sdk\/(client-ssm|client-secrets-manager)$/, 'AWS client'),
      ...awsSdkV2Evidence(index, AWS_V2_SECRETS, 'AWS client'),
    ],
  },
  {
    id: 'payments',
    detectors: [paymentsDetector, dependenciesDetector],
    evidence: (set, index, provider) => [
      ...facts<{ provider: string }>(set, 'payments.usage').filter((p) => p.data.provider === provider).map((p) => ({ what: `${provider} use`, at: first(p) })),
      ...(provider ? dependencyEvidence(index, provider === 'paddle' ? /^@paddle\// : new RegExp(`^(@${provider}\\/|${provider}$)`), `${provider} dependency`) : []),
    ],
  },
  {
    id: 'cloudfront',
    detectors: [cdkDetector],
    evidence: (set, index) => [
      ...kinds(set, ['cdk.distribution'], (f) => `distribution ${f.id}`),
      ...facts<{ type?: string; service?: string }>(set, 'cdk.resource')
        .filter((r) => /cloudfront/i.test(`${r.data.type ?? ''} ${r.data.service ?? ''} ${r.id}`))
        .map((r) => ({ what: `CloudFront resource ${r.id}`, at: first(r) })),
      // A construct of a well-known library that creates a distribution (its distribution is a cdk.distribution too).
      ...facts<{ library?: { creates: readonly { className: string }[] } }>(set, 'cdk.resource')
        .filter((r) => r.data.library?.creates.some((c) => /Distribution$/.test(c.className)))
        .map((r) => ({ what: `construct ${r.id} creates a CloudFront distribution`, at: first(r) })),
      // Construct libraries whose constructs create a distribution (static sites, Next.js on AWS).
      ...dependencyEvidence(index, /^(@aws-solutions-constructs\/aws-cloudfront-.+|cdk-spa-deploy|cdk-nextjs-standalone|cdk-nextjs|@cloudcomponents\/cdk-static-website|cdk-static-website|@aws-cdk\/aws-cloudfront)$/, 'construct library'),
    ],
  },
  {
    id: 'components',
    // A SAM, Serverless or Terraform app deploys components no package.json names (asked only when step 1 found no
    // component, so its templates are read only then); compose files and Dockerfiles by name.
    detectors: [stackDetector, packagesDetector, otherInfraDetector],
    evidence: (set, index) => {
      const projects = facts<InfraProjectData>(set, 'infra.project');
      const cited = new Set(projects.map((f) => f.data.file));
      return [
        ...kinds(set, ['stack.component'], (f) => f.id),
        ...packagesOfKind(set, new Set([...FRONTEND_KINDS, ...SERVER_KINDS, 'cdk-app'])),
        ...projects.map((f) => ({ what: `${INFRA_TOOL_TITLE[f.data.tool]} ${f.data.name ? `\`${f.data.name}\`` : 'project'}`, at: { file: f.data.file, line: f.data.line } })),
        ...filesMatching(index, DEPLOY_FILE, '', 8).filter((e) => !cited.has(e.at.file)).slice(0, 5).map((e) => ({ ...e, what: deployFileKind(e.at.file) })),
      ];
    },
  },
  {
    // Subject: the app's folder ('' for the root).
    id: 'app-routes',
    detectors: [reactRouterDetector, tanstackRouterDetector, nextPagesDetector, expoRouterDetector, astroDetector],
    evidence: (set, index, dir = '') => {
      const inside = (file: string) => dir === '' || file.startsWith(`${dir}/`);
      return [
        ...kinds(set, ['next.route', 'expo.route', 'astro.route', 'react-router.route', 'react-router.unread', 'tanstack-router.route'], (f) => `${f.kind} ${f.id}`).filter((e) => inside(e.at.file)),
        ...index.filesUnder(dir).filter((f) => ROUTE_FILE.test(f.slice(dir ? dir.length + 1 : 0))).slice(0, 10).map((file) => ({ what: 'route-like file', at: { file } })),
      ];
    },
  },
  {
    id: 'cdk',
    detectors: [cdkDetector],
    evidence: (set, index) => [
      ...kinds(set, ['cdk.app', 'cdk.stack'], (f) => `${f.kind} ${f.id}`),
      ...filesMatching(index, /(^|\/)cdk\.json$/, 'CDK app config'),
      ...dependencyEvidence(index, /^(aws-cdk-lib|@aws-cdk\/core)$/, 'CDK dependency'),
      // A script that creates a CDK App with no cdk.json or dependency naming the CDK (an example).
      ...standaloneApps(index).map((file) => ({ what: 'script creating a CDK App', at: { file } })),
    ],
  },
  {
    id: 'table-definitions',
    detectors: [cdkDetector, otherInfraDetector, ormDetector, sqlSchemaDetector, databaseRuntimeDetector],
    evidence: (set, index) => [
      ...kinds(set, ['cdk.table', 'infra.table', 'orm.model', 'sql.table'], (f) => `${f.kind} ${f.id}`),
      // Migrations in JavaScript (Sequelize, knex, TypeORM) define the tables as much as a schema file does.
      ...facts<DbMigrationsData>(set, 'db.migrations').flatMap((f) =>
        f.data.folders.map((d) => ({ what: `${f.data.tool} (${d.count} files)`, at: { file: d.dir } })),
      ),
      ...filesMatching(index, DB_FILE, 'schema or migration file', 5),
    ],
  },
  {
    id: 'package-json',
    detectors: [],
    evidence: (_set, index) => filesMatching(index, /(^|\/)package\.json$/, 'package.json', 5),
  },
];

const BY_ID = new Map(TOPICS.map((t) => [t.id, t]));

export function topic(id: ClaimTopic): Topic {
  const t = BY_ID.get(id);
  // A claim about an unknown topic is a programming error, caught by the tests that render every step.
  if (!t) throw new Error(`No negative-claim topic ${id}`);
  return t;
}

export const ALL_TOPICS = TOPICS;
