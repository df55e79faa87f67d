/**
 * A small YAML reader for CI files (GitHub Actions, GitLab CI, CircleCI…), written here because the project takes no
 * YAML dependency. It covers what those files use: block mappings and sequences, flow `[a, b]` / `{a: b}` collections,
 * quoted and plain scalars, `|` / `>` block scalars, comments, anchors, aliases and `<<` merge keys. Every node keeps
 * its 1-based line so facts can cite it. Anything it cannot read becomes a plain scalar, never an exception.
 */

import { FlowReader, balanced, scalarValue, unquote } from './yaml-flow.js';

export type YamlNode = YamlMap | YamlSeq | YamlScalar;

export interface YamlMap {
  readonly kind: 'map';
  readonly line: number;
  readonly entries: { readonly key: string; readonly line: number; readonly value: YamlNode }[];
}
export interface YamlSeq {
  readonly kind: 'seq';
  readonly line: number;
  readonly items: YamlNode[];
}
export interface YamlScalar {
  readonly kind: 'scalar';
  readonly line: number;
  /** Null for an empty value or `~`/`null`. */
  readonly value: string | null;
}

interface Line {
  readonly no: number;
  readonly indent: number;
  /** Content without indentation and trailing comment. */
  readonly text: string;
  readonly raw: string;
}

export function parseYaml(source: string): YamlNode {
  const lines: Line[] = [];
  const rawLines = source.replace(/\r\n?/g, '\n').split('\n');
  rawLines.forEach((raw, i) => {
    if (/^\s*(#.*)?$/.test(raw) || /^(---|\.\.\.)\s*$/.test(raw)) return;
    const indent = raw.length - raw.trimStart().length;
    lines.push({ no: i + 1, indent, text: stripComment(raw.trim()), raw });
  });
  const parser = new Parser(lines, rawLines);
  return parser.block(0, 0) ?? { kind: 'scalar', line: 1, value: null };
}

/** The value at a key of a mapping node, or undefined. */
export function get(node: YamlNode | undefined, key: string): YamlNode | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
}

export function scalar(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? node.value : undefined;
}

/** A scalar, or each scalar of a sequence. */
export function strings(node: YamlNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'scalar') return node.value === null ? [] : [node.value];
  if (node.kind === 'seq') return node.items.flatMap((i) => (i.kind === 'scalar' && i.value !== null ? [i.value] : []));
  return [];
}

export function keys(node: YamlNode | undefined): string[] {
  return node?.kind === 'map' ? node.entries.map((e) => e.key) : [];
}

function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text;
}

const KEY = /^((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#[\]{},][^#]*?|<<))\s*:(?:\s+|$)/;

class Parser {
  private pos = 0;
  private readonly anchors = new Map<string, YamlNode>();

  constructor(
    private readonly lines: Line[],
    private readonly rawLines: readonly string[],
  ) {}

  /** Parses the block starting at the current line if it is indented at least `minIndent`. */
  block(minIndent: number, depth: number): YamlNode | undefined {
    const line = this.lines[this.pos];
    if (!line || line.indent < minIndent || depth > 64) return undefined;
    if (line.text.startsWith('- ') || line.text === '-') return this.sequence(line.indent, depth);
    if (KEY.test(line.text)) return this.mapping(line.indent, depth);
    this.pos++;
    return this.inlineValue(line.text, line, line.indent, depth);
  }

  private sequence(indent: number, depth: number): YamlSeq {
    const items: YamlNode[] = [];
    const first = this.lines[this.pos].no;
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (line.indent !== indent || !(line.text.startsWith('- ') || line.text === '-')) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.pos++;
        items.push(this.block(indent + 1, depth + 1) ?? { kind: 'scalar', line: line.no, value: null });
        continue;
      }
      // `- key: value` starts a mapping whose indentation is the column after the dash.
      const column = indent + (line.text.length - rest.length);
      if (KEY.test(rest) && !/^[[{]/.test(rest)) {
        this.lines[this.pos] = { ...line, indent: column, text: rest };
        items.push(this.mapping(column, depth + 1));
        continue;
      }
      this.pos++;
      items.push(this.inlineValue(rest, line, indent, depth + 1));
    }
    return { kind: 'seq', line: first, items };
  }

  private mapping(indent: number, depth: number): YamlMap {
    // By key, in order: a repeated key replaces the earlier one and moves to the end (as `splice` + `push` did), in
    // O(1) per key — a search of the entries per key is quadratic in a mapping of 10,000 functions or variables.
    const entries = new Map<string, YamlMap['entries'][number]>();
    const first = this.lines[this.pos].no;
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos];
      if (line.indent !== indent) break;
      const m = KEY.exec(line.text);
      if (!m) break;
      const key = unquote(m[1].trim());
      const rest = line.text.slice(m[0].length).trim();
      this.pos++;
      let value: YamlNode;
      if (rest === '' || /^[&!][^\s]*$/.test(rest)) {
        const anchor = rest.startsWith('&') ? rest.slice(1) : undefined;
        // A sequence may sit at the same indentation as its key.
        const next = this.lines[this.pos];
        const sameIndentSeq = next && next.indent === indent && (next.text.startsWith('- ') || next.text === '-');
        value = (sameIndentSeq ? this.sequence(indent, depth + 1) : this.block(indent + 1, depth + 1)) ?? {
          kind: 'scalar',
          line: line.no,
          value: null,
        };
        if (anchor) this.anchors.set(anchor, value);
      } else {
        value = this.inlineValue(rest, line, indent, depth);
      }
      if (key === '<<') {
        const merged = value.kind === 'seq' ? value.items : [value];
        for (const m of merged) if (m.kind === 'map') for (const e of m.entries) if (!entries.has(e.key)) entries.set(e.key, e);
        continue;
      }
      entries.delete(key);
      entries.set(key, { key, line: line.no, value });
    }
    return { kind: 'map', line: first, entries: [...entries.values()] };
  }

  /** A value written on the same line as its key or dash: scalar, flow collection, block scalar, alias. */
  private inlineValue(text: string, line: Line, indent: number, depth: number): YamlNode {
    let rest = text;
    let anchor: string | undefined;
    const a = /^&([^\s]+)\s+/.exec(rest);
    if (a) {
      anchor = a[1];
      rest = rest.slice(a[0].length);
    }
    rest = rest.replace(/^!![a-z]+\s+/, '');
    let node: YamlNode;
    if (rest.startsWith('*')) {
      node = this.anchors.get(rest.slice(1).trim()) ?? { kind: 'scalar', line: line.no, value: rest };
    } else if (/^[|>][0-9+-]*$/.test(rest)) {
      node = { kind: 'scalar', line: line.no, value: this.blockScalar(rest.startsWith('>'), indent) };
    } else if (rest.startsWith('[') || rest.startsWith('{')) {
      const text = this.collectFlow(rest);
      node = new FlowReader(text, line.no).value();
    } else {
      node = { kind: 'scalar', line: line.no, value: this.plainScalar(rest, indent) };
    }
    if (anchor) this.anchors.set(anchor, node);
    void depth;
    return node;
  }

  /** Flow collections may span lines; join until brackets balance. */
  private collectFlow(start: string): string {
    let text = start;
    while (!balanced(text) && this.pos < this.lines.length) {
      text += ` ${this.lines[this.pos].text}`;
      this.pos++;
    }
    return text;
  }

  /** Plain or quoted scalars may continue on more-indented lines. */
  private plainScalar(text: string, indent: number): string | null {
    let value = text;
    while (this.pos < this.lines.length && this.lines[this.pos].indent > indent && !KEY.test(this.lines[this.pos].text)) {
      const next = this.lines[this.pos];
      if (next.text.startsWith('- ')) break;
      value += ` ${next.text}`;
      this.pos++;
    }
    return scalarValue(value);
  }

  private blockScalar(folded: boolean, parentIndent: number): string {
    // Block scalars keep blank lines and `#` characters, so read raw lines rather than the pre-filtered ones.
    const startLine = this.lines[this.pos - 1].no; // the line holding `|`
    const out: string[] = [];
    let contentIndent = -1;
    let rawNo = startLine; // 0-based index of the next raw line
    for (; rawNo < this.rawLines.length; rawNo++) {
      const raw = this.rawLines[rawNo];
      if (raw.trim() === '') {
        out.push('');
        continue;
      }
      const ind = raw.length - raw.trimStart().length;
      if (contentIndent === -1) {
        if (ind <= parentIndent) break;
        contentIndent = ind;
      }
      if (ind < contentIndent) break;
      out.push(raw.slice(contentIndent));
    }
    while (this.pos < this.lines.length && this.lines[this.pos].no <= rawNo) this.pos++;
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return folded ? out.join(' ').replace(/ {2,}/g, ' ') : out.join('\n');
  }
}
