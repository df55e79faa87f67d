/**
 * A section's markdown as a tree the budget can shrink: headings nest into sections; each section leads with blocks
 * (paragraphs and code, tables, lists) whose rows and items can be left out one by one. The steps write markdown with
 * the builders of src/markdown/, so the shapes here are the ones those builders produce.
 */

export interface Row {
  readonly lines: readonly string[];
  /** Repo-relative paths the row cites (`/path` code spans, without the slash and line). */
  readonly cites: readonly string[];
}

export interface Block {
  readonly kind: 'text' | 'table' | 'list';
  /** A blank line before the block. */
  readonly gap: boolean;
  /** Text: every line; table: the header and rule lines; list: none. */
  readonly head: readonly string[];
  /** Table rows or list items (with their continuation lines). */
  readonly rows: readonly Row[];
  /** Citations in `head` (text blocks). */
  readonly cites: readonly string[];
}

export interface MdSection {
  /** The heading line; undefined for the text before the first heading. */
  readonly heading?: string;
  /** Heading level (1–6); 0 for the root. */
  readonly level: number;
  readonly gap: boolean;
  readonly lead: Block[];
  readonly children: MdSection[];
}

const HEADING = /^(#{1,6})\s/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^(?:[-*+]|\d{1,3}[.)])\s/;
const CITE = /`\/([^`\s:*{}<>|]+?)(?::\d+)?`/g;

export function citesIn(line: string): string[] {
  if (!line.includes('`/')) return [];
  const out: string[] = [];
  for (const m of line.matchAll(CITE)) out.push(m[1].replace(/\/$/, ''));
  return out;
}

export function parseMarkdown(markdown: string): MdSection {
  const lines = markdown.replace(/\n+$/, '').split('\n');
  const root: MdSection = { level: 0, gap: false, lead: [], children: [] };
  const stack: MdSection[] = [root];
  let gap = false;
  let i = 0;
  const current = () => stack[stack.length - 1];
  /** Blocks go to the deepest open section, or after its subsections when it has some (never happens: a heading opens one). */
  const push = (block: Block) => current().lead.push(block);
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      gap = true;
      i++;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      const level = h[1].length;
      while (stack.length > 1 && current().level >= level) stack.pop();
      const section: MdSection = { heading: line, level, gap, lead: [], children: [] };
      current().children.push(section);
      stack.push(section);
      gap = false;
      i++;
      continue;
    }
    if (line.startsWith('|')) {
      const start = i;
      while (i < lines.length && lines[i].startsWith('|')) i++;
      const all = lines.slice(start, i);
      const head = all.slice(0, Math.min(2, all.length));
      const rows = all.slice(head.length).map((l) => ({ lines: [l], cites: citesIn(l) }));
      push({ kind: 'table', gap, head, rows, cites: head.flatMap(citesIn) });
    } else if (LIST_ITEM.test(line)) {
      const rows: Row[] = [];
      while (i < lines.length && lines[i].trim() !== '' && (LIST_ITEM.test(lines[i]) || /^\s/.test(lines[i]))) {
        const item = [lines[i++]];
        while (i < lines.length && lines[i].trim() !== '' && /^\s/.test(lines[i])) item.push(lines[i++]);
        rows.push({ lines: item, cites: item.flatMap(citesIn) });
      }
      push({ kind: 'list', gap, head: [], rows, cites: [] });
    } else {
      const start = i;
      const fence = FENCE.exec(line);
      if (fence) {
        // A code block ends at a fence of the same character at least as long; it never holds headings or tables.
        const close = new RegExp(`^ {0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}\\s*$`);
        i++;
        while (i < lines.length && !close.test(lines[i])) i++;
        i = Math.min(i + 1, lines.length);
      } else {
        while (i < lines.length && lines[i].trim() !== '' && !HEADING.test(lines[i]) && !lines[i].startsWith('|') && !LIST_ITEM.test(lines[i]) && !FENCE.test(lines[i])) i++;
      }
      const head = lines.slice(start, i);
      // Code blocks quote code: their backticks are not citations.
      push({ kind: 'text', gap, head, rows: [], cites: fence ? [] : head.flatMap(citesIn) });
    }
    gap = false;
  }
  return root;
}
