/**
 * The one YAML reader every detector uses (CI files, serverless.yml, CloudFormation/SAM templates, compose files,
 * Kubernetes manifests, pnpm-workspace.yaml). It parses with the `yaml` library and turns the result into a small
 * plain tree whose every node keeps its 1-based line for citations:
 *
 * - aliases are resolved (shared, not copied, so an alias bomb stays linear) and `<<` merge keys are merged;
 * - CloudFormation short forms (`!Ref X`, `!GetAtt A.B`, `!Join [..]`, …) become the long form a JSON template has
 *   (`{ Ref: X }`, `{ "Fn::GetAtt": [A, B] }`), so one reader serves YAML and JSON templates;
 * - scalars are the text as written (`20.10` stays `20.10`, not the number 20.1); null, `~` and empty are null.
 *
 * Bad YAML never throws: what parsed is returned, and each error becomes a `problems` entry with its line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Tags } from 'yaml';

export type YamlNode = YamlMap | YamlSeq | YamlScalar;

export interface YamlEntry {
  readonly key: string;
  readonly line: number;
  readonly value: YamlNode;
}
export interface YamlMap {
  readonly kind: 'map';
  readonly line: number;
  readonly entries: readonly YamlEntry[];
}
export interface YamlSeq {
  readonly kind: 'seq';
  readonly line: number;
  readonly items: readonly YamlNode[];
}
export interface YamlScalar {
  readonly kind: 'scalar';
  readonly line: number;
  /** Null for an empty value, `~` or `null`. */
  readonly value: string | null;
}

export interface YamlProblem {
  readonly line: number;
  readonly message: string;
}

export interface YamlDocuments {
  /** Every document of the stream (`---` separated) that has content, in order. */
  readonly docs: readonly YamlNode[];
  readonly problems: readonly YamlProblem[];
}

/** CloudFormation's short-form intrinsic functions, by tag, with the long-form key each stands for. */
const CFN_TAGS: Readonly<Record<string, string>> = Object.fromEntries(
  ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'If', 'Equals', 'Not', 'And', 'Or', 'Length', 'ToJsonString']
    .map((name) => [`!${name}`, `Fn::${name}`])
    .concat([['!Ref', 'Ref'], ['!Condition', 'Condition']]),
);
/** GitLab CI's `!reference [.job, script]`: kept as a one-entry map too, so it reads as what it is. */
const OTHER_TAGS: Readonly<Record<string, string>> = { '!reference': '!reference' };
const WRAPPED = { ...CFN_TAGS, ...OTHER_TAGS };

// Known tags are declared so the library reads them without warnings; the value is kept as parsed and wrapped below.
const CUSTOM_TAGS: Tags = Object.keys(WRAPPED).flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
]) as Tags;

/** Alias expansion beyond which further aliases stay unresolved (a "billion laughs" file is not walked). */
const MAX_EXPANDED_NODES = 200_000;
const MAX_DEPTH = 200;

export function parseYamlDocuments(text: string): YamlDocuments {
  const lineCounter = new LineCounter();
  const problems: YamlProblem[] = [];
  const docs: YamlNode[] = [];
  try {
    const parsed = parseAllDocuments(text, { lineCounter, merge: true, uniqueKeys: false, customTags: CUSTOM_TAGS, prettyErrors: false });
    const list = Array.isArray(parsed) ? parsed : [];
    for (const doc of list) {
      for (const e of doc.errors) problems.push({ line: lineCounter.linePos(e.pos[0]).line, message: firstLine(e.message) });
      if (doc.contents === null) continue;
      const root = new Converter(doc, lineCounter, problems).node(doc.contents, 0);
      // A document of only comments (between two `---`) has an empty scalar: nothing to read.
      if (root.kind !== 'scalar' || root.value !== null) docs.push(root);
    }
  } catch (error) {
    problems.push({ line: 1, message: firstLine(error instanceof Error ? error.message : String(error)) });
  }
  return { docs, problems };
}

/** The first document (an empty null scalar when there is none) and the problems of the whole stream. */
export function parseYaml(text: string): { root: YamlNode; problems: readonly YamlProblem[] } {
  const { docs, problems } = parseYamlDocuments(text);
  return { root: docs[0] ?? { kind: 'scalar', line: 1, value: null }, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

class Converter {
  private readonly done = new Map<Node, YamlNode>();
  private readonly inProgress = new Set<Node>();
  private readonly sizes = new WeakMap<YamlNode, number>();
  private expanded = 0;
  private warnedBomb = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly problems: YamlProblem[],
  ) {}

  node(source: unknown, depth: number): YamlNode {
    const line = this.lineOf(source);
    if (depth > MAX_DEPTH) return { kind: 'scalar', line, value: null };
    if (isAlias(source)) {
      const target = source.resolve(this.doc);
      const ref: YamlScalar = { kind: 'scalar', line, value: `*${source.source}` };
      if (!target || this.inProgress.has(target)) return ref;
      const resolved = this.node(target, depth + 1);
      this.expanded += this.sizes.get(resolved) ?? 1;
      if (this.expanded > MAX_EXPANDED_NODES) {
        if (!this.warnedBomb) this.problems.push({ line, message: 'too many aliases: the rest are left unresolved' });
        this.warnedBomb = true;
        return ref;
      }
      return resolved;
    }
    if (!source || typeof source !== 'object') return { kind: 'scalar', line, value: null };
    const known = this.done.get(source as Node);
    if (known) return known;
    this.inProgress.add(source as Node);
    let out = this.build(source as Node, line, depth);
    const wrap = (source as Node).tag ? WRAPPED[(source as Node).tag!] : undefined;
    if (wrap) out = this.sized({ kind: 'map', line, entries: [{ key: wrap, line, value: this.intrinsic(wrap, out) }] }, [out]);
    this.inProgress.delete(source as Node);
    this.done.set(source as Node, out);
    return out;
  }

  private build(source: Node, line: number, depth: number): YamlNode {
    if (isScalar(source)) {
      const v = source.value;
      const value = v === null || v === undefined ? null : typeof v === 'string' ? v : (source.source ?? String(v));
      return this.sized({ kind: 'scalar', line, value }, []);
    }
    if (isSeq(source)) {
      const items = source.items.map((i) => this.node(i, depth + 1));
      return this.sized({ kind: 'seq', line, items }, items);
    }
    if (isMap(source)) {
      const entries: YamlEntry[] = [];
      const merged: YamlEntry[] = [];
      for (const pair of source.items) {
        if (!isPair(pair)) continue;
        const key = this.keyText(pair.key);
        const value = this.node(pair.value, depth + 1);
        if (key === '<<' && !(isScalar(pair.key) && pair.key.type !== 'PLAIN')) {
          // Merge sources in order: an earlier source wins over a later one, the map's own keys over all of them.
          for (const from of value.kind === 'seq' ? value.items : [value]) {
            if (from.kind === 'map') for (const e of from.entries) if (!merged.some((m) => m.key === e.key)) merged.push(e);
          }
          continue;
        }
        if (key === undefined) continue;
        const existing = entries.findIndex((e) => e.key === key);
        if (existing !== -1) entries.splice(existing, 1);
        entries.push({ key, line: this.lineOf(pair.key) || line, value });
      }
      for (const e of merged) if (!entries.some((x) => x.key === e.key)) entries.push(e);
      return this.sized({ kind: 'map', line, entries }, entries.map((e) => e.value));
    }
    return { kind: 'scalar', line, value: null };
  }

  /** `!GetAtt Res.Attr` is `{ "Fn::GetAtt": [Res, Attr] }` in the long form. */
  private intrinsic(key: string, value: YamlNode): YamlNode {
    if (key !== 'Fn::GetAtt' || value.kind !== 'scalar' || value.value === null) return value;
    const dot = value.value.indexOf('.');
    if (dot === -1) return value;
    const part = (text: string): YamlScalar => ({ kind: 'scalar', line: value.line, value: text });
    return { kind: 'seq', line: value.line, items: [part(value.value.slice(0, dot)), part(value.value.slice(dot + 1))] };
  }

  private sized<T extends YamlNode>(node: T, children: readonly YamlNode[]): T {
    this.sizes.set(node, children.reduce((n, c) => n + (this.sizes.get(c) ?? 1), 1));
    return node;
  }

  private keyText(key: unknown): string | undefined {
    if (isScalar(key)) return key.value === null || key.value === undefined ? '' : typeof key.value === 'string' ? key.value : (key.source ?? String(key.value));
    if (isAlias(key)) return this.keyText(key.resolve(this.doc));
    return undefined;
  }

  private lineOf(node: unknown): number {
    const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
    return offset === undefined ? 0 : this.lines.linePos(offset).line;
  }
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

/** The entry of a mapping at a key (for its line), or undefined. */
export function entry(node: YamlNode | undefined, key: string): YamlEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;
}
