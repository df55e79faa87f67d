/**
 * The workspace packages a package depends on, transitively (dependencies, devDependencies, peerDependencies naming
 * another package of the repository): what a bundler puts into a Lambda built from it. A Lambda's environment reaches
 * them too (`@repo/event-utils` reading `EVENT_HTTP_ENDPOINT` set on the Lambda whose handler imports it).
 */
import type { RepoIndex } from '../scan/repo-index.js';

interface Graph {
  /** Package folder → the folders of the repository's packages it names as dependencies. */
  readonly direct: Map<string, string[]>;
  /** The reverse: package folder → the folders that name it. */
  readonly dependents: Map<string, string[]>;
}

/** Built once per index: callers ask for every package, and a repository may have hundreds. */
const graphs = new WeakMap<RepoIndex, Graph>();

function graphOf(index: RepoIndex): Graph {
  let graph = graphs.get(index);
  if (graph) return graph;
  const byName = new Map(index.packages.filter((p) => !p.isRoot).map((p) => [p.name, p]));
  const direct = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const p of index.packages) {
    const names = [p.manifest.dependencies, p.manifest.devDependencies, p.manifest.peerDependencies].flatMap((deps) => Object.keys(deps ?? {}));
    const dirs = [...new Set(names.flatMap((n) => { const d = byName.get(n)?.dir; return d === undefined ? [] : [d]; }))];
    direct.set(p.dir, dirs);
    for (const d of dirs) {
      const list = dependents.get(d);
      if (list) list.push(p.dir);
      else dependents.set(d, [p.dir]);
    }
  }
  graphs.set(index, (graph = { direct, dependents }));
  return graph;
}

/** The folders reached from `start` along `edges`, without `start` itself. */
function reach(edges: Map<string, string[]>, start: string): Set<string> {
  const out = new Set<string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const dir of edges.get(queue[i]) ?? []) {
      if (dir === start || out.has(dir)) continue;
      out.add(dir);
      queue.push(dir);
    }
  }
  return out;
}

/** Package folders (never the root, never `pkgDir` itself) that `pkgDir`'s package depends on, directly or not. */
export function workspaceDependencies(index: RepoIndex, pkgDir: string): Set<string> {
  return reach(graphOf(index).direct, pkgDir);
}

/** Package folders (never `pkgDir` itself) that depend on `pkgDir`'s package, directly or not. */
export function workspaceDependents(index: RepoIndex, pkgDir: string): Set<string> {
  return reach(graphOf(index).dependents, pkgDir);
}
