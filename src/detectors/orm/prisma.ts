/**
 * Prisma schema files (`schema.prisma`, or the multi-file `prisma/schema/*.prisma`) read line by line: models, views
 * and composite types with their fields, attributes, relations and block attributes; enums with their values.
 */
import type { OrmEnumData, OrmField, OrmIndex, OrmModelData } from './types.js';

/** Each relation field's `@relation("name")`, used only to pair the two sides. */
const relationNames = new WeakMap<OrmField, string>();

interface Block {
  readonly keyword: string;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly body: { text: string; line: number }[];
}

export function prismaSchemas(files: readonly { file: string; text: string }[]): { models: OrmModelData[]; enums: OrmEnumData[] } {
  const blocks = files.flatMap(({ file, text }) => blocksOf(file, text));
  const modelNames = new Set(blocks.filter((b) => b.keyword !== 'enum').map((b) => b.name));
  const enums: OrmEnumData[] = blocks
    .filter((b) => b.keyword === 'enum')
    .map((b) => ({
      orm: 'prisma',
      name: b.name,
      values: b.body.map((l) => l.text.split(/\s+/)[0]).filter((v) => /^\w+$/.test(v)),
      file: b.file,
      line: b.line,
    }));
  const models = blocks.filter((b) => b.keyword !== 'enum').map((b) => model(b, modelNames));
  // The two sides of a relation pair up by relation name; a list on both sides is an implicit many-to-many.
  for (const m of models) {
    for (const f of m.fields) {
      if (f.relation?.kind !== 'one-to-many') continue;
      const name = relationNames.get(f);
      const other = models.find((o) => o.name === f.relation!.model);
      const opposite = other?.fields.find((g) => g !== f && g.relation?.model === m.name && relationNames.get(g) === name);
      if (opposite?.list) (f.relation as { kind: string }).kind = 'many-to-many';
    }
  }
  return { models, enums };
}

function blocksOf(file: string, text: string): Block[] {
  const out: Block[] = [];
  let current: Block | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripComment(raw).trim();
    if (!current) {
      const m = /^(model|enum|view|type)\s+(\w+)\s*\{/.exec(line);
      if (m) current = { keyword: m[1], name: m[2], file, line: i + 1, body: [] };
      return;
    }
    if (line === '}') {
      out.push(current);
      current = undefined;
    } else if (line !== '') current.body.push({ text: line, line: i + 1 });
  });
  return out;
}

function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length - 1; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') quoted = !quoted;
    if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

function model(block: Block, modelNames: ReadonlySet<string>): OrmModelData {
  const fields: OrmField[] = [];
  const indexes: OrmIndex[] = [];
  let primaryKey: string[] = [];
  let table: string | undefined;
  for (const { text } of block.body) {
    if (text.startsWith('@@')) {
      const m = /^@@(\w+)\s*\((.*)\)\s*$/.exec(text);
      if (!m) continue;
      const list = fieldList(m[2]);
      if (m[1] === 'id') primaryKey = list;
      else if (m[1] === 'unique' || m[1] === 'index') indexes.push({ fields: list, unique: m[1] === 'unique', ...named(m[2]) });
      else if (m[1] === 'map') table = /"([^"]*)"/.exec(m[2])?.[1];
      continue;
    }
    const f = /^(\w+)\s+([\w.]+(?:\([^)]*\))?)(\[\])?(\?)?\s*(.*)$/.exec(text);
    if (!f) continue;
    const [, name, type, list, optional, rest] = f;
    const attrs = attributes(rest);
    const attributeList: string[] = [];
    let relation: OrmField['relation'];
    for (const a of attrs) {
      if (a.name === 'relation') continue;
      attributeList.push(a.args === undefined ? a.name : `${a.name}(${a.args})`);
      if (a.name === 'id') primaryKey = [...primaryKey, name];
    }
    if (modelNames.has(type)) {
      const rel = attrs.find((a) => a.name === 'relation');
      const fk = rel?.args ? /fields:\s*\[([^\]]*)\]/.exec(rel.args)?.[1] : undefined;
      const fkFields = fk ? fk.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const kind = list ? 'one-to-many' : fkFields ? 'many-to-one' : 'one-to-one';
      relation = { model: type, kind, ...(fkFields ? { fields: fkFields } : {}) };
    }
    const field: OrmField = {
      name,
      type,
      ...(optional ? { optional: true } : {}),
      ...(list ? { list: true } : {}),
      attributes: attributeList,
      ...(relation ? { relation } : {}),
    };
    const relationArgs = attrs.find((a) => a.name === 'relation')?.args ?? '';
    relationNames.set(field, /^\s*(?:name:\s*)?"([^"]+)"/.exec(relationArgs)?.[1] ?? '');
    fields.push(field);
  }
  // A foreign key that is itself unique makes the relation one-to-one.
  for (const f of fields) {
    const fk = f.relation?.fields;
    if (f.relation?.kind !== 'many-to-one' || !fk || fk.length !== 1) continue;
    const unique = fields.find((g) => g.name === fk[0])?.attributes.includes('unique') || indexes.some((i) => i.unique && i.fields.length === 1 && i.fields[0] === fk[0]);
    if (unique) (f.relation as { kind: string }).kind = 'one-to-one';
  }
  return {
    orm: 'prisma',
    name: block.name,
    ...(block.keyword === 'view' || block.keyword === 'type' ? { block: block.keyword } : {}),
    ...(table ? { table } : {}),
    fields,
    primaryKey,
    indexes,
    file: block.file,
    line: block.line,
  };
}

/** `@id @default(autoincrement()) @db.VarChar(255)` → name/args pairs, with balanced parentheses. */
function attributes(text: string): { name: string; args?: string }[] {
  const out: { name: string; args?: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at === -1) break;
    const m = /^@([\w.]+)/.exec(text.slice(at));
    if (!m) break;
    i = at + m[0].length;
    let args: string | undefined;
    if (text[i] === '(') {
      let depth = 0;
      const start = i;
      for (; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      args = text.slice(start + 1, i);
      i++;
    }
    out.push({ name: m[1], args });
  }
  return out;
}

/** `[a, b(sort: Desc)], name: "x"` → `['a', 'b']`. */
/**
 * The fields of `@@id` / `@@unique` / `@@index`: `([a, b(sort: Desc)])`, `(fields: [a, b], name: "x")`, or one field
 * without brackets, `(userId)` / `(userId, map: "x")`, which Prisma accepts as well.
 */
function fieldList(args: string): string[] {
  const m = /^\s*(?:fields\s*:\s*)?\[([^\]]*)\]/.exec(args) ?? /fields:\s*\[([^\]]*)\]/.exec(args);
  if (m) return m[1].split(',').map((s) => s.trim().replace(/\(.*$/, '')).filter(Boolean);
  const single = /^\s*(\w+)\s*(?:\([^)]*\))?\s*(?:,|$)/.exec(args);
  return single ? [single[1]] : [];
}

function named(args: string): { name?: string } {
  const m = /(?:name|map):\s*"([^"]+)"/.exec(args);
  return m ? { name: m[1] } : {};
}
