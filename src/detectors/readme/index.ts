import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isDecorative, parseBlocks, type MdBlock } from './parse.js';

export { parseBlocks, inline, type MdBlock } from './parse.js';

export interface LocatedText {
  readonly text: string;
  readonly line: number;
}

export interface ReadmeSummary {
  readonly file: string;
  /** The first level-1 heading (or the first heading of any level when there is none). */
  readonly title?: LocatedText;
  /** A blockquote right under the title, or the first paragraph that is not badges. */
  readonly tagline?: LocatedText;
  /** The "Why" / "Features" / "Overview" section: its heading, first paragraph and first bullets. */
  readonly value?: {
    readonly heading: LocatedText;
    readonly paragraph?: LocatedText;
    readonly bullets: readonly string[];
  };
  /** Level-2 headings, for a table of contents. */
  readonly sections: readonly LocatedText[];
}

export type ReadmeFact = Fact<'readme.summary', ReadmeSummary>;

/** Headings of the section that says why the project exists, best first. */
const VALUE_HEADINGS = [
  /^why\b/i,
  /value proposition|motivation/i,
  /^(key )?features\b|highlights/i,
  /^overview\b|^about\b|^introduction\b|^what is\b|^what's\b/i,
];

const README_NAMES = ['README.md', 'readme.md', 'Readme.md', 'README.markdown', 'README.mdx', 'README', 'README.txt'];

/** The README of a folder ('' for the root), if the repository has one. */
export function readmeOf(index: RepoIndex, dir: string): string | undefined {
  const prefix = dir ? `${dir}/` : '';
  return README_NAMES.map((n) => prefix + n).find((f) => index.has(f));
}

export function summariseReadme(file: string, markdown: string): ReadmeSummary {
  const blocks = parseBlocks(markdown);
  const headings = blocks.filter((b) => b.kind === 'heading');
  const titleBlock = headings.find((b) => b.level === 1) ?? headings[0];
  const title = titleBlock && titleBlock.text ? { text: titleBlock.text, line: titleBlock.line } : undefined;

  const afterTitle = titleBlock ? blocks.slice(blocks.indexOf(titleBlock) + 1) : blocks;
  let tagline: LocatedText | undefined;
  for (const b of afterTitle) {
    if (b.kind === 'heading' && tagline === undefined && b.level !== undefined && b.level <= 2) break;
    if ((b.kind === 'quote' || b.kind === 'paragraph') && !isDecorative(b)) {
      tagline = { text: b.text, line: b.line };
      break;
    }
  }

  let value: ReadmeSummary['value'];
  for (const pattern of VALUE_HEADINGS) {
    const h = headings.find((b) => b !== titleBlock && pattern.test(b.text));
    if (!h) continue;
    const body = sectionBody(blocks, h);
    const paragraph = body.find((b) => b.kind === 'paragraph' && !isDecorative(b));
    const list = body.find((b) => b.kind === 'list');
    if (!paragraph && !list) continue;
    value = {
      heading: { text: h.text, line: h.line },
      paragraph: paragraph ? { text: paragraph.text, line: paragraph.line } : undefined,
      bullets: list?.items ?? [],
    };
    break;
  }

  const sections = headings.filter((b) => b.level === 2).map((b) => ({ text: b.text, line: b.line }));
  return { file, title, tagline, value, sections };
}

/** Blocks under a heading, up to the next heading of the same or a higher level. */
export function sectionBody(blocks: readonly MdBlock[], heading: MdBlock): MdBlock[] {
  const start = blocks.indexOf(heading) + 1;
  const out: MdBlock[] = [];
  for (let i = start; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'heading' && (b.level ?? 1) <= (heading.level ?? 1)) break;
    out.push(b);
  }
  return out;
}

/** The first sentence-bearing paragraph of a package README, for a one-line purpose. */
export function firstParagraph(markdown: string): LocatedText | undefined {
  const blocks = parseBlocks(markdown);
  const b = blocks.find((x) => (x.kind === 'paragraph' || x.kind === 'quote') && !isDecorative(x));
  return b ? { text: b.text, line: b.line } : undefined;
}

export const readmeDetector: Detector = {
  id: 'readme',
  isEnabled: (index) => readmeOf(index, '') !== undefined,
  detect(index): ReadmeFact[] {
    const file = readmeOf(index, '');
    const text = file ? index.read(file) : undefined;
    if (!file || text === undefined) return [];
    const summary = summariseReadme(file, text);
    return [{ kind: 'readme.summary', id: file, data: summary, at: [{ file, line: summary.title?.line }] }];
  },
};
