/**
 * Who sets the variables a shared package reads: a library (`@repo/env`, `@shared/env`) runs inside the apps that
 * depend on it, so the dotenv files, Dockerfiles and scripts of those apps set what it reads; and a file that loads a
 * dotenv file by an explicit path (`dotenv.config({ path: '../../apps/server/.env' })`) makes that file a source for
 * its own package.
 */
import type { EnvDotenvLoadFact } from '../detectors/env/index.js';
import type { FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { workspaceDependents } from './workspace-dependencies.js';

/** Scripts that start a package: it is an app (run on its own), not only code that other packages import. */
const STARTS = /^(dev|start|serve|preview)$/;

/**
 * The folders of the packages that depend on `pkgDir`, directly or not, when it is a library: a package other packages
 * depend on that has no script starting it. An app another app depends on (a server whose types a web app imports)
 * does not run in that app: its dependents' sets are not its own.
 */
export function consumersOf(index: RepoIndex, pkgDir: string): string[] {
  const pkg = index.packages.find((p) => p.dir === pkgDir);
  if (!pkg || pkg.isRoot || pkgDir === '') return [];
  if (Object.keys(pkg.manifest.scripts ?? {}).some((s) => STARTS.test(s))) return [];
  const dependents = workspaceDependents(index, pkgDir);
  return index.packages.filter((p) => dependents.has(p.dir)).map((p) => p.dir);
}

/** Dotenv file → the package folders whose code loads it by an explicit path. */
export function explicitDotenvLoads(facts: FactSet, packageOf: (file: string) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of facts.of<EnvDotenvLoadFact>('env.dotenv-load')) {
    const target = f.data.loads;
    if (!target) continue;
    let dirs = out.get(target);
    if (!dirs) out.set(target, (dirs = new Set()));
    dirs.add(packageOf(f.data.file));
  }
  return out;
}
