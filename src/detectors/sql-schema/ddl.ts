/**
 * Reads the table-shaping DDL of SQL files into tables: `create table`, `alter table … add/drop/rename column`,
 * `add/drop constraint … primary key / foreign key`, `rename to`, `drop table`, `enable row level security`,
 * `create policy "…" on …` (names only) and `drop policy`. A tolerant text reader: a statement it does not understand
 * is skipped. Files are applied in the order given, so migrations replayed in name order give the latest shape.
 */
import { columnType, ddlParts, IDENT, inParens, list, QNAME, splitTop, tableName, unquote } from './ddl-text.js';
import { sqlStatements } from './statements.js';

export { tableName } from './ddl-text.js';

export interface SqlColumn {
  readonly name: string;
  type: string;
  readonly line: number;
}

export interface SqlForeignKey {
  readonly columns: readonly string[];
  readonly table: string;
  readonly refColumns: readonly string[];
  readonly file: string;
  readonly line: number;
}

export interface SqlPolicy {
  readonly name: string;
  /** `select`, `insert`, `update`, `delete` or `all`, when written. */
  readonly command?: string;
  readonly file: string;
  readonly line: number;
}

export interface SqlTable {
  /** As the code names it, without the `public.` schema: `companies`, `auth.users`. */
  name: string;
  file: string;
  line: number;
  columns: SqlColumn[];
  primaryKey: string[];
  foreignKeys: SqlForeignKey[];
  rls?: { file: string; line: number };
  policies: SqlPolicy[];
  /** The files that change it after it is created (migrations), by path. */
  changedIn: string[];
}

export type LineAt = (file: string, offset: number) => number;

const CREATE = new RegExp(String.raw`^create\s+(?:or\s+replace\s+)?(?:(?:global\s+|local\s+)?(?:temp|temporary|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?${QNAME}(?:\s+on\s+cluster\s+\S+)?\s*\(`, 'i');
const ALTER = new RegExp(String.raw`^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${QNAME}\s+(?:on\s+cluster\s+\S+\s+)?([\s\S]*)$`, 'i');
const DROP = /^drop\s+table\s+(?:if\s+exists\s+)?([\s\S]*)$/i;
/** `RENAME TABLE a TO b, c TO d` (ClickHouse, MySQL). */
const RENAME = /^rename\s+table\s+([\s\S]*)$/i;
const PAIR = new RegExp(String.raw`^${QNAME}\s+to\s+${QNAME}`, 'i');
const POLICY = new RegExp(String.raw`^create\s+policy\s+(${IDENT})\s+on\s+(?:table\s+)?${QNAME}([\s\S]*)$`, 'i');
const DROP_POLICY = new RegExp(String.raw`^drop\s+policy\s+(?:if\s+exists\s+)?(${IDENT})\s+on\s+(?:table\s+)?${QNAME}`, 'i');
const DROP_CONSTRAINT = new RegExp(String.raw`^drop\s+constraint\s+(?:if\s+exists\s+)?(${IDENT})`, 'i');
const CONSTRAINT_WORDS = /^(constraint|primary|foreign|unique|check|exclude|like)\b/i;
/**
 * What `add` names when it is not a column: an index or a ClickHouse projection (`ADD PROJECTION p (SELECT …)`,
 * `ADD INDEX i expr TYPE …`, MySQL `ADD KEY k (a)`). A column named `key` (`add key text`) is still a column.
 */
const NOT_COLUMN = new RegExp(
  String.raw`^(?:(?:index|key|projection)\s+(?:${IDENT}\s*)?\(|index\s+${IDENT}\s[\s\S]*\btype\b|(?:fulltext|spatial)\s+(?:index|key|\()|statistics\s[\s\S]*\btype\b|partition\s*\()`,
  'i',
);
/** What `drop` names when it is not a column. */
const NOT_COLUMN_DROP = /^(?:index|projection|statistics|partition|constraint|primary\s+key|foreign\s+key|check|key\s+\S)\b/i;

/**
 * Changes the table's facts do not show but that still change the table, so the migration counts in `changedIn`
 * ("changed by N later migrations"): a column's default, nullability or identity (Drizzle Kit's
 * `ALTER TABLE "session" ALTER COLUMN "created_at" SET DEFAULT now()`), MySQL's `MODIFY`/`CHANGE`, and dropped,
 * renamed or validated constraints. Indexes and projections are not counted, as `ADD INDEX` is not.
 */
const OTHER_CHANGE = new RegExp(
  String.raw`^(?:alter\s+(?:column\s+)?${IDENT}\s+(?:set|drop|add|reset|restart)\b|(?:modify|change)\s+(?:column\s+)?${IDENT}|drop\s+(?:constraint|primary\s+key|foreign\s+key|check)\b|(?:rename|validate|alter)\s+constraint\b)`,
  'i',
);

const REFERENCES = new RegExp(String.raw`references\s+${QNAME}\s*(?:\(([^)]*)\))?`, 'i');

export class SqlSchema {
  readonly tables = new Map<string, SqlTable>();
  /**
   * Each table's constraint names (lower case) → `pk` or a foreign key's columns (which a rename of the table it
   * references leaves as they are), so `DROP CONSTRAINT name` can undo it; an unnamed one has Postgres's default name
   * (`t_pkey`, `t_a_b_fkey`). Not part of the facts.
   */
  private readonly names = new WeakMap<SqlTable, Map<string, string>>();

  /** Applies one file's statements. */
  read(file: string, source: string, lineAt: LineAt): void {
    for (const whole of sqlStatements(source)) {
      for (const part of ddlParts(whole.text)) {
        const offset = whole.offset + part.offset;
        // The same span of the file, for text that blanking hides but that is printed (string literals in a type).
        this.statement(file, part.text, source.slice(offset, offset + part.text.length), (at = 0) => lineAt(file, offset + at));
      }
    }
  }

  private statement(file: string, text: string, raw: string, line: (at?: number) => number): void {
    let m = CREATE.exec(text);
    if (m) return this.create(file, text, raw, m, line);
    m = POLICY.exec(text) ?? DROP_POLICY.exec(text);
    if (m) {
      // A policy dropped, or created again under its name (after a drop this reader missed), is the latest one only.
      const t = this.tables.get(tableName(m[2]));
      const name = unquote(m[1]);
      if (t) t.policies = t.policies.filter((p) => p.name.toLowerCase() !== name.toLowerCase());
      const command = /\bfor\s+(select|insert|update|delete|all)\b/i.exec(m[3] ?? '')?.[1].toLowerCase();
      if (t && /^create/i.test(text)) t.policies.push({ name, command, file, line: line() });
      return;
    }
    m = DROP.exec(text);
    if (m) {
      // `drop table a, b cascade`, `DROP TABLE db.t ON CLUSTER c SYNC`.
      for (const part of splitTop(m[1])) {
        const name = new RegExp(String.raw`^${QNAME}`).exec(part.text);
        if (name) this.tables.delete(tableName(name[1]));
      }
      return;
    }
    m = RENAME.exec(text);
    if (m) {
      for (const part of splitTop(m[1])) {
        const pair = PAIR.exec(part.text);
        if (pair) this.rename(file, tableName(pair[1]), tableName(pair[2]));
      }
      return;
    }
    m = ALTER.exec(text);
    if (m) this.alter(file, tableName(m[1]), m[2], raw.slice(text.length - m[2].length), text.length - m[2].length, line);
  }

  /** A table renamed: it keeps its columns and citations under the new name, replacing any table of that name. */
  private rename(file: string, from: string, to: string): void {
    const table = this.tables.get(from);
    if (!table || from === to) return;
    this.tables.delete(from);
    table.name = to;
    this.tables.set(to, table);
    // Foreign keys follow the table to its new name, as Postgres keeps them by identity.
    for (const t of this.tables.values()) t.foreignKeys = t.foreignKeys.map((f) => (f.table === from ? { ...f, table: to } : f));
    if (file !== table.file && !table.changedIn.includes(file)) table.changedIn.push(file);
  }

  private create(file: string, text: string, raw: string, m: RegExpExecArray, line: (at?: number) => number): void {
    const name = tableName(m[1]);
    const open = m[0].length - 1;
    const body = inParens(text, open);
    const table: SqlTable = { name, file, line: line(), columns: [], primaryKey: [], foreignKeys: [], policies: [], changedIn: [] };
    const previous = this.tables.get(name);
    if (previous && /if\s+not\s+exists/i.test(m[0])) return;
    this.tables.set(name, table);
    for (const part of splitTop(body)) {
      const at = open + 1 + part.offset;
      this.element(table, file, part.text, raw.slice(at, at + part.text.length), line(at));
    }
  }

  /** One element of a table body or of `add …`: a column or a table constraint. */
  private element(table: SqlTable, file: string, text: string, raw: string, at: number): void {
    if (CONSTRAINT_WORDS.test(text)) {
      const named = new RegExp(String.raw`^constraint\s+(${IDENT})\s+`, 'i').exec(text);
      this.constraint(table, file, text.slice(named?.[0].length ?? 0), at, named ? unquote(named[1]) : undefined);
      return;
    }
    if (NOT_COLUMN.test(text)) return; // ClickHouse/MySQL `INDEX name expr TYPE …`, `KEY k (a)` in a body
    const col = new RegExp(String.raw`^(${IDENT})\s+([\s\S]+)$`).exec(text);
    if (!col) return;
    const name = unquote(col[1]);
    const typeAt = text.length - col[2].length;
    const column: SqlColumn = { name, type: columnType(col[2], raw.slice(typeAt)), line: at };
    table.columns = table.columns.filter((c) => c.name !== name).concat(column);
    if (/\bprimary\s+key\b/i.test(col[2]) && !table.primaryKey.includes(name)) {
      table.primaryKey.push(name);
      this.name(table, undefined, 'pkey', 'pk');
    }
    const ref = REFERENCES.exec(col[2]);
    const named = new RegExp(String.raw`\bconstraint\s+(${IDENT})\s+references\b`, 'i').exec(col[2]);
    if (ref) this.name(table, named ? unquote(named[1]) : undefined, `${name}_fkey`, addForeignKey(table, { columns: [name], table: tableName(ref[1]), refColumns: ref[2] ? list(ref[2]) : [], file, line: at }));
  }

  private constraint(table: SqlTable, file: string, text: string, at: number, name?: string): void {
    const pk = /^primary\s+key\s*\(([^)]*)\)/i.exec(text);
    if (pk) {
      table.primaryKey = list(pk[1]);
      this.name(table, name, 'pkey', 'pk');
    }
    const fk = /^foreign\s+key\s*\(([^)]*)\)\s*/i.exec(text);
    const ref = fk && REFERENCES.exec(text.slice(fk[0].length));
    if (fk && ref) {
      const columns = list(fk[1]);
      this.name(table, name, `${columns.join('_')}_fkey`, addForeignKey(table, { columns, table: tableName(ref[1]), refColumns: ref[2] ? list(ref[2]) : [], file, line: at }));
    }
  }

  /** Records a constraint under its name, or Postgres's default one (`<table>_<suffix>`). */
  private name(table: SqlTable, name: string | undefined, suffix: string, what: string): void {
    const names = this.names.get(table) ?? new Map<string, string>();
    this.names.set(table, names);
    names.set((name ?? `${table.name.split('.').pop()}_${suffix}`).toLowerCase(), what);
  }

  /** `DROP CONSTRAINT name`: the primary key or foreign key of that name, unless another name still holds it. */
  private dropConstraint(table: SqlTable, name: string): void {
    const names = this.names.get(table);
    const what = names?.get(name.toLowerCase());
    if (!names || what === undefined) return;
    names.delete(name.toLowerCase());
    if ([...names.values()].includes(what)) return;
    if (what === 'pk') table.primaryKey = [];
    else table.foreignKeys = table.foreignKeys.filter((f) => fkColumns(f) !== what);
  }

  private alter(file: string, name: string, actions: string, raw: string, offset: number, line: (at?: number) => number): void {
    const table = this.tables.get(name);
    if (!table) return;
    const renamed = new RegExp(String.raw`^rename\s+to\s+${QNAME}`, 'i').exec(actions);
    if (renamed) {
      // `alter table auth.a rename to b` stays in its schema (Postgres); a qualified new name is taken as written.
      const to = renamed[1].includes('.') ? tableName(renamed[1]) : `${name.includes('.') ? `${name.split('.')[0]}.` : ''}${unquote(renamed[1])}`;
      this.rename(file, name, to);
      return;
    }
    for (const part of splitTop(actions)) {
      const a = part.text;
      const at = line(offset + part.offset);
      let m: RegExpExecArray | null;
      if (/^enable\s+row\s+level\s+security/i.test(a)) table.rls = { file, line: at };
      else if (/^disable\s+row\s+level\s+security/i.test(a)) table.rls = undefined;
      else if ((m = /^add\s+(column\s+)?(?:if\s+not\s+exists\s+)?([\s\S]+)$/i.exec(a))) {
        // Only `add [column]` adds a column: `ADD PROJECTION p (…)`, `ADD INDEX i …` add none.
        if (!m[1] && NOT_COLUMN.test(m[2])) continue;
        const from = part.offset + a.length - m[2].length;
        this.element(table, file, m[2], raw.slice(from, from + m[2].length), at);
      } else if ((m = new RegExp(String.raw`^drop\s+(column\s+)?(?:if\s+exists\s+)?(${IDENT})`, 'i').exec(a)) && (m[1] || !NOT_COLUMN_DROP.test(a.slice(4).trim()))) {
        const col = unquote(m[2]);
        table.columns = table.columns.filter((c) => c.name !== col);
        table.primaryKey = table.primaryKey.filter((c) => c !== col);
        table.foreignKeys = table.foreignKeys.filter((f) => !f.columns.includes(col));
      } else if ((m = new RegExp(String.raw`^rename\s+(?:column\s+)?(${IDENT})\s+to\s+(${IDENT})`, 'i').exec(a))) {
        const from = unquote(m[1]);
        const to = unquote(m[2]);
        const c = table.columns.find((x) => x.name === from);
        if (c) table.columns = table.columns.map((x) => (x === c ? { ...x, name: to } : x));
        table.primaryKey = table.primaryKey.map((k) => (k === from ? to : k));
      } else if ((m = new RegExp(String.raw`^(?:alter\s+(?:column\s+)?(${IDENT})\s+(?:set\s+data\s+)?type|modify\s+column\s+(?:if\s+exists\s+)?(${IDENT}))\s+([\s\S]+)$`, 'i').exec(a))) {
        // Postgres `alter column c type t`; ClickHouse/MySQL `modify column c t`.
        const c = table.columns.find((x) => x.name === unquote(m![1] ?? m![2]));
        const from = part.offset + a.length - m[3].length;
        if (c) c.type = columnType(m[3].replace(/\s+using\s[\s\S]*$/i, ''), raw.slice(from));
      } else if ((m = DROP_CONSTRAINT.exec(a))) this.dropConstraint(table, unquote(m[1]));
      else if (!OTHER_CHANGE.test(a)) continue;
      if (file !== table.file && !table.changedIn.includes(file)) table.changedIn.push(file);
    }
  }
}

/** The same key added again (two migrations adding one constraint under different names) is one key, kept where first added. */
function addForeignKey(table: SqlTable, fk: SqlForeignKey): string {
  const key = (f: SqlForeignKey) => `${f.columns.join()}→${f.table}(${f.refColumns.join()})`.toLowerCase();
  if (!table.foreignKeys.some((f) => key(f) === key(fk))) table.foreignKeys.push(fk);
  return fkColumns(fk);
}

const fkColumns = (f: SqlForeignKey) => `fk:${f.columns.join()}`.toLowerCase();
