import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';
import { isGenerated } from '../shared/source-scope.js';
import { knownPackage } from './known-packages.js';
import type { DependencyFact } from './types.js';
import { withoutComments } from '../shared/text-scan.js';
import { configReferences } from './config-refs.js';
import { packageName } from './package-name.js';
import { runtimeReferences } from './runtime-refs.js';
import { iconSetUses, type IconSetUse } from './icon-sets.js';
import { mdxEsmText } from '../shared/mdx-esm.js';
import { bareImports } from './bare-imports.js';

const SOURCE = /\.([cm]?[jt]sx?|astro|vue|svelte)$/;
/** An MDX page imports components in its top-level ESM; its prose and code samples import nothing (mdx-esm.ts). */
const MDX = /\.mdx$/;
/** Stylesheets import packages too (`@import "tailwindcss"`, `@plugin "…"`, Sass `@use "~pkg"`). */
const STYLESHEET = /\.(css|scss|sass|less|pcss)$/;
/** A type import in a JSDoc tag: `@type {import('tailwindcss').Config}`, `@param {import('x').Y} y`. */
const JSDOC_IMPORT = /@(?:type|typedef|param|returns?|satisfies)\s*\{[^}\n]*?\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g;
/** A `//` line or a `/* … *\/` block that holds `import` or `require`: the only files whose comments need blanking. */
const COMMENTED_IMPORT = /\/\/[^\n]*\b(import|require)\b|\/\*(?:[^*]|\*(?!\/))*?\b(import|require)\b/;
/** `@import 'pkg/x.css'`, `@import '~pkg'`, and a path into node_modules (`@import 'node_modules/modern-normalize/…'`). */
const CSS_IMPORT = /@(?:import|plugin|use|forward)\s+(?:url\(\s*)?['"]~?((?:\.\.?\/)*node_modules\/[^'"]+|[^'"./~][^'":]*)['"]/g;

export { packageName };

/**
 * Third-party runtime dependencies of each package (workspace packages, `@types/*` left out), what each is for when it
 * is a well-known package, and the files that import it — import sites read from text, no parsing needed.
 */
export const dependenciesDetector: Detector = {
  id: 'dependencies',
  isEnabled: (index) => index.packages.length > 0,
  detect(index: RepoIndex): Fact[] {
    const internal = new Set(index.packages.map((p) => p.name));
    const imports = new Map<string, Set<string>>(); // `${package}\0${dep}` → files
    const anywhere = new Map<string, Set<string>>(); // dep → every importing file, whichever package owns it
    for (const file of index.files) {
      const css = STYLESHEET.test(file);
      // A declaration file's `import "react-i18next"` (augmenting its types) is an import too; `declare module 'x'` is not one.
      const mdx = MDX.test(file);
      if ((!css && !mdx && !SOURCE.test(file)) || isGenerated(index, file)) continue;
      const read = index.read(file);
      if (read === undefined || (mdx && !read.includes('import'))) continue;
      const text = mdx ? mdxEsmText(read) : read;
      const pkg = index.packageOf(file)?.name ?? '';
      // A commented-out import (`// import Stripe from 'stripe'`, a `/* … */` block) is not a use of the package; a
      // JSDoc type (`/** @type {import('tailwindcss').Config} */`) is, as `import type` is in TypeScript.
      // Blanking comments costs a pass over the text: only for a file with an import-like word inside a comment.
      const code = css || !COMMENTED_IMPORT.test(text) ? text : withoutComments(text);
      const found = css ? [...code.matchAll(CSS_IMPORT)].map((m) => m[1]) : bareImports(code);
      if (!css && code !== text) for (const m of text.matchAll(JSDOC_IMPORT)) found.push(m[1]);
      for (const specifier of found) {
        const name = packageName(specifier.replace(/^(?:\.\.?\/)*node_modules\//, ''));
        if (!name) continue;
        const key = `${pkg}\0${name}`;
        let set = imports.get(key);
        if (!set) imports.set(key, (set = new Set()));
        set.add(file);
        let all = anywhere.get(name);
        if (!all) anywhere.set(name, (all = new Set()));
        all.add(file);
      }
    }
    // A file whose own package does not declare the dependency resolves it from the nearest enclosing package that
    // does (node_modules up the tree: an Nx lib importing what the workspace root declares). Those imports count for
    // that package; what no enclosing package declares stays "elsewhere", said beside the count, never dropped.
    const attributed = hoistedImports(index, imports);
    const facts: DependencyFact[] = [];
    let configs: Map<string, string[]> | undefined;
    // Icon data packages nothing imports: used by name through an icon tool (one text pass, only when there are some).
    let icons: Map<string, IconSetUse> | undefined;
    const iconsOf = () =>
      (icons ??= iconSetUses(index, index.packages.flatMap((p) => Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies })).filter((n) => !anywhere.has(n))));
    // A runtime dependency of one package may be a devDependency of another whose files import it (a Lambda package
    // bundled by esbuild declares its runtime packages as devDependencies): that package declares it too, so its files
    // are not "outside the declaring package"; and a package that only declares it for development (an Astro site's
    // `@astrojs/image` in devDependencies, imported nowhere) is still one of the packages that declare it. Other
    // devDependencies (test runners, linters) stay out of this table.
    const runtime = new Set(index.packages.flatMap((p) => Object.keys({ ...objectOf(p.manifest.dependencies), ...objectOf(p.manifest.peerDependencies) })));
    for (const pkg of index.packages) {
      const fields = [
        ['dependencies', pkg.manifest.dependencies],
        ['peerDependencies', pkg.manifest.peerDependencies],
        ['devDependencies', pkg.manifest.devDependencies],
      ] as const;
      const seen = new Set<string>();
      for (const [field, deps] of fields) {
        if (!deps || typeof deps !== 'object') continue;
        for (const [name, range] of Object.entries(deps)) {
          if (internal.has(name) || name.startsWith('@types/') || seen.has(name)) continue;
          const importedIn = [...(imports.get(`${pkg.name}\0${name}`) ?? [])].sort();
          if (field === 'devDependencies' && !runtime.has(name)) continue;
          seen.add(name);
          const known = knownPackage(name);
          // Never imported: a tool's config may still load it by name (a PostCSS or ESLint plugin).
          const usedIn = importedIn.length === 0 && !anywhere.has(name) ? (configs ??= loadedByName(index)).get(name) : undefined;
          const iconSet = importedIn.length === 0 && !anywhere.has(name) && !usedIn && name.startsWith('@iconify-json/') ? iconsOf().get(name) : undefined;
          facts.push({
            kind: 'deps.dependency',
            id: `${pkg.name} ${name}`,
            data: {
              package: pkg.name,
              name,
              range: String(range),
              field,
              purpose: known?.purpose,
              category: known?.category,
              importedIn,
              ...elsewhereOf(name, anywhere, attributed),
              ...(usedIn ? { usedInConfig: usedIn } : {}),
              ...(iconSet ? { iconSet } : {}),
            },
            at: [{ file: pkg.manifestPath }],
          });
        }
      }
    }
    return facts;
  },
};

/** Adds each import from a package that does not declare the dependency to the nearest enclosing one that does; returns dep → files counted for some declaring package. */
function hoistedImports(index: RepoIndex, imports: Map<string, Set<string>>): Map<string, Set<string>> {
  const byName = new Map(index.packages.map((p) => [p.name, p]));
  const declares = (p: WorkspacePackage, name: string) => [p.manifest.dependencies, p.manifest.peerDependencies, p.manifest.devDependencies].some((d) => Object.hasOwn(objectOf(d), name));
  // Enclosing packages, nearest first (a package's own dir is not its ancestor).
  const enclosing = new Map<WorkspacePackage, WorkspacePackage[]>();
  const ancestors = (p: WorkspacePackage) => {
    let list = enclosing.get(p);
    if (!list) enclosing.set(p, (list = index.packages.filter((a) => a !== p && (a.dir === '' || p.dir.startsWith(`${a.dir}/`))).sort((a, b) => b.dir.length - a.dir.length)));
    return list;
  };
  const attributed = new Map<string, Set<string>>();
  for (const [key, files] of [...imports]) {
    const [pkgName, name] = key.split('\0');
    const pkg = byName.get(pkgName);
    if (!pkg) continue;
    const owner = declares(pkg, name) ? pkg : ancestors(pkg).find((a) => declares(a, name));
    if (!owner) continue;
    if (owner !== pkg) {
      const ownerKey = `${owner.name}\0${name}`;
      imports.set(ownerKey, new Set([...(imports.get(ownerKey) ?? []), ...files]));
    }
    attributed.set(name, new Set([...(attributed.get(name) ?? []), ...files]));
  }
  return attributed;
}

/** The files importing the dependency that no declaring package accounts for. */
function elsewhereOf(name: string, anywhere: Map<string, Set<string>>, attributed: Map<string, Set<string>>): { importedElsewhere?: string[] } {
  const counted = attributed.get(name);
  const rest = [...(anywhere.get(name) ?? [])].filter((f) => !counted?.has(f)).sort();
  return rest.length ? { importedElsewhere: rest } : {};
}

/** Packages named by a tool's config file or loaded by name at run time, with the files that name them. */
function loadedByName(index: RepoIndex): Map<string, string[]> {
  const out = configReferences(index);
  for (const [name, files] of runtimeReferences(index)) out.set(name, [...new Set([...(out.get(name) ?? []), ...files])].sort());
  return out;
}

function objectOf(deps: unknown): Record<string, unknown> {
  return deps && typeof deps === 'object' ? (deps as Record<string, unknown>) : {};
}
