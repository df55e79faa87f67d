/** Step 9's build order: workspace packages in the order their package.json dependencies (or tsconfig references) need. */
import path from 'node:path';
import { readJsonc } from '../../detectors/config-files/readers.js';
import type { ScriptFact, WorkspaceDepFact } from '../../detectors/scripts/index.js';
import { codeBlock, heading, join } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { value } from './format.js';

/** Workspace packages in dependency order (from package.json dependencies between workspaces). */
export function buildOrderSection(index: RepoIndex, deps: readonly WorkspaceDepFact[], scripts: readonly ScriptFact[]): string {
  // Only linked packages build in an order: a folder outside the workspaces installs its dependencies from the registry.
  const names = index.packages.filter((p) => !p.isRoot && p.declared).map((p) => p.name);
  if (names.length < 2) return '';
  const needs = new Map(names.map((n) => [n, new Set<string>()]));
  for (const d of deps) needs.get(d.data.from)?.add(d.data.to);
  // Packages that depend on each other (a cycle) build on one line: no order puts either first.
  const cycleOf = cycles(names, needs);
  const level = new Map<string, number>();
  const depth = (n: string): number => {
    if (level.has(n)) return level.get(n)!;
    const group = cycleOf.get(n) ?? [n];
    for (const m of group) level.set(m, 0);
    const outside = group.flatMap((m) => [...(needs.get(m) ?? [])]).filter((d) => !group.includes(d));
    const l = Math.max(-1, ...outside.map(depth)) + 1;
    for (const m of group) level.set(m, l);
    return l;
  };
  if (deps.length === 0) {
    // Packages can still be linked without package.json: a tsconfig `references` entry, or imports across folders.
    const linked = tsconfigLinks(index);
    // A package may still depend on another of this repository by its published name (an example app on the
    // library at the root): that is an order too, even when the registry can stand in for it.
    const own = new Map(index.packages.map((p) => [p.name, p]));
    const byName = index.packages.flatMap((p) =>
      Object.keys({ ...p.manifest.dependencies, ...p.manifest.devDependencies, ...p.manifest.peerDependencies })
        .filter((d) => d !== p.name && own.has(d))
        .map((d) => `${code(p.name)} (${cite(p.manifestPath)}) → ${code(d)}`),
    );
    if (byName.length > 0 && linked.length === 0) {
      return join(
        heading(3, 'Build order'),
        `No workspace link ties the packages together, but these depend on another package of this repository by name (installed from the registry unless built and linked first): ${byName.slice(0, 6).join(', ')}${byName.length > 6 ? ` (+${byName.length - 6} more)` : ''}.`,
      );
    }
    return join(
      heading(3, 'Build order'),
      linked.length === 0
        ? 'No package depends on another workspace package (package.json dependencies): they build independently.'
        : `No package.json declares a dependency on another workspace package, but TypeScript project references link them: ${linked.slice(0, 6).map((l) => `${cite(l.from)} → ${cite(l.to)}`).join(', ')}; build the referenced project first (\`tsc -b\` does).`,
    );
  }
  names.forEach((n) => depth(n));
  const levels: string[][] = [];
  for (const n of [...names].sort()) (levels[level.get(n)!] ??= []).push(n);
  const lines = levels.map((group, i) => {
    const on = [...new Set(group.flatMap((n) => [...(needs.get(n) ?? [])].filter((d) => !cycleOf.get(n)?.includes(d))))].sort();
    return `${i + 1}. ${group.join(', ')}${on.length ? `   (needs ${on.join(', ')})` : ''}`;
  });
  const groups = [...new Set(cycleOf.values())];
  const cycleNote = groups.length
    ? `${groups.map((g) => g.map((n) => code(n)).join(g.length === 2 ? ' and ' : ', ')).join('; ')} depend on each other (a cycle in their package.json dependencies): no order builds one before the other, so they share a line.`
    : '';
  const rootBuild = scripts.find((s) => s.data.dir === '' && s.data.name === 'build');
  return join(
    heading(3, 'Build order'),
    `From the dependencies between workspace packages (${deps.length} link${deps.length === 1 ? '' : 's'} in their package.json files): each line builds after the lines above it.`,
    codeBlock(lines.join('\n')),
    cycleNote,
    rootBuild && `The root ${code('build')} script: ${value(rootBuild.data.command)} (${cite(rootBuild.data.manifest, rootBuild.data.line)}).`,
  );
}

/** Each package that is part of a dependency cycle → the sorted members of its cycle (Tarjan's strongly connected components). */
function cycles(names: readonly string[], needs: ReadonlyMap<string, ReadonlySet<string>>): Map<string, string[]> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out = new Map<string, string[]>();
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of needs.get(v) ?? []) {
      if (!needs.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const members: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      on.delete(w);
      members.push(w);
      if (w === v) break;
    }
    members.sort();
    if (members.length > 1) for (const m of members) out.set(m, members);
  };
  for (const n of names) if (!index.has(n)) visit(n);
  return out;
}

/** tsconfig `references` from one package's folder into another's: a build order no package.json states. */
function tsconfigLinks(index: RepoIndex): { from: string; to: string }[] {
  const dirs = index.packages.filter((p) => !p.isRoot).map((p) => p.dir);
  const ownerOf = (file: string) => dirs.filter((d) => file === d || file.startsWith(`${d}/`)).sort((a, b) => b.length - a.length)[0];
  const out: { from: string; to: string }[] = [];
  for (const file of index.files.filter((f) => /(^|\/)tsconfig[\w.-]*\.json$/.test(f))) {
    const from = ownerOf(file);
    if (!from) continue;
    const references = readJsonc(index, file)?.references;
    const refs = (Array.isArray(references) ? references : []).map((r) => (r as { path?: unknown })?.path).filter((p): p is string => typeof p === 'string');
    for (const ref of refs) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref)).replace(/\/tsconfig[\w.-]*\.json$/, '');
      const to = ownerOf(target) ?? (dirs.includes(target) ? target : undefined);
      if (to && to !== from && !out.some((l) => l.from === file && l.to === to)) out.push({ from: file, to });
    }
  }
  return out;
}
