import { pnpmLockDrift, type LockfileDrift } from './pnpm-lock-drift.js';
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';
import { jsonKeyLine } from '../../scan/json-keys.js';
import { rootMembers } from '../../scan/workspaces.js';
import { decidePackageManager, type InstallEvidence, type PackageManager } from '../shared/package-manager.js';

export type { PackageManager } from '../shared/package-manager.js';

/** One package.json script. */
export interface ScriptData {
  readonly package: string;
  /** Package folder, '' for the root. */
  readonly dir: string;
  readonly manifest: string;
  readonly name: string;
  /** The command as written (redacted as it leaves the analysis, like all fact data). */
  readonly command: string;
  readonly line?: number;
}
export type ScriptFact = Fact<'scripts.script', ScriptData>;

/**
 * The package manager the repository uses (`decidePackageManager`): its lockfile or the `packageManager` field, else
 * `pnpm-workspace.yaml`, else the install command its CI, root Dockerfile or README runs.
 */
export interface PackageManagerData {
  readonly tool: PackageManager;
  readonly lockfile?: string;
  /** `packageManager` field as written, e.g. `pnpm@9.1.0`. */
  readonly declared?: string;
  /** Without a lockfile or field: the line of the repository that installs with `tool`. */
  readonly evidence?: InstallEvidence;
  /** The install command that keeps the lockfile: `npm ci`, `pnpm install --frozen-lockfile`… */
  readonly install: string;
  /** pnpm-lock.yaml does not record what a package.json declares: a frozen install would stop, so `install` is plain. */
  readonly lockfileDrift?: LockfileDrift;
}
export type PackageManagerFact = Fact<'scripts.packageManager', PackageManagerData>;

/** A workspace package depending on another workspace package: what decides build order. */
export interface WorkspaceDepData {
  readonly from: string;
  readonly to: string;
  readonly field: 'dependencies' | 'devDependencies' | 'peerDependencies';
  readonly range: string;
}
export type WorkspaceDepFact = Fact<'scripts.workspaceDep', WorkspaceDepData>;

const INSTALL: Record<PackageManager, string> = {
  npm: 'npm ci',
  yarn: 'yarn install --frozen-lockfile',
  pnpm: 'pnpm install --frozen-lockfile',
  bun: 'bun install --frozen-lockfile',
};

/** package.json scripts of every package, the package manager, and the dependencies between workspaces. */
export const scriptsDetector: Detector = {
  id: 'scripts',
  isEnabled: (index) => index.packages.length > 0,
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    const pm = packageManager(index);
    if (pm) {
      const at = pm.lockfile ? { file: pm.lockfile } : pm.evidence ? { file: pm.evidence.file, line: pm.evidence.line } : { file: 'package.json' };
      facts.push({ kind: 'scripts.packageManager', id: pm.tool, data: pm, at: [at] } satisfies PackageManagerFact);
    }
    for (const pkg of index.packages) facts.push(...scriptsOf(index, pkg));
    facts.push(...workspaceDeps(index));
    return facts;
  },
};

function packageManager(index: RepoIndex): PackageManagerData | undefined {
  const decision = decidePackageManager(index);
  if (!decision) return undefined;
  const { tool, lockfile, declared, evidence } = decision;
  const yarnBerry = tool === 'yarn' && (index.has('.yarnrc.yml') || /^yarn@[2-9]/.test(declared ?? ''));
  // The lockfile of the repository's own pnpm workspace (at its root): the root and the members it links.
  const drift = tool === 'pnpm' && lockfile && lockfile === (index.workspaceRoot ? `${index.workspaceRoot}/pnpm-lock.yaml` : 'pnpm-lock.yaml') && index.workspaceRoots.length <= 1
    ? pnpmLockDrift(index, lockfile, index.packages.filter((p) => p.isRoot || p.declared || p.dir === index.workspaceRoot))
    : undefined;
  return {
    tool,
    lockfile,
    declared,
    ...(evidence ? { evidence } : {}),
    install: lockfile && !drift ? (yarnBerry ? 'yarn install --immutable' : INSTALL[tool]) : `${tool} install`,
    ...(drift ? { lockfileDrift: drift } : {}),
  };
}

function scriptsOf(index: RepoIndex, pkg: WorkspacePackage): ScriptFact[] {
  const scripts = pkg.manifest.scripts;
  if (!scripts || typeof scripts !== 'object') return [];
  return Object.entries(scripts)
    .filter(([, command]) => typeof command === 'string')
    .map(([name, command]) => {
      const line = jsonKeyLine(index, pkg.manifestPath, 'scripts', name);
      return {
        kind: 'scripts.script',
        id: `${pkg.name} ${name}`,
        data: { package: pkg.name, dir: pkg.dir, manifest: pkg.manifestPath, name, command, line },
        at: [{ file: pkg.manifestPath, line }],
      };
    });
}

function workspaceDeps(index: RepoIndex): WorkspaceDepFact[] {
  // A package.json folder outside the workspace globs is not linked: its `inngest` dependency comes from the registry.
  const linked = index.packages.filter((p) => !p.isRoot && p.declared);
  // Workspace roots side by side link only their own members: `@repo/utils` of one template is its own, whose name
  // the index qualified with its folder because every template has one.
  const groups = index.workspaceRoots.length > 1
    ? index.workspaceRoots.map((r) => linked.filter((p) => p.dir === r.root || rootMembers(r, [p]).length > 0))
    : [linked];
  const out: WorkspaceDepFact[] = [];
  for (const group of groups) {
    const names = new Map(group.map((p) => [groups.length > 1 && typeof p.manifest.name === 'string' ? p.manifest.name : p.name, p.name]));
    for (const pkg of group) {
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
        const deps = pkg.manifest[field];
        if (!deps || typeof deps !== 'object') continue;
        for (const [dep, range] of Object.entries(deps)) {
          const to = names.get(dep);
          if (to === undefined || to === pkg.name) continue;
          out.push({
            kind: 'scripts.workspaceDep',
            id: `${pkg.name} -> ${to}`,
            data: { from: pkg.name, to, field, range: String(range) },
            at: [{ file: pkg.manifestPath, line: jsonKeyLine(index, pkg.manifestPath, field, dep) }],
          });
        }
      }
    }
  }
  return out;
}
