/**
 * Whether the tooling of the package holding a file sets `NODE_ENV` for it: a framework, bundler or test runner among
 * its dependencies (or the root's, hoisted for every workspace), or a package script that sets it. Without any, a
 * read of `NODE_ENV` is the project's own variable (`node backend/server.js` sets nothing), not "set by the tooling".
 */
import { allDependencies, type WorkspacePackage } from '../scan/package-json.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { NODE_ENV_TOOLS } from '../detectors/env/runtime.js';

export function nodeEnvTooling(index: RepoIndex): (file: string) => boolean {
  return toolingOf(index, NODE_ENV_TOOLS, /\bNODE_ENV\b/);
}

/** Whether the package holding a file (or the root, hoisted) depends on one of `tools`, or a script names `scriptVar`. */
export function toolingOf(index: RepoIndex, tools: RegExp, scriptVar?: RegExp): (file: string) => boolean {
  const byDir = new Map<string, boolean>();
  const root = index.packageOf('');
  const sets = (pkg: WorkspacePackage | undefined): boolean => {
    if (!pkg) return false;
    const names = [...Object.keys(allDependencies(pkg.manifest)), ...Object.keys(pkg.hoisted)];
    if (names.some((n) => tools.test(n))) return true;
    return !!scriptVar && Object.values(pkg.manifest.scripts ?? {}).some((s) => typeof s === 'string' && scriptVar.test(s));
  };
  return (file) => {
    const pkg = index.packageOf(file);
    // A file outside every package: nothing says what runs it, so the tooling is not ruled out.
    if (!pkg) return true;
    let known = byDir.get(pkg.dir);
    if (known === undefined) byDir.set(pkg.dir, (known = sets(pkg) || (pkg !== root && sets(root))));
    return known;
  };
}
