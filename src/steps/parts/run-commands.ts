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

// `pnpm <name>` and `yarn <name>` run a script only when no command of the package manager has that name: a built-in
// wins over the script ("pnpm <command>: if <command> is not a pnpm command, runs the script", pnpm.io/cli/run; "yarn
// <script>: … provided it isn't the name of a built-in command", classic.yarnpkg.com/en/docs/cli/run and
// yarnpkg.com/cli/run). `pnpm deploy` deploys a workspace package, not the `deploy` script, so those need `run`.
const PNPM_COMMANDS = new Set(
  ('add audit bin config create dedupe deploy dlx doctor env exec fetch import init install i install-test it licenses link ln list ls ' +
    'outdated pack patch prune publish rebuild remove rm root server setup store unlink update up why ' +
    // npm commands pnpm passes through to npm
    'version view login logout whoami info owner search docs').split(' '),
);
const YARN_COMMANDS = new Set(
  ('add audit autoclean bin cache check config create dlx exec generate-lock-entry global help import info init install licenses link ' +
    'list login logout node outdated owner pack policies publish remove tag team unlink unplug upgrade upgrade-interactive version ' +
    'versions why workspace workspaces constraints dedupe explain npm patch plugin rebuild search set stage up').split(' '),
);

/** `script`, or `run script` where the package manager has a command of that name. */
function scriptArg(pm: 'pnpm' | 'yarn', script: string): string {
  return (pm === 'pnpm' ? PNPM_COMMANDS : YARN_COMMANDS).has(script) ? `run ${script}` : script;
}

function plainRun(pm: PackageManager, script: string): string {
  const builtin = script === 'test' || script === 'start';
  return pm === 'npm' ? (builtin ? `npm ${script}` : `npm run ${script}`) : pm === 'bun' ? `bun run ${script}` : `${pm} ${scriptArg(pm, script)}`;
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
  if (name !== pkg.name) return pm === 'pnpm' ? `pnpm --filter ./${pkg.dir} ${scriptArg('pnpm', script)}` : `cd ${pkg.dir} && ${plainRun(pm, script)}`;
  switch (pm) {
    case 'pnpm':
      return `pnpm --filter ${name} ${scriptArg('pnpm', script)}`;
    case 'yarn':
      return `yarn workspace ${name} ${scriptArg('yarn', script)}`;
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
