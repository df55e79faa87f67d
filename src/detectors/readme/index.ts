import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isDecorative, parseBlocks, type MdBlock } from './parse.js';
import { isLocalSectionName, localHeading } from './heading-terms.js';

export { parseBlocks, inline, type MdBlock } from './parse.js';

export interface LocatedText {
  readonly text: string;
  readonly line: number;
}

export interface ReadmeSummary {
  readonly file: string;
  /**
   * The README's own title: its first level-1 heading, or a heading it opens with, unless that is a section name
   * (`# Intro`, `## Install`): then there is no title and the name comes from elsewhere (package.json).
   */
  readonly title?: LocatedText;
  /** A blockquote right under the title, or the first paragraph that is not badges. */
  readonly tagline?: LocatedText;
  /** The "Why" / "Features" / "Overview" section: its heading, first paragraph and first bullets. */
  readonly value?: {
    /** The section's heading; undefined when the value is the README's untitled introduction. */
    readonly heading?: LocatedText;
    readonly paragraph?: LocatedText;
    readonly bullets: readonly string[];
  };
  /** Level-2 headings, for a table of contents. */
  readonly sections: readonly LocatedText[];
  /**
   * Without `value`: the first line of what the README has between its tagline and its first heading that nothing here
   * quotes (a table, a fenced diagram, a paragraph leading into one). Step 1 then does not say there is no introduction.
   */
  readonly introAt?: number;
}

export type ReadmeFact = Fact<'readme.summary', ReadmeSummary>;

/** Headings of the section that says why the project exists: an explicit "Why" first, else the first of the others. */
const WHY_HEADING = /^why\b|value proposition|motivation|^what makes\b.*\b(different|unique|special|stand out)\b/i;
/**
 * A long "Why" heading that asks a question of the project ("Why is this on aws-samples, and not awslabs?") is a FAQ
 * entry; one that states a claim ("Why this repo stands out", "Why teams choose X") is the pitch.
 */
const FAQ_WHY = /^why\s+(is|are|do|does|did|was|were|can|could|should|would|will|not|isn't|aren't|don't|doesn't|didn't|can't|won't)\b/i;
/** `Features` anywhere in the heading: `Supported Next.js features`, `Key features`. */
const VALUE_HEADING = /\bfeatures\b|highlights|^((project|product) )?overview\b|^((project|product) )?description$|^about\b|^intro(duction)?\b|^what is\b|^what's\b|^summary\b/i;
/**
 * A heading that only says "Project" (`## 🖥️ Project`) is the pitch only when its first paragraph says what the project
 * is ("This project contains all the necessary boilerplate …"); elsewhere such a heading holds anything.
 */
const PROJECT_HEADING = /^(the )?project$/i;
const DESCRIBES_PROJECT = /^(this|the) (project|app|application|repository|repo|boilerplate|starter|template|kit|library|tool)\b/i;

/** A heading's words without the emoji or `:shortcode:` in front (`## ✨ Features`, `## :blue_heart: About the boilerplate`). */
function headingWords(text: string): string {
  // Numbering before or after the emoji: `## 1. 🌐 Project Overview`, `## 🚀 2) Features`.
  return text
    .replace(/:[\w+-]+:/g, ' ')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^\d+(\.\d+)*[.)]\s+/, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim();
}

/** Admonitions (`NOTE:`, `> [!WARNING]`) are asides, not what the project is. */
/** A line that is only a link address says nothing about the project (a checklist's reference link). */
const BARE_URL = /^<?https?:\/\/\S+>?$/i;
/** A heading whose section states the project's goal in a line. */
const GOAL_HEADING = /^(goals?|purpose|mission|aim)$/i;
const CALLOUT = /^(\[!\w+\]|(note|warning|important|caution|tip|disclaimer|deprecated|status)\b\s*:?)/i;
/**
 * A plug for the author rather than a description: "Check out my other repositories:", "Follow me on Twitter", "⭐ Star us",
 * "X is proudly supported by these amazing sponsors:" (a sponsor line, even inside a "Highlights" section).
 */
const PLUG =
  /^\W*(check out (my|our) (other )?(repos|repositories|projects|libraries|work|blog)|(follow|sponsor|support) (me|us)\b|buy me a coffee|(please )?(give|leave) (it|us|this( repo(sitory)?| project)?) a (⭐|star)|(please )?star (this|the|us)\b|if you (like|enjoy|find)\b.{0,60}(\bstar|⭐|\bsponsor)|.{0,60}\b(supported|sponsored|backed|funded) by\b.{0,60}\b(sponsors|backers|supporters|patrons)\b|(our |these )?(amazing |wonderful )?(sponsors|backers|supporters|patrons)\b|(special )?thanks to (all )?(our |these )?(amazing )?(sponsors|backers|supporters|patrons))/i;

/**
 * One sentence ending in a colon ("It includes the following packages/apps:") introduces what follows it, it does not
 * say what the project is. A description that goes on into a list ("This project deploys X. We designed it following
 * these principles:") has a sentence of its own first, and stays.
 */
function isLeadIn(text: string): boolean {
  const body = text.trim();
  return /:$/.test(body) && !/[.!?]\s/.test(body.slice(0, -1));
}

/** Section names that are never a subtitle, even right under the title. */
const SECTION_NAME = /^(table of contents|contents|install(ation)?|usage|getting started|quick ?start|intro(duction)?|overview|features|docs|documentation|license|about|why)\b/i;

/** Headings that name a section of any README, never a product. */
const GENERIC_HEADING = new RegExp(
  '^(' +
    [
      'intro(duction)?', 'overview', 'about( (this|the) (project|repo(sitory)?|app))?', 'install(ation|ing)?', 'set ?up', 'getting started',
      'get started', 'quick ?start', 'usage', 'how to (use|run|start)', '(key )?features', 'requirements', 'prerequisites',
      '(table of )?contents', 'toc', 'docs', 'documentation', 'licen[cs]e', 'contributing', 'development', 'description',
      'summary', 'background', 'motivation', 'why', 'how it works', 'api', 'examples?', 'faq', 'changelog', 'roadmap',
      'status', 'readme', 'welcome', 'instructions?', 'tl;? ?dr', 'notes?', 'project( (overview|description|structure))?', 'architecture',
      'deploy(ment|ing)?', 'testing', 'tests?', 'build(ing)?', 'configuration', 'running( locally)?', 'local development',
    ].join('|') +
    ')$',
  'i',
);

/**
 * A heading of the kind step 1 quotes as the value proposition (Why / Features / Overview, in English or another
 * language it reads). Step 1 never says the README lacks such a section while one of its sections is one.
 */
export function isValueHeading(text: string): boolean {
  const words = headingWords(text);
  return WHY_HEADING.test(words) || VALUE_HEADING.test(words) || localHeading(words, 'why') || localHeading(words, 'features', 'overview', 'about');
}

export function isGenericHeading(text: string): boolean {
  const words = text.replace(/[^\p{L}\p{N}\s;'-]/gu, '').replace(/\s+/g, ' ').trim();
  return GENERIC_HEADING.test(words) || isLocalSectionName(words);
}

/**
 * The first level-1 heading when it is a name, else a heading the README opens with (after badges) when it is one:
 * `# Intro` or `## Install` is a section of an untitled README, not its product's name.
 */
function titleOf(blocks: readonly MdBlock[]): MdBlock | undefined {
  const first = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  if (first && !isGenericHeading(first.text)) return first;
  const opening = openingHeading(blocks);
  return opening && !isSubtitle(opening) ? opening : undefined;
}

/**
 * The heading a README opens with (after logos and badges), unless it names a section. Below level 1 a heading that
 * reads as a section of its own (`## What's inside?` of the Turborepo starter, `## Features`, any question) is one:
 * an untitled README has no name to give, and the name comes from package.json.
 */
function openingHeading(blocks: readonly MdBlock[]): MdBlock | undefined {
  const opening = blocks.find((b) => !isDecorative(b) || b.kind === 'heading');
  if (opening?.kind !== 'heading' || isGenericHeading(opening.text)) return undefined;
  if ((opening.level ?? 1) >= 2 && (isValueHeading(opening.text) || /\?\s*$/.test(opening.text))) return undefined;
  return opening;
}

/**
 * A small heading that reads as a sentence (`<h4>🔰 Production-ready template for backends …</h4>` in a centred
 * header block): a subtitle, not a name. A short one (`<h3>Best-README-Template</h3>`) stays a name.
 */
function isSubtitle(heading: MdBlock): boolean {
  const words = headingWords(heading.text);
  return (heading.level ?? 1) >= 3 && heading.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= 4 && !SECTION_NAME.test(words) && !isLocalSectionName(words);
}

const README_NAMES = ['README.md', 'readme.md', 'Readme.md', 'README.markdown', 'README.mdx', 'README', 'README.txt'];

/** The README of a folder ('' for the root), if the repository has one. */
export function readmeOf(index: RepoIndex, dir: string): string | undefined {
  const prefix = dir ? `${dir}/` : '';
  return README_NAMES.map((n) => prefix + n).find((f) => index.has(f));
}

/**
 * `accept` filters tagline candidates: by default only admonitions are skipped; a package purpose also skips
 * instructions ("Run the server:") and credits.
 */
export function summariseReadme(file: string, markdown: string, accept = (text: string) => !CALLOUT.test(text)): ReadmeSummary {
  const blocks = parseBlocks(markdown);
  const headings = blocks.filter((b) => b.kind === 'heading');
  const titleBlock = titleOf(blocks);
  const title = titleBlock && titleBlock.text ? { text: titleBlock.text, line: titleBlock.line } : undefined;

  // Positions of the blocks, looked up per heading below (an `indexOf` each is quadratic in a long README).
  const position = new Map(blocks.map((b, i) => [b, i]));
  const afterTitle = titleBlock ? blocks.slice((position.get(titleBlock) ?? -1) + 1) : blocks;
  let tagline: LocatedText | undefined;
  // Without a title, a README that opens with a subtitle heading has it as its tagline.
  const opening = titleBlock ? undefined : openingHeading(blocks);
  if (opening && isSubtitle(opening) && accept(opening.text) && !PLUG.test(opening.text)) tagline = { text: opening.text, line: opening.line };
  for (const [i, b] of tagline ? [] : afterTitle.entries()) {
    // A sentence-like subheading right under the title is a subtitle (`<h3>Move fast and break nothing.</h3>`).
    if (b.kind === 'heading' && i === 0 && titleBlock && (b.level ?? 0) > (titleBlock.level ?? 1)) {
      if (b.text.split(/\s+/).length >= 3 && !SECTION_NAME.test(b.text) && accept(b.text)) {
        tagline = { text: b.text, line: b.line };
        break;
      }
    }
    // `### Goal` right under the title with a one-line list: that line is the project's one-line goal.
    if (b.kind === 'heading' && i === 0 && GOAL_HEADING.test(headingWords(b.text))) {
      const next = afterTitle[1];
      const item = next?.kind === 'list' && next.items?.length === 1 ? next.items[0] : undefined;
      if (item && next?.nested?.[0] && !BARE_URL.test(item.trim()) && accept(item)) {
        tagline = { text: item, line: next.nested[0].line };
        break;
      }
    }
    if (b.kind === 'heading' && (b.level ?? 1) <= 2) break;
    if ((b.kind === 'quote' || b.kind === 'paragraph') && !isDecorative(b) && !BARE_URL.test(b.text.trim()) && !PLUG.test(b.text.replace(/[*_`]/g, '')) && !isLeadIn(b.text) && accept(b.text)) {
      tagline = { text: b.text, line: b.line };
      break;
    }
  }

  let value: ReadmeSummary['value'];
  // A matching heading whose section has no paragraph or list to quote (a table, code, links) is still named.
  let bare: ReadmeSummary['value'];
  const project = new Set(headings.filter((h) => PROJECT_HEADING.test(headingWords(h.text))));
  // English first, then the same sections in other languages (`## ✨ Características Principales`, `## 🚀 核心特性`).
  const isWhy = (h: MdBlock) => WHY_HEADING.test(headingWords(h.text)) || localHeading(headingWords(h.text), 'why');
  const isValue = (h: MdBlock) => VALUE_HEADING.test(headingWords(h.text)) || localHeading(headingWords(h.text), 'features', 'overview', 'about');
  const candidates = [...headings.filter(isWhy), ...headings.filter((h) => !isWhy(h) && isValue(h)), ...project];
  for (const h of candidates) {
    // "Why is this on aws-samples, and not awslabs?" is a FAQ entry, not the pitch.
    const words = headingWords(h.text);
    if (h === titleBlock || (words.split(/\s+/).length > 4 && (!isWhy(h) || FAQ_WHY.test(words)))) continue;
    const body = sectionBody(blocks, h, (position.get(h) ?? -1) + 1);
    const paragraph = body.find((b) => b.kind === 'paragraph' && !isDecorative(b) && !PLUG.test(b.text.replace(/[*_`]/g, '')));
    const list = body.find((b) => b.kind === 'list');
    if (project.has(h) && !(paragraph && DESCRIBES_PROJECT.test(paragraph.text))) continue;
    if (!paragraph && !list) {
      bare ??= { heading: { text: h.text, line: h.line }, bullets: [] };
      continue;
    }
    value = {
      heading: { text: h.text, line: h.line },
      paragraph: paragraph ? { text: paragraph.text, line: paragraph.line } : undefined,
      bullets: list?.items ?? [],
    };
    break;
  }

  value ??= introduction(afterTitle, tagline) ?? bare;
  const sections = headings.filter((b) => b.level === 2).map((b) => ({ text: b.text, line: b.line }));
  const introAt = value ? undefined : unquotedIntro(markdown, afterTitle, tagline ?? title);
  return { file, title, tagline, value, sections, ...(introAt ? { introAt } : {}) };
}

/**
 * The first line after `after` (the tagline, else the title) and before the first heading that holds content: a block
 * other than badges, plugs and admonitions, or a code fence (code is not a block here, so the lines are read).
 */
function unquotedIntro(markdown: string, afterTitle: readonly MdBlock[], after: LocatedText | undefined): number | undefined {
  const from = after?.line ?? 0;
  const end = afterTitle.find((b) => b.kind === 'heading' && b.line > from)?.line ?? Infinity;
  const block = afterTitle.find(
    (b) => b.line > from && b.line < end && b.kind !== 'heading' && !isDecorative(b) && !CALLOUT.test(b.text) && !PLUG.test(b.text.replace(/[*_`]/g, '')),
  )?.line;
  const lines = markdown.split('\n');
  let fence: number | undefined;
  for (let i = from; i < Math.min(lines.length, end - 1); i++) {
    if (/^ {0,3}(```|~~~)/.test(lines[i])) {
      fence = i + 1;
      break;
    }
  }
  const found = [block, fence].filter((l): l is number => l !== undefined);
  return found.length ? Math.min(...found) : undefined;
}

/** Without a "Why"/"Features" section, the prose between the tagline and the first section says what it is for. */
function introduction(afterTitle: readonly MdBlock[], tagline: LocatedText | undefined): ReadmeSummary['value'] {
  const intro: MdBlock[] = [];
  for (const b of afterTitle) {
    // Any heading ends the introduction: the first paragraph under `### Bot store` describes that feature, not the
    // project (READMEs whose sections are `###` have no `##` to stop at). A subtitle heading taken as the tagline does not.
    if (b.kind === 'heading' && b.line !== tagline?.line) break;
    if (b.line > (tagline?.line ?? 0)) intro.push(b);
  }
  // A paragraph ending in ":" counts only when a list follows it ("It supports three methods:" + bullets). One that
  // opens with a link to a document of the repository points elsewhere, it does not describe the project.
  const at = intro.findIndex(
    (b, i) =>
      b.kind === 'paragraph' && !isDecorative(b) && !b.pointer && !CALLOUT.test(b.text) && !PLUG.test(b.text.replace(/[*_`]/g, '')) && (!/:$/.test(b.text) || intro[i + 1]?.kind === 'list'),
  );
  // A list right after the tagline ("…following these principles:" + bullets) is the introduction, quoted after it.
  if (tagline && intro[0]?.kind === 'list' && (at === -1 || at > 0)) return { paragraph: tagline, bullets: intro[0].items ?? [] };
  if (at === -1) return undefined;
  const paragraph = intro[at];
  const next = intro[at + 1];
  return { paragraph: { text: paragraph.text, line: paragraph.line }, bullets: next?.kind === 'list' ? (next.items ?? []) : [] };
}

/** Blocks under a heading, up to the next heading of the same or a higher level. */
export function sectionBody(blocks: readonly MdBlock[], heading: MdBlock, start = blocks.indexOf(heading) + 1): MdBlock[] {
  const out: MdBlock[] = [];
  for (let i = start; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'heading' && (b.level ?? 1) <= (heading.level ?? 1)) break;
    out.push(b);
  }
  return out;
}

/** Paragraphs that introduce a command or credit someone rather than say what the package is. */
const NOT_A_PURPOSE = /:$|^(created|made|maintained|written|built) by\b|^(requires?|install|run|try|see|note|tip|warning|important|todo|if you|to (run|start|use|install)|npm|yarn|pnpm|bun|npx)\b/i;

/**
 * What a package README says the package is: the paragraph under its title, else the first paragraph of its
 * Overview/About/Why section. Instructions, credits and admonitions are skipped; nothing found means nothing said.
 */
export function firstParagraph(markdown: string): LocatedText | undefined {
  // The purpose is near the top; long READMEs are not worth parsing whole for one line.
  const head = markdown.length > 4000 ? markdown.slice(0, markdown.indexOf('\n', 4000) + 1 || 4000) : markdown;
  const accept = (text: string) => !CALLOUT.test(text) && !NOT_A_PURPOSE.test(text);
  const summary = summariseReadme('', head, accept);
  return [summary.tagline, summary.value?.paragraph].find((c) => c !== undefined && accept(c.text));
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
