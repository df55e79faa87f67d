/**
 * Guides the repository already has for people and assistants: AGENTS.md, CLAUDE.md, CONTRIBUTING.md, DEVELOPMENT.md,
 * Copilot and Cursor instructions. Step 9 cites them by section (heading and line) rather than copying them.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';

export interface GuideData {
  readonly file: string;
  /** `agents` (AGENTS.md, CLAUDE.md, Copilot/Cursor rules), `contributing`, `development`. */
  readonly audience: 'agents' | 'contributing' | 'development';
  /** Level-1 to level-3 headings outside code fences, with their lines (the first 40). */
  readonly sections: readonly { readonly text: string; readonly line: number }[];
  /** How many such headings the file has below its first line, all of them (for "+N more"). */
  readonly below?: number;
}
export type GuideFact = Fact<'docs.guide', GuideData>;

const GUIDES: readonly (readonly [RegExp, GuideData['audience']])[] = [
  [/^(AGENTS|CLAUDE|GEMINI)\.md$/i, 'agents'],
  [/^\.github\/copilot-instructions\.md$/, 'agents'],
  [/^\.cursorrules$|^\.cursor\/rules\/[^/]+\.mdc?$/, 'agents'],
  [/^(\.github\/)?CONTRIBUTING\.md$/i, 'contributing'],
  [/^(docs\/)?(DEVELOPMENT|DEVELOPING|HACKING|SETUP)\.md$/i, 'development'],
];

export const guidesDetector: Detector = {
  id: 'guides',
  isEnabled: (index) => index.files.some((f) => GUIDES.some(([re]) => re.test(f))),
  detect(index: RepoIndex): Fact[] {
    const out: GuideFact[] = [];
    for (const file of index.files) {
      const audience = GUIDES.find(([re]) => re.test(file))?.[1];
      if (!audience) continue;
      const text = index.read(file);
      if (text === undefined) continue;
      const { sections, below } = headings(text);
      const data: GuideData = { file, audience, sections, below };
      out.push({ kind: 'docs.guide', id: file, data, at: [{ file }] });
    }
    return out;
  },
};

/** The first 40 headings are kept; all are counted, so "+N more" is true for a long guide. */
function headings(text: string): { sections: { text: string; line: number }[]; below: number } {
  const out: { text: string; line: number }[] = [];
  let below = 0;
  let fence = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const m = /^#{1,3}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    if (i > 0) below++;
    if (out.length < 40) out.push({ text: m[1].replace(/[`*_]/g, ''), line: i + 1 });
  }
  return { sections: out, below };
}
