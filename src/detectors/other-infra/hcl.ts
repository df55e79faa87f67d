/**
 * A small HCL reader for Terraform files: blocks with labels (`resource "aws_s3_bucket" "assets" { … }`) and
 * attributes whose values are kept as written (`"${path.module}/src"`, `var.region`, `{ A = 1 }`). Strings, heredocs
 * and comments are respected so braces inside them do not confuse the structure. Never throws.
 */
export interface HclAttribute {
  readonly raw: string;
  readonly line: number;
}

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly line: number;
  readonly attributes: ReadonlyMap<string, HclAttribute>;
  readonly blocks: readonly HclBlock[];
}

export function parseHcl(text: string): HclBlock[] {
  return new Parser(text).body().blocks as HclBlock[];
}

/** A quoted string's content; other expressions as written. */
export function hclValue(attr: HclAttribute | undefined): string | undefined {
  if (!attr) return undefined;
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(attr.raw);
  return m ? m[1].replace(/\\(.)/g, '$1') : attr.raw;
}

/** Keys of an object expression `{ A = 1, "B" = 2 }` (environment variable names, tags). */
export function objectKeys(raw: string | undefined): string[] {
  if (!raw || !raw.startsWith('{')) return [];
  const inner = new Parser(raw.slice(1, raw.lastIndexOf('}')), true).body();
  return [...inner.attributes.keys()].sort();
}

/** Entries of an object expression written at `line`, each with its own line: `{ a = { … }\n b = "x" }`. */
export function objectEntries(raw: string | undefined, line: number): Map<string, HclAttribute> {
  const out = new Map<string, HclAttribute>();
  if (!raw || !raw.startsWith('{') || /^\{\s*for\s/.test(raw)) return out;
  const inner = new Parser(raw.slice(1, raw.lastIndexOf('}')), true).body();
  for (const [k, a] of inner.attributes) out.set(k, { raw: a.raw, line: line + a.line - 1 });
  return out;
}

/**
 * Keys of every object literal an expression is built from, with their lines: `{ A = 1 }`, `merge({ A = 1 },
 * cond ? { B = 2 } : {}, var.extra)`. Objects nested in a value (`A = { B = 1 }`) and `{ for … }` are not entries.
 */
export function literalObjectKeys(raw: string | undefined, line: number): HclAttribute[] {
  const out: HclAttribute[] = [];
  if (!raw) return out;
  let at = line;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\n') at++;
    else if (c === '"') {
      const end = new Parser(raw.slice(i)).skipString();
      at += (raw.slice(i, i + end).match(/\n/g) ?? []).length;
      i += end - 1;
    } else if (c === '{') {
      const end = new Parser(raw.slice(i), true).skipBraces();
      const text = raw.slice(i, i + end);
      if (!/^\{\s*for\s/.test(text)) for (const [name, a] of objectEntries(text, at)) out.push({ raw: name, line: a.line });
      at += (text.match(/\n/g) ?? []).length;
      i += end - 1;
    }
  }
  return out;
}

class Parser {
  private i = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly commas = false,
  ) {}

  body(): { attributes: Map<string, HclAttribute>; blocks: HclBlock[] } {
    const attributes = new Map<string, HclAttribute>();
    const blocks: HclBlock[] = [];
    for (let guard = 0; guard < 100_000; guard++) {
      this.skipSpace(true);
      const c = this.text[this.i];
      if (c === undefined || c === '}') return { attributes, blocks };
      const start = this.line;
      const name = this.identifier();
      if (!name) {
        this.i++;
        continue;
      }
      this.skipSpace(false);
      if (this.text[this.i] === '=' && this.text[this.i + 1] !== '=') {
        this.i++;
        attributes.set(name, { raw: this.expression().trim(), line: start });
        continue;
      }
      if (this.text[this.i] === ':') {
        this.i++;
        attributes.set(name, { raw: this.expression().trim(), line: start });
        continue;
      }
      const labels: string[] = [];
      while (this.i < this.text.length && this.text[this.i] !== '{' && this.text[this.i] !== '\n') {
        if (this.text[this.i] === '"') labels.push(this.string().slice(1, -1));
        else if (/\S/.test(this.text[this.i])) labels.push(this.identifier() || this.text[this.i++]);
        this.skipSpace(false);
      }
      if (this.text[this.i] !== '{') continue;
      this.i++;
      const inner = this.body();
      if (this.text[this.i] === '}') this.i++;
      blocks.push({ type: name, labels, line: start, attributes: inner.attributes, blocks: inner.blocks });
    }
    return { attributes, blocks };
  }

  private identifier(): string {
    const m = /^[A-Za-z_][\w-]*|^"[^"\n]*"/.exec(this.text.slice(this.i, this.i + 200));
    if (!m) return '';
    this.i += m[0].length;
    return m[0].replace(/^"|"$/g, '');
  }

  /** Up to the end of the line (or a comma inside an object) at bracket depth zero. */
  private expression(): string {
    const start = this.i;
    let depth = 0;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === '<' && this.text[this.i + 1] === '<') {
        this.heredoc();
        continue;
      }
      if (c === '#' || (c === '/' && this.text[this.i + 1] === '/') || (c === '/' && this.text[this.i + 1] === '*')) {
        if (depth === 0) break;
        this.skipComment();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === '\n' || (this.commas && c === ',')) && depth === 0) break;
      if (c === '\n') this.line++;
      this.i++;
    }
    return this.text.slice(start, this.i);
  }

  /** Length of the quoted string at the start. */
  skipString(): number {
    this.string();
    return this.i;
  }

  /** Length of the `{ … }` at the start, over nested strings and braces. */
  skipBraces(): number {
    this.i = 1;
    this.body();
    return Math.min(this.text.length, this.i + 1);
  }

  /** A quoted string, kept as written. */
  private string(): string {
    const start = this.i;
    this.i++;
    this.template();
    return this.text.slice(start, this.i);
  }

  /**
   * Template text up to its closing quote. `${…}` and `%{…}` hold expressions with their own strings and braces
   * (`"${replace(x, "}", "")}"`), so a `}` inside a nested string does not end them; `$${` and `%%{` are literal.
   * A quoted string cannot span lines: an unclosed one ends at its line, so one typo does not swallow the file.
   */
  private template(): void {
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      const next = this.text[this.i + 1];
      if (c === '\\') this.i += 2;
      else if ((c === '$' || c === '%') && next === c && this.text[this.i + 2] === '{') this.i += 3;
      else if ((c === '$' || c === '%') && next === '{') {
        this.i += 2;
        this.interpolation();
      } else if (c === '"') {
        this.i++;
        return;
      } else if (c === '\n') return;
      else this.i++;
    }
  }

  /** Inside `${…}`: up to the matching `}`, over nested strings, braces and lines. */
  private interpolation(): void {
    let depth = 1;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '"') {
        this.string();
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        this.i++;
        return;
      } else if (c === '\n') this.line++;
      this.i++;
    }
  }

  private heredoc(): void {
    const m = /^<<-?(\w+)/.exec(this.text.slice(this.i, this.i + 100));
    if (!m) {
      this.i += 2;
      return;
    }
    const end = new RegExp(`\\n\\s*${m[1]}\\s*(\\n|$)`).exec(this.text.slice(this.i));
    const stop = end ? this.i + end.index + end[0].length - (end[1] === '\n' ? 1 : 0) : this.text.length;
    this.line += (this.text.slice(this.i, stop).match(/\n/g) ?? []).length;
    this.i = stop;
  }

  private skipComment(): void {
    if (this.text[this.i] === '/' && this.text[this.i + 1] === '*') {
      const end = this.text.indexOf('*/', this.i + 2);
      const stop = end === -1 ? this.text.length : end + 2;
      this.line += (this.text.slice(this.i, stop).match(/\n/g) ?? []).length;
      this.i = stop;
      return;
    }
    while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
  }

  private skipSpace(newlines: boolean): void {
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '#' || (c === '/' && (this.text[this.i + 1] === '/' || this.text[this.i + 1] === '*'))) this.skipComment();
      else if (c === '\n' && newlines) {
        this.line++;
        this.i++;
      } else if (c === ',' && this.commas) this.i++;
      else if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else break;
    }
  }
}
