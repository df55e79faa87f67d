/** API Gateway endpoints from CDK: one table per API (method, path, handler, authorizer, where wired) and the authorizers. */
import type { FactSet } from '../../facts.js';
import type { CdkApiFact, CdkRouteFact } from '../../detectors/cdk/index.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { code } from '../../markdown/text.js';
import { at, conditionText, entryCell, lambdaById, namer, plural, routeAuth, written } from './cdk-shared.js';
import { alsoInText, copiesOf } from './cdk-copies.js';
import { compareText } from './format.js';
import { innerHandlerCell, innerMatch, innerRoutesByFile } from './lambda-dispatch.js';

const METHOD_ORDER = ['ANY', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'WS'];

export function sortRoutes(routes: readonly CdkRouteFact[]): CdkRouteFact[] {
  return [...routes].sort(
    (a, b) =>
      compareText(a.data.path, b.data.path) ||
      METHOD_ORDER.indexOf(a.data.method) - METHOD_ORDER.indexOf(b.data.method) ||
      compareText(a.data.method, b.data.method),
  );
}

/** `### API: <name>` per API with its settings and endpoints table; routes without a known API come last. */
export function endpointsPart(facts: FactSet): string {
  const apis = facts.of<CdkApiFact>('cdk.api');
  const routes = facts.of<CdkRouteFact>('cdk.route');
  if (apis.length === 0 && routes.length === 0) return '';
  const name = namer(apis);
  // An API a base stack class defines is created in each stack that extends it: listed once, with where else.
  const copies = copiesOf(apis);
  const sections = copies.shown.map((api) => {
    const own = routes.filter((r) => r.data.api === api.id);
    const title = `API: ${name(api.id)} (${api.data.kind})`;
    // Copies in other stacks: the stack's own condition no longer says when the endpoints exist.
    const alsoIn = alsoInText(api.data.stack, copies.alsoIn.get(api), facts);
    return join(heading(3, title), apiSummary(api, own, alsoIn), endpointsTable(own, facts, alsoIn !== ''));
  });
  const orphans = routes.filter((r) => !r.data.api || !apis.some((a) => a.id === r.data.api));
  if (orphans.length > 0) sections.push(join(heading(3, 'Other routes'), endpointsTable(orphans, facts)));
  return join(...sections);
}

function apiSummary(api: CdkApiFact, own: readonly CdkRouteFact[], alsoIn = ''): string {
  const d = api.data;
  // Methods other stacks add to it through an import are theirs: said so, not credited to the API's stack.
  const added = new Map<string, number>();
  for (const r of own) if (r.data.addedBy) added.set(r.data.addedBy, (added.get(r.data.addedBy) ?? 0) + 1);
  const by = [...added.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${code(s)} (${n})`);
  const total = [...added.values()].reduce((a, b) => a + b, 0);
  const addedText = total > 0 ? `, ${total === own.length ? 'all' : total} added by ${by.length === 1 ? 'the stack that imports' : 'stacks that import'} it: ${by.join(', ')}` : '';
  const items = [`Defined in ${at(api.at[0])}${d.stack ? ` (stack ${code(d.stack)})` : ''}: ${plural(own.length, 'endpoint')}${addedText}.`];
  if (alsoIn) items.push(`The same API and endpoints are ${alsoIn}.`);
  if (d.name) items.push(`Name: ${written(d.name.text, false)}`);
  if (d.stages.length > 0) items.push(`Stage: ${d.stages.map((s) => written(s, false)).join(', ')}`);
  if (d.cors?.origins) items.push(`CORS origins: ${written(d.cors.origins, false)}`);
  if (d.throttling) {
    items.push(`Throttling: rate ${written(d.throttling.rateLimit ?? '—', false)}, burst ${written(d.throttling.burstLimit ?? '—', false)}`);
  }
  for (const domain of d.domains) items.push(`Custom domain: ${written(domain.domainName, false)} (${at(domain.at)})`);
  if (d.conditions?.length && !alsoIn) items.push(`Created ${conditionText(d.conditions)}`);
  return bullets(items);
}

function endpointsTable(routes: readonly CdkRouteFact[], facts: FactSet, copied = false): string {
  const lambdas = lambdaById(facts);
  const inner = innerRoutesByFile(facts);
  const sorted = sortRoutes(routes);
  const notesOf = (r: CdkRouteFact) =>
    [
      copied ? '' : conditionText(r.data.conditions),
      r.data.pathResolved ? '' : 'path partly computed at run time, shown as written',
      r.data.source === 'table' ? `from a route table (${at(r.at[r.at.length - 1])})` : '',
      r.data.source === 'proxy' ? 'proxy: every path below goes to the handler' : '',
    ].filter(Boolean);
  const withNotes = sorted.some((r) => notesOf(r).length > 0);
  const rows = sorted.map((r) => {
    const d = r.data;
    const lambda = d.lambda ? lambdas.get(d.lambda) : undefined;
    // A Lambda that tells routes apart itself: this route's own handler inside it.
    const dispatched = lambda?.data.entry ? innerMatch(inner.get(lambda.data.entry), d.method, d.path) : undefined;
    const handler = dispatched
      ? `${innerHandlerCell(dispatched)}, dispatched in ${at({ file: dispatched.file, line: dispatched.line })}`
      : lambda
        ? entryCell(lambda.data)
        : d.integration
          ? written(d.integration, false)
          : '—';
    const notes = notesOf(r);
    return [
      code(`${d.method} ${d.path}`),
      handler,
      routeAuth(d, facts),
      d.via ? `${at(r.at[0])}, called at ${at(d.via)}` : at(r.at[0]),
      ...(withNotes ? [notes.join('; ') || '—'] : []),
    ];
  });
  return table(['Endpoint', 'Handler', 'Authorizer', 'Wired at', ...(withNotes ? ['Notes'] : [])], rows);
}
