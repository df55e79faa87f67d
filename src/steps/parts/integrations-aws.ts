import type { CdkApiFact, CdkAuthorizerFact, CdkDistributionFact, CdkEdgeFunctionFact, CdkLambdaFact } from '../../detectors/cdk/facts.js';
import type { FactSet } from '../../facts.js';
import { authorizerLabel, conditionText } from './cdk-shared.js';
import type { StepModel } from '../../model/repo-model.js';
import { noneOr } from './claims.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import { value } from './format.js';
import { lambdaRef } from './integrations-cognito.js';
import { copiesOf } from './cdk-copies.js';

/** CloudFront distributions: domains, behaviours (path → origin, cache, functions), error pages. */
export function cloudfrontSection(model: StepModel): string {
  const { facts } = model;
  const dists = copiesOf(facts.of<CdkDistributionFact>('cdk.distribution')).shown;
  if (dists.length === 0) {
    if (!facts.has('cdk.app') && !facts.has('cdk.stack') && model.evidence('cloudfront').length === 0) return '';
    return join(
      heading(3, 'CloudFront distributions'),
      noneOr(model, 'cloudfront', 'No CloudFront distributions in CDK code.', 'No `cloudfront.Distribution` was mapped, but these create or configure CloudFront:'),
    );
  }
  const fns = facts.of<CdkEdgeFunctionFact>('cdk.edgeFunction');
  const fnRef = (id: string) => {
    const f = fns.find((x) => x.id === id);
    return f ? `${code(f.data.constructId)} (${f.data.kind === 'cloudfront-function' ? 'CloudFront Function' : 'Lambda@Edge'}${f.data.codeFile ? `, ${cite(f.data.codeFile)}` : ''}, ${cite(f.at[0])})` : value(id);
  };
  const blocks = dists.map((f) => {
    const d = f.data;
    const rows = d.behaviours.map((b) => [
      b.pathPattern === '*' ? 'default (`*`)' : value(b.pathPattern),
      value(b.bucket ?? b.origin),
      [b.viewerProtocolPolicy, b.cachePolicy, b.allowedMethods].filter(Boolean).map((x) => oneLine(x!)).join(', ') || '—',
      b.functions.map((fn) => `${fnRef(fn.function)}${fn.eventType ? ` on ${oneLine(fn.eventType)}` : ''}`).join('; ') || '—',
      cite(b.at),
    ]);
    const facts = [
      // Created after an early `return` or inside an `if`: only when that condition holds (a built site folder exists).
      conditionText(d.conditions),
      d.domainNames.length ? `domains ${d.domainNames.map(value).join(', ')}` : d.domainNamesUnread ? 'custom domains not read (the props spread a value not known statically)' : 'no custom domain',
      d.certificate ? `certificate ${value(d.certificate)}` : '',
      d.defaultRootObject ? `root object ${value(d.defaultRootObject)}` : '',
      d.errorResponses ? `error responses ${value(d.errorResponses)}` : '',
      d.priceClass ? `price class ${value(d.priceClass)}` : '',
    ].filter(Boolean);
    return join(`**${code(d.constructId)}** (${oneLine(d.kind)}${d.stack ? ` in ${code(d.stack)}` : ''}) — ${cite(f.at[0])}`, bullets(facts), table(['Path', 'Origin', 'Policies', 'Functions', 'Where'], rows));
  });
  return join(heading(3, 'CloudFront distributions'), ...blocks);
}

/** API Gateway APIs: stages, CORS, throttling, custom domains, authorizers, usage plans. */
export function apiGatewaySection(facts: FactSet): string {
  const apis = copiesOf(facts.of<CdkApiFact>('cdk.api')).shown;
  if (apis.length === 0) {
    // Only a CDK app makes "no API Gateway" worth a line; elsewhere step 3 says how the API is served.
    return facts.has('cdk.app') || facts.has('cdk.stack') ? join(heading(3, 'API Gateway configuration'), 'No API Gateway APIs in CDK code.') : '';
  }
  const authorizers = facts.of<CdkAuthorizerFact>('cdk.authorizer');
  const lambdas = facts.of<CdkLambdaFact>('cdk.lambda');
  const blocks = apis.map((f) => {
    const d = f.data;
    const items: string[] = [];
    if (d.name) items.push(`**Name:** ${value(d.name.text)}`);
    const stages = [...d.stages.map(value), ...(d.defaultStage ? [`default (${code(d.defaultStage)})`] : [])];
    if (stages.length) items.push(`**Stages:** ${stages.join(', ')}`);
    if (d.cors) items.push(`**CORS:** ${Object.entries(d.cors).filter(([, v]) => v).map(([k, v]) => `${k} ${value(v!)}`).join('; ')}`);
    if (d.throttling) items.push(`**Throttling:** ${Object.entries(d.throttling).filter(([, v]) => v).map(([k, v]) => `${k} ${value(v!)}`).join('; ')}`);
    for (const dom of d.domains) items.push(`**Custom domain:** ${value(dom.domainName)}${dom.certificate ? ` with certificate ${value(dom.certificate)}` : ''} (${cite(dom.at)})`);
    if (d.defaultAuthorizer) items.push(`**Default authorizer:** ${value(d.defaultAuthorizer)}`);
    if (d.handler) items.push(`**Proxy handler:** ${lambdaRef(lambdas, d.handler)}`);
    for (const p of d.usagePlans) items.push(`**Usage plan:** ${value(p.name)} (${cite(p.at)})`);
    if (d.apiKeyRequired) items.push('**API keys required** on methods by default');
    return join(`**${code(d.constructId)}** (${oneLine(d.kind)}, ${d.flavour}${d.stack ? ` in ${code(d.stack)}` : ''}) — ${cite(f.at[0])}`, bullets(items));
  });
  const own = authorizers.filter((a) => apis.some((api) => api.data.stack === a.data.stack) || true);
  const authTable =
    own.length > 0 &&
    join(
      '**Authorizers:**',
      table(
        ['Authorizer', 'Type', 'Identity source', 'Backed by', 'Cache', 'Defined in'],
        own.map((a) => [
          code(authorizerLabel(a.data)),
          oneLine(a.data.kind),
          a.data.identitySource ? value(a.data.identitySource) : '—',
          a.data.lambda ? lambdaRef(lambdas, a.data.lambda) : a.data.userPools.map(value).join(', ') || '—',
          a.data.resultsCacheTtl ? value(a.data.resultsCacheTtl) : '—',
          cite(a.at[0]),
        ]),
      ),
    );
  return join(heading(3, 'API Gateway configuration'), ...blocks, authTable);
}
