import { parseBlocks } from './parse.js';
import { sectionBody, type LocatedText } from './index.js';

export interface VisionSection {
  readonly heading: LocatedText;
  /** What follows the heading: a paragraph, a list or a table. */
  readonly kind?: 'text' | 'list' | 'table';
  /** The paragraph's text, or the table's size in words. */
  readonly first?: string;
  /** The list's items. */
  readonly items?: readonly string[];
}

export interface VisionSummary {
  readonly title?: LocatedText;
  readonly sections: readonly VisionSection[];
}

/**
 * Summarises a product document (the `--vision FILE` brainstorm): its headings and the first line under each. The
 * document is the user's own text, shown briefly, never rewritten.
 */
export function summariseVision(markdown: string, maxSections = 10): VisionSummary {
  const blocks = parseBlocks(markdown);
  const headings = blocks.filter((b) => b.kind === 'heading');
  const title = headings.find((b) => b.level === 1);
  const levels = headings.filter((b) => b !== title).map((b) => b.level ?? 2);
  const top = levels.length ? levels.reduce((a, b) => Math.min(a, b)) : 2;
  const sections = headings
    .filter((b) => b !== title && b.level === top)
    .slice(0, maxSections)
    .map((h): VisionSection => {
      const heading = { text: h.text, line: h.line };
      const b = sectionBody(blocks, h).find((x) => x.kind !== 'heading');
      if (b?.kind === 'list') {
        return { heading, kind: 'list', items: b.items ?? [] };
      }
      if (b?.kind === 'table') {
        const rows = Math.max(0, (b.rows?.length ?? 1) - 1);
        return { heading, kind: 'table', first: `a table of ${rows} row${rows === 1 ? '' : 's'}` };
      }
      return b ? { heading, kind: 'text', first: b.text } : { heading };
    });
  return { title: title ? { text: title.text, line: title.line } : undefined, sections };
}
