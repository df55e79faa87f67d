/**
 * Nx projects: in a workspace with `nx.json` at the root, a folder with a `project.json` is a project (an app or a
 * library) whether or not it has a package.json of its own. Its build target says what it is built from
 * (`options.main: libs/x/src/index.ts`, Angular's `options.browser`) and its executors say with what
 * (`@angular/build:application`, `@nx/rollup:rollup`); its dependencies are the root package.json's (Nx hoists them).
 */

export interface NxTarget {
  readonly name: string;
  readonly executor?: string;
  /** Source entries the target's options name, option key → repo-relative path as written (`main`, `browser`). */
  readonly entries: readonly { readonly key: string; readonly path: string }[];
}

export interface NxProject {
  /** Repo-relative folder of the project.json; '' for a root project. */
  readonly dir: string;
  readonly file: string;
  /** project.json `name`, when it has one. */
  readonly name?: string;
  readonly projectType?: 'application' | 'library';
  readonly targets: readonly NxTarget[];
}

/** Options of Nx and Angular executors that name a source entry file, repo-relative. */
const ENTRY_OPTIONS = ['main', 'browser', 'entryFile', 'server'] as const;

/** Project.json files of an Nx workspace (none without a root `nx.json`), outside dependencies and build output. */
export function nxProjects(files: readonly string[], readJson: (file: string) => unknown): NxProject[] {
  if (!files.includes('nx.json')) return [];
  const out: NxProject[] = [];
  for (const file of files) {
    if (file !== 'project.json' && !file.endsWith('/project.json')) continue;
    if (/(^|\/)(node_modules|dist|build|out|tmp|\.nx)\//.test(file)) continue;
    const json = readJson(file);
    if (!json || typeof json !== 'object' || Array.isArray(json)) continue;
    const o = json as Record<string, unknown>;
    const targets: NxTarget[] = [];
    if (o.targets && typeof o.targets === 'object') {
      for (const [name, t] of Object.entries(o.targets as Record<string, unknown>)) {
        if (!t || typeof t !== 'object') continue;
        const target = t as { executor?: unknown; options?: unknown };
        const options = (target.options && typeof target.options === 'object' ? target.options : {}) as Record<string, unknown>;
        const entries = ENTRY_OPTIONS.filter((k) => typeof options[k] === 'string' && options[k]).map((key) => ({ key, path: (options[key] as string).replace(/^\.\//, '') }));
        targets.push({ name, executor: typeof target.executor === 'string' ? target.executor : undefined, entries });
      }
    }
    const dir = file === 'project.json' ? '' : file.slice(0, -'/project.json'.length);
    const type = o.projectType === 'application' || o.projectType === 'library' ? o.projectType : undefined;
    out.push({ dir, file, name: typeof o.name === 'string' && o.name ? o.name : undefined, projectType: type, targets });
  }
  return out;
}

/**
 * Framework packages an executor builds with, as the root package.json would declare them: an Nx project without a
 * package.json of its own gets these from the root (`@angular/build:application` → `@angular/core`).
 */
const EXECUTOR_FRAMEWORKS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^(@angular\/build|@angular-devkit\/build-angular|@nx\/angular|@nrwl\/angular):/, ['@angular/core']],
  [/^(@nx|@nrwl)\/next:/, ['next', 'react', 'react-dom']],
  [/^(@nx|@nrwl)\/remix:/, ['@remix-run/react', '@remix-run/dev', 'react', 'react-dom']],
  [/^(@nx|@nrwl)\/expo:/, ['expo', 'react-native', 'react']],
  [/^(@nx|@nrwl)\/react:/, ['react', 'react-dom']],
  [/^(@nx|@nrwl)\/vite:/, ['vite', '@vitejs/plugin-react', 'react', 'react-dom', 'vue', 'svelte', 'solid-js']],
  [/^(@nx|@nrwl)\/webpack:/, ['webpack', 'react', 'react-dom']],
];

/** Root dependencies the project's executors build with (name → range from the root package.json). */
export function executorFrameworks(project: NxProject, rootDeps: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of project.targets) {
    if (!t.executor) continue;
    for (const [re, names] of EXECUTOR_FRAMEWORKS) {
      if (!re.test(t.executor)) continue;
      for (const n of names) if (typeof rootDeps[n] === 'string') out[n] = rootDeps[n];
    }
  }
  return out;
}
