import type { PackageManager } from '../../detectors/scripts/index.js';
import type { RepoIndex } from '../../scan/repo-index.js';

/** The command that runs a package's script with the repository's package manager, from the repository root. */
export function runScript(index: RepoIndex, pm: PackageManager, pkgName: string, script: string): string {
  const pkg = index.packages.find((p) => p.name === pkgName);
  const workspaces = index.workspaceTool !== null && pkg && !pkg.isRoot;
  const builtin = script === 'test' || script === 'start';
  if (!workspaces) {
    if (pkg && !pkg.isRoot && pkg.dir) return `cd ${pkg.dir} && ${pm === 'npm' ? (builtin ? `npm ${script}` : `npm run ${script}`) : `${pm} ${script}`}`;
    return pm === 'npm' ? (builtin ? `npm ${script}` : `npm run ${script}`) : pm === 'bun' ? `bun run ${script}` : `${pm} ${script}`;
  }
  switch (pm) {
    case 'pnpm':
      return `pnpm --filter ${pkgName} ${script}`;
    case 'yarn':
      return `yarn workspace ${pkgName} ${script}`;
    case 'bun':
      return `bun run --filter ${pkgName} ${script}`;
    default:
      return `npm run ${script} -w ${pkgName}`;
  }
}

/** Dev server default ports of tools, used only when the config file sets none (and said so). */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = { vite: 5173, astro: 4321, next: 3000, nuxt: 3000, 'svelte-kit': 5173, remix: 3000, 'react-scripts': 3000, 'webpack serve': 8080, wrangler: 8787 };

/** The dev tool a script command starts, if it is a known one. */
export function devTool(command: string): string | undefined {
  const m = /\b(vite|astro|next|nuxt|svelte-kit|remix|react-scripts|webpack serve|wrangler|nodemon|tsx watch|ts-node-dev|node --watch)\b/.exec(command);
  return m?.[1];
}

/** A port set on the command line: `--port 3000`, `-p 3000`, `PORT=3000 …`. */
export function portInCommand(command: string): number | undefined {
  const m = /(?:--port[=\s]+|-p\s+|\bPORT=)(\d{2,5})\b/.exec(command);
  return m ? Number(m[1]) : undefined;
}
