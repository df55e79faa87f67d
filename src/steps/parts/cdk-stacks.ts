/** Stacks: a dependency diagram, an overview table, and per stack what it creates and where. */
import type { Fact, FactSet } from '../../facts.js';
import type { CdkAppFact, CdkAuthorizerData, CdkConstructClassFact, CdkConstructData, CdkDatabaseData, CdkImportedApiUse, CdkStackFact } from '../../detectors/cdk/index.js';
import { engineText } from './cdk-databases.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { layeredDiagram, type DiagramBox } from '../../markdown/diagram.js';
import { code, oneLine } from '../../markdown/text.js';
import { at, authorizerLabel, conditionText, plural, written } from './cdk-shared.js';
import { names } from './format.js';
import { pushTo } from '../../collections.js';

type ConstructFact = Fact<string, CdkConstructData>;

const MAX_DIAGRAM_STACKS = 12;

/** Kinds that make up "what a stack creates", in reading order, with their labels. */
const KINDS: readonly [kind: string, one: string, many: string][] = [
  ['cdk.table', 'table', 'tables'],
  ['cdk.database', 'database', 'databases'],
  ['cdk.lambda', 'function', 'functions'],
  ['cdk.api', 'API', 'APIs'],
  ['cdk.authorizer', 'authorizer', 'authorizers'],
  ['cdk.userPool', 'user pool', 'user pools'],
  ['cdk.userPoolClient', 'user pool client', 'user pool clients'],
  ['cdk.bucket', 'bucket', 'buckets'],
  ['cdk.distribution', 'distribution', 'distributions'],
  ['cdk.edgeFunction', 'CloudFront function', 'CloudFront functions'],
  ['cdk.alarm', 'alarm', 'alarms'],
  ['cdk.resource', 'other resource', 'other resources'],
  ['cdk.output', 'output', 'outputs'],
];

function inStack(facts: FactSet, kind: string, stack: string): ConstructFact[] {
  return facts.of<ConstructFact>(kind).filter((f) => f.data.stack === stack);
}

export function stackSummary(facts: FactSet, stack: string): string[] {
  const own = KINDS.map(([kind, one, many]) => {
    const found = inStack(facts, kind, stack);
    // A fact made in a loop of unknown passes, or again under an unknown id, stands for several: a lower bound.
    const atLeast = found.some((f) => f.data.repeated) ? 'at least ' : '';
    return found.length > 0 ? `${atLeast}${plural(found.length, one, many)}` : '';
  }).filter(Boolean);
  const fact = facts.of<CdkStackFact>('cdk.stack').find((s) => s.id === stack);
  return [...own, ...(fact?.data.importedApis ?? []).map(importedApiSummary)];
}

/** `109 API methods, 69 API resources on the imported API of `ApiGatewayStack``. */
function importedApiSummary(u: CdkImportedApiUse): string {
  const atLeast = u.atLeast ? 'at least ' : '';
  const parts = [u.methods > 0 && plural(u.methods, 'API method', 'API methods'), u.resources > 0 && plural(u.resources, 'API resource', 'API resources')].filter(Boolean);
  return `${atLeast}${parts.join(', ')} on the imported API ${u.apiStack ? `of ${code(u.apiStack)}` : code(u.api)}`;
}

/** Stacks that depend on nothing on top, each next row depending only on rows above it. */
export function stackDiagram(stacks: readonly CdkStackFact[], facts: FactSet): string {
  if (stacks.length < 2) return '';
  const edges = stacks
    .filter((s) => s.data.dependsOn.length > 0)
    .map((s) => `${code(s.id)} uses ${names(s.data.dependsOn)}`);
  // A diagram of dozens of stacks (a repository of many apps) reads worse than the list of dependencies.
  if (stacks.length > MAX_DIAGRAM_STACKS) return edges.length > 0 ? join('Stacks that use resources of other stacks:', bullets(edges)) : '';
  const depth = new Map<string, number>();
  const known = new Set(stacks.map((s) => s.id));
  const visit = (s: CdkStackFact, seen: Set<string>): number => {
    const cached = depth.get(s.id);
    if (cached !== undefined) return cached;
    if (seen.has(s.id)) return 0;
    seen.add(s.id);
    const deps = s.data.dependsOn.filter((d) => known.has(d)).map((d) => visit(stacks.find((x) => x.id === d)!, seen));
    const value = deps.length === 0 ? 0 : Math.max(...deps) + 1;
    depth.set(s.id, value);
    return value;
  };
  for (const s of stacks) visit(s, new Set());
  const layers: DiagramBox[][] = [];
  for (const s of stacks) {
    const d = depth.get(s.id) ?? 0;
    (layers[d] ??= []).push({ title: s.id, lines: [s.data.instances[0]?.id.text ?? '', stackSummary(facts, s.id).slice(0, 2).join(', ')].filter(Boolean) });
  }
  return join('```text\n' + layeredDiagram(layers.filter(Boolean)) + '\n```', edges.length > 0 && 'Each row uses resources of the rows above it:', bullets(edges));
}

/**
 * Stack classes that are not stacks of the app (abstract and base classes, classes the entry never instantiates), and
 * stacks that are alternatives of each other: what `cdk deploy` creates, said before the per-stack detail.
 */
export function deployedPart(apps: readonly CdkAppFact[], stacks: readonly CdkStackFact[]): string {
  const items: string[] = [];
  const byName = new Map<string, CdkStackFact[]>();
  for (const s of stacks) for (const b of s.data.bases ?? []) pushTo(byName, b.className, s);
  const notDeployed = apps.flatMap((a) => a.data.stackClassesNotDeployed ?? []);
  for (const c of notDeployed) {
    const extendedBy = byName.get(c.className) ?? [];
    if (c.reason === 'unused') continue;
    const base = extendedBy.length > 0 ? `; ${names(extendedBy.map((s) => s.id))} ${extendedBy.length === 1 ? 'extends it and creates' : 'extend it and each create'} what it defines` : '';
    items.push(`${code(c.className)} (${at(c.at)}) is ${c.reason === 'abstract' ? 'an abstract base class' : 'a base class'}, not a stack of its own${base}.`);
  }
  const unused = notDeployed.filter((c) => c.reason === 'unused');
  if (unused.length > 0) {
    items.push(`${plural(unused.length, 'stack class', 'stack classes')} the app entry never instantiates, so not deployed and not mapped here: ${list(unused.map((c) => `${code(c.className)} (${at(c.at)})`), 8)}.`);
  }
  const seen = new Set<string>();
  for (const s of stacks) {
    const alts = s.data.alternatives ?? [];
    if (alts.length === 0 || seen.has(s.id)) continue;
    const group = [s, ...stacks.filter((o) => alts.includes(o.id))];
    for (const g of group) seen.add(g.id);
    const when = group.map((g) => `${code(g.id)} ${conditionText(g.data.instances[0]?.conditions)} (${at(g.data.instances[0]?.at)})`);
    items.push(`Alternatives — the app creates one of these, never both: ${when.join('; ')}.`);
  }
  return items.length > 0 ? bullets(items) : '';
}

function list(items: readonly string[], max: number): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} (+${items.length - max} more)` : items.join(', ');
}

/** For a stack with nothing mapped: what its code does that was not classified, rather than "creates nothing". */
function unmappedText(s: CdkStackFact): string {
  const list = s.data.unmapped ?? [];
  if (list.length === 0) return '—';
  const shown = list.slice(0, 3).map((u) => `${code(u.text)}${u.count > 1 ? ` ×${u.count}` : ''} (${at(u.at)})`);
  return `not classified: ${shown.join(', ')}${list.length > 3 ? ` (+${list.length - 3} more)` : ''}`;
}

export function stacksTable(stacks: readonly CdkStackFact[], facts: FactSet): string {
  const rows = stacks.map((s) => {
    const instances = s.data.instances.map((i) => `${written(i.id.text, false)} (${at(i.at)})`);
    return [code(s.id), instances.join(', ') || 'not instantiated in the code read', stackSummary(facts, s.id).join(', ') || unmappedText(s), at(s.at[0])];
  });
  return table(['Stack', 'Instantiated as', 'Creates', 'Class defined at'], rows);
}

const LABELS: Record<string, string> = {
  'cdk.table': 'DynamoDB table',
  'cdk.database': 'Database',
  'cdk.api': 'API Gateway',
  'cdk.authorizer': 'Authorizer',
  'cdk.userPool': 'Cognito user pool',
  'cdk.userPoolClient': 'User pool client',
  'cdk.bucket': 'S3 bucket',
  'cdk.distribution': 'CloudFront distribution',
  'cdk.edgeFunction': 'CloudFront function',
  'cdk.alarm': 'CloudWatch alarm',
};

/** `### Stack X`: where it is defined and instantiated, what it receives from other stacks, and what it creates. */
export function stackSection(s: CdkStackFact, facts: FactSet): string {
  const d = s.data;
  const items = [
    d.direct ? `A ${code(d.extends)} created directly (no class of its own), ${at(s.at[0])}` : `Class ${code(d.className)} extends ${code(d.extends)}, ${at(s.at[0])}`,
  ];
  for (const b of d.bases ?? []) {
    items.push(
      b.constructs > 0
        ? `${plural(b.constructs, 'construct')} below ${b.constructs === 1 ? 'is' : 'are'} defined in the base class ${code(b.className)} (${at(b.at)}) and created in this stack`
        : `Base class ${code(b.className)} (${at(b.at)}) creates no resources of its own`,
    );
  }
  for (const i of d.instances) {
    items.push(`Instantiated as ${written(i.id.text, false)} at ${at(i.at)}${i.conditions?.length ? `, ${conditionText(i.conditions)}` : ''}`);
  }
  if (d.instances.length > 1) items.push(`Each of the ${d.instances.length} instances creates everything listed below`);
  if (d.alternatives?.length) items.push(`An alternative to ${names(d.alternatives)}: the app creates one or the other`);
  for (const u of d.importedApis ?? []) {
    const how = u.imports.map((i) => `${code(i.factory)} (${at(i.at)})`);
    const what = [u.methods > 0 && plural(u.methods, 'method'), u.resources > 0 && plural(u.resources, 'resource')].filter(Boolean).join(' and ');
    items.push(
      `Adds ${u.atLeast ? 'at least ' : ''}${what} to the API ${code(u.api)}${u.apiStack ? ` of stack ${code(u.apiStack)}` : ''}, imported with ${list(how, 3)}: CDK creates them in this stack`,
    );
  }
  if (d.constructs.length > 0) {
    // Named by what they create: a construct called `EventBus` may make an AppSync Events API, not EventBridge.
    const classes = new Map(facts.of<CdkConstructClassFact>('cdk.construct').map((c) => [c.id, c.data.creates ?? []]));
    const described = d.constructs.map((c) => {
      const creates = classes.get(c) ?? [];
      return creates.length > 0 ? `${code(c)} (${creates.slice(0, 4).map(oneLine).join(', ')}${creates.length > 4 ? ', …' : ''})` : code(c);
    });
    items.push(`Project constructs used: ${described.join(', ')}`);
  }
  const rows: string[][] = [];
  for (const kind of Object.keys(LABELS)) {
    for (const f of inStack(facts, kind, s.id)) {
      const label =
        kind === 'cdk.table' && String((f.data as { kind?: string }).kind).includes('.from')
          ? `${LABELS[kind]} (imported)`
          : kind === 'cdk.database'
            ? `${engineText(f.data as unknown as CdkDatabaseData)} (${code((f.data as unknown as CdkDatabaseData).kind)})`
            : LABELS[kind];
      const name = kind === 'cdk.authorizer' ? authorizerLabel(f.data as unknown as CdkAuthorizerData) : f.data.constructId;
      rows.push([label, `${code(name)}${f.data.conditions?.length ? ` (${conditionText(f.data.conditions)})` : ''}`, at(f.at[0])]);
    }
  }
  const lambdas = inStack(facts, 'cdk.lambda', s.id);
  if (lambdas.length > 0) rows.push([`Lambda functions (${lambdas.length})`, names(lambdas.map((l) => l.data.constructId), 6), at(lambdas[0].at[0])]);
  const byClass = new Map<string, ConstructFact[]>();
  for (const r of inStack(facts, 'cdk.resource', s.id)) pushTo(byClass, r.data.className, r);
  for (const [cls, list] of [...byClass.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const shown = list.length > 3 ? `${list.length}, e.g. ${code(list[0].data.constructId)}` : names(list.map((r) => r.data.constructId));
    rows.push([code(cls), `${shown}${whenOf(list)}`, at(list[0].at[0])]);
  }
  const outputs = inStack(facts, 'cdk.output', s.id);
  if (outputs.length > 0) rows.push([`Outputs (${outputs.length})`, `${names(outputs.map((o) => o.data.constructId), 6)}${whenOf(outputs)}`, at(outputs[0].at[0])]);
  return join(heading(3, `Stack ${s.id}`), bullets(items), table(['Resource', 'Construct', 'Defined at'], rows));
}

/**
 * The condition of a row that lists several constructs (created after an early `return`, inside an `if`): shown when
 * they share it; when only some are conditional, the row says so rather than calling them all unconditional.
 */
function whenOf(list: readonly { readonly data: { readonly conditions?: readonly string[] } }[]): string {
  const keys = list.map((f) => (f.data.conditions ?? []).join('\0'));
  if (keys.every((k) => k === '')) return '';
  if (keys.every((k) => k === keys[0])) return ` (${conditionText(list[0].data.conditions)})`;
  return ' (some only under `if` conditions)';
}
