/**
 * A small, forgiving reader of README-style markdown: headings, paragraphs, blockquotes and bullets with their line
 * numbers. It does not render anything; it only finds the few blocks an overview needs (title, tagline, "why").
 */

export interface MdBlock {
  readonly kind: 'heading' | 'paragraph' | 'quote' | 'list' | 'table';
  /** 1-based line of the block's first line. */
  readonly line: number;
  /** Heading level (1–6) for headings. */
  readonly level?: number;
  /** Plain text: inline markdown (links, emphasis, images, HTML tags) removed. */
  readonly text: string;
  /** List items (plain text) for lists; table rows (plain cells) for tables. */
  readonly items?: readonly string[];
  readonly rows?: readonly (readonly string[])[];
}

const FENCE = /^\s*(`{3,}|~{3,})/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const HTML_HEADING = /^\s*<h([1-6])[^>]*>(.*?)<\/h\1>\s*$/i;

/** Splits markdown into blocks, skipping fenced code, HTML comments and front matter. */
export function parseBlocks(markdown: string): MdBlock[] {
  const lines = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, n) => n > 0 && l.trim() === '---');
    if (end > 0) i = end + 1;
  }
  let pending: { kind: MdBlock['kind']; line: number; raw: string[] } | undefined;
  const flush = (): void => {
    if (!pending) return;
    blocks.push(toBlock(pending.kind, pending.line, pending.raw));
    pending = undefined;
  };
  const add = (kind: MdBlock['kind'], lineNo: number, raw: string): void => {
    if (pending && pending.kind !== kind) flush();
    pending ??= { kind, line: lineNo, raw: [] };
    pending.raw.push(raw);
  };

  for (; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(FENCE);
    if (fence) {
      flush();
      const close = fence[1];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(close)) i++;
      continue;
    }
    if (line.trim().startsWith('<!--')) {
      flush();
      while (i < lines.length && !lines[i].includes('-->')) i++;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    // HTML tables, lists and code blocks are structure, not prose: skip them up to the next blank line.
    if (!pending && /^\s*<(table|thead|tbody|tr|td|th|ul|ol|li|dl|pre|code|script|style|details)\b/i.test(line)) {
      while (i + 1 < lines.length && lines[i + 1].trim() !== '') i++;
      continue;
    }
    const h = line.match(HEADING) ?? line.match(HTML_HEADING);
    if (h) {
      flush();
      const level = h[1].startsWith('#') ? h[1].length : Number(h[1]);
      blocks.push({ kind: 'heading', line: i + 1, level, text: inline(h[2]) });
      continue;
    }
    // Setext headings: a paragraph line followed by === or ---.
    const next = lines[i + 1];
    if (!pending && next !== undefined && /^\s*(=+|-{2,})\s*$/.test(next) && !LIST_ITEM.test(line) && line.trim()) {
      blocks.push({ kind: 'heading', line: i + 1, level: next.includes('=') ? 1 : 2, text: inline(line) });
      i++;
      continue;
    }
    // A table written without outer pipes: its header was read as a paragraph line until this separator row.
    if (/^\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/.test(line) && pending?.kind === 'paragraph' && pending.raw.length === 1) {
      pending = { kind: 'table', line: pending.line, raw: [pending.raw[0]] };
      continue;
    }
    if (pending?.kind === 'table' && line.includes('|')) {
      pending.raw.push(line);
      continue;
    }
    if (/^\s*>/.test(line)) add('quote', i + 1, line.replace(/^\s*>\s?/, ''));
    else if (/^\s*\|/.test(line)) add('table', i + 1, line);
    else if (LIST_ITEM.test(line)) add('list', i + 1, line);
    else if (pending?.kind === 'list' && /^\s+\S/.test(line)) pending.raw.push(line);
    else add('paragraph', i + 1, line);
  }
  flush();
  return blocks;
}

function toBlock(kind: MdBlock['kind'], line: number, raw: string[]): MdBlock {
  if (kind === 'list') {
    const items: string[] = [];
    for (const r of raw) {
      const m = r.match(LIST_ITEM);
      // Only top-level items; nested ones and continuation lines belong to the item above.
      if (m && !/^\s{2,}/.test(r)) items.push(inline(m[1]));
      else if (!m && items.length > 0) items[items.length - 1] += ` ${inline(r)}`;
    }
    return { kind, line, text: items.join(' '), items: items.filter(Boolean) };
  }
  if (kind === 'table') {
    const rows = raw
      .filter((r) => !/^\s*\|?\s*:?-{2,}/.test(r))
      .map((r) =>
        r
          .trim()
          .replace(/^\||\|$/g, '')
          .split(/(?<!\\)\|/)
          .map((c) => inline(c)),
      );
    return { kind, line, text: '', rows };
  }
  return { kind, line, text: inline(raw.join(' ')) };
}

/** Inline markdown and HTML → plain text: images dropped, links keep their text, emphasis and code marks removed. */
export function inline(text: string): string {
  return text
    .replace(/<img\b[^>]*>/gi, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\W)[*_]([^*_]+)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A paragraph made only of badges, links or punctuation says nothing about the project. */
export function isDecorative(block: MdBlock): boolean {
  if (block.kind !== 'paragraph' && block.kind !== 'quote') return false;
  const letters = block.text.replace(/[^\p{L}]/gu, '');
  return letters.length < 12 || /^(\s*\S+\s*[|·•]\s*)+\S*$/.test(block.text);
}
