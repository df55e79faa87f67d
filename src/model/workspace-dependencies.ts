/**
 * The workspace packages a package depends on, transitively (dependencies, devDependencies, peerDependencies naming
 * another package of the repository): what a bundler puts into a Lambda built from it. A Lambda's environment reaches
 * them too (`@repo/event-utils` reading `EVENT_HTTP_ENDPOINT` set on the Lambda whose handler imports it).
 */
import type { RepoIndex } from '../scan/repo-index.js';

/** Package folders (never the root, never `pkgDir` itself) that `pkgDir`'s package depends on, directly or not. */
export function workspaceDependencies(index: RepoIndex, pkgDir: string): Set<string> {
  const byName = new Map(index.packages.filter((p) => !p.isRoot).map((p) => [p.name, p]));
  const byDir = new Map(index.packages.map((p) => [p.dir, p]));
  const out = new Set<string>();
  const queue = [pkgDir];
  while (queue.length > 0) {
    const manifest = byDir.get(queue.shift() as string)?.manifest;
    const names = [manifest?.dependencies, manifest?.devDependencies, manifest?.peerDependencies].flatMap((deps) => Object.keys(deps ?? {}));
    for (const name of names) {
      const dir = byName.get(name)?.dir;
      if (dir === undefined || dir === pkgDir || out.has(dir)) continue;
      out.add(dir);
      queue.push(dir);
    }
  }
  return out;
}
