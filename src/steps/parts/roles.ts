/** Package roles in sections: the role column, the roles line of the overview, and the order every step lists in. */
import { Owners } from '../budget/owners.js';
import { packageRoles, roleRank, type PackageRole, type PackageRoleId } from '../../detectors/stack/role.js';
import type { RepoIndex } from '../../scan/repo-index.js';

const PLURAL: Readonly<Record<PackageRoleId, readonly [string, string]>> = {
  product: ['product package', 'product packages'],
  docs: ['docs site or docs package', 'docs sites and docs packages'],
  tooling: ['internal tooling package', 'internal tooling packages'],
  example: ['example', 'examples'],
  test: ['test app or fixture', 'test apps and fixtures'],
  benchmark: ['benchmark', 'benchmarks'],
};

/** `product · published`, `docs site`, `test app or fixture`: the role column of a packages table. */
export function roleCell(role: PackageRole): string {
  if (role.id === 'product') return role.published ? 'product · published' : 'product';
  return { docs: 'docs', tooling: 'internal tooling', example: 'example', test: 'test app or fixture', benchmark: 'benchmark' }[role.id];
}

/** `43 product packages (42 published), 139 test apps and fixtures, 131 examples`. */
export function roleCounts(roles: readonly PackageRole[]): string {
  const counts = new Map<PackageRoleId, number>();
  for (const r of roles) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  const published = roles.filter((r) => r.published).length;
  return [...counts]
    .sort((a, b) => roleRank(a[0]) - roleRank(b[0]))
    .map(([id, n]) => {
      const words = `${n} ${n === 1 ? PLURAL[id][0] : PLURAL[id][1]}`;
      return id === 'product' && published > 0 ? `${words} (${published === n ? 'all' : published} published)` : words;
    })
    .join(', ');
}

/**
 * Items in role order (product first), then as they were: every step lists packages, apps and APIs this way. `pathOf`
 * is a file or folder the item lives in; a test or example folder inside a product package counts as test or example.
 */
export function byRole<T>(index: RepoIndex, items: readonly T[], pathOf: (item: T) => string): T[] {
  const owners = Owners.of(index);
  const rank = (item: T) => roleRank(owners.of(pathOf(item)).role);
  return items
    .map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item);
}

/** Package name → its role's rank (product 0 … benchmark 5); unknown names rank as product. */
export function packageRankByName(index: RepoIndex): (name: string) => number {
  const roles = packageRoles(index);
  const ranks = new Map<string, number>();
  for (const p of index.packages) if (!ranks.has(p.name)) ranks.set(p.name, roleRank(roles.get(p.dir)?.id ?? 'product'));
  return (name) => ranks.get(name) ?? 0;
}

/** A file or folder → its owner's role rank: a test folder inside a product package ranks as test. */
export function fileRank(index: RepoIndex): (path: string) => number {
  const owners = Owners.of(index);
  return (path) => roleRank(owners.of(path).role);
}
