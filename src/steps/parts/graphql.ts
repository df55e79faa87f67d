/** AppSync GraphQL APIs from CDK: per API its schema file and auth modes, then `Type.field` → data source → code → where wired. */
import type { FactSet } from '../../facts.js';
import type {
  CdkCodeRef,
  CdkGraphqlApiFact,
  CdkGraphqlDataSource,
  CdkGraphqlResolverFact,
  CdkResourceFact,
  CdkTableFact,
} from '../../detectors/cdk/index.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { at, conditionText, entryCell, lambdaById, namer, plural, written } from './cdk-shared.js';
import { compareText } from './format.js';

const TYPE_ORDER = ['Query', 'Mutation', 'Subscription'];

export function graphqlPart(facts: FactSet): string {
  const apis = facts.of<CdkGraphqlApiFact>('cdk.graphqlApi');
  const resolvers = facts.of<CdkGraphqlResolverFact>('cdk.graphqlResolver');
  const events = facts.of<CdkResourceFact>('cdk.resource').filter((r) => r.data.service === 'appsync' && r.data.className === 'EventApi');
  if (apis.length === 0 && resolvers.length === 0 && events.length === 0) return '';
  const name = namer(apis);
  const sections = apis.map((api) => {
    const own = resolvers.filter((r) => r.data.api === api.id);
    const title = `GraphQL API: ${api.data.name?.resolved ? api.data.name.text : name(api.id)} (AppSync)`;
    return join(heading(3, title), apiSummary(api, own.length, own.some((r) => r.data.inLoop)), own.length > 0 ? resolverTable(own, facts) : 'No resolvers are attached to it in this CDK code.');
  });
  const orphans = resolvers.filter((r) => !r.data.api || !apis.some((a) => a.id === r.data.api));
  if (orphans.length > 0) sections.push(join(heading(3, 'Other GraphQL resolvers (AppSync)'), resolverTable(orphans, facts)));
  if (events.length > 0) {
    const items = events.map((e) => `${code(e.data.constructId)} (AppSync Events${e.data.stack ? `, stack ${code(e.data.stack)}` : ''}) — ${at(e.at[0])}`);
    sections.push(join(heading(3, 'AppSync Event APIs'), bullets(items)));
  }
  return join(...sections);
}

/** `looped`: some resolver is created in a loop whose passes are not known, so the count is a lower bound. */
function apiSummary(api: CdkGraphqlApiFact, count: number, looped = false): string {
  const d = api.data;
  const sources = d.dataSources.length > 0 ? `, ${plural(d.dataSources.length, 'data source')}` : '';
  const items = [`Defined in ${at(api.at[0])}${d.stack ? ` (stack ${code(d.stack)})` : ''}${d.imported ? ', imported from another app' : ''}: ${looped ? 'at least ' : ''}${plural(count, 'resolver')}${looped ? ' (some are created in a loop, one per pass)' : ''}${sources}.`];
  if (d.schema) items.push(`Schema: ${schemaText(d.schema.kind, d.schema.ref)}`);
  if (d.authModes.length > 0) items.push(`Authorization: ${d.authModes.map((m) => (m.endsWith(' (default)') ? `${code(m.slice(0, -10))} (the CDK default)` : code(m))).join(', ')}${d.authModes.length > 1 ? ' (first is the default)' : ''}`);
  if (d.conditions?.length) items.push(`Created ${conditionText(d.conditions)}`);
  return bullets(items);
}

function schemaText(kind: string, ref: CdkCodeRef | undefined): string {
  if (kind === 'code-first') return 'code-first (types are built in the CDK code, no SDL file)';
  if (kind === 'merged') return 'merged API (built from its source APIs)';
  if (kind === 'inline') return 'inline SDL in the CDK code';
  return ref ? codeText(ref) : 'not read statically';
}

/** A file as a citation; inline or built-in code as a short label; an unresolved path as written. */
function codeText(ref: CdkCodeRef): string {
  if (ref.file) return `${cite(ref.file)}${ref.fromSource ? ' (source of the built file the code names)' : ''}`;
  if (ref.source === 'inline') return 'inline';
  if (ref.source === 'builtin') return `built-in ${code(ref.asWritten ?? '')}`;
  return written(ref.asWritten ?? '?');
}

function sortResolvers(list: readonly CdkGraphqlResolverFact[]): CdkGraphqlResolverFact[] {
  const rank = (t: string) => (TYPE_ORDER.includes(t) ? TYPE_ORDER.indexOf(t) : TYPE_ORDER.length);
  return [...list].sort(
    (a, b) => rank(a.data.typeName) - rank(b.data.typeName) || compareText(a.data.typeName, b.data.typeName) || compareText(a.data.fieldName, b.data.fieldName),
  );
}

function resolverTable(list: readonly CdkGraphqlResolverFact[], facts: FactSet): string {
  const lambdas = lambdaById(facts);
  const tables = namer(facts.of<CdkTableFact>('cdk.table'));
  const source = (ds: CdkGraphqlDataSource | undefined, inPipeline = false): string => {
    if (!ds) return '—';
    if (inPipeline && ds.kind === 'none') return 'none';
    const fn = ds.lambda ? lambdas.get(ds.lambda) : undefined;
    switch (ds.kind) {
      case 'lambda':
        return `Lambda ${fn ? entryCell(fn.data) : ds.target ? written(ds.target) : code(ds.name)}`;
      case 'dynamodb':
        return `DynamoDB ${ds.table ? code(tables(ds.table)) : ds.target ? written(ds.target) : code(ds.name)}`;
      case 'http':
        return `HTTP ${ds.target ? written(ds.target, false) : code(ds.name)}`;
      case 'none':
        return 'none (local resolver)';
      case 'other':
        return `${written(ds.type ?? 'other', false)} ${code(ds.name)}`;
      default:
        return `${LABELS[ds.kind]} ${ds.target ? written(ds.target, false) : code(ds.name)}`;
    }
  };
  const notesOf = (r: CdkGraphqlResolverFact) =>
    [
      conditionText(r.data.conditions),
      r.data.fieldResolved ? '' : 'type or field computed at synth time, shown as written',
      r.data.inLoop ? `created in a loop at ${at(r.data.inLoop)}: one resolver per pass` : '',
      r.data.source === 'table' ? `from a field table (${at(r.at[r.at.length - 1])})` : '',
      r.data.source === 'code-first' ? 'code-first field' : '',
    ].filter(Boolean);
  const withNotes = list.some((r) => notesOf(r).length > 0);
  const rows = sortResolvers(list).map((r) => {
    const d = r.data;
    const target =
      d.kind === 'pipeline'
        ? `pipeline: ${d.functions.map((f) => `${code(f.name)} (${source(f.dataSource, true)})`).join(' → ') || '—'}`
        : source(d.dataSource);
    const codes = [...new Set([d.code, d.responseTemplate].filter((c): c is CdkCodeRef => c !== undefined).map(codeText))];
    const fnCodes = d.functions.map((f) => (f.code ? `${code(f.name)}: ${codeText(f.code)}` : '')).filter(Boolean);
    const kind = d.runtime && /JS/.test(d.runtime) ? ' (JS)' : d.code && !d.runtime && d.code.source !== 'unknown' ? ' (VTL)' : '';
    const codeCell = [codes.length > 0 ? `${codes.join(', ')}${kind}` : d.dataSource?.kind === 'lambda' ? 'direct Lambda' : '', ...fnCodes].filter(Boolean).join('; ') || '—';
    return [
      code(`${d.typeName}.${d.fieldName}`),
      target,
      codeCell,
      d.via ? `${at(r.at[0])}, called at ${at(d.via)}` : at(r.at[0]),
      ...(withNotes ? [notesOf(r).join('; ') || '—'] : []),
    ];
  });
  return table(['Field', 'Data source', 'Resolver code', 'Wired at', ...(withNotes ? ['Notes'] : [])], rows);
}

const LABELS: Record<CdkGraphqlDataSource['kind'], string> = {
  lambda: 'Lambda',
  dynamodb: 'DynamoDB',
  http: 'HTTP',
  none: 'none',
  opensearch: 'OpenSearch',
  rds: 'RDS (Aurora Data API)',
  eventbridge: 'EventBridge',
  other: 'other',
};
