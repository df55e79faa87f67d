import type { NxProject } from './nx-projects.js';

/** The parts of package.json the wizard reads. Everything is optional: real manifests are often partial. */
export interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly description?: string;
  readonly private?: boolean;
  readonly main?: string;
  readonly module?: string;
  readonly types?: string;
  readonly typings?: string;
  readonly exports?: unknown;
  readonly bin?: string | Record<string, string>;
  readonly files?: string[];
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly workspaces?: string[] | { packages?: string[] };
  readonly engines?: Record<string, string>;
  readonly packageManager?: string;
  readonly homepage?: string;
  readonly repository?: string | { url?: string };
  readonly keywords?: string[];
}

/** A package of the repository: the root package or a workspace. */
export interface WorkspacePackage {
  /** package.json `name`, or the folder name when it has none. */
  readonly name: string;
  /** Repo-relative posix folder; '' for the root. */
  readonly dir: string;
  readonly manifestPath: string;
  readonly manifest: PackageJson;
  readonly isRoot: boolean;
  /**
   * The root, or a folder the workspace declaration names (or any package.json folder when there is none). A package
   * outside the declared workspaces is still a package of the repository, but it is not linked by the package manager.
   */
  readonly declared: boolean;
  /**
   * Framework dependencies the package uses without declaring them: its folder holds the framework's config file
   * (`next.config.js`, `astro.config.mjs`, `vite.config.ts`, Expo's `app.json`) and the root package.json declares the
   * framework, hoisted. Name → version range from the root.
   */
  readonly hoisted: Readonly<Record<string, string>>;
  /**
   * Telling entries directly in the package folder (`app.json`, `metro.config.js`, `ios`, `android`, `index.html`,
   * `Dockerfile`, `serverless.yml`, `vercel.json`…): what a manifest alone cannot say about the package.
   */
  readonly markers: readonly string[];
  /**
   * The folder's Nx `project.json` (in a workspace with a root `nx.json`). A project without a package.json of its own
   * has it as `manifestPath` too, with a manifest holding only the project's name.
   */
  readonly nxProject?: NxProject;
}

/** Every dependency name → declared version range, across dependencies, devDependencies and peerDependencies. */
export function allDependencies(manifest: PackageJson): Record<string, string> {
  return { ...manifest.peerDependencies, ...manifest.devDependencies, ...manifest.dependencies };
}

export function dependsOn(manifest: PackageJson, name: string | RegExp): boolean {
  const names = Object.keys(allDependencies(manifest));
  return typeof name === 'string' ? names.includes(name) : names.some((n) => name.test(n));
}

const DEPENDENCY_SECTION = /"(?:dependencies|devDependencies|peerDependencies|optionalDependencies)"\s*:\s*\{/g;

/**
 * Offset of a dependency's key in a package.json text, or -1. Only the dependency objects are searched: the same
 * quoted name often comes first as a script (`"test": "jest"`) or a keyword (`"typescript"`), which is not where it
 * is declared. Dependency objects are flat, so each ends at its first `}`.
 */
export function dependencyOffset(text: string, name: string): number {
  const key = new RegExp(`"${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"\\s*:`, 'g');
  for (const section of text.matchAll(DEPENDENCY_SECTION)) {
    const start = section.index + section[0].length;
    const end = text.indexOf('}', start);
    key.lastIndex = start;
    const m = key.exec(text);
    if (m && (end === -1 || m.index < end)) return m.index;
  }
  return -1;
}
