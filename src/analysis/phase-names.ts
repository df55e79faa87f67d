/**
 * What the progress screen says while a detector runs: what is being read, in the user's words, not the detector's
 * id (`cdk` → "Reading AWS CDK stacks"). A test keeps every registered detector named here.
 */
const PHASES: Record<string, string> = {
  astro: 'Reading Astro pages and content collections',
  'backend-code': 'Reading handlers, middleware, auth and errors',
  cdk: 'Reading AWS CDK stacks',
  ci: 'Reading CI workflows',
  'cognito-usage': 'Looking for Cognito sign-in code',
  'config-files': 'Reading config files',
  dependencies: 'Reading dependencies',
  env: 'Finding environment variables',
  'frontend-build': 'Reading frontend build setups',
  'http-frameworks': 'Reading HTTP server routes',
  'nextjs-pages': 'Reading Next.js routes',
  'next-aliases': 'Reading Next.js rewrites and redirects',
  'expo-router': 'Reading Expo Router routes',
  orm: 'Reading database models and queries',
  'other-infra': 'Reading Serverless, SST, Terraform, CloudFormation and Wrangler files',
  supabase: 'Reading the Supabase project and its Edge Functions',
  'sql-schema': 'Reading SQL tables and migrations',
  packages: 'Reading packages and workspaces',
  payments: 'Looking for payment integrations',
  'react-app': 'Reading React apps',
  'react-router': 'Reading React Router routes',
  readme: 'Reading the README',
  scripts: 'Reading npm scripts',
  sdk: 'Reading SDK packages',
  'secrets-sources': 'Looking for where secrets come from',
  stack: 'Identifying the tech stack',
  'state-management': 'Reading frontend state management',
  'tanstack-router': 'Reading TanStack Router routes',
  testing: 'Reading test setups',
  troubleshooting: 'Reading troubleshooting notes',
  trpc: 'Reading tRPC routers',
  orpc: 'Reading oRPC routers and controllers',
  'server-actions': 'Reading Next.js Server Actions',
  'graphql-servers': 'Reading GraphQL servers',
  'lambda-dispatch': 'Reading Lambdas that route requests themselves',
  jobs: 'Reading queues, workers and schedules',
  'db-access': 'Reading database access code',
  redis: 'Reading Redis commands',
  'supabase-access': 'Reading Supabase queries',
  'database-runtime': 'Finding the database engine and migrations',
  compose: 'Reading Docker Compose files',
  dockerfile: 'Reading Dockerfiles',
  kubernetes: 'Reading Kubernetes manifests',
  tasks: 'Reading Makefiles, justfiles and Procfiles',
  guides: 'Reading contributor and assistant guides',
};

export function phaseName(detectorId: string): string {
  return PHASES[detectorId] ?? `Reading ${detectorId.replace(/[-_.]+/g, ' ')}`;
}

export function hasPhaseName(detectorId: string): boolean {
  return detectorId in PHASES;
}
