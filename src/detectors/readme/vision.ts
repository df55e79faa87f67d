import { parseBlocks } from './parse.js';
import { sectionBody, type LocatedText } from './index.js';

export interface VisionSummary {
  readonly title?: LocatedText;
  /** Each top section of the document with its first line (a sentence, the first bullet, or a note that it is a table). */
  readonly sections: readonly { readonly heading: LocatedText; readonly first?: string }[];
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
  const top = levels.length ? Math.min(...levels) : 2;
  const sections = headings
    .filter((b) => b !== title && b.level === top)
    .slice(0, maxSections)
    .map((h) => {
      const body = sectionBody(blocks, h);
      const b = body.find((x) => x.kind !== 'heading');
      let first: string | undefined;
      if (b?.kind === 'list') {
        const n = b.items?.length ?? 0;
        first = `${b.items?.[0] ?? ''}${n > 1 ? ` (+${n - 1} more)` : ''}`;
      } else if (b?.kind === 'table') first = `a table of ${Math.max(0, (b.rows?.length ?? 1) - 1)} rows`;
      else if (b) first = b.text;
      return { heading: { text: h.text, line: h.line }, first };
    });
  return { title: title ? { text: title.text, line: title.line } : undefined, sections };
}
