/** Flow collections (`[a, b]`, `{a: b}`) and scalar quoting for the CI YAML reader in `yaml.ts`. */
import type { YamlMap, YamlNode, YamlSeq } from './yaml.js';

export function balanced(text: string): boolean {
  let depthCount = 0;
  let quote: string | null = null;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depthCount++;
    else if (c === ']' || c === '}') depthCount--;
  }
  return depthCount <= 0;
}

export function scalarValue(text: string): string | null {
  const t = text.trim();
  if (t === '' || t === '~' || t === 'null') return null;
  return unquote(t);
}

export function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replace(/\\(["\\/nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  }
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

/** Reads `[a, b, {c: d}]` and `{a: b, c: [d]}` on one (joined) line. */
export class FlowReader {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly line: number,
  ) {}

  value(): YamlNode {
    this.skip();
    const c = this.text[this.i];
    if (c === '[') return this.seq();
    if (c === '{') return this.map();
    return { kind: 'scalar', line: this.line, value: scalarValue(this.token()) };
  }

  private seq(): YamlSeq {
    const items: YamlNode[] = [];
    this.i++;
    for (let guard = 0; this.i < this.text.length && guard < 10_000; guard++) {
      this.skip();
      if (this.text[this.i] === ']') {
        this.i++;
        break;
      }
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      items.push(this.value());
    }
    return { kind: 'seq', line: this.line, items };
  }

  private map(): YamlMap {
    const entries: YamlMap['entries'] = [];
    this.i++;
    for (let guard = 0; this.i < this.text.length && guard < 10_000; guard++) {
      this.skip();
      if (this.text[this.i] === '}') {
        this.i++;
        break;
      }
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      const key = unquote(this.token(true).trim());
      this.skip();
      let value: YamlNode = { kind: 'scalar', line: this.line, value: null };
      if (this.text[this.i] === ':') {
        this.i++;
        value = this.value();
      }
      entries.push({ key, line: this.line, value });
    }
    return { kind: 'map', line: this.line, entries };
  }

  private token(isKey = false): string {
    const start = this.i;
    const q = this.text[this.i];
    if (q === '"' || q === "'") {
      this.i++;
      while (this.i < this.text.length && this.text[this.i] !== q) this.i += this.text[this.i] === '\\' && q === '"' ? 2 : 1;
      this.i++;
      return this.text.slice(start, this.i);
    }
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === ',' || c === ']' || c === '}') break;
      if (isKey && c === ':' && /[\s,]|$/.test(this.text[this.i + 1] ?? '')) break;
      if (c === '$' && this.text[this.i + 1] === '{') {
        const end = this.text.indexOf('}}', this.i);
        this.i = end === -1 ? this.text.length : end + 2;
        continue;
      }
      this.i++;
    }
    return this.text.slice(start, this.i);
  }

  private skip(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }
}
