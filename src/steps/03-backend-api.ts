import { backendCodeDetector } from '../detectors/backend-code/index.js';
import {
  cdkDetector,
  type CdkApiFact,
  type CdkAuthorizerFact,
  type CdkGraphqlResolverFact,
  type CdkLambdaFact,
  type CdkRouteFact,
  type CdkUserPoolClientFact,
  type CdkUserPoolFact,
} from '../detectors/cdk/index.js';
import { graphqlServersDetector } from '../detectors/graphql-servers/index.js';
import { httpFrameworksDetector } from '../detectors/http-frameworks/index.js';
import { nextAliasesDetector } from '../detectors/nextjs-pages/aliases.js';
import { lambdaDispatchDetector } from '../detectors/lambda-dispatch/index.js';
import { serverActionsDetector } from '../detectors/server-actions/index.js';
import { trpcDetector } from '../detectors/trpc/index.js';
import { orpcDetector } from '../detectors/orpc/index.js';
import { otherInfraDetector } from '../detectors/other-infra/index.js';
import { supabaseDetector } from '../detectors/supabase/index.js';
import type { FactSet } from '../facts.js';
import { bullets, heading, join, stepHeading } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { code, urlPath } from '../markdown/text.js';
import { authFlowPart, errorHandlingPart, middlewarePart } from './parts/backend-code.js';
import { endpointsPart, sortRoutes } from './parts/cdk-endpoints.js';
import { lambdasPart } from './parts/cdk-lambdas.js';
import { copiesOf, routesShown } from './parts/cdk-copies.js';
import { graphqlPart } from './parts/graphql.js';
import { graphqlServersPart } from './parts/graphql-servers.js';
import { dispatchedRoutesPart, innerRoutesByFile } from './parts/lambda-dispatch.js';
import { serverActionsPart } from './parts/server-actions.js';
import { trpcPart } from './parts/trpc.js';
import { orpcPart, orpcState } from './parts/orpc.js';
import { at, authorizerLabel, authorizerType, entryCell, lambdaById, plural } from './parts/cdk-shared.js';
import { commonDir, names } from './parts/format.js';
import { apiDocsPart, httpRoutesPart, unmountedRoutersPart } from './parts/http-routes.js';
import { infraApiPart, infraApis } from './parts/infra-api.js';
import { supabaseFunctions, supabaseFunctionsPart } from './parts/supabase-functions.js';
import type { StepModel } from '../model/repo-model.js';
import { jobsDetector } from '../detectors/jobs/index.js';
import { noCdk, noneOr } from './parts/claims.js';
import { jobsPart } from './parts/jobs.js';
import { nextRootMiddlewarePart } from './parts/next-root-middleware.js';
import { fileRank } from './parts/roles.js';
import type { StepDefinition } from './types.js';

export const backendApiStep: StepDefinition = {
  number: 3,
  title: 'Backend & API',
  detectors: [
    cdkDetector,
    httpFrameworksDetector,
    nextAliasesDetector,
    trpcDetector,
    orpcDetector,
    serverActionsDetector,
    graphqlServersDetector,
    lambdaDispatchDetector,
    otherInfraDetector,
    supabaseDetector,
    backendCodeDetector,
    jobsDetector,
  ],
  claims: ['backend-api', 'cdk'],
  build(model) {
    const { facts } = model;
    const lambdas = facts.of<CdkLambdaFact>('cdk.lambda');
    const http = httpRoutesPart(facts, fileRank(model.index), proxiedBy(model));
    const unmounted = unmountedRoutersPart(facts);
    const trpc = trpcPart(facts);
    const orpc = orpcPart(facts);
    const actions = serverActionsPart(facts);
    const graphqlServers = graphqlServersPart(facts);
    const hasCdk = facts.has('cdk.app') || facts.has('cdk.stack');
    const apiRoutes = facts.of<CdkRouteFact>('cdk.route').map((r) => ({ method: r.data.method, path: r.data.path, entry: r.data.entry }));
    const markdown = join(
      stepHeading(3, 'Backend & API'),
      summary(model, hasCdk, { http: http !== '', trpc: trpc !== '', orpc: orpcState(facts), actions: actions !== '', graphql: graphqlServers !== '' }),
      endpointsPart(facts),
      dispatchedRoutesPart(innerRoutesByFile(facts), apiRoutes),
      infraApiPart(facts),
      supabaseFunctionsPart(facts),
      graphqlPart(facts),
      graphqlServers,
      lambdas.length > 0 && join(heading(3, 'Lambda functions'), lambdasPart(facts)),
      (http !== '' || unmounted !== '') && join(heading(3, 'HTTP servers'), http, unmounted),
      apiDocsPart(facts),
      trpc,
      orpc,
      actions,
      jobsPart(facts),
      section('Middleware and utilities', join(nextRootMiddlewarePart(model.index), middlewarePart(facts))),
      section('Authentication flow', join(apiAuth(facts), authFlowPart(facts))),
      section('Error handling', errorHandlingPart(facts).replace(/^#### Error handling\n\n/, '')),
    );
    return { markdown, facts: [...facts.all] };
  },
};

/**
 * An app whose routes run in a Lambda behind an API Gateway catch-all (`ANY /{proxy+}`, serverless-express): the
 * Lambda's handler is in the app's package, so the routes below are the real API of that proxy route.
 */
const ADAPTER = /['"](?:aws-serverless-express|@vendia\/serverless-express|@codegenie\/serverless-express|serverless-http|@fastify\/aws-lambda|@hono\/aws-lambda|hono\/aws-lambda)['"]/;

function proxiedBy(model: StepModel): (file: string) => string {
  const { facts, index } = model;
  const proxies = facts.of<CdkRouteFact>('cdk.route').filter((r) => r.data.entry && /\{[\w]+\+\}/.test(r.data.path));
  if (proxies.length === 0) return () => '';
  const lambdas = lambdaById(facts);
  return (file) => {
    const pkg = index.packageOf(file);
    if (!pkg) return '';
    const mine = proxies.filter((r) => index.packageOf(r.data.entry!)?.dir === pkg.dir);
    if (mine.length === 0) return '';
    const fns = [...new Set(mine.map((r) => `${code((r.data.lambda && lambdas.get(r.data.lambda)?.data.constructId) || 'Lambda')} (${cite(r.data.entry!)})`))];
    const routes = [...new Set(mine.map((r) => `${r.data.method} ${r.data.path}`))];
    // Only a handler that wraps an app in a serverless adapter serves these routes; else say where it is, no more.
    const adapted = mine.some((r) => ADAPTER.test(index.read(r.data.entry!) ?? ''));
    return `This package holds the handler of the Lambda ${fns.join(', ')} that API Gateway reaches through ${routes.map(code).join(', ')}${adapted ? ': the handler wraps an app in a serverless adapter, so the routes below are served behind that proxy route' : ''}.`;
  };
}

function section(title: string, body: string): string {
  return body.trim() === '' ? '' : join(heading(3, title), body);
}

interface CodeApis {
  readonly http: boolean;
  readonly trpc: boolean;
  /** oRPC procedures listed, or oRPC server code whose procedures are not. */
  readonly orpc?: 'mapped' | 'unmapped';
  readonly actions: boolean;
  readonly graphql: boolean;
}

/** `the HTTP framework routes, tRPC procedures and Server Actions below`: what the code serves, for the summary. */
function codeApis(apis: CodeApis): string {
  const parts = [
    apis.http && 'HTTP framework routes',
    apis.graphql && 'GraphQL operations',
    apis.trpc && 'tRPC procedures',
    apis.orpc === 'mapped' && 'oRPC procedures',
    apis.actions && 'Server Actions',
  ].filter((p): p is string => !!p);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function summary(model: StepModel, hasCdk: boolean, apis: CodeApis): string {
  const { facts } = model;
  const inCode = codeApis(apis);
  const hasHttp = inCode !== '';
  // Server code whose procedures are not listed: what is below is not the whole API.
  const orpcNote = apis.orpc === 'unmapped' ? ' oRPC procedures are served too but are **not mapped**: the oRPC section below says where they are defined.' : '';
  // What a base stack class defines is counted once, not once per stack that extends it.
  const cdkApis = facts.of<CdkApiFact>('cdk.api');
  const routes = routesShown(facts.of<CdkRouteFact>('cdk.route'), cdkApis, copiesOf(cdkApis));
  const lambdaCopies = copiesOf(facts.of<CdkLambdaFact>('cdk.lambda'));
  const lambdas = lambdaCopies.shown;
  if (!hasCdk) {
    const edge = supabaseFunctions(facts).length;
    const tools = [
      ...infraApis(facts).map((a) => `${a.title} — ${[a.routes > 0 && plural(a.routes, 'endpoint'), a.functions > 0 && plural(a.functions, 'function'), ...a.unread].filter(Boolean).join(', ')}`),
      ...(edge > 0 ? [`Supabase Edge Functions — ${plural(edge, 'function')}`] : []),
    ];
    if (tools.length > 0) {
      return `${noCdk(model)}; the API is defined with ${tools.join('; ')}${hasHttp ? `; the ${inCode} are below too` : ''}.${orpcNote}`;
    }
    if (!hasHttp && orpcNote) return `${noCdk(model)}.${orpcNote}`;
    return hasHttp
      ? orpcNote
        ? `${noCdk(model)}: part of the API is served by the ${inCode} below.${orpcNote}`
        : `${noCdk(model)}: the API is served by the ${inCode} below.`
      : noneOr(
          model,
          'backend-api',
          'No AWS CDK app, serverless functions, HTTP framework routes, GraphQL server, tRPC router or Server Actions were found in this repository: there is no backend API to map.',
          'No API routes were mapped, but these packages or definitions look like a backend:',
        );
  }
  const resolverFacts = facts.of<CdkGraphqlResolverFact>('cdk.graphqlResolver');
  const resolvers = resolverFacts.length;
  // Resolvers created in a loop over a schema's fields are one record per loop: the count is a lower bound.
  const atLeast = resolverFacts.some((r) => r.data.inLoop) ? 'at least ' : '';
  if (routes.length === 0 && lambdas.length === 0 && resolvers === 0) return 'The CDK app defines no API Gateway routes or Lambda functions.';
  const counts = [
    // "0 endpoints on API Gateway" would read as a claim about an API that may not exist (Lambda@Edge-only apps).
    routes.length > 0 ? `${plural(routes.length, 'endpoint')} on API Gateway` : '',
    resolvers > 0 ? `${atLeast}${plural(resolvers, 'GraphQL resolver')} on AppSync` : '',
    lambdas.length > 0 ? plural(lambdas.length, 'Lambda function') : '',
  ].filter(Boolean);
  const entries = lambdas.map((l) => l.data.entry).filter((e): e is string => e !== undefined);
  const dir = commonDir(entries);
  // Functions whose code was not traced may live anywhere: the folder is only said of the ones traced.
  const where = entries.length > 1 && dir ? ` ${entries.length === lambdas.length ? 'Handler code' : 'The handler code traced to a file'} lives under ${code(`/${dir}`)}.` : '';
  // Inline code and code a construct library ships are where they are said to be; only the others are untraced.
  const unresolved = lambdas.filter((l) => !l.data.entryResolved && l.data.entrySource !== 'inline' && !(l.data.entrySource === 'library' && !l.data.entryAsWritten)).length;
  const copied = [...new Set([...lambdaCopies.alsoIn.entries()].flatMap(([l, others]) => [l.data.stack ?? '', ...others]))].filter(Boolean).sort();
  return (
    `${counts.length > 1 ? `${counts.slice(0, -1).join(', ')} and ` : ''}${counts[counts.length - 1]}, read from the AWS CDK code.${where}`.replace(/^at least/, 'At least') +
    (copied.length > 0 ? ` What stacks ${names(copied)} create from the same code (a base stack class they extend) is counted and listed once.` : '') +
    (unresolved > 0 ? ` ${plural(unresolved, 'function')} could not be traced to a file statically; ${unresolved === 1 ? 'its' : 'their'} code location is shown as written.` : '') +
    orpcNote
  );
}

/** Who guards which endpoints (from CDK), the user pool behind Cognito authorizers and its triggers. */
function apiAuth(facts: FactSet): string {
  const apis = facts.of<CdkApiFact>('cdk.api');
  const routes = sortRoutes(routesShown(facts.of<CdkRouteFact>('cdk.route'), apis, copiesOf(apis)));
  const authorizers = copiesOf(facts.of<CdkAuthorizerFact>('cdk.authorizer')).shown;
  if (routes.length === 0 && authorizers.length === 0 && !facts.has('cdk.userPool')) return '';
  const lambdas = lambdaById(facts);
  const items: string[] = [];
  for (const a of authorizers) {
    const guarded = routes.filter((r) => r.data.authorizer === a.id);
    const fn = a.data.lambda ? lambdas.get(a.data.lambda) : undefined;
    const backing = fn ? `, code in ${entryCell(fn.data)}` : '';
    items.push(
      `${code(authorizerLabel(a.data))} (${authorizerType(a.data.type)}${backing}) guards ${plural(guarded.length, 'endpoint')}${prefixOf(guarded)} — ${at(a.at[0])}`,
    );
  }
  // `HttpNoneAuthorizer` / `AuthorizationType.NONE` on a route under a default authorizer: public too.
  const open = routes.filter(
    (r) => (!r.data.authorizer || r.data.authorizer === 'NONE') && (!r.data.authorizationType || r.data.authorizationType === 'NONE') && !r.data.apiKeyRequired,
  );
  if (open.length > 0) items.push(`No authorizer (public unless the API is private or limited by a resource policy): ${names(open.map((r) => `${r.data.method} ${r.data.path}`), 6)}`);
  for (const pool of facts.of<CdkUserPoolFact>('cdk.userPool')) {
    const clients = facts.of<CdkUserPoolClientFact>('cdk.userPoolClient').filter((c) => c.data.userPool === pool.id);
    const sign = pool.data.signInAliases.length > 0 ? `, sign-in with ${pool.data.signInAliases.join('/')}` : '';
    const clientText = clients.map((c) => `${code(c.data.constructId)}${c.data.authFlows.length ? ` (${c.data.authFlows.join(', ')})` : ''}`).join(', ');
    items.push(`Cognito user pool ${code(pool.data.constructId)}${sign}${clientText ? `; clients ${clientText}` : ''} — ${at(pool.at[0])}`);
    for (const t of pool.data.triggers) {
      const fn = lambdas.get(t.lambda);
      items.push(`Trigger ${code(t.trigger)} runs ${fn ? entryCell(fn.data) : code(t.lambda)}`);
    }
  }
  return join(heading(4, 'At the API (from CDK)'), bullets(items));
}

/** ` under /v1` when all guarded paths share a first segment. */
function prefixOf(routes: readonly CdkRouteFact[]): string {
  const firsts = new Set(routes.map((r) => r.data.path.split('/')[1] ?? ''));
  if (routes.length < 2 || firsts.size !== 1) return '';
  const first = [...firsts][0];
  return first ? ` under ${urlPath(`/${first}`)}` : '';
}
