/** The Lambda functions table: where each one's code is, how it is sized, what it is given and what invokes it. */
import type { FactSet } from '../../facts.js';
import type { CdkConstructClassFact, CdkDistributionFact, CdkGraphqlResolverFact, CdkLambdaFact, CdkRouteFact, CdkTableFact } from '../../detectors/cdk/index.js';
import { join, table } from '../../markdown/blocks.js';
import { code } from '../../markdown/text.js';
import { at, conditionText, entryCell, namer, plural, written } from './cdk-shared.js';
import { alsoInText, copiesOf } from './cdk-copies.js';
import { names } from './format.js';
import { pushTo } from '../../collections.js';

export function lambdasPart(facts: FactSet): string {
  // A function a base stack class defines is listed once, with the other stacks that create it.
  const copies = copiesOf(facts.of<CdkLambdaFact>('cdk.lambda'));
  const lambdas = copies.shown;
  if (lambdas.length === 0) return '';
  const name = namer(lambdas);
  const common = commonEnv(lambdas);
  const routes = new Map<string, CdkRouteFact[]>();
  for (const r of facts.of<CdkRouteFact>('cdk.route')) {
    if (r.data.lambda === undefined) continue;
    const list = routes.get(r.data.lambda);
    if (list) list.push(r);
    else routes.set(r.data.lambda, [r]);
  }
  const fields = graphqlFields(facts);
  const edges = edgeUses(facts);
  const tables = namer(facts.of<CdkTableFact>('cdk.table'));
  const rows = lambdas.map((l) => {
    const d = l.data;
    const env = d.environment.filter((e) => !common.has(e.name)).map((e) => e.name);
    const also = alsoInText(d.stack, copies.alsoIn.get(l), facts);
    return [
      code(name(l.id)) + (also ? ` (${also})` : d.conditions?.length ? ` (${conditionText(d.conditions)})` : ''),
      entryCell(d),
      d.runtime ? code(d.runtime) : '—',
      d.memoryMb ?? '—',
      d.timeout ?? '—',
      [env.length > 0 ? names(env, 6) : '', d.environmentOpen ? `${env.length > 0 ? 'and ' : ''}what ${code(d.environmentOpen.expression)} holds` : ''].filter(Boolean).join(' ') || '—',
      [invokedBy(l, routes.get(l.id) ?? [], tables), fieldsText(fields.get(l.id) ?? []), edges.get(l.id)?.join(', ') ?? ''].filter((t) => t !== '—' && t !== '').join(', ') || '—',
      at(l.at[0]),
    ];
  });
  const wrappers = wrapperNote(lambdas, facts);
  const commonNote =
    common.size > 0 ? `Every function also gets ${names([...common].sort())} (set in ${at(lambdas[0].data.environment.find((e) => common.has(e.name))?.at)}).` : '';
  return join(
    table(['Function', 'Code', 'Runtime', 'Memory (MB)', 'Timeout', 'Environment', 'Invoked by', 'Defined at'], rows),
    commonNote,
    wrappers,
  );
}

/** Lambda fact id → the GraphQL fields it resolves (as a data source, or in a pipeline function). */
function graphqlFields(facts: FactSet): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of facts.of<CdkGraphqlResolverFact>('cdk.graphqlResolver')) {
    const field = `${r.data.typeName}.${r.data.fieldName}`;
    for (const ds of [r.data.dataSource, ...r.data.functions.map((f) => f.dataSource)]) {
      if (!ds?.lambda) continue;
      const list = out.get(ds.lambda) ?? [];
      if (!list.includes(field)) list.push(field);
      out.set(ds.lambda, list);
    }
  }
  return out;
}

function fieldsText(fields: readonly string[]): string {
  if (fields.length === 0) return '';
  return fields.length <= 2 ? `GraphQL ${fields.map((f) => code(f)).join(', ')}` : `${plural(fields.length, 'GraphQL field')}`;
}

/** Variables every function gets with the same value (a wrapper's defaults): listed once under the table. */
function commonEnv(lambdas: readonly CdkLambdaFact[]): Set<string> {
  if (lambdas.length < 3) return new Set();
  const [first, ...rest] = lambdas;
  return new Set(
    first.data.environment
      .filter((e) => rest.every((l) => l.data.environment.some((o) => o.name === e.name && o.value === e.value && o.at.file === e.at.file && o.at.line === e.at.line)))
      .map((e) => e.name),
  );
}

/** Lambda@Edge functions and the CloudFront behaviours that run them: `CloudFront `Site` (`photos/*`, VIEWER_REQUEST)`. */
function edgeUses(facts: FactSet): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of facts.of<CdkDistributionFact>('cdk.distribution')) {
    for (const b of d.data.behaviours) {
      for (const f of b.functions) {
        const text = `CloudFront ${code(d.data.constructId)} (${b.pathPattern === '*' ? 'default' : code(b.pathPattern)}${f.eventType ? `, ${f.eventType}` : ''})`;
        pushTo(out, f.function, text);
      }
    }
  }
  for (const [fn, list] of out) if (list.length > 2) out.set(fn, [...list.slice(0, 2), `+${list.length - 2} more behaviours`]);
  return out;
}

/** `own`: the routes whose integration is this function. */
function invokedBy(l: CdkLambdaFact, own: readonly CdkRouteFact[], tableName: (id: string) => string): string {
  const parts: string[] = [];
  if (own.length > 0 && own.length <= 2) parts.push(...own.map((r) => code(`${r.data.method} ${r.data.path}`)));
  else if (own.length > 2) parts.push(plural(own.length, 'endpoint'));
  const rotated: string[] = [];
  for (const t of l.data.triggers) {
    if (t.kind === 'DynamoDB stream') parts.push(`stream of ${code(tableName(t.source))}`);
    else if (t.kind === 'Cognito trigger') parts.push(`Cognito ${code(t.source.split(' ').pop() ?? t.source)}`);
    else if (t.kind === 'API authorizer') parts.push(`authorizer ${code(shortName(t.source))}`);
    else if (t.kind === 'Function URL') parts.push('its function URL');
    else if (t.kind === 'Secrets Manager rotation') rotated.push(code(shortName(t.source)));
    // `grantInvoke`: the other function may call this one; a permission, not a trigger.
    else if (t.kind === 'invoke permission') parts.push(`invoke permission: ${code(shortName(t.source))}`);
    else parts.push(`${t.kind} ${code(shortName(t.source))}${t.detail ? ` (${written(t.detail, false)})` : ''}`);
  }
  if (rotated.length > 0) parts.push(`Secrets Manager rotation of ${rotated.join(', ')}`);
  return parts.join(', ') || '—';
}

/** The last part of a fact id, or the last two when the last is CDK's default child id (`Site/Resource`). */
function shortName(id: string): string {
  const parts = id.split('/');
  const last = parts[parts.length - 1] ?? id;
  return /^(Resource|Default)$/.test(last) && parts.length > 1 ? parts.slice(-2).join('/') : last;
}

/** Project wrappers (a construct or helper that creates the function) and where they are defined. */
function wrapperNote(lambdas: readonly CdkLambdaFact[], facts: FactSet): string {
  const byWrapper = new Map<string, CdkLambdaFact[]>();
  for (const l of lambdas) {
    if (!l.data.wrapper) continue;
    pushTo(byWrapper, l.data.wrapper, l);
  }
  const classes = facts.of<CdkConstructClassFact>('cdk.construct');
  const lines = [...byWrapper.entries()].map(([wrapper, list]) => {
    const cls = classes.find((c) => c.id === wrapper);
    const where = cls ? at(cls.at[0]) : at(list[0].data.definedAt);
    return `${plural(list.length, 'function')} ${list.length === 1 ? 'is' : 'are'} created through ${code(wrapper)} (${where}), which creates the ${code(list[0].data.kind)}; "Defined at" is where it is called.`;
  });
  return lines.join('\n\n');
}
