import { Marked, type Tokens } from 'marked';
import { markedTerminal } from 'marked-terminal';
import stripAnsi from 'strip-ansi';
import wrapAnsi from 'wrap-ansi';
import { layoutTable } from './terminal-table.js';
import { colorEnabled } from './color-enabled.js';
import { textWidth } from './text-width.js';

const TAB = '  ';
/** Marks a rendered line that must not be wrapped (a code block's); removed before the rows are returned. */
const UNWRAPPED = '\u0000';

/**
 * Renders markdown for the terminal and cuts it into screen rows of at most `width` columns, so that a viewport is
 * a plain slice of the array. Code blocks are the exception: their rows keep their full width (the review scrolls
 * them sideways). marked-terminal wraps paragraphs but not lists, tables or code, and Ink counts a tab
 * as zero columns, hence the tab expansion and the hard wrap of every line.
 */
export function markdownRows(markdown: string, width: number, color = colorEnabled()): string[] {
  const w = Math.max(20, width);
  const terminal = markedTerminal({ width: w, reflowText: true, tab: 2, showSectionPrefix: true, emoji: false }) as {
    renderer: Record<string, (...args: unknown[]) => string>;
  };
  // Code blocks (diagrams, folder trees, snippets) keep their lines whole, marked for the viewport to scroll sideways:
  // wrapped, a diagram's boxes and arrows fall apart.
  const code = terminal.renderer.code;
  terminal.renderer.code = function (this: unknown, ...args: unknown[]) {
    return code
      .apply(this, args)
      .split('\n')
      .map((line) => (line.trim() === '' ? line : `${UNWRAPPED}${line}`))
      .join('\n');
  };
  const marked = new Marked().use(terminal as never);
  marked.use({
    renderer: {
      // marked-terminal prints a tight list item's text raw (`**bold**`, backticks); render its inline tokens instead.
      text(token: Tokens.Text | Tokens.Escape) {
        return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
      },
      table(token: Tokens.Table) {
        const inline = (cell: Tokens.TableCell) => restore(this.parser.parseInline(cell.tokens));
        const dim = color ? (s: string) => `\u001b[90m${s}\u001b[39m` : (s: string) => s;
        const head = token.header.map((c) => (color ? `\u001b[1m${inline(c)}\u001b[22m` : inline(c)));
        return `${layoutTable(head, token.rows.map((r) => r.map(inline)), w, dim)}\n\n`;
      },
    },
  });
  let rendered: string;
  // highlight.js reports a code block's unknown language (step 1's ```mermaid) with console.error / console.log: on a
  // terminal that text would land on the review screen over Ink's frame. The block is shown uncoloured either way.
  const consoleMethods = { error: console.error, log: console.log, warn: console.warn };
  console.error = console.log = console.warn = () => undefined;
  try {
    rendered = marked.parse(markdown, { async: false }) as string;
  } catch {
    rendered = markdown;
  } finally {
    Object.assign(console, consoleMethods);
  }
  // marked-terminal hides colons in code spans behind a placeholder and restores them only in some renderers.
  rendered = restore(rendered);
  if (!color) rendered = stripAnsi(rendered);
  const rows: string[] = [];
  for (const line of rendered.replace(/\t/g, TAB).trimEnd().split('\n')) {
    const at = line.indexOf(UNWRAPPED);
    if (at >= 0) rows.push(...reopenStyles([line.slice(0, at) + line.slice(at + 1)]));
    else rows.push(...reopenStyles(wrapWithHangingIndent(line, w)));
  }
  return rows;
}

/** Undoes marked-terminal's colon placeholder and marked's HTML entities, which only some of its renderers undo. */
function restore(text: string): string {
  return text
    .replaceAll('*#COLON|*', ':')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _);
}

/** Wraps one rendered line; continuation rows of a list item or an indented line keep the item's indentation. */
function wrapWithHangingIndent(line: string, width: number): string[] {
  if (textWidth(line) <= width) return [line];
  const plainLine = stripAnsi(line);
  const indent = Math.min(plainLine.match(/^(\s*(?:[*•-]|\d+\.)?\s*)/)?.[1].length ?? 0, Math.floor(width / 2));
  const first = wrapAnsi(line, width, { hard: true, trim: false }).split('\n');
  if (indent === 0 || first.length === 1) return first;
  const rest = wrapAnsi(first.slice(1).join(' '), width - indent, { hard: true, trim: true }).split('\n');
  return [first[0], ...rest.map((r) => ' '.repeat(indent) + r)];
}

export { colorEnabled };

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[([0-9;]*)m/g;

/**
 * Ink styles each row alone, so a colour opened on one row and closed on a later one would bleed or vanish. Each row
 * gets the codes still open at its start re-applied, and a reset at its end.
 */
function reopenStyles(rows: string[]): string[] {
  let open: string[] = [];
  return rows.map((row) => {
    const prefix = open.join('');
    for (const match of row.matchAll(SGR)) {
      const codes = match[1];
      if (codes === '' || codes === '0') open = [];
      else if (/^(22|23|24|27|28|29|39|49)$/.test(codes)) open = open.filter((o) => !closes(codes, o));
      else open.push(match[0]);
    }
    const text = prefix + row;
    return open.length > 0 || prefix ? `${text}\u001b[0m` : text;
  });
}

function closes(closeCode: string, openSeq: string): boolean {
  const code = Number(openSeq.slice(2, -1).split(';')[0]);
  switch (closeCode) {
    case '22':
      return code === 1 || code === 2;
    case '23':
      return code === 3;
    case '24':
      return code === 4;
    case '27':
      return code === 7;
    case '28':
      return code === 8;
    case '29':
      return code === 9;
    case '39':
      return (code >= 30 && code <= 38) || (code >= 90 && code <= 97);
    case '49':
      return (code >= 40 && code <= 48) || (code >= 100 && code <= 107);
    default:
      return false;
  }
}
