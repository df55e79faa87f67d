/**
 * YAML for the env detector (compose, Kubernetes, SAM, render.yaml), read with the `yaml` library and a line counter
 * so every name keeps its line. Only names are ever taken out of a document: values stay where they are.
 *
 * `readYaml` is the one place that calls the parser; at merge it moves to the project's shared YAML module.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';

export interface YamlFile {
  /** Documents without fatal errors (`---`-separated); a broken document is left out, the others kept. */
  readonly docs: readonly Document.Parsed[];
  /** 1-based line of a node (its first character). */
  line(node: Node | null | undefined): number;
}

export function readYaml(text: string): YamlFile {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[] = [];
  try {
    const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: false, logLevel: 'silent' });
    docs = (Array.isArray(parsed) ? parsed : []).filter((d) => d.errors.length === 0);
  } catch {
    docs = [];
  }
  return {
    docs,
    line: (node) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1),
  };
}

export interface YamlEntry {
  readonly key: string;
  readonly keyNode: Node;
  readonly value: Node | null;
}

const anchorMaps = new WeakMap<Document.Parsed, Map<string, Node>>();

/**
 * Follows an alias (`*common-env`) to its anchored node, whose lines are where the names are written. The anchors of
 * a document are collected once: `Alias.resolve` walks the whole document on every call.
 */
export function deref(doc: Document.Parsed, node: unknown): Node | null {
  if (!isAlias(node)) return (node as Node | null) ?? null;
  let anchors = anchorMaps.get(doc);
  if (!anchors) {
    const found = new Map<string, Node>();
    visit(doc, (_key, n) => {
      // A later anchor of the same name replaces an earlier one, as in YAML.
      if (isNode(n) && n.anchor) found.set(n.anchor, n);
    });
    anchorMaps.set(doc, (anchors = found));
  }
  return anchors.get(node.source) ?? null;
}

/** The entries of a mapping, with `<<: *anchor` merge keys expanded (compose files share env blocks that way). */
export function entries(doc: Document.Parsed, node: unknown, depth = 0): YamlEntry[] {
  const map = deref(doc, node);
  if (!isMap(map) || depth > 5) return [];
  const out: YamlEntry[] = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    if (key === '<<') {
      const merged = deref(doc, pair.value);
      for (const m of isSeq(merged) ? merged.items : [merged]) out.push(...entries(doc, m, depth + 1));
      continue;
    }
    out.push({ key, keyNode: pair.key as Node, value: deref(doc, pair.value) });
  }
  return out;
}

/** The value of `key` (the last one, as YAML takes it when a key repeats). */
export function get(doc: Document.Parsed, node: unknown, key: string): Node | null {
  let value: Node | null = null;
  for (const e of entries(doc, node)) if (e.key === key) value = e.value;
  return value;
}

export function items(doc: Document.Parsed, node: unknown): Node[] {
  const seq = deref(doc, node);
  return isSeq(seq) ? seq.items.map((i) => deref(doc, i)).filter((i): i is Node => i !== null) : [];
}

export function text(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}
