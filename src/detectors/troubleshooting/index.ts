import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { parseBlocks, type MdBlock } from '../readme/parse.js';
import { isLocalSectionName, localHeading } from '../readme/heading-terms.js';
import { isGenerated } from '../shared/source-scope.js';
import { clip } from '../../secrets/clip.js';
import { packageRoles } from '../stack/role.js';

/** A troubleshooting or FAQ section of the repository's docs, with the questions it answers. */
export interface TroubleshootingData {
  readonly file: string;
  readonly heading: string;
  readonly line: number;
  /** Each problem or question as the docs word it (first sentence), with its line. */
  readonly entries: readonly { readonly text: string; readonly line: number }[];
  /** A FAQ of decisions already made ("FAQ — decisions already made", an ADR folder's): no problem to fix. */
  readonly decisions?: true;
}
export type TroubleshootingFact = Fact<'docs.troubleshooting', TroubleshootingData>;

const TITLE = /troubleshoot|\bfaq\b|frequently asked|common (issues|problems|errors|pitfalls)|known (issues|problems)|gotchas|debugging/i;
/** A list item standing for a section title: the title alone, perhaps with a colon. */
const ITEM_TITLE = /^(troubleshooting|faqs?|frequently asked questions|common (issues|problems|errors|pitfalls)|known (issues|problems)|gotchas)\s*:?$/i;
/** The same titles in other languages (`## 常见问题`, `## Solución de problemas`): heading-terms.ts's table. */
const isTitle = (text: string): boolean => TITLE.test(text) || localHeading(text, 'faq', 'troubleshooting');
const isItemTitle = (item: string): boolean => ITEM_TITLE.test(item) || (isLocalSectionName(item) && localHeading(item, 'faq', 'troubleshooting'));
/**
 * Docs pages: README-like files (a numbered `01-troubleshooting.mdx` too), any page in a `docs/` folder, and the
 * maintainers' guides for agents (AGENTS.md, CLAUDE.md), which often keep a Troubleshooting section of their own.
 */
const DOC = /(^|\/)(\d+[-_.])?(readme|troubleshooting|faq|contributing|development|getting-started)[^/]*\.mdx?$|(^|\/)docs?\/.+\.mdx?$|(^|\/)(agents|claude)\.md$/i;
/**
 * Any markdown page at the repository's root is the team's docs too (`_INSTALLATION_MAX.md` with its `#### Troubleshooting`),
 * except the legal and release files that never hold one.
 */
const ROOT_DOC = /^[^/]+\.mdx?$/i;
const NOT_A_DOC = /^(licen[cs]e|copying|notice|code[-_]of[-_]conduct|security|authors|contributors|codeowners|changelog|changes|history|releases?)([-_.][^/]*)?\.mdx?$/i;
const isDoc = (file: string): boolean => DOC.test(file) || (ROOT_DOC.test(file) && !NOT_A_DOC.test(file));

/**
 * A website's own pages (`apps/site/src/pages/en/faq.md`, `src/content/blog/…`): what the site tells its visitors, not
 * what the team wrote for engineers. A documentation site (a `docs/` folder, a package whose role is docs) is docs.
 */
const SITE_PAGE = /(^|\/)(pages|content)\//;
const DOCS_FOLDER = /(^|\/)docs?\//i;
/** Design records: a FAQ there answers "why was it built so", not "what do I do when it breaks". */
const DECISION_FOLDER = /(^|\/)(adrs?|decisions|rfcs?)\//i;
const DECISION_TITLE = /\bdecisions?\b|\brationale\b/i;

/** README/docs sections titled Troubleshooting, FAQ, Known issues…: what the team already wrote down. */
export const troubleshootingDetector: Detector = {
  id: 'troubleshooting',
  isEnabled: () => true,
  detect(index: RepoIndex): Fact[] {
    const facts: TroubleshootingFact[] = [];
    const roles = packageRoles(index);
    const sitePage = (file: string) => SITE_PAGE.test(file) && !DOCS_FOLDER.test(file) && roles.get(index.packageOf(file)?.dir ?? '')?.id !== 'docs';
    for (const file of index.files) {
      if (!isDoc(file) || isGenerated(index, file) || /(^|\/)(node_modules|fixtures?|CHANGELOG)/i.test(file) || sitePage(file)) continue;
      const text = index.read(file);
      if (text === undefined || !isTitle(text)) continue;
      const blocks = parseBlocks(text);
      const wholeFile = /troubleshoot|faq/i.test(file.split('/').pop() ?? '');
      blocks.forEach((b, i) => {
        if (b.kind !== 'heading' || !isTitle(b.text)) return;
        const body = sectionOf(blocks, i);
        const decisions = DECISION_FOLDER.test(file) || DECISION_TITLE.test(b.text) ? { decisions: true as const } : {};
        facts.push({ kind: 'docs.troubleshooting', id: `${file}#${b.line}`, data: { file, heading: b.text, line: b.line, entries: entriesOf(body), ...decisions }, at: [{ file, line: b.line }] });
      });
      // A list item that is only a title ("4. **Troubleshooting**" in a setup list) over the problems nested under it.
      for (const b of blocks) {
        (b.items ?? []).forEach((item, i) => {
          const nested = b.nested?.[i];
          if (!nested || nested.items.length === 0 || !isItemTitle(item.trim())) return;
          const entries = nested.items.map((text) => ({ text: clip(text.replace(/\s+/g, ' ').trim(), 200), line: nested.line }));
          facts.push({ kind: 'docs.troubleshooting', id: `${file}#${nested.line}`, data: { file, heading: item.trim(), line: nested.line, entries }, at: [{ file, line: nested.line }] });
        });
      }
      if (wholeFile && !facts.some((f) => f.data.file === file)) {
        // A docs page's title is often only in its front matter (`title: Troubleshooting`).
        const front = /^---\n[\s\S]*?^title:\s*["']?(.+?)["']?\s*$[\s\S]*?^---/m.exec(text);
        const title = front ? { kind: 'heading' as const, text: front[1], line: 1 } : blocks.find((b) => b.kind === 'heading');
        facts.push({ kind: 'docs.troubleshooting', id: file, data: { file, heading: title?.text ?? file, line: title?.line ?? 1, entries: entriesOf(blocks.filter((b) => b !== title)) }, at: [{ file }] });
      }
    }
    return facts;
  },
};

function sectionOf(blocks: readonly MdBlock[], at: number): MdBlock[] {
  const level = blocks[at].level ?? 1;
  const out: MdBlock[] = [];
  for (let i = at + 1; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'heading' && (b.level ?? 1) <= level) break;
    out.push(b);
  }
  return out;
}

/** Sub-headings, `Q:` paragraphs, bold-led paragraphs and list items that ask or name a problem. */
function entriesOf(body: readonly MdBlock[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const b of body) {
    if (b.kind === 'heading') out.push({ text: b.text, line: b.line });
    else if (b.kind === 'paragraph') {
      const q = /^(?:Q\s*[:.)-]\s*)(.+?)(?:\s+A\s*[:.)-]\s.*)?$/s.exec(b.text);
      if (q) out.push({ text: q[1], line: b.line });
      else if (/\?\s*$/.test(b.text.split(/(?<=\?)\s/)[0] ?? '') || /\?$/.test(b.text)) out.push({ text: b.text.split(/(?<=\?)\s/)[0], line: b.line });
    } else if (b.kind === 'list') {
      // Each item at its own line: a numbered FAQ's fifth question is not at the list's first line.
      (b.items ?? []).forEach((item, i) => {
        if (/\?\s*$/.test(item) || /^(error|problem|issue)\b/i.test(item)) out.push({ text: item, line: b.nested?.[i]?.line ?? b.line });
      });
    }
  }
  return out.map((e) => ({ text: clip(e.text.replace(/\s+/g, ' ').trim(), 200), line: e.line }));
}
