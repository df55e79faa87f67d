/** Small readers the negative-claim topics share: facts of a kind, files by name, packages and dependencies. */
import type { Citation, Fact, FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import type { Evidence } from './topics.js';

export const facts = <T>(set: FactSet, kind: string) => set.of<Fact<string, T>>(kind);
export const first = (f: Fact): Citation => f.at[0] ?? { file: '' };
export const filesMatching = (index: RepoIndex, re: RegExp, what: string, limit = 20): Evidence[] =>
  index.files.filter((f) => re.test(f)).slice(0, limit).map((file) => ({ what, at: { file } }));
export const kinds = (set: FactSet, list: readonly string[], what: (f: Fact) => string): Evidence[] =>
  list.flatMap((k) => set.of(k).map((f) => ({ what: what(f), at: first(f) })));

type Kinded = { kind?: { id: string; label: string }; dir: string; name: string; manifest: string };
export const packagesOfKind = (set: FactSet, ids: ReadonlySet<string>): Evidence[] =>
  facts<Kinded>(set, 'packages.package')
    .filter((p) => p.data.kind && ids.has(p.data.kind.id))
    .map((p) => ({ what: `${p.data.name} (${p.data.kind!.label})`, at: { file: p.data.manifest } }));

export const dependencyEvidence = (index: RepoIndex, re: RegExp, what: string): Evidence[] =>
  index.packages.flatMap((p) => Object.keys({ ...p.manifest.dependencies, ...p.manifest.devDependencies }).filter((d) => re.test(d)).map((d) => ({ what: `${what} ${d} in ${p.name}`, at: { file: p.manifestPath } })));
