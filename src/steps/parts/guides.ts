/** The repository's own guides (AGENTS.md, CLAUDE.md, CONTRIBUTING.md…), cited section by section, never copied. */
import type { GuideFact } from '../../detectors/guides/index.js';
import type { FactSet } from '../../facts.js';
import { bullets, heading, join } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { oneLine } from '../../markdown/text.js';

const AUDIENCE = { agents: 'for AI assistants', contributing: 'for contributors', development: 'for developers' } as const;

export function guidesPart(facts: FactSet): string {
  const guides = facts.of<GuideFact>('docs.guide').map((f) => f.data);
  if (guides.length === 0) return '';
  const items = guides.map((g) => {
    const below = g.sections.filter((s) => s.line > 1);
    const sections = below.slice(0, 8).map((s) => `${oneLine(s.text)} (${cite(g.file, s.line)})`);
    // Counted over the whole file (the fact keeps only the first headings); an older fact record has no `below`.
    const total = g.below ?? below.length;
    const more = total > sections.length ? ` (+${total - sections.length} more sections)` : '';
    return `${cite(g.file)} — ${AUDIENCE[g.audience]}${sections.length ? `: ${sections.join(' · ')}${more}` : ''}`;
  });
  return join(heading(3, "The repository's own guides"), 'Written by the maintainers; they take precedence over this map where they say more:', bullets(items));
}
