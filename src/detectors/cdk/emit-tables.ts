/** `cdk.table` facts: keys, every GSI/LSI (inline, `addGlobalSecondaryIndex`, CfnTable key schemas), TTL, billing, streams. */
import type { EmitContext } from './emit-context.js';
import type { CdkGrant, CdkKey, CdkLambdaFact, CdkTableData, CdkTableFact, CdkTableIndex, CdkText } from './facts.js';
import type { Rec } from './records.js';
import { citationOf, citeValue, memberName, prop, stringOf, textOf, type Value } from './values.js';
import { pushTo } from '../../collections.js';

export function tableFacts(ctx: EmitContext, grants: readonly CdkGrant[], lambdas: readonly CdkLambdaFact[]): CdkTableFact[] {
  const out: CdkTableFact[] = [];
  // One pass over the functions' environments and triggers, not one per table (hundreds of functions share them).
  const envByTable = new Map<string, { name: string; lambda: string }[]>();
  const consumersByTable = new Map<string, string[]>();
  for (const l of lambdas) {
    for (const e of l.data.environment) {
      if (e.table === undefined) continue;
      const list = envByTable.get(e.table) ?? [];
      list.push({ name: e.name, lambda: l.id });
      envByTable.set(e.table, list);
    }
    for (const t of l.data.triggers) {
      if (t.kind !== 'DynamoDB stream' || t.source === undefined) continue;
      pushTo(consumersByTable, t.source, l.id);
    }
  }
  // Containers are given a table's name the same way (ECS task definitions, Fargate patterns).
  const addEnv = (env: Value | undefined, owner: string) => {
    if (env?.k !== 'obj') return;
    for (const [name, value] of env.props) {
      const table = value.k === 'attr' && value.name === 'tableName' ? ctx.recOf(value, 'table') : undefined;
      if (table) pushTo(envByTable, ctx.id(table), { name, lambda: owner });
    }
  };
  for (const rec of ctx.model.recs) {
    if (rec.kind !== 'cdk' || rec.category === 'lambda') continue;
    for (const c of rec.extras.get('container') ?? []) addEnv(prop(c.values[1], 'environment'), `${ctx.id(rec)}/${stringOf(c.values[0]) ?? 'container'}`);
    if (rec.category) continue;
    addEnv(prop(rec.props, 'environment'), ctx.id(rec));
    addEnv(prop(prop(rec.props, 'taskImageOptions'), 'environment'), ctx.id(rec));
  }
  const grantsByResource = new Map<string, CdkGrant[]>();
  for (const g of grants) pushTo(grantsByResource, g.resource, g);
  for (const rec of ctx.model.recs) {
    if (rec.category !== 'table') continue;
    const id = ctx.id(rec);
    const props = rec.props;
    const cfn = rec.className.startsWith('Cfn');
    const keys = cfn ? cfnKeys(props) : { partitionKey: keyOf(prop(props, 'partitionKey')), sortKey: keyOf(prop(props, 'sortKey')) };
    const envVars = [...(envByTable.get(id) ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.lambda.localeCompare(b.lambda));
    const imported = rec.extras.get('imported')?.[0];
    const data: CdkTableData = {
      ...ctx.base(rec),
      kind: rec.imported ? `${rec.className}.${stringOf(imported?.values[0]) ?? 'from…'}` : rec.className,
      ...textProp('tableName', rec.imported ? imported?.values[1] : prop(props, 'tableName')),
      ...(keys.partitionKey ? { partitionKey: keys.partitionKey } : {}),
      ...(keys.sortKey ? { sortKey: keys.sortKey } : {}),
      gsis: indexes(rec, props, 'globalSecondaryIndexes', 'gsi', cfn),
      lsis: indexes(rec, props, 'localSecondaryIndexes', 'lsi', cfn),
      ...opt('ttlAttribute', stringOf(prop(props, 'timeToLiveAttribute')) ?? stringOf(prop(prop(props, 'timeToLiveSpecification'), 'attributeName'))),
      ...opt('billing', enumText(prop(props, 'billingMode') ?? prop(props, 'billing'))),
      ...opt('stream', enumText(prop(props, 'stream') ?? prop(props, 'dynamoStream') ?? prop(prop(props, 'streamSpecification'), 'streamViewType'))),
      ...opt('pointInTimeRecovery', enumText(prop(props, 'pointInTimeRecovery') ?? prop(props, 'pointInTimeRecoverySpecification'))),
      ...opt('removalPolicy', enumText(prop(props, 'removalPolicy'))),
      grants: grantsByResource.get(id) ?? [],
      envVars: dedupe(envVars),
      streamConsumers: [...new Set(consumersByTable.get(id) ?? [])].sort(),
      ...importedBy(ctx, rec),
    };
    out.push({ kind: 'cdk.table', id, data, at: ctx.at(rec) });
  }
  return out;
}

/** Where other stacks import this table through one of its attributes (constructs.ts, `importedAs`). */
function importedBy(ctx: EmitContext, rec: Rec): Pick<CdkTableData, 'importedBy'> {
  const list = (rec.extras.get('importedAs') ?? []).map((e) => {
    const scope = e.values[1];
    const stack = ctx.stackName(scope?.k === 'rec' ? scope.rec : undefined);
    const constructId = stringOf(e.values[2]);
    return { ...(stack ? { stack } : {}), ...(constructId ? { constructId } : {}), factory: stringOf(e.values[0]) ?? 'from…', at: citationOf(e.node) };
  });
  const seen = new Set<string>();
  const unique = list.filter((i) => !seen.has(`${i.at.file}:${i.at.line}`) && !!seen.add(`${i.at.file}:${i.at.line}`));
  unique.sort((a, b) => a.at.file.localeCompare(b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0));
  return unique.length ? { importedBy: unique } : {};
}

function dedupe<T extends { name: string; lambda: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.name}\u0000${e.lambda}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

function textProp<K extends string>(key: K, value: Value | undefined): { [P in K]?: CdkText } {
  if (!value || value.k === 'undef') return {};
  const s = stringOf(value);
  return { [key]: s !== undefined ? { text: s, resolved: true } : { text: textOf(value), resolved: false } } as { [P in K]?: CdkText };
}

/** `BillingMode.PAY_PER_REQUEST` → `PAY_PER_REQUEST`; `Billing.onDemand()` → `onDemand()`; booleans as written. */
function enumText(value: Value | undefined): string | undefined {
  if (!value || value.k === 'undef') return undefined;
  if (value.k === 'ext' && value.args !== undefined) return `${value.path[value.path.length - 1]}()`;
  if (value.k === 'obj') return textOf(value);
  return memberName(value) ?? textOf(value);
}

function keyOf(value: Value | undefined): CdkKey | undefined {
  if (value?.k !== 'obj') return value && value.k !== 'undef' ? { name: textOf(value), type: '?' } : undefined;
  const name = prop(value, 'name');
  return { name: stringOf(name) ?? textOf(name), type: memberName(prop(value, 'type')) ?? textOf(prop(value, 'type')) };
}

function indexOf(value: Value, at: Value | undefined, fallbackNode: Rec['node'], attrTypes?: Map<string, string>): CdkTableIndex {
  const name = prop(value, 'indexName');
  const keys = attrTypes ? cfnKeySchema(prop(value, 'keySchema'), attrTypes) : { partitionKey: keyOf(prop(value, 'partitionKey')), sortKey: keyOf(prop(value, 'sortKey')) };
  const projection = attrTypes ? prop(value, 'projection') : value;
  const nonKey = prop(projection, attrTypes ? 'nonKeyAttributes' : 'nonKeyAttributes');
  return {
    name: stringOf(name) !== undefined ? { text: stringOf(name)!, resolved: true } : { text: textOf(name), resolved: false },
    ...(keys.partitionKey ? { partitionKey: keys.partitionKey } : {}),
    ...(keys.sortKey ? { sortKey: keys.sortKey } : {}),
    ...opt('projection', enumText(prop(projection, 'projectionType'))),
    ...(nonKey?.k === 'arr' ? { nonKeyAttributes: nonKey.items.map((i) => stringOf(i) ?? textOf(i)) } : {}),
    at: citeValue(at ?? value) ?? citationOf(fallbackNode),
  };
}

function indexes(rec: Rec, props: Value | undefined, inlineKey: string, extraKey: string, cfn: boolean): CdkTableIndex[] {
  const attrTypes = cfn ? attributeTypes(props) : undefined;
  const inline = prop(props, inlineKey);
  const out: CdkTableIndex[] = [];
  if (inline?.k === 'arr') for (const item of inline.items) out.push(indexOf(item, item, rec.node, attrTypes));
  for (const extra of rec.extras.get(extraKey) ?? []) {
    const value = extra.values[0];
    if (value) out.push({ ...indexOf(value, undefined, extra.node), at: citationOf(extra.node) });
  }
  return out;
}

function attributeTypes(props: Value | undefined): Map<string, string> {
  const types = new Map<string, string>();
  const defs = prop(props, 'attributeDefinitions');
  if (defs?.k === 'arr') {
    for (const d of defs.items) {
      const name = stringOf(prop(d, 'attributeName'));
      if (name !== undefined) types.set(name, stringOf(prop(d, 'attributeType')) ?? textOf(prop(d, 'attributeType')));
    }
  }
  return types;
}

function cfnKeySchema(schema: Value | undefined, types: Map<string, string>): { partitionKey?: CdkKey; sortKey?: CdkKey } {
  const out: { partitionKey?: CdkKey; sortKey?: CdkKey } = {};
  if (schema?.k !== 'arr') return out;
  for (const k of schema.items) {
    const name = stringOf(prop(k, 'attributeName')) ?? textOf(prop(k, 'attributeName'));
    const key = { name, type: types.get(name) ?? '?' };
    if (stringOf(prop(k, 'keyType')) === 'RANGE') out.sortKey = key;
    else out.partitionKey = key;
  }
  return out;
}

function cfnKeys(props: Value | undefined): { partitionKey?: CdkKey; sortKey?: CdkKey } {
  return cfnKeySchema(prop(props, 'keySchema'), attributeTypes(props));
}
