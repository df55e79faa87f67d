/**
 * Text helpers of the DDL reader (ddl.ts): identifiers, lists, top-level splitting, column types, and the split of a
 * statement that runs on into the next DDL statement because a `;` was left out.
 */

export const IDENT = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|[A-Za-z_][\w$]*)`;
export const QNAME = String.raw`(${IDENT}(?:\s*\.\s*${IDENT})?)`;

/** `"public"."Companies"` → `Companies`; `auth.users` → `auth.users`. */
export function tableName(raw: string): string {
  const parts = raw.split(/\s*\.\s*/).map(unquote);
  return parts.length === 2 && parts[0].toLowerCase() === 'public' ? parts[1] : parts.join('.');
}

export function unquote(s: string): string {
  return (s.startsWith('"') && s.endsWith('"')) || (s.startsWith('`') && s.endsWith('`')) ? s.slice(1, -1) : s;
}

export const list = (s: string) => s.split(',').map((c) => unquote(c.trim())).filter(Boolean);

/** Splits at top-level commas (not inside parentheses), with each part's offset in `s`. */
export function splitTop(s: string): { text: string; offset: number }[] {
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
export function inParens(s: string, open: number): string {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return s.slice(open + 1, i);
  }
  return s.slice(open + 1);
}

/**
 * A column's type: the words after its name up to the first constraint keyword. `rest` is blanked text (strings'
 * insides are spaces, so a keyword inside a string never stops it); `raw` is the same span of the file, whose string
 * literals are put back so `DateTime('UTC')` is printed as written (comments stay blanked).
 */
export function columnType(rest: string, raw = rest): string {
  const stop = rest.search(/\s(not\s+null|null|default|primary\s+key|references|unique|check|constraint|generated|collate|codec|ttl|comment|materialized|alias|ephemeral|after|first)\b/i);
  const end = stop === -1 ? rest.length : stop;
  let out = '';
  let quoted = false;
  for (let i = 0; i < end; i++) {
    if (rest[i] === "'") quoted = !quoted;
    out += quoted && rest[i] !== "'" ? raw[i] ?? ' ' : rest[i];
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** A line that starts a table statement: where a statement without its `;` runs on into the next one. */
const DDL_LINE = /\n[ \t]*(?=(?:create|alter|rename|drop)\s+table\b)/gi;

/**
 * Splits one statement where a line at parenthesis depth 0 starts another table statement (`create`, `alter`,
 * `rename`, `drop table`): ClickHouse migrations often leave the `;` off an `insert … select` before a
 * `RENAME TABLE`, and the rename would otherwise be read as part of the insert. Offsets are within `text`.
 */
export function ddlParts(text: string): { text: string; offset: number }[] {
  const starts = [0];
  let depth = 0;
  let from = 0;
  for (const m of text.matchAll(DDL_LINE)) {
    const at = m.index + m[0].length;
    for (; from < at; from++) {
      if (text[from] === '(') depth++;
      else if (text[from] === ')') depth--;
    }
    if (depth === 0) starts.push(at);
  }
  return starts.map((s, i) => ({ text: text.slice(s, starts[i + 1] ?? text.length).trimEnd(), offset: s }));
}
