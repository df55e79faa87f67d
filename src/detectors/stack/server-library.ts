/**
 * A workspace package of server code that other packages run their servers through (`@repo/hono-utils` with
 * `createServiceApp()`, imported by each service): the services are the HTTP servers, the package is their library.
 * Both sides need evidence: the library declares the framework and an entry (`main`/`exports`), and a service
 * declares no server framework of its own, depends on the library, imports it, and has a `dev` or `start` script.
 */
import type { WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { importsDependency } from './dependency-use.js';
import { codeEntry } from './kind-signs.js';

/** The framework a library declares (and imports), when it is one of `servers` and the package has an entry. */
function libraryFramework(index: RepoIndex, lib: WorkspacePackage, servers: readonly string[]): string | undefined {
  const entry = Boolean(codeEntry(lib.manifest.main) || lib.manifest.exports || lib.manifest.module);
  if (!entry || lib.isRoot) return undefined;
  return servers.find((s) => lib.manifest.dependencies?.[s] !== undefined && importsDependency(index, lib, s) === 'yes');
}

/** The workspace library `pkg` runs its server through, and that library's framework. */
export function serverThroughLibrary(index: RepoIndex, pkg: WorkspacePackage, servers: readonly string[]): { lib: WorkspacePackage; framework: string } | undefined {
  const deps = pkg.manifest.dependencies ?? {};
  if (servers.some((s) => deps[s] !== undefined)) return undefined;
  const scripts = pkg.manifest.scripts ?? {};
  if (scripts.dev === undefined && scripts.start === undefined) return undefined;
  for (const name of Object.keys(deps).sort()) {
    const lib = index.packages.find((p) => p.name === name && p !== pkg);
    const framework = lib && libraryFramework(index, lib, servers);
    if (lib && framework && importsDependency(index, pkg, name) === 'yes') return { lib, framework };
  }
  return undefined;
}

/**
 * The workspace packages that run their server through `lib` (empty when none does). `isServer` is the package's own
 * kind: a Next.js app that imports the library's types runs no server through it.
 */
export function servedThrough(index: RepoIndex, lib: WorkspacePackage, servers: readonly string[], isServer: (p: WorkspacePackage) => boolean): WorkspacePackage[] {
  if (!libraryFramework(index, lib, servers)) return [];
  return index.packages.filter((p) => p.manifest.dependencies?.[lib.name] !== undefined && serverThroughLibrary(index, p, servers)?.lib === lib && isServer(p));
}
