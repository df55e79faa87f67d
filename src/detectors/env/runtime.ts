/**
 * Variables the platform, the runtime or a tool sets, not the project: `AWS_REGION` inside a Lambda, `VERCEL_URL`,
 * `GITHUB_SHA` in Actions, `NODE_ENV` from the framework, Vite's `import.meta.env.MODE`. A read of one is never "set
 * nowhere", and no dotenv file of another app is shown as its source.
 */

export interface RuntimeProvider {
  /** Who sets it, for a reader: `the AWS Lambda runtime`, `Vercel`, `GitHub Actions`. */
  readonly label: string;
  /**
   * `lambda`: only code that runs in a Lambda gets it (a CDK app reading `AWS_REGION` at synth time does not).
   * `lambda-repo`: a name only the Lambda runtime ever sets (reserved, `AWS_LAMBDA_FUNCTION_NAME`): any code of a
   * repository that deploys Lambdas reading it runs in one, even code the tool cannot trace to a function (a Next.js
   * page a construct bundles into Lambda@Edge).
   */
  readonly scope?: 'lambda' | 'lambda-repo';
}

const LAMBDA: RuntimeProvider = { label: 'the AWS Lambda runtime', scope: 'lambda' };
const LAMBDA_RESERVED: RuntimeProvider = { label: LAMBDA.label, scope: 'lambda-repo' };
export const TOOLING: RuntimeProvider = { label: 'the tooling (frameworks, bundlers, test runners) or the start script' };

/**
 * Dependencies that set `NODE_ENV` for the code they run or bundle (a framework's dev/build commands, a bundler's
 * define, a test runner's `test`). A plain `node server.js` package has none: there `NODE_ENV` is the project's own
 * variable, set by its dotenv file, its README's instructions or its scripts.
 */
export const NODE_ENV_TOOLS =
  /^(next|nuxt|nuxt3|vite|vitest|jest|react-scripts|@craco\/craco|react-app-rewired|webpack|webpack-cli|webpack-dev-server|parcel|parcel-bundler|esbuild|tsup|@rollup\/plugin-replace|gatsby|@remix-run\/dev|@react-router\/dev|astro|@sveltejs\/kit|expo|react-native|@vue\/cli-service|@angular-devkit\/build-angular|@angular\/cli|razzle|umi|@umijs\/max|@docusaurus\/core|storybook|@storybook\/react|ava|@nestjs\/cli|@rsbuild\/core|@rspack\/cli|vuepress|@11ty\/eleventy|@nx\/jest|@nrwl\/jest|karma)$/;
/**
 * Create React App: react-scripts sets `PUBLIC_URL` (from `homepage` or the variable) for the code it builds, like
 * `NODE_ENV`. Only where the package builds with it (craco and react-app-rewired run react-scripts underneath).
 */
export const CRA: RuntimeProvider = { label: 'Create React App (react-scripts)' };
export const CRA_TOOLS = /^(react-scripts|@craco\/craco|react-app-rewired)$/;
/** Vue CLI sets `process.env.BASE_URL` (from `publicPath`) for the code it builds; only where the package builds with it. */
export const VUE_CLI: RuntimeProvider = { label: 'Vue CLI (@vue/cli-service)' };
export const VUE_CLI_TOOLS = /^@vue\/cli-service$/;
/**
 * Vitest sets `TEST='true'` (besides `VITEST` and `NODE_ENV=test`) in every test process. A name a project may also
 * use for itself, so only in a package that tests with Vitest (Jest's `JEST_WORKER_ID` and `NODE_ENV` are above).
 */
export const VITEST_RUN: RuntimeProvider = { label: 'the test runner (Vitest)' };
export const VITEST_TOOLS = /^vitest$/;
/**
 * babel-preset-expo replaces `process.env.EXPO_OS` (the target platform) and `EXPO_BASE_URL` in the code it compiles
 * (expo/expo#27509, inline-env-vars); with expo-router installed its router plugin also inlines `EXPO_PROJECT_ROOT`,
 * `EXPO_ROUTER_APP_ROOT`, `EXPO_ROUTER_ABS_APP_ROOT` and `EXPO_ROUTER_IMPORT_MODE` (expo-router-plugin.ts). Only in
 * a package that builds with Expo.
 */
export const EXPO: RuntimeProvider = { label: 'Expo (babel-preset-expo inlines it at build time)' };
export const EXPO_TOOLS = /^(expo|babel-preset-expo)$/;
export const EXPO_ROUTER: RuntimeProvider = { label: EXPO.label };
export const EXPO_ROUTER_TOOLS = /^expo-router$/;
/** The serverless-offline plugin sets `IS_OFFLINE` in the code it runs locally; only in a service that lists it. */
export const SERVERLESS_OFFLINE: RuntimeProvider = { label: 'serverless-offline (when run locally)' };
const VITE: RuntimeProvider = { label: 'Vite (`import.meta.env`)' };
const ASTRO: RuntimeProvider = { label: 'Astro (`import.meta.env`)' };
const NPM: RuntimeProvider = { label: 'npm / the package manager running the script' };
const OS: RuntimeProvider = { label: 'the shell / operating system' };
const CI: RuntimeProvider = { label: 'the CI provider' };
const ACTIONS: RuntimeProvider = { label: 'GitHub Actions' };
const CDK: RuntimeProvider = { label: 'the AWS CDK CLI' };
const VERCEL: RuntimeProvider = { label: 'Vercel' };
const NETLIFY: RuntimeProvider = { label: 'Netlify' };
const NEXT: RuntimeProvider = { label: 'Next.js' };
const TESTS: RuntimeProvider = { label: 'the test runner' };
const K8S: RuntimeProvider = { label: 'Kubernetes' };
const RAILWAY: RuntimeProvider = { label: 'Railway' };
const RENDER: RuntimeProvider = { label: 'Render' };
const FLY: RuntimeProvider = { label: 'Fly.io' };
const HEROKU: RuntimeProvider = { label: 'Heroku' };
const CLOUD_RUN: RuntimeProvider = { label: 'Google Cloud Run' };
const CF_PAGES: RuntimeProvider = { label: 'Cloudflare Pages' };
const CODEBUILD: RuntimeProvider = { label: 'AWS CodeBuild' };

const EXACT: Record<string, RuntimeProvider> = {
  NODE_ENV: TOOLING,
  PUBLIC_URL: CRA,
  BASE_URL: VUE_CLI,
  EXPO_OS: EXPO,
  EXPO_BASE_URL: EXPO,
  EXPO_PROJECT_ROOT: EXPO_ROUTER,
  EXPO_ROUTER_APP_ROOT: EXPO_ROUTER,
  EXPO_ROUTER_ABS_APP_ROOT: EXPO_ROUTER,
  EXPO_ROUTER_IMPORT_MODE: EXPO_ROUTER,
  AWS_REGION: LAMBDA,
  AWS_DEFAULT_REGION: LAMBDA,
  AWS_EXECUTION_ENV: LAMBDA,
  LAMBDA_TASK_ROOT: LAMBDA_RESERVED,
  LAMBDA_RUNTIME_DIR: LAMBDA_RESERVED,
  _HANDLER: LAMBDA_RESERVED,
  _X_AMZN_TRACE_ID: LAMBDA,
  AWS_XRAY_DAEMON_ADDRESS: LAMBDA,
  AWS_ACCESS_KEY_ID: LAMBDA,
  AWS_SECRET_ACCESS_KEY: LAMBDA,
  AWS_SESSION_TOKEN: LAMBDA,
  CDK_DEFAULT_ACCOUNT: CDK,
  CDK_DEFAULT_REGION: CDK,
  CI: CI,
  HOME: OS,
  PATH: OS,
  PWD: OS,
  USER: OS,
  SHELL: OS,
  TMPDIR: OS,
  TERM: OS,
  HOSTNAME: OS,
  LANG: OS,
  // Windows sets these for every process (a CLI's config folder: `process.env.APPDATA ?? join(homedir(), …)`).
  APPDATA: OS,
  LOCALAPPDATA: OS,
  USERPROFILE: OS,
  INIT_CWD: NPM,
  VERCEL: VERCEL,
  NETLIFY: NETLIFY,
  // Netlify's build variables with names no project would pick for itself (`URL`, `BRANCH`, `CONTEXT` are left out).
  COMMIT_REF: NETLIFY,
  CACHED_COMMIT_REF: NETLIFY,
  DEPLOY_URL: NETLIFY,
  DEPLOY_PRIME_URL: NETLIFY,
  DEPLOY_ID: NETLIFY,
  REVIEW_ID: NETLIFY,
  NEXT_RUNTIME: NEXT,
  NEXT_PHASE: NEXT,
  VITEST: TESTS,
  JEST_WORKER_ID: TESTS,
  TEST: VITEST_RUN,
  KUBERNETES_SERVICE_HOST: K8S,
  KUBERNETES_SERVICE_PORT: K8S,
  RENDER: RENDER,
  IS_PULL_REQUEST: RENDER,
  DYNO: HEROKU,
  K_SERVICE: CLOUD_RUN,
  K_REVISION: CLOUD_RUN,
  K_CONFIGURATION: CLOUD_RUN,
  CF_PAGES: CF_PAGES,
  FLY_APP_NAME: FLY,
  FLY_REGION: FLY,
  FLY_ALLOC_ID: FLY,
  FLY_MACHINE_ID: FLY,
  FLY_PUBLIC_IP: FLY,
  FLY_IMAGE_REF: FLY,
  FLY_PRIVATE_IP: FLY,
};

/**
 * Prefixes only where the platform reserves them; otherwise the platform's documented names, so a project's own
 * `GITHUB_REPO` or `VERCEL_AUTH_TOKEN` is not taken for a platform variable.
 */
const PREFIXES: readonly [RegExp, RuntimeProvider][] = [
  [/^AWS_LAMBDA_/, LAMBDA_RESERVED],
  [/^(NEXT_PUBLIC_|VITE_|REACT_APP_)?VERCEL_(ENV|TARGET_ENV|URL|BRANCH_URL|PROJECT_PRODUCTION_URL|REGION|DEPLOYMENT_ID|PROJECT_ID|SKEW_PROTECTION_ENABLED|AUTOMATION_BYPASS_SECRET|OIDC_TOKEN|GIT_[A-Z_]+)$/, VERCEL],
  // `GITHUB_TOKEN` is not exported by Actions unless a workflow maps it, so it stays the project's.
  [/^GITHUB_(ACTION|ACTION_PATH|ACTION_REPOSITORY|ACTIONS|ACTOR|ACTOR_ID|API_URL|BASE_REF|ENV|EVENT_NAME|EVENT_PATH|GRAPHQL_URL|HEAD_REF|JOB|OUTPUT|PATH|REF|REF_NAME|REF_PROTECTED|REF_TYPE|REPOSITORY|REPOSITORY_ID|REPOSITORY_OWNER|REPOSITORY_OWNER_ID|RETENTION_DAYS|RUN_ATTEMPT|RUN_ID|RUN_NUMBER|SERVER_URL|SHA|STEP_SUMMARY|TRIGGERING_ACTOR|WORKFLOW|WORKFLOW_REF|WORKFLOW_SHA|WORKSPACE)$/, ACTIONS],
  [/^RUNNER_(ARCH|DEBUG|NAME|OS|TEMP|TOOL_CACHE|ENVIRONMENT)$/, ACTIONS],
  [/^npm_(package|lifecycle|config|execpath|node_execpath)/, NPM],
  [/^VITEST_/, TESTS],
  [/^RAILWAY_/, RAILWAY],
  [/^RENDER_(SERVICE|INSTANCE|EXTERNAL|GIT|DISCOVERY)/, RENDER],
  [/^CF_PAGES_/, CF_PAGES],
  [/^CODEBUILD_/, CODEBUILD],
];

const VITE_BUILTIN = new Set(['MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']);
const ASTRO_BUILTIN = new Set(['SITE', 'ASSETS_PREFIX']);

/** Who sets `name` when the project does not, or undefined for the project's own variables. */
export function runtimeProvider(name: string, via: 'process' | 'import.meta' = 'process'): RuntimeProvider | undefined {
  if (via === 'import.meta' && VITE_BUILTIN.has(name)) return VITE;
  if (via === 'import.meta' && ASTRO_BUILTIN.has(name)) return ASTRO;
  const exact = Object.hasOwn(EXACT, name) ? EXACT[name] : undefined;
  if (exact) return exact;
  for (const [re, provider] of PREFIXES) if (re.test(name)) return provider;
  return undefined;
}
