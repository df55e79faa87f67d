/**
 * README-style markdown as blocks (headings, paragraphs, quotes, lists, tables) with their lines, read with marked's
 * lexer (CommonMark + GFM): code spans keep what is inside them (`PK = <namespace>#<key>`, `Array<string>`), fenced
 * and indented code is code, setext headings are headings. HTML blocks (centered-logo READMEs) give their `<h1>`–`<h6>`
 * headings and `<p>` paragraphs. Nothing is rendered; an overview needs only a few blocks (title, tagline, "why").
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { LineIndex } from '../../scan/line-index.js';

export interface MdBlock {
  readonly kind: 'heading' | 'paragraph' | 'quote' | 'list' | 'table';
  /** 1-based line of the block's first line. */
  readonly line: number;
  /** Heading level (1–6) for headings. */
  readonly level?: number;
  /** Plain text: inline markdown (links, emphasis, images, HTML tags) removed; code spans keep their text. */
  readonly text: string;
  /** List items (plain text) for lists; table rows (plain cells) for tables. */
  readonly items?: readonly string[];
  /** For lists, per item (aligned with `items`): its 1-based line and the plain text of the items nested under it. */
  readonly nested?: readonly { readonly line: number; readonly items: readonly string[] }[];
  readonly rows?: readonly (readonly string[])[];
  /** A paragraph of two or more links with only separators between them (a language switcher, a nav bar). */
  readonly linkBar?: boolean;
  /** A paragraph that opens with a link to a document of the repository (`[Data structures](./docs/data.md) in …`). */
  readonly pointer?: boolean;
}

/** Splits markdown into blocks, skipping code, HTML comments and front matter. */
export function parseBlocks(markdown: string): MdBlock[] {
  let src = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // Front matter is not markdown: blanked, so lines keep their numbers.
  const front = /^---\n[\s\S]*?\n---[ \t]*(\n|$)/.exec(src);
  if (front) src = front[0].replace(/[^\n]/g, '') + src.slice(front[0].length);
  let tokens: Token[];
  try {
    tokens = Lexer.lex(src, { gfm: true });
  } catch {
    return [];
  }
  const blocks: MdBlock[] = [];
  // One line index for the text: counting the line breaks before each block is quadratic in a README of 50,000 blocks.
  const lines = new LineIndex(src);
  let offset = 0;
  for (const token of tokens) {
    const at = src.startsWith(token.raw, offset) ? offset : src.indexOf(token.raw, offset);
    const start = at === -1 ? offset : at;
    const line = lines.lineAt(start);
    offset = start + token.raw.length;
    blocks.push(...toBlocks(token, line));
  }
  return blocks;
}

function toBlocks(token: Token, line: number): MdBlock[] {
  switch (token.type) {
    case 'heading':
      return [{ kind: 'heading', line, level: (token as Tokens.Heading).depth, text: plainTokens(token.tokens) }];
    case 'paragraph':
    case 'text': {
      // A paragraph of inline HTML only (`<a href…><img src="badge"></a>` rows under a centred title) says nothing:
      // its raw tags are not text to fall back to.
      const htmlOnly = token.tokens?.some((t) => t.type === 'html') ?? false;
      const text = plainTokens(token.tokens) || plainText(htmlOnly ? '' : (token.text ?? ''));
      return [{ kind: 'paragraph', line, text, ...(isLinkBar(token.tokens) ? { linkBar: true } : {}), ...(opensWithDocLink(token.tokens) ? { pointer: true } : {}) }];
    }
    case 'blockquote': {
      const inner = (token as Tokens.Blockquote).tokens.flatMap((t) => toBlocks(t, line));
      return [{ kind: 'quote', line, text: inner.map((b) => b.text).filter(Boolean).join(' ') }];
    }
    case 'list': {
      const itemText = (item: Tokens.ListItem) =>
        item.tokens
          .filter((t) => t.type !== 'list')
          .map((t) => plainTokens((t as { tokens?: Token[] }).tokens) || plainText((t as { text?: string }).text ?? ''))
          .filter(Boolean)
          .join(' ');
      const list = token as Tokens.List;
      // Lines counted from the previous item on, so a list of thousands of items stays linear.
      let at = 0;
      let breaks = 0;
      const all = list.items.map((item) => {
        const found = list.raw.indexOf(item.raw, at);
        if (found !== -1) for (let k = at; k < found; k++) if (list.raw.charCodeAt(k) === 10) breaks++;
        const itemLine = line + breaks;
        if (found !== -1) {
          for (let k = found; k < found + item.raw.length; k++) if (list.raw.charCodeAt(k) === 10) breaks++;
          at = found + item.raw.length;
        }
        const sub = item.tokens.filter((t): t is Tokens.List => t.type === 'list').flatMap((l) => l.items.map(itemText)).filter(Boolean);
        return { text: itemText(item), line: itemLine, items: sub };
      });
      const kept = all.filter((i) => i.text);
      return [{ kind: 'list', line, text: all.map((i) => i.text).join(' '), items: kept.map((i) => i.text), nested: kept.map(({ line: l, items }) => ({ line: l, items })) }];
    }
    case 'table': {
      const t = token as Tokens.Table;
      const rows = [t.header, ...t.rows].map((row) => row.map((cell) => plainTokens(cell.tokens)));
      return [{ kind: 'table', line, text: '', rows }];
    }
    case 'html':
      return htmlBlocks(token.raw, line);
    default:
      return [];
  }
}

/**
 * `[English](…) | [日本語](…) | [Bahasa Indonesia](…)`: links (or images) and nothing but separators and spaces
 * between them. Its plain text reads like words, so only the tokens tell it is navigation, not a tagline. HTML
 * anchors count as links, their text as theirs (`<a href="#-features">📋 Features</a> • <a href="#-license">…</a>`).
 */
function isLinkBar(tokens: readonly Token[] | undefined): boolean {
  if (!tokens) return false;
  let links = 0;
  let inAnchor = false;
  for (const t of tokens) {
    if (t.type === 'link' || t.type === 'image') links++;
    else if (t.type === 'html' && /^<a\b/i.test(t.raw)) {
      if (inAnchor) return false;
      inAnchor = true;
      links++;
    } else if (t.type === 'html' && /^<\/a\s*>/i.test(t.raw)) inAnchor = false;
    else if (t.type === 'br' || (t.type === 'html' && /^<br\b/i.test(t.raw))) continue;
    else if (inAnchor && (t.type === 'text' || (t.type === 'html' && /^<\/?(img|span|b|strong|em|i|code)\b/i.test(t.raw)))) continue;
    else if (t.type !== 'text' || /[\p{L}\p{N}]/u.test(t.raw)) return false;
  }
  return links >= 2 && !inAnchor;
}

/**
 * A link to a document in the repository first (a relative `.md`/`.mdx`/`.txt`/`.pdf` file, a `docs/` path or an anchor):
 * the paragraph sends the reader elsewhere. A link to a web page first (`[Prisma](https://prisma.io) is an ORM`) often
 * names the subject of a description, so it does not count.
 */
function opensWithDocLink(tokens: readonly Token[] | undefined): boolean {
  const first = tokens?.find((t) => !(t.type === 'text' && !t.raw.trim()));
  if (first?.type !== 'link') return false;
  const href = (first as Tokens.Link).href.trim();
  if (/^([a-z][\w+.-]*:|\/\/)/i.test(href)) return false;
  return href.startsWith('#') || /\.(md|mdx|markdown|txt|pdf)(#.*)?$/i.test(href) || /(^|\/)docs?\//i.test(href);
}

const HTML_HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;
const HTML_PARAGRAPH = /<p\b[^>]*>([\s\S]*?)<\/p\s*>/gi;
/** HTML that is structure or media, not prose: left out of a block's leftover text. */
const HTML_STRUCTURE = /<(table|ul|ol|dl|pre|code|script|style|details|picture|svg|nav)\b[\s\S]*?<\/\1\s*>/gi;

/** An HTML block's headings and paragraphs, each at its own line; other text in it as one paragraph. */
function htmlBlocks(raw: string, line: number): MdBlock[] {
  // Comments are blanked (lines kept) so nothing inside them is read.
  const html = raw.replace(/<!--[\s\S]*?(-->|$)/g, (c) => c.replace(/[^\n]/g, ' '));
  const out: MdBlock[] = [];
  const lines = new LineIndex(html);
  const lineOf = (index: number) => line + lines.lineAt(index) - 1;
  for (const m of html.matchAll(HTML_HEADING)) {
    const alt = /<img\b[^>]*\balt\s*=\s*["']([^"']+)["']/i.exec(m[2])?.[1];
    const text = inline(m[2]) || plainText(alt ?? '');
    if (text) out.push({ kind: 'heading', line: lineOf(m.index), level: Number(m[1]), text });
  }
  for (const m of html.matchAll(HTML_PARAGRAPH)) {
    const text = inline(m[1]);
    if (text) out.push({ kind: 'paragraph', line: lineOf(m.index), text });
  }
  const rest = html.replace(HTML_HEADING, (s) => s.replace(/[^\n]/g, ' ')).replace(HTML_PARAGRAPH, (s) => s.replace(/[^\n]/g, ' ')).replace(HTML_STRUCTURE, (s) => s.replace(/[^\n]/g, ' '));
  // Runs of blanks (the headings and paragraphs taken out) are collapsed first: marked's inline lexer is quadratic in them.
  const leftover = inline(rest.replace(/\s+/g, ' '));
  if (/\p{L}{3}/u.test(leftover)) {
    const firstLetter = rest.replace(/<[^>]*>/g, (tag) => tag.replace(/[^\n]/g, ' ')).search(/\p{L}/u);
    out.push({ kind: 'paragraph', line: lineOf(Math.max(0, firstLetter)), text: leftover });
  }
  return out.sort((a, b) => a.line - b.line);
}


/** Inline markdown and HTML → plain text: images dropped, links keep their text, emphasis marks removed. */
export function inline(text: string): string {
  try {
    return plainTokens(Lexer.lexInline(text, { gfm: true }));
  } catch {
    return plainText(text);
  }
}

function plainTokens(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  return plainText(tokens.map(tokenText).join(''));
}

function tokenText(t: Token): string {
  switch (t.type) {
    case 'image':
      return '';
    case 'br':
      return ' ';
    case 'html':
      return /^<br\b/i.test(t.raw) ? ' ' : '';
    case 'codespan':
      // Kept as written: `<namespace>#<key>` is text here, and entities are not decoded inside code.
      return `\u0000${(t as Tokens.Codespan).text.replace(/&/g, '\u0001')}\u0000`;
    default:
      return 'tokens' in t && Array.isArray(t.tokens) && t.tokens.length > 0 ? t.tokens.map(tokenText).join('') : ((t as { text?: string }).text ?? '');
  }
}

/** Entities decoded outside code spans, whitespace collapsed. */
function plainText(text: string): string {
  return text
    .split('\u0000')
    .map((part, i) => (i % 2 === 1 ? part.replace(/\u0001/g, '&') : decode(part)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function decode(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d{1,7});/g, (m, n: string) => (Number(n) <= 0x10ffff ? String.fromCodePoint(Number(n)) : m))
    .replace(/&amp;/g, '&');
}

/** A paragraph made only of badges, links or punctuation says nothing about the project. */
export function isDecorative(block: MdBlock): boolean {
  if (block.kind !== 'paragraph' && block.kind !== 'quote') return false;
  if (block.linkBar) return true;
  // Badges written as Markdown (`[![CI](badge-url)](link)`) keep their URLs in the text: drop images and the links
  // left empty by that before counting what the paragraph says.
  const said = block.text.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\[\s*\]\([^)]*\)/g, '');
  const letters = said.replace(/[^\p{L}]/gu, '');
  return letters.length < 12 || LINK_BAR.test(block.text) || isMetadataLine(block.text);
}

/** Keys of a README's metadata lines (`Level: 200 (Intermediate)`, `Status: beta`), never what the project is. */
const META_KEY = /^(level|difficulty|version|status|author|maintainers?|license|category|categories|tags?|duration|estimated time|time|cost|last updated|updated|stability|language|platform)$/i;

/**
 * A one-line label rather than a sentence: `**Level: 200 (Intermediate)**`. A `Key: value` line with a known metadata
 * key and a short value, or one written wholly in emphasis with a short value (a real description is a sentence).
 */
export function isMetadataLine(text: string): boolean {
  const line = text.trim();
  if (line.includes('\n') || line.length > 80) return false;
  const emphasised = /^(\*\*|__|\*|_)[^*_].*\1$/.test(line);
  const m = /^([\p{L}][\p{L} -]{0,24}):\s*(\S.*)$/u.exec(line.replace(/^[*_]+|[*_]+$/g, '').trim());
  if (!m) return false;
  const short = m[2].length <= 40 && !/[.!?]$/.test(m[2]);
  return short && (META_KEY.test(m[1].trim()) || emphasised);
}

/**
 * Items separated by `|`, `·` or `•` (`Docs | Blog | Discord`). Items exclude the separators (a run of them is one),
 * so a line has one way to split: `/^(\s*\S+\s*[|·•]\s*)+\S*$/` had exponentially many and took seconds on a long
 * line that is not a bar.
 */
const LINK_BAR = /^(?:\s*[^\s|·•]+(?:\s*[|·•])+)+\s*[^\s|·•]*$/;
