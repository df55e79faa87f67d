/**
 * A small TOML reader for configuration files (wrangler.toml, fly.toml, netlify.toml): tables, arrays of tables,
 * dotted keys, strings (basic, literal, multi-line), numbers, booleans, dates (kept as text), arrays and inline
 * tables. It keeps the line of every key and array element, so facts can cite them. What it cannot read is skipped
 * line by line rather than failing the file: a config with one odd line still gives the rest.
 */

export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export interface TomlDocument {
  readonly root: TomlTable;
  /** 1-based line of each key or array-of-tables element, by dotted path (`d1_databases.0`, `vars.API_URL`). */
  readonly lines: ReadonlyMap<string, number>;
}

export function readToml(source: string): TomlDocument {
  const root: TomlTable = {};
  const lines = new Map<string, number>();
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let table = root;
  let prefix: string[] = [];
  let i = 0;
  let line = 1;
  const rest = () => text.slice(i, text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i));
  while (i < text.length) {
    const current = rest();
    const trimmed = current.trim();
    const startLine = line;
    const advance = (n: number) => {
      line += (text.slice(i, i + n).match(/\n/g) ?? []).length;
      i += n;
    };
    if (trimmed === '' || trimmed.startsWith('#')) {
      advance(current.length + 1);
      continue;
    }
    const arrayHeader = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(trimmed);
    const header = arrayHeader ? undefined : /^\[\s*([^\]]+?)\s*\]/.exec(trimmed);
    if (arrayHeader || header) {
      const keys = splitKey((arrayHeader ?? header)![1]);
      if (arrayHeader) {
        const parent = descend(root, keys.slice(0, -1));
        const last = keys[keys.length - 1];
        const list = Array.isArray(parent[last]) ? (parent[last] as TomlValue[]) : (parent[last] = []);
        table = {};
        list.push(table);
        prefix = [...keys, String(list.length - 1)];
      } else {
        table = descend(root, keys);
        prefix = keys;
      }
      lines.set(prefix.join('.'), startLine);
      advance(current.length + 1);
      continue;
    }
    const eq = keyEnd(text, i);
    if (eq === -1) {
      advance(current.length + 1);
      continue;
    }
    const keys = splitKey(text.slice(i, eq));
    const parsed = readValue(text, eq + 1);
    if (!parsed || keys.length === 0) {
      advance(current.length + 1);
      continue;
    }
    const owner = descend(table, keys.slice(0, -1));
    owner[keys[keys.length - 1]] = parsed.value;
    lines.set([...prefix, ...keys].join('.'), startLine);
    advance(parsed.end - i);
    // The rest of the line: a comment at most.
    const tail = rest();
    advance(tail.length + 1);
  }
  return { root, lines };
}

function descend(from: TomlTable, keys: readonly string[]): TomlTable {
  let t = from;
  for (const k of keys) {
    const next = t[k];
    if (Array.isArray(next)) {
      const last = next[next.length - 1];
      t = last && typeof last === 'object' && !Array.isArray(last) ? last : {};
    } else if (next && typeof next === 'object') t = next;
    else t = t[k] = {};
  }
  return t;
}

/** `a."b.c".d` → ['a', 'b.c', 'd']. */
function splitKey(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/g)) {
    out.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return out.filter((k) => k !== '');
}

/** Offset of the `=` ending a key that starts at `i`, or -1 when this line is not `key = …`. */
function keyEnd(text: string, i: number): number {
  const m = /^[ \t]*((?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[A-Za-z0-9_.\- \t])+?)[ \t]*=/.exec(text.slice(i, i + 400));
  return m ? i + m[0].length - 1 : -1;
}

interface Parsed {
  readonly value: TomlValue;
  readonly end: number;
}

function readValue(text: string, from: number): Parsed | undefined {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
    const quote = text.slice(i, i + 3);
    const close = text.indexOf(quote, i + 3);
    if (close === -1) return undefined;
    return { value: text.slice(i + 3, close).replace(/^\n/, ''), end: close + 3 };
  }
  if (text[i] === '"') {
    const m = /^"((?:[^"\\\n]|\\.)*)"/.exec(text.slice(i));
    return m ? { value: unescape(m[1]), end: i + m[0].length } : undefined;
  }
  if (text[i] === "'") {
    const close = text.indexOf("'", i + 1);
    return close === -1 ? undefined : { value: text.slice(i + 1, close), end: close + 1 };
  }
  if (text[i] === '[') return readArray(text, i);
  if (text[i] === '{') return readInline(text, i);
  const m = /^[^\s,\]}#]+/.exec(text.slice(i));
  if (!m) return undefined;
  const raw = m[0];
  const value: TomlValue = raw === 'true' ? true : raw === 'false' ? false : /^[+-]?(\d[\d_]*)(\.\d+)?([eE][+-]?\d+)?$/.test(raw) ? Number(raw.replace(/_/g, '')) : raw;
  return { value, end: i + raw.length };
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] !== '#') return i;
    while (i < text.length && text[i] !== '\n') i++;
  }
}

function readArray(text: string, from: number): Parsed | undefined {
  const out: TomlValue[] = [];
  let i = skipSpace(text, from + 1);
  while (i < text.length && text[i] !== ']') {
    const item = readValue(text, i);
    if (!item) return undefined;
    out.push(item.value);
    i = skipSpace(text, item.end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return i < text.length ? { value: out, end: i + 1 } : undefined;
}

function readInline(text: string, from: number): Parsed | undefined {
  const out: TomlTable = {};
  let i = skipSpace(text, from + 1);
  while (i < text.length && text[i] !== '}') {
    const eq = keyEnd(text, i);
    if (eq === -1) return undefined;
    const keys = splitKey(text.slice(i, eq));
    const item = readValue(text, eq + 1);
    if (!item || keys.length === 0) return undefined;
    descend(out, keys.slice(0, -1))[keys[keys.length - 1]] = item.value;
    i = skipSpace(text, item.end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return i < text.length ? { value: out, end: i + 1 } : undefined;
}

function unescape(s: string): string {
  return s.replace(/\\(["\\bfnrt]|u[0-9a-fA-F]{4})/g, (_, c: string) =>
    c.length > 1 ? String.fromCharCode(parseInt(c.slice(1), 16)) : ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? c,
  );
}
