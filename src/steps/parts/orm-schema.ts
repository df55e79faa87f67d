import type { FactSet } from '../../facts.js';
import type { Orm, OrmEnumFact, OrmField, OrmModelData, OrmModelFact } from '../../detectors/orm/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import { byFileLine, names } from './format.js';

/** The order ORMs appear in, in the schema and in the access patterns. */
export const ORM_ORDER: readonly Orm[] = ['prisma', 'drizzle', 'typeorm', 'mikro-orm', 'mongoose'];
const TITLE: Record<Orm, string> = {
  prisma: 'Prisma models',
  drizzle: 'Drizzle tables',
  typeorm: 'TypeORM entities',
  'mikro-orm': 'MikroORM entities',
  mongoose: 'Mongoose models',
};
const MAX_FIELDS = 14;

/** `####` subsections per ORM with each model's fields, keys, indexes and relations; '' when there are none. */
export function ormSchemaPart(facts: FactSet, rank: (file: string) => number = () => 0): string {
  const models = facts.of<OrmModelFact>('orm.model').map((f) => f.data);
  const enums = facts.of<OrmEnumFact>('orm.enum').map((f) => f.data);
  return join(
    ...ORM_ORDER.map((orm) => {
      // Product models first; those of examples and test fixtures after them.
      const list = models.filter((m) => m.orm === orm).sort((a, b) => rank(a.file) - rank(b.file) || byFileLine(a, b));
      const enumList = enums.filter((e) => e.orm === orm).sort((a, b) => rank(a.file) - rank(b.file) || byFileLine(a, b));
      if (list.length === 0 && enumList.length === 0) return '';
      const files = [...new Set([...list, ...enumList].map((m) => m.file))].sort();
      const where = files.length <= 3 ? files.map((f) => cite(f)).join(', ') : `${files.length} files`;
      // Prisma `view` and composite `type` blocks share the model table but are counted as what they are.
      const views = list.filter((m) => m.block === 'view').length;
      const types = list.filter((m) => m.block === 'type').length;
      const counts = [
        count(list.length - views - types, 'model'),
        ...(views > 0 ? [count(views, 'view')] : []),
        ...(types > 0 ? [count(types, 'composite type')] : []),
        ...(enumList.length > 0 ? [count(enumList.length, 'enum')] : []),
      ];
      const summary = `${counts.join(', ')} in ${where}.`;
      const modelTable = table(
        ['Model', 'Fields', 'Keys & indexes', 'Relations', 'Defined in'],
        list.map((m) => [modelName(m), fieldsCell(m), keysCell(m), relationsCell(m), cite(m.file, m.line)]),
      );
      const enumTable = table(
        ['Enum', 'Values', 'Defined in'],
        enumList.map((e) => [code(e.name), names(e.values, 12), cite(e.file, e.line)]),
      );
      return join(heading(4, TITLE[orm]), summary, modelTable, enumTable);
    }),
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function modelName(m: OrmModelData): string {
  const noun = m.orm === 'mongoose' ? 'collection' : 'table';
  if (m.block) return `${code(m.name)} (${m.block === 'view' ? 'view' : 'composite type'})`;
  return m.table && m.table !== m.name ? `${code(m.name)} (${noun} ${code(m.table)})` : code(m.name);
}

function fieldsCell(m: OrmModelData): string {
  const plain = m.fields.filter((f) => !f.attributes.includes('relation') && !(f.relation && f.relation.kind !== 'ref' && f.type === f.relation.model));
  const shown = plain.slice(0, MAX_FIELDS).map(fieldText).join(', ');
  // Columns a spread adds that were not read: the list is not all of them, and says where the rest come from.
  const spreads = (m.spreads ?? []).map((s) => `${code(s.text)} (${cite(m.file, s.line)})`);
  const rest = spreads.length ? `; more columns from ${spreads.join(', ')}` : '';
  return plain.length > MAX_FIELDS ? `${shown} (+${plain.length - MAX_FIELDS} more)${rest}` : shown ? `${shown}${rest}` : rest ? rest.slice(2) : '—';
}

function fieldText(f: OrmField): string {
  const marks = f.attributes.filter((a) => /^(default|generated|defaultNow|defaultRandom|updatedAt|createDate|updateDate|deleteDate|timestamps)/.test(a));
  const type = `${oneLine(f.type)}${f.list ? '[]' : ''}${f.optional ? '?' : ''}`;
  return `${code(`${f.name}: ${type}`)}${marks.length > 0 ? ` (${marks.map((a) => a.replace(/^default\((.*)\)$/, 'default $1')).join(', ')})` : ''}`;
}

function keysCell(m: OrmModelData): string {
  const parts: string[] = [];
  if (m.primaryKey.length > 0) parts.push(`PK ${names(m.primaryKey)}`);
  const uniqueFields = m.fields.filter((f) => f.attributes.includes('unique')).map((f) => f.name);
  const indexed = new Set<string>();
  for (const i of m.indexes) {
    const key = `${i.unique}|${i.fields.join(',')}`;
    if (indexed.has(key)) continue;
    indexed.add(key);
    if (i.unique && i.fields.length === 1 && uniqueFields.includes(i.fields[0])) continue;
    parts.push(`${i.unique ? 'unique' : 'index'} (${names(i.fields)})${i.name ? ` ${code(i.name)}` : ''}`);
  }
  for (const f of uniqueFields) parts.push(`unique ${code(f)}`);
  return parts.join('; ') || '—';
}

function relationsCell(m: OrmModelData): string {
  const rel = m.fields.filter((f) => f.relation);
  if (rel.length === 0) return '—';
  return rel
    .map((f) => {
      const r = f.relation!;
      const via = r.fields && !(r.fields.length === 1 && r.fields[0] === f.name) ? ` via ${names(r.fields)}` : '';
      return `${code(f.name)} → ${code(r.model)} (${r.kind}${via})`;
    })
    .join('; ');
}
