/**
 * Step 10's AWS services declared outside AWS CDK: Cognito, API Gateway and CloudFront resources in a serverless.yml
 * `resources:` block, a CloudFormation/SAM template or Terraform, and the API Gateway routes of `http`/`httpApi`
 * events. Each resource is cited at the line that declares it.
 */
import type { InfraProjectFact, InfraResourceData, InfraResourceFact, InfraRouteData, InfraRouteFact } from '../../detectors/other-infra/types.js';
import { INFRA_TOOL_TITLE, type InfraTool } from '../../detectors/other-infra/types.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import { noCdk } from './claims.js';
import { byFileLine, compareText } from './format.js';
import { pushTo } from '../../collections.js';

/** Resource types this step maps: user pools and clients, REST/HTTP APIs and their authorizers, distributions. */
const AWS_TYPE = /^(AWS::(Cognito|ApiGateway|ApiGatewayV2|CloudFront)::|AWS::Serverless::(Api|HttpApi)$|aws_(cognito|api_gateway|apigatewayv2|cloudfront)_)/;
/** One row per type for the per-path plumbing; step 3 and step 6 show the routes themselves. */
const PLUMBING = /(::(Resource|Method|Route|Integration|Deployment|Stage|Model|GatewayResponse|RequestValidator)$|_(resource|method|route|integration|deployment|stage|model)$)/;

function service(type: string): string {
  if (/cognito/i.test(type)) return 'Cognito';
  if (/cloudfront/i.test(type)) return 'CloudFront';
  return 'API Gateway';
}

export function infraAwsSection(model: StepModel): string {
  const { facts } = model;
  const cdk = facts.has('cdk.app') || facts.has('cdk.stack');
  const resources = facts.of<InfraResourceFact>('infra.resource').map((f) => f.data).filter((r) => AWS_TYPE.test(r.type)).sort(byFileLine);
  const all = facts.of<InfraRouteFact>('infra.route').map((f) => f.data);
  // Routes a `for_each` makes from a map not read here: neither counted nor said to have no authorizer.
  const templated = all.filter((r) => r.forEach);
  const routes = all.filter((r) => !r.forEach);
  const unread = facts.of<InfraProjectFact>('infra.project').flatMap((p) => (p.data.unread ?? []).filter((u) => u.key === 'functions').map((u) => ({ ...u, tool: p.data.tool })));
  const titles = (list: readonly { tool: InfraTool }[]) => [...new Set(list.map((r) => INFRA_TOOL_TITLE[r.tool]))].sort(compareText).join(', ');
  // `provider.apiGateway`, `custom.customDomain`: the service has an API even when its functions were not read.
  const settings = facts.of<InfraProjectFact>('infra.project').flatMap((p) => (p.data.apiSettings ?? []).map((a) => ({ ...a, tool: p.data.tool })));
  if (resources.length + routes.length + unread.length === 0) {
    if (settings.length > 0) {
      const list = settings.map((a) => `${code(a.key)} (${cite(a.file, a.line)})`).join(', ');
      return join(heading(3, 'AWS services'), `${cdk ? '' : `${noCdk(model)}; `}API Gateway is configured with ${titles(settings)}: ${list}.`);
    }
    if (cdk || facts.has('cognito.usage')) return '';
    return join(heading(3, 'AWS services'), `${noCdk(model)}, so there is no Cognito, CloudFront or API Gateway configuration to map here.`);
  }
  const opening = cdk ? '' : `${noCdk(model)}; `;
  const guarded = routes.filter((r) => r.authorizer);
  const routeLine =
    (routes.length > 0 &&
      `${opening}API Gateway is configured with ${titles(routes)}: ${routes.length} route${routes.length === 1 ? '' : 's'} (step 3 lists them)${guarded.length ? `, ${guarded.length} with an authorizer` : templated.length ? '' : ', none with an authorizer'}${templatedText(templated, true)}.`) ||
    (templated.length > 0 && `${opening}API Gateway is configured with ${titles(templated)}${templatedText(templated, false)}.`);
  const resourceLine =
    resources.length > 0 &&
    join(`${routes.length > 0 || cdk ? 'AWS resources declared' : `${opening}these AWS resources are declared`} with ${titles(resources)}${cdk ? ', outside the CDK app' : ''}:`, resourceTable(resources));
  const unreadLine =
    unread.length > 0 &&
    `${routes.length + resources.length > 0 ? '' : opening}Functions defined in ${unread.map((u) => `${u.exists ? cite(u.file) : code(u.file)} (included at ${cite(u.from, u.line)})`).join(', ')} were not read, so the API Gateway routes their events declare are not counted here.`;
  return join(
    heading(3, 'AWS services'),
    routeLine,
    bullets(guarded.map((r) => `${code(`${r.method} ${r.path}`)} — ${oneLine(r.authorizer!)} (${cite(r.file, r.line)})`)),
    resourceLine,
    unreadLine,
  );
}

/** `; more routes come from for_each = var.routes (cited), not read` */
function templatedText(list: readonly InfraRouteData[], more: boolean): string {
  if (list.length === 0) return '';
  const where = list.map((r) => `${code(`for_each = ${r.forEach!.over}`)} (${cite(r.file, r.line)})`).join(', ');
  return `${more ? '; more routes come from' : ': its routes come from'} ${where}, not read, so whether they have an authorizer is not known here`;
}

function resourceTable(resources: readonly InfraResourceData[]): string {
  const rows: { key: string; cells: string[] }[] = [];
  const plumbing = new Map<string, InfraResourceData[]>();
  for (const r of resources) {
    if (PLUMBING.test(r.type)) pushTo(plumbing, r.type, r);
    else rows.push({ key: `${service(r.type)} ${r.type}`, cells: [service(r.type), code(r.type), code(r.name), cite(r.file, r.line)] });
  }
  for (const [type, list] of plumbing) {
    const names = list.slice(0, 6).map((r) => code(r.name)).join(', ') + (list.length > 6 ? ` (+${list.length - 6} more)` : '');
    rows.push({ key: `${service(type)} ${type}`, cells: [service(type), code(type), names, citeAll(list.map((r) => ({ file: r.file, line: r.line })), 3)] });
  }
  // Stable: by service and type, then in declaration order (the input is sorted by file and line).
  const order = rows.map((r, i) => ({ ...r, i })).sort((a, b) => compareText(a.key, b.key) || a.i - b.i);
  return table(['Service', 'Type', 'Resource', 'Defined in'], order.map((r) => r.cells));
}
