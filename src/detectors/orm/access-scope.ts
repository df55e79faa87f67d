/**
 * Which model a name in code stands for when a monorepo holds several schemas (two services may each define a
 * `User`), and which packages can hold a Prisma client at all: both follow the workspace dependencies.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { allDependencies, dependsOn } from '../../scan/package-json.js';
import type { OrmModelData } from './types.js';

/** Model name (or the name code uses for it) → the models of that name, for one family of ORMs. */
export class ModelTable {
  private readonly byName = new Map<string, OrmModelData[]>();
  private readonly byFile = new Map<string, OrmModelData[]>();

  constructor(private readonly reach?: PackageReach) {}

  add(name: string, model: OrmModelData): void {
    const list = this.byName.get(name);
    if (!list) this.byName.set(name, [model]);
    else if (!list.includes(model)) list.push(model);
    const inFile = this.byFile.get(model.file);
    if (!inFile) this.byFile.set(model.file, [model]);
    else if (!inFile.includes(model)) inFile.push(model);
  }

  /** The models a file defines (a model module's default export, imported under any name, is its only model). */
  inFile(file: string): readonly OrmModelData[] {
    return this.byFile.get(file) ?? [];
  }

  files(): IterableIterator<string> {
    return this.byFile.keys();
  }

  get size(): number {
    return this.byName.size;
  }

  keys(): IterableIterator<string> {
    return this.byName.keys();
  }

  /**
   * The model of that name that `file` can reach: defined in its package or one it depends on, then the one sharing
   * the longest folder path with it (the first on a tie).
   */
  get(name: string, file: string): OrmModelData | undefined {
    const list = this.byName.get(name);
    if (!list || list.length <= 1) return list?.[0];
    const reachable = this.reach ? list.filter((m) => this.reach!.reaches(file, m.file)) : [];
    const pool = reachable.length > 0 ? reachable : list;
    let best = pool[0];
    let bestDepth = -1;
    for (const m of pool) {
      const depth = sharedDepth(m.file, file);
      if (depth > bestDepth) [best, bestDepth] = [m, depth];
    }
    return best;
  }
}

function sharedDepth(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let i = 0;
  while (i < x.length - 1 && i < y.length - 1 && x[i] === y[i]) i++;
  return i;
}

/** Workspace packages each package depends on, transitively (itself and the root included), by folder. */
export class PackageReach {
  private readonly byName = new Map<string, string>();
  private readonly cache = new Map<string, ReadonlySet<string>>();

  constructor(private readonly index: RepoIndex) {
    for (const p of index.packages) if (!this.byName.has(p.name)) this.byName.set(p.name, p.dir);
  }

  /** Whether code in `from` can use what is defined in `to`. */
  reaches(from: string, to: string): boolean {
    const target = this.index.packageOf(to)?.dir;
    return target === undefined || this.dirsOf(from).has(target);
  }

  dirsOf(file: string): ReadonlySet<string> {
    const pkg = this.index.packageOf(file);
    if (!pkg) return new Set(['']);
    let dirs = this.cache.get(pkg.dir);
    if (dirs) return dirs;
    const out = new Set<string>(['', pkg.dir]);
    const queue = [pkg.manifest];
    for (let manifest = queue.pop(); manifest; manifest = queue.pop()) {
      for (const dep of Object.keys(allDependencies(manifest))) {
        const dir = this.byName.get(dep);
        if (dir === undefined || out.has(dir)) continue;
        out.add(dir);
        const next = this.index.packages.find((p) => p.dir === dir);
        if (next) queue.push(next.manifest);
      }
    }
    this.cache.set(pkg.dir, (dirs = out));
    return dirs;
  }
}

const PRISMA_DEPS = /^(@prisma\/client|prisma)$/;

/**
 * Whether a file's package can reach a Prisma client: it, the root, or a workspace package it depends on (a `@acme/db`
 * exporting the client) depends on Prisma. A package calling `db.user.findMany()` on something else is not Prisma.
 */
export function prismaScope(index: RepoIndex, reach: PackageReach): (file: string) => boolean {
  const withPrisma = new Set(index.packages.filter((p) => dependsOn(p.manifest, PRISMA_DEPS)).map((p) => p.dir));
  if (index.packages.length === 0 || withPrisma.has('')) return () => true;
  return (file) => [...reach.dirsOf(file)].some((dir) => withPrisma.has(dir));
}
