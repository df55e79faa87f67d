/**
 * Splits SQL text into statements, tolerantly and without executing anything: comments (`--`, `/* … *\/`) and the
 * insides of strings and dollar-quoted bodies (`$$ … $$`, `$fn$ … $fn$`, where function bodies live) are blanked to
 * spaces first, so a `create table` inside a function body or a comment is never read as DDL, and offsets (hence
 * line numbers) stay those of the file.
 */

export interface SqlStatement {
  /** The statement with comments and string/body contents blanked, whitespace kept. */
  readonly text: string;
  /** Offset of the statement's first non-space character in the file. */
  readonly offset: number;
}

/**
 * The file with comments and the contents of '…' strings and dollar-quoted bodies replaced by spaces (newlines kept);
 * "quoted identifiers" are kept.
 */
export function blankSql(source: string): string {
  const out = source.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  let openDo: string | null = null;
  while (i < source.length) {
    const c = source[i];
    if (c === '-' && source[i + 1] === '-') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"') {
      // A quoted identifier is kept as written, and an apostrophe inside it (`"their tenant's rows"`, a policy name)
      // opens no string: read as one, it would blank everything up to the next quote, statements included.
      let j = i + 1;
      while (j < source.length && !(source[j] === '"' && source[j + 1] !== '"')) j += source[j] === '"' ? 2 : 1;
      i = j + 1;
    } else if (c === "'") {
      let j = i + 1;
      while (j < source.length && !(source[j] === "'" && source[j + 1] !== "'")) j += source[j] === "'" ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_]\w*)?\$/.exec(source.slice(i, i + 64));
      if (!tag) {
        i++;
        continue;
      }
      // `DO $$ BEGIN ALTER TABLE … ADD CONSTRAINT … EXCEPTION … END $$;` (Drizzle Kit's foreign keys): an anonymous
      // block runs when the migration runs, so its statements are DDL like any other; only the tags are blanked.
      if (openDo === tag[0] || (openDo === null && /\bdo\s*$/i.test(source.slice(Math.max(0, i - 16), i)))) {
        openDo = openDo === tag[0] ? null : tag[0];
        blank(i, i + tag[0].length);
        i += tag[0].length;
        continue;
      }
      const end = source.indexOf(tag[0], i + tag[0].length);
      const stop = end === -1 ? source.length : end;
      blank(i + tag[0].length, stop);
      i = end === -1 ? source.length : end + tag[0].length;
    } else i++;
  }
  return out.join('');
}

export function sqlStatements(source: string): SqlStatement[] {
  const text = blankSql(source);
  const out: SqlStatement[] = [];
  let start = 0;
  let inQuote = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    // Quoted identifiers ("a;b") are kept as written; a `;` inside one does not end the statement.
    if (c === '"') inQuote = !inQuote;
    if (i === text.length || (c === ';' && !inQuote)) {
      const raw = text.slice(start, i);
      // The first statement of a `DO` block starts after its `do … begin`.
      const opener = /^\s*(do\s+)?begin\s+/i.exec(raw);
      const from = opener ? opener[0].length : 0;
      const lead = raw.slice(from).search(/\S/);
      if (lead !== -1) out.push({ text: raw.slice(from + lead), offset: start + from + lead });
      start = i + 1;
    }
  }
  return out;
}
