import type { FactSet } from '../../facts.js';
import { STACK_GROUPS, type OtherDepsFact, type RuntimeFact, type TechFact } from '../../detectors/stack/index.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { escaped, oneLine } from '../../markdown/text.js';
import { literal } from './overview-shared.js';
import { pushTo } from '../../collections.js';

/** Runtime facts as bullets (one per topic), then one table per group of named technologies with declared versions. */
export function techStack(facts: FactSet): string {
  const body = join(runtimeBullets(facts), ...STACK_GROUPS.map((g) => groupTable(facts, g)), otherDeps(facts));
  return join(heading(3, 'Tech stack'), body || 'No package.json declares dependencies.');
}

function runtimeBullets(facts: FactSet): string {
  const byLabel = new Map<string, string[]>();
  for (const f of facts.of<RuntimeFact>('stack.runtime')) {
    const at = f.at[0];
    const value = /^[\w@.\-^~<>=*| ]+$/.test(f.data.value) && /\d/.test(f.data.value) ? literal(f.data.value) : escaped(f.data.value);
    const where = at ? cite(at.file, at.line) : '';
    const source = at && at.file.endsWith(f.data.source) ? '' : `${oneLine(f.data.source)} `;
    const detail = f.data.detail ? `, ${escaped(f.data.detail)}` : '';
    const part = `${value} (${source}${where}${detail})`;
    pushTo(byLabel, f.data.label, part);
  }
  return bullets([...byLabel].map(([label, parts]) => `**${oneLine(label)}:** ${parts.join('; ')}`));
}

function groupTable(facts: FactSet, group: string): string {
  const tech = facts.of<TechFact>('stack.tech').filter((f) => f.data.group === group);
  const rows: string[][] = [];
  for (const { data } of tech) {
    const deps = [...new Set(data.declarations.map((d) => d.dependency))];
    deps.slice(0, 4).forEach((dep, i) => {
      const decl = data.declarations.filter((d) => d.dependency === dep);
      const versions = commonest(decl.map((d) => (d.resolved ? `${d.resolved}\u0000` : d.version)), 3);
      const where = citeAll(decl.map((d) => ({ file: d.manifest, line: d.line })), 3);
      rows.push([i === 0 ? oneLine(data.label) : '', literal(dep), versions, where]);
    });
    if (deps.length > 4) rows.push(['', `+${deps.length - 4} more`, '', '']);
  }
  return rows.length ? join(heading(4, group), table(['Technology', 'Package', 'Version', 'Declared in'], rows)) : '';
}

function otherDeps(facts: FactSet): string {
  const data = facts.of<OtherDepsFact>('stack.other-deps')[0]?.data;
  const n = data?.count ?? 0;
  const types = data?.types ?? 0;
  if (n === 0 && types === 0) return '';
  const typed = types > 0 ? `${types} \`@types/*\` type package${types === 1 ? '' : 's'}` : '';
  const counted = [n > 0 ? `${n} other declared dependenc${n === 1 ? 'y' : 'ies'}` : '', typed].filter(Boolean).join(' and ');
  return `Plus ${counted}, not listed: libraries specific to a package (see each package.json).`;
}

/** Distinct versions, the most declared first, at most `max` of them (`^5.4.0`, `~5.2.0`, +12 more). */
function commonest(versions: readonly string[], max: number): string {
  const counts = new Map<string, number>();
  for (const v of versions) counts.set(v, (counts.get(v) ?? 0) + 1);
  // A trailing NUL marks a range resolved from a pnpm catalog.
  const sorted = [...counts].sort((a, b) => b[1] - a[1]).map(([v]) => (v.endsWith('\u0000') ? `${literal(v.slice(0, -1))} (catalog)` : literal(v)));
  return sorted.length > max ? `${sorted.slice(0, max).join(', ')}, +${sorted.length - max} more` : sorted.join(', ');
}
