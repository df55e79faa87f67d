/**
 * The sentences that stand for what the budget left out: one line per group of folded sections ("183 test apps under
 * `/e2e/react-router/` (React + Vite ×150, Solid + Vite ×33) — e.g. `/e2e/react-router/basic`"), one line per table
 * or list that lost rows, and the note that says how to see everything.
 */
import { cite } from '../../markdown/cite.js';
import type { PackageRoleId } from '../../detectors/stack/role.js';
import { describeBudget, type Budget } from './limits.js';
import type { Owner } from './owners.js';
import { pushTo } from '../../collections.js';

/** A folded section as its summary sees it. */
export interface FoldedUnit {
  readonly owner?: Owner;
  /** The heading text, without the `#` marks. */
  readonly label: string;
  /** What kind of thing it is, from its heading (`React + Vite`), when the heading says. */
  readonly trait?: string;
  /** Base names of the config files its first lines cite (`vite.config.ts`), for "each with …". */
  readonly configs: readonly string[];
}

const ROLE_WORD: Readonly<Record<PackageRoleId, string>> = {
  product: '',
  docs: 'docs ',
  tooling: 'tooling ',
  example: 'example ',
  test: 'test ',
  benchmark: 'benchmark ',
};

interface Group<T> {
  role: PackageRoleId | undefined;
  folder: string;
  items: T[];
}

/** The folder a unit is summarised under: the folder holding its package, or the test/example folder itself. */
function folderOf(owner: Owner | undefined): string {
  if (!owner) return '';
  if (!owner.package) return owner.dir;
  const slash = owner.dir.lastIndexOf('/');
  return slash === -1 ? '' : owner.dir.slice(0, slash);
}

function depth(folder: string): number {
  let n = folder === '' ? 0 : 1;
  for (let i = folder.indexOf('/'); i !== -1; i = folder.indexOf('/', i + 1)) n++;
  return n;
}

function parent(folder: string): string {
  const slash = folder.lastIndexOf('/');
  return slash === -1 ? '' : folder.slice(0, slash);
}

/**
 * Groups by role and folder; while there are more than `max` groups, the deepest folders merge into their parents, so
 * the summary stays a handful of lines on any repository.
 */
function groups<T>(items: readonly T[], ownerOf: (item: T) => Owner | undefined, max: number, folderFor = folderOf): Group<T>[] {
  let out: Group<T>[] = [];
  const byKey = new Map<string, Group<T>>();
  for (const item of items) {
    const owner = ownerOf(item);
    const folder = folderFor(owner);
    const key = `${owner?.role ?? ''}\u0000${folder}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { role: owner?.role, folder, items: [] }));
    g.items.push(item);
  }
  out = [...byKey.values()];
  // Too many groups: merge the sibling groups of the folder that has the most of them (medusa's 14 integrations'
  // test fixtures become one line under /packages/integrations/, and /packages/astro/test/fixtures/ keeps its own).
  // Merging stops at the top-level folders: "under the repository root" would say nothing.
  while (out.length > max) {
    const siblings = new Map<string, Group<T>[]>();
    for (const g of out) {
      if (depth(g.folder) <= 1) continue;
      const key = `${g.role ?? ''}\u0000${parent(g.folder)}`;
      pushTo(siblings, key, g);
    }
    const best = [...siblings.entries()].sort((a, b) => b[1].length - a[1].length || depth(b[1][0].folder) - depth(a[1][0].folder))[0];
    if (!best) break;
    const [, members] = best;
    const folder = parent(members[0].folder);
    const into = out.find((g) => g.role === members[0].role && g.folder === folder);
    const merged: Group<T> = into ?? { role: members[0].role, folder, items: [] };
    for (const m of members) merged.items.push(...m.items);
    const gone = new Set<Group<T>>(members);
    out = [...out.filter((g) => !gone.has(g) && g !== into), merged];
  }
  return out.sort((a, b) => b.items.length - a.items.length || a.folder.localeCompare(b.folder));
}

function where(folder: string, preposition = 'under'): string {
  return folder === '' ? 'at the repository root' : `${preposition} ${cite(`${folder}/`)}`;
}

function counted(values: readonly string[], max = 3): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (sorted.length === 1 && sorted[0][1] === values.length) return sorted[0][0];
  const shown = sorted.slice(0, max).map(([v, n]) => `${v} ×${n}`);
  const rest = sorted.length - max;
  return rest > 0 ? `${shown.join(', ')}, ${rest} other` : shown.join(', ');
}

/** One bullet per group of folded sections; at most `max` bullets. */
export function foldedBullets(units: readonly FoldedUnit[], noun: readonly [string, string], max = 12): string[] {
  const out: string[] = [];
  const all = groups(units, (u) => u.owner, max);
  for (const g of all.slice(0, max)) {
    if (g.items.length === 1) {
      const u = g.items[0];
      const at = u.owner && u.owner.dir !== '' && !u.label.includes('`') ? ` (${cite(`${u.owner.dir}/`)})` : '';
      out.push(`- ${u.label}${at}`);
      continue;
    }
    const traits = g.items.map((u) => u.trait).filter((t): t is string => Boolean(t));
    const trait = traits.length === g.items.length ? ` (${counted(traits)})` : '';
    const shared = g.items[0].configs.find((c) => g.items.every((u) => u.configs.includes(c)));
    const each = shared ? `, one \`${shared}\` each` : '';
    const examples = [...new Set(g.items.map((u) => u.owner?.dir).filter((d): d is string => Boolean(d)))].slice(0, 2).map((d) => cite(`${d}/`));
    const eg = examples.length ? ` — e.g. ${examples.join(', ')}` : '';
    out.push(`- ${g.items.length} ${ROLE_WORD[g.role ?? 'product']}${noun[1]} ${where(g.folder)}${trait}${each}${eg}`);
  }
  const rest = all.slice(max);
  if (rest.length) {
    const n = rest.reduce((sum, g) => sum + g.items.length, 0);
    out.push(`- ${n} more ${n === 1 ? noun[0] : noun[1]} in ${rest.length} other folders`);
  }
  return out;
}

/** The line after a table or list that lost rows: how many, and whose. */
export function hiddenRowsNote(all: readonly (Owner | undefined)[], what: 'rows' | 'items'): string {
  const n = all.length;
  // Rows that cite nothing say nothing about where they come from: they are counted, not placed.
  const owners = all.filter((o): o is Owner => o !== undefined);
  // Rows are grouped by the package (or test folder) they come from, not by the folder that holds it.
  const groupsOf = groups(owners, (o) => o, 3, (o) => o?.dir ?? '');
  const parts = groupsOf.slice(0, 3).map((g) => {
    const whose = g.role && g.role !== 'product' ? `${ROLE_WORD[g.role].trim()} ` : '';
    return `${g.items.length} ${whose ? `from ${whose}code ` : ''}${where(g.folder, 'in')}`;
  });
  const rest = groupsOf.slice(3).reduce((sum, g) => sum + g.items.length, 0);
  if (rest) parts.push(`${rest} elsewhere`);
  if (parts.length && owners.length < n) parts.push(`${n - owners.length} without a file`);
  const noun = n === 1 ? what.slice(0, -1) : what;
  return `… ${n} more ${noun} not shown${parts.length ? ` (${parts.join('; ')})` : ''}.`;
}

/** The closing note of a section the budget shortened: what happened and the three ways to see the rest. */
export function leftOutNote(budget: Budget, focusExample: string | undefined, focused?: string): string {
  const short = (p: string) => (p.length > 60 ? `${p.slice(0, 59)}…` : p);
  if (focused !== undefined) {
    return (
      `> **Focused on ${focused === '' ? 'the repository root' : `\`${short(focused)}\``}:** other packages are summarised. ` +
      '`project-context --detail full` writes everything, and `project-context --json` lists every fact with its file and line.'
    );
  }
  const focus = focusExample ? `--focus ${short(focusExample)}` : '--focus <folder>';
  return (
    `> **Summarised to fit the map** (${describeBudget(budget)} for this step; examples, tests and benchmarks are ` +
    `summarised first). \`project-context --detail full\` writes everything, \`project-context ${focus}\` maps one ` +
    'package or folder in full, and `project-context --json` lists every fact with its file and line.'
  );
}
