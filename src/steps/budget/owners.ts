/**
 * Who a cited path belongs to, for the budget: the package (or the test, example or benchmark folder inside one) and
 * its role. Product paths keep their detail longest; examples, tests and benchmarks are summarised first.
 */
import { folderRole, packageRoles, type PackageRoleId } from '../../detectors/stack/role.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { importedFromTestFolders } from '../../detectors/shared/imported-test-folders.js';

export interface Owner {
  /** The package folder, or the test/example/benchmark folder inside it; '' for the repository root. */
  readonly dir: string;
  /** `dir` is a package's folder (not a test or example folder inside one). */
  readonly package: boolean;
  readonly role: PackageRoleId;
  /** 0 product, 1 docs and tooling, 2 examples, tests and benchmarks: the order in which detail is given up. */
  readonly tier: Tier;
}

export type Tier = 0 | 1 | 2;

export function roleTier(role: PackageRoleId): Tier {
  return role === 'product' ? 0 : role === 'docs' || role === 'tooling' ? 1 : 2;
}

const ROUTE_TREE = /^(app|pages|routes|api)$/;
const TEST_FILE = /\.(test|spec|e2e|bench)\.[cm]?[jt]sx?$/;

/** Classifies the paths of one index; each answer is kept (a big section cites the same files many times). */
export class Owners {
  private readonly cache = new Map<string, Owner>();
  private readonly roles: ReadonlyMap<string, { readonly id: PackageRoleId }>;

  private static readonly shared = new WeakMap<RepoIndex, Owners>();

  /** One classifier per index (its answers are pure functions of the index). */
  static of(index: RepoIndex): Owners {
    let owners = Owners.shared.get(index);
    if (!owners) Owners.shared.set(index, (owners = new Owners(index)));
    return owners;
  }

  private constructor(private readonly index: RepoIndex) {
    this.roles = packageRoles(index);
  }

  of(path: string): Owner {
    let owner = this.cache.get(path);
    if (!owner) this.cache.set(path, (owner = this.compute(path)));
    return owner;
  }

  private compute(path: string): Owner {
    const clean = path.replace(/\/+$/, '');
    const pkg = this.index.packageOf(clean) ?? this.index.packageOf(`${clean}/`);
    const dir = pkg?.dir ?? '';
    const role = (pkg && this.roles.get(dir)?.id) ?? 'product';
    if (roleTier(role) === 2) return { dir, package: Boolean(pkg), role, tier: 2 };
    // Inside a product package or at the root: its test, fixture, example and benchmark folders are the long tail.
    const rest = (dir ? clean.slice(dir.length + 1) : clean).split('/').filter(Boolean);
    // Every folder on the way counts, the last segment too when the path is a folder (`/e2e`).
    const folders = this.index.has(clean) ? rest.length - 1 : rest.length;
    for (let i = 0; i < folders; i++) {
      // Below a route tree the folders are URL segments: `app/api/reports/performance/route.ts` is a product route,
      // not a benchmark (test files there are still caught by their names).
      if (ROUTE_TREE.test(rest[i])) break;
      const r = folderRole(rest[i]);
      // `rest-routers/test/index.ts`, which the application imports and serves, is product code in a folder named `test`.
      if (r === 'test' && importedFromTestFolders(this.index).has(clean)) continue;
      if (r) return { dir: [dir, ...rest.slice(0, i + 1)].filter(Boolean).join('/'), package: false, role: r, tier: 2 };
    }
    if (TEST_FILE.test(clean)) return { dir, package: Boolean(pkg), role: 'test', tier: 2 };
    return { dir, package: Boolean(pkg), role, tier: roleTier(role) };
  }
}
