/**
 * Reads the table-shaping DDL of SQL files into tables: `create table`, `alter table … add/drop/rename column`,
 * `add constraint … primary key / foreign key`, `rename to`, `drop table`, `enable row level security` and
 * `create policy "…" on …` (names only). A tolerant text reader: a statement it does not understand is skipped.
 * Files are applied in the order given, so migrations replayed in name order give the latest shape.
 */
import { sqlStatements } from './statements.js';

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

const IDENT = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*)`;
const QNAME = String.raw`(${IDENT}(?:\s*\.\s*${IDENT})?)`;
const CREATE = new RegExp(String.raw`^create\s+(?:(?:global\s+|local\s+)?(?:temp|temporary|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?${QNAME}\s*\(`, 'i');
const ALTER = new RegExp(String.raw`^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${QNAME}\s+([\s\S]*)$`, 'i');
const DROP = new RegExp(String.raw`^drop\s+table\s+(?:if\s+exists\s+)?${QNAME}`, 'i');
const POLICY = new RegExp(String.raw`^create\s+policy\s+(${IDENT})\s+on\s+(?:table\s+)?${QNAME}([\s\S]*)$`, 'i');
const CONSTRAINT_WORDS = /^(constraint|primary|foreign|unique|check|exclude|like)\b/i;

/** `"public"."Companies"` → `Companies`; `auth.users` → `auth.users`. */
export function tableName(raw: string): string {
  const parts = raw.split(/\s*\.\s*/).map(unquote);
  return parts.length === 2 && parts[0].toLowerCase() === 'public' ? parts[1] : parts.join('.');
}

function unquote(s: string): string {
  return s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

const list = (s: string) => s.split(',').map((c) => unquote(c.trim())).filter(Boolean);

/** Splits at top-level commas (not inside parentheses), with each part's offset in `s`. */
function splitTop(s: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (i === s.length || (c === ',' && depth === 0)) {
      const part = s.slice(start, i);
      const lead = part.search(/\S/);
      if (lead !== -1) out.push({ text: part.slice(lead).trimEnd(), offset: start + lead });
      start = i + 1;
    }
  }
  return out;
}

/** The text between the `(` at `open` and its matching `)`. */
function inParens(s: string, open: number): string {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return s.slice(open + 1, i);
  }
  return s.slice(open + 1);
}

/** A column's type: the words after its name up to the first constraint keyword. */
function columnType(rest: string): string {
  const stop = rest.search(/\s(not\s+null|null|default|primary\s+key|references|unique|check|constraint|generated|collate)\b/i);
  return (stop === -1 ? rest : rest.slice(0, stop)).replace(/\s+/g, ' ').trim();
}

const REFERENCES = new RegExp(String.raw`references\s+${QNAME}\s*(?:\(([^)]*)\))?`, 'i');

export class SqlSchema {
  readonly tables = new Map<string, SqlTable>();

  /** Applies one file's statements. */
  read(file: string, source: string, lineAt: LineAt): void {
    for (const st of sqlStatements(source)) {
      const line = (at = 0) => lineAt(file, st.offset + at);
      const text = st.text;
      let m = CREATE.exec(text);
      if (m) {
        this.create(file, text, m, line);
        continue;
      }
      m = POLICY.exec(text);
      if (m) {
        const t = this.tables.get(tableName(m[2]));
        const command = /\bfor\s+(select|insert|update|delete|all)\b/i.exec(m[3])?.[1].toLowerCase();
        if (t) t.policies.push({ name: unquote(m[1]), command, file, line: line() });
        continue;
      }
      m = DROP.exec(text);
      if (m) {
        this.tables.delete(tableName(m[1]));
        continue;
      }
      m = ALTER.exec(text);
      if (m) this.alter(file, tableName(m[1]), m[2], text.length - m[2].length, line);
    }
  }

  private create(file: string, text: string, m: RegExpExecArray, line: (at?: number) => number): void {
    const name = tableName(m[1]);
    const open = m[0].length - 1;
    const body = inParens(text, open);
    const table: SqlTable = { name, file, line: line(), columns: [], primaryKey: [], foreignKeys: [], policies: [], changedIn: [] };
    const previous = this.tables.get(name);
    if (previous && /if\s+not\s+exists/i.test(m[0])) return;
    this.tables.set(name, table);
    for (const part of splitTop(body)) this.element(table, file, part.text, line(open + 1 + part.offset));
  }

  /** One element of a table body or of `add …`: a column or a table constraint. */
  private element(table: SqlTable, file: string, text: string, at: number): void {
    if (CONSTRAINT_WORDS.test(text)) {
      this.constraint(table, file, text.replace(/^constraint\s+\S+\s+/i, ''), at);
      return;
    }
    const col = new RegExp(String.raw`^(${IDENT})\s+([\s\S]+)$`).exec(text);
    if (!col) return;
    const name = unquote(col[1]);
    const column: SqlColumn = { name, type: columnType(col[2]), line: at };
    table.columns = table.columns.filter((c) => c.name !== name).concat(column);
    if (/\bprimary\s+key\b/i.test(col[2]) && !table.primaryKey.includes(name)) table.primaryKey.push(name);
    const ref = REFERENCES.exec(col[2]);
    if (ref) table.foreignKeys.push({ columns: [name], table: tableName(ref[1]), refColumns: ref[2] ? list(ref[2]) : [], file, line: at });
  }

  private constraint(table: SqlTable, file: string, text: string, at: number): void {
    const pk = /^primary\s+key\s*\(([^)]*)\)/i.exec(text);
    if (pk) table.primaryKey = list(pk[1]);
    const fk = /^foreign\s+key\s*\(([^)]*)\)\s*/i.exec(text);
    const ref = fk && REFERENCES.exec(text.slice(fk[0].length));
    if (fk && ref) table.foreignKeys.push({ columns: list(fk[1]), table: tableName(ref[1]), refColumns: ref[2] ? list(ref[2]) : [], file, line: at });
  }

  private alter(file: string, name: string, actions: string, offset: number, line: (at?: number) => number): void {
    const table = this.tables.get(name);
    if (!table) return;
    const touched = () => {
      if (file !== table.file && !table.changedIn.includes(file)) table.changedIn.push(file);
    };
    const renamed = new RegExp(String.raw`^rename\s+to\s+(${IDENT})`, 'i').exec(actions);
    if (renamed) {
      this.tables.delete(name);
      const schema = name.includes('.') ? `${name.split('.')[0]}.` : '';
      table.name = `${schema}${unquote(renamed[1])}`;
      this.tables.set(table.name, table);
      // Foreign keys follow the table to its new name, as Postgres keeps them by identity.
      for (const t of this.tables.values()) t.foreignKeys = t.foreignKeys.map((f) => (f.table === name ? { ...f, table: table.name } : f));
      touched();
      return;
    }
    for (const part of splitTop(actions)) {
      const a = part.text;
      const at = line(offset + part.offset);
      let m: RegExpExecArray | null;
      if (/^enable\s+row\s+level\s+security/i.test(a)) table.rls = { file, line: at };
      else if (/^disable\s+row\s+level\s+security/i.test(a)) table.rls = undefined;
      else if ((m = /^add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?([\s\S]+)$/i.exec(a))) this.element(table, file, m[1], at);
      else if ((m = new RegExp(String.raw`^drop\s+(?:column\s+)?(?:if\s+exists\s+)?(${IDENT})`, 'i').exec(a)) && !/^drop\s+constraint\b/i.test(a)) {
        const col = unquote(m[1]);
        table.columns = table.columns.filter((c) => c.name !== col);
        table.primaryKey = table.primaryKey.filter((c) => c !== col);
        table.foreignKeys = table.foreignKeys.filter((f) => !f.columns.includes(col));
      } else if ((m = new RegExp(String.raw`^rename\s+(?:column\s+)?(${IDENT})\s+to\s+(${IDENT})`, 'i').exec(a))) {
        const from = unquote(m[1]);
        const to = unquote(m[2]);
        const c = table.columns.find((x) => x.name === from);
        if (c) table.columns = table.columns.map((x) => (x === c ? { ...x, name: to } : x));
        table.primaryKey = table.primaryKey.map((k) => (k === from ? to : k));
      } else if ((m = new RegExp(String.raw`^alter\s+(?:column\s+)?(${IDENT})\s+(?:set\s+data\s+)?type\s+([\s\S]+)$`, 'i').exec(a))) {
        const c = table.columns.find((x) => x.name === unquote(m![1]));
        if (c) c.type = columnType(m[2].replace(/\s+using\s[\s\S]*$/i, ''));
      } else continue;
      touched();
    }
  }
}
