/** DynamoDB tables from CDK: an overview table, then one subsection per table with keys, indexes and who uses it. */
import type { Citation, FactSet } from '../../facts.js';
import type { CdkKey, CdkLambdaFact, CdkTableFact, CdkTableIndex } from '../../detectors/cdk/index.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { code } from '../../markdown/text.js';
import type { KnownTable } from './backend-code.js';
import { at, conditionText, entryCell, grantLabel, lambdaById, namer, plural, written } from './cdk-shared.js';
import { alsoInText, copiesOf } from './cdk-copies.js';
import { importTargets } from './cdk-table-imports.js';
import { names } from './format.js';
import { pushTo } from '../../collections.js';

export function tableName(facts: FactSet): (id: string) => string {
  return namer(facts.of<CdkTableFact>('cdk.table'));
}

/** What the data-access part needs to group access patterns under each table: its name and env vars. */
export function knownTables(facts: FactSet): KnownTable[] {
  const name = tableName(facts);
  const tables = facts.of<CdkTableFact>('cdk.table');
  // The same variable name carrying different tables to different functions cannot tell code apart: leave it out.
  const owners = new Map<string, Set<string>>();
  for (const t of tables) for (const e of t.data.envVars) owners.set(e.name, (owners.get(e.name) ?? new Set()).add(t.id));
  return tables.map((t) => ({
    id: name(t.id),
    ...(t.data.tableName?.resolved ? { physicalName: t.data.tableName.text } : {}),
    envVars: [...new Set(t.data.envVars.map((e) => e.name))].filter((v) => owners.get(v)?.size === 1).sort(),
  }));
}

/** `Table.fromTableName(...)`: a reference to a table another app or stack owns. */
export function imported(d: CdkTableFact['data']): boolean {
  return d.kind.includes('.from');
}

function key(k: CdkKey | undefined): string {
  return k ? `${code(k.name)} (${k.type})` : '—';
}

export function tablesOverview(facts: FactSet): string {
  const tables = copiesOf(facts.of<CdkTableFact>('cdk.table')).shown;
  const name = tableName(facts);
  const targets = importTargets(facts, facts.of<CdkTableFact>('cdk.table'));
  const rows = tables.map((t) => {
    const d = t.data;
    const indexes = [...d.gsis.map((g) => `GSI ${code(g.name.text)}`), ...d.lsis.map((l) => `LSI ${code(l.name.text)}`)];
    const env = [...new Set(d.envVars.map((e) => e.name))];
    const target = targets.get(t);
    const keys = imported(d) ? [target ? `imported: see ${code(name(target.id))}` : 'imported by name', '—'] : [key(d.partitionKey), key(d.sortKey)];
    return [code(name(t.id)), ...keys, indexes.join(', ') || '—', env.length ? names(env) : '—', at(t.at[0])];
  });
  return table(['Table', 'Partition key', 'Sort key', 'Indexes', 'Name env var', 'Defined at'], rows);
}

export function tableSections(facts: FactSet): string {
  const name = tableName(facts);
  const lambdas = lambdaById(facts);
  const lambdaName = namer(facts.of<CdkLambdaFact>('cdk.lambda'));
  const copies = copiesOf(facts.of<CdkTableFact>('cdk.table'));
  const targets = importTargets(facts, facts.of<CdkTableFact>('cdk.table'));
  const importers = new Map<CdkTableFact, CdkTableFact[]>();
  for (const [from, to] of targets) pushTo(importers, to, from);
  return join(
    ...copies.shown.map((t) => {
      const target = targets.get(t);
      const imports = [
        ...(t.data.importedBy ?? []).map((i) => ({ stack: i.stack, id: i.constructId, at: i.at })),
        ...(importers.get(t) ?? []).map((i) => ({ stack: i.data.stack, id: i.data.constructId, at: i.at[0] })),
      ];
      const links = {
        ...(target ? { definedAt: `Imported by name: the table ${code(name(target.id))}, defined at ${at(target.at[0])}, whose keys and indexes are listed there` } : {}),
        ...(imports.length > 0 ? { importedIn: `Also imported by name in ${importList(imports)}` } : {}),
      };
      return tableSection(t, name(t.id), lambdas, lambdaName, alsoInText(t.data.stack, copies.alsoIn.get(t), facts), links);
    }),
  );
}

/** "`AdminStack` as `StaffUserTable` (`/lib/admin.ts:310`)", at most five, then how many more. */
function importList(list: readonly { stack?: string; id?: string; at: Citation }[]): string {
  const sorted = [...list].sort((a, b) => a.at.file.localeCompare(b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0));
  const shown = sorted.slice(0, 5).map((i) => `${i.stack ? code(i.stack) : 'another stack'}${i.id ? ` as ${code(i.id)}` : ''} (${at(i.at)})`);
  return `${shown.join(', ')}${sorted.length > 5 ? ` and ${sorted.length - 5} more places` : ''}`;
}

function indexRow(kind: string, index: CdkTableIndex): string[] {
  const projection = index.projection
    ? `${code(index.projection)}${index.nonKeyAttributes?.length ? `: ${names(index.nonKeyAttributes)}` : ''}`
    : 'ALL (default)';
  const title = `${kind} ${index.name.resolved ? code(index.name.text) : written(index.name.text)}`;
  return [title, key(index.partitionKey), key(index.sortKey), projection, at(index.at)];
}

function tableSection(t: CdkTableFact, title: string, lambdas: Map<string, CdkLambdaFact>, lambdaName: (id: string) => string, alsoIn = '', links: { definedAt?: string; importedIn?: string } = {}): string {
  const d = t.data;
  const keys = table(
    ['Index', 'Partition key', 'Sort key', 'Projection', 'Defined at'],
    [
      ['table', key(d.partitionKey), key(d.sortKey), '—', at(t.at[0])],
      ...d.gsis.map((g) => indexRow('GSI', g)),
      ...d.lsis.map((l) => indexRow('LSI', l)),
    ],
  );
  const items: string[] = [];
  items.push(`Construct ${code(d.constructId)}${d.stack ? ` in stack ${code(d.stack)}` : ''} (${code(d.kind)}), ${at(t.at[0])}`);
  if (alsoIn) items.push(`The same table is ${alsoIn}`);
  // Where an imported table is defined is not known unless its name matches a table of this app (links): never
  // say it is defined outside this code.
  if (links.definedAt) items.push(links.definedAt);
  else if (imported(d)) items.push(`An existing table imported ${d.kind.endsWith('Arn') ? 'by ARN' : 'by name'}, not created here: the import does not give its keys and indexes`);
  if (d.tableName) items.push(`Physical name: ${written(d.tableName.text, false)}`);
  if (d.conditions?.length) items.push(`Created ${conditionText(d.conditions)}`);
  const settings = [
    d.billing && `billing ${code(d.billing)}`,
    d.ttlAttribute && `TTL attribute ${code(d.ttlAttribute)}`,
    d.stream && `stream ${code(d.stream)}`,
    d.pointInTimeRecovery && `point-in-time recovery ${written(d.pointInTimeRecovery, false)}`,
    d.removalPolicy && `removal policy ${code(d.removalPolicy)}`,
  ].filter(Boolean);
  if (settings.length) items.push(`Settings: ${settings.join(', ')}`);
  for (const consumer of d.streamConsumers) {
    const fn = lambdas.get(consumer);
    items.push(`Stream consumed by ${code(lambdaName(consumer))}${fn ? ` (${entryCell(fn.data)})` : ''}`);
  }
  const env = [...new Set(d.envVars.map((e) => e.name))];
  for (const name of env) {
    const given = [...new Set(d.envVars.filter((e) => e.name === name).map((e) => e.lambda))];
    const to = given.length <= 3 ? names(given.map(lambdaName)) : plural(given.length, 'function');
    items.push(`Code finds it through ${code(name)}, given to ${to}`);
  }
  const byGrant = new Map<string, string[]>();
  for (const g of d.grants) {
    const label = grantLabel(g.method);
    pushTo(byGrant, label, g.granteeResolved ? lambdaName(g.grantee) : g.grantee);
  }
  if (byGrant.size > 0) {
    items.push(`Access granted: ${[...byGrant.entries()].map(([label, who]) => `${label} — ${names([...new Set(who)], 10)}`).join('; ')}`);
  }
  // Last: where other stacks import it matters less than how it is built and used.
  if (links.importedIn) items.push(links.importedIn);
  return join(heading(3, `Table ${title}`), bullets(items), !imported(d) && keys);
}
