import type { PackageManager } from '../../detectors/scripts/index.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';

const FOLDER_LOCKFILES: readonly [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * How a package folder that the workspaces do not link installs on its own: its lockfile, else its `packageManager`
 * field, else npm. `lockfile` is the repository path of the lockfile when the folder commits one.
 */
export function folderPackageManager(index: RepoIndex, pkg: WorkspacePackage): { tool?: PackageManager; lockfile?: string } {
  for (const [file, tool] of FOLDER_LOCKFILES) {
    const path = pkg.dir ? `${pkg.dir}/${file}` : file;
    if (index.has(path)) return { tool, lockfile: path };
  }
  const field = typeof pkg.manifest.packageManager === 'string' ? /^(npm|yarn|pnpm|bun)@/.exec(pkg.manifest.packageManager)?.[1] : undefined;
  return { tool: field as PackageManager | undefined };
}

const FROZEN_INSTALL: Record<PackageManager, string> = {
  npm: 'npm ci',
  yarn: 'yarn install --frozen-lockfile',
  pnpm: 'pnpm install --frozen-lockfile',
  bun: 'bun install --frozen-lockfile',
};

/** The install command for a package manager: the one that keeps the lockfile when there is one. */
export function installCommand(tool: PackageManager, hasLockfile: boolean): string {
  return hasLockfile ? FROZEN_INSTALL[tool] : `${tool} install`;
}

function plainRun(pm: PackageManager, script: string): string {
  const builtin = script === 'test' || script === 'start';
  return pm === 'npm' ? (builtin ? `npm ${script}` : `npm run ${script}`) : pm === 'bun' ? `bun run ${script}` : `${pm} ${script}`;
}

/**
 * The command that runs a package's script, from the repository root. A workspace member runs through the
 * repository's package manager (`pnpm --filter web dev`); a package.json folder outside the workspaces is not linked
 * by it (`--filter` would match nothing), so its command runs in its folder with that folder's own package manager.
 * `pkgName` is the package's key in the index (its name, or name and folder where two share a name).
 */
export function runScript(index: RepoIndex, pm: PackageManager, pkgName: string, script: string): string {
  const pkg = index.packages.find((p) => p.name === pkgName);
  if (!pkg || pkg.isRoot || !pkg.dir) return plainRun(pm, script);
  if (index.workspaceTool === null || !pkg.declared) {
    // Without workspaces the root's package manager is the repository's habit; outside declared ones, npm is.
    const own = folderPackageManager(index, pkg).tool ?? (index.workspaceTool === null ? pm : 'npm');
    return `cd ${pkg.dir} && ${plainRun(own, script)}`;
  }
  // Members of a nested workspace root (`infrastructure/`) run in their folder: from the repository root, `-w` or
  // `--filter` would look for a workspace root that is not there.
  if (index.workspaceRoot) return `cd ${pkg.dir} && ${plainRun(pm, script)}`;
  const name = typeof pkg.manifest.name === 'string' && pkg.manifest.name ? pkg.manifest.name : pkg.name;
  // Two members with one name: the package manager cannot tell them apart by name.
  if (name !== pkg.name) return pm === 'pnpm' ? `pnpm --filter ./${pkg.dir} ${script}` : `cd ${pkg.dir} && ${plainRun(pm, script)}`;
  switch (pm) {
    case 'pnpm':
      return `pnpm --filter ${name} ${script}`;
    case 'yarn':
      return `yarn workspace ${name} ${script}`;
    case 'bun':
      return `bun run --filter ${name} ${script}`;
    default:
      return `npm run ${script} -w ${name}`;
  }
}
/** Dev server default ports of tools, used only when the config file sets none (and said so). */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = { vite: 5173, astro: 4321, next: 3000, nuxt: 3000, 'svelte-kit': 5173, remix: 3000 /* classic `remix dev` (remix-serve) */, 'react-scripts': 3000, 'webpack serve': 8080, wrangler: 8787 };

/** The dev tool a script command starts, if it is a known one. */
export function devTool(command: string): string | undefined {
  // `remix vite:dev` and `react-router dev` run Vite's dev server through the framework's plugin: Vite's port.
  if (/\bremix\s+vite:dev\b|\breact-router\s+dev\b/.test(command)) return 'vite';
  const m = /\b(vite|astro|next|nuxt|svelte-kit|remix|react-scripts|webpack serve|wrangler|nodemon|tsx watch|ts-node-dev|node --watch)\b/.exec(command);
  return m?.[1];
}

/** A port set on the command line: `--port 3000`, `-p 3000`, `PORT=3000 …`. */
export function portInCommand(command: string): number | undefined {
  const m = /(?:--port[=\s]+|-p\s+|\bPORT=)(\d{2,5})\b/.exec(command);
  return m ? Number(m[1]) : undefined;
}
