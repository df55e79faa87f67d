/**
 * Astro sites: file-based routes under `src/pages/`, layouts, components (with their hydration directives) and content
 * collections. `.astro` frontmatter is parsed as TypeScript; nothing is imported or run.
 */
import type { Detector, Fact } from '../../facts.js';
import { ts } from '../../scan/ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { importsOf } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { appFiles, frontendApps, relative, type FrontendApp } from '../frontend-build/apps.js';
import { collectionConfig, readCollections, type AstroCollection } from './collections.js';
import { parseModule, templateWithoutComments, yamlKey } from './frontmatter.js';
import { astroPagesDir, astroRoute, endpointMethods, exportedNames, prerenderFlag, type AstroRouteKind } from './routes.js';

export interface AstroRouteData {
  readonly app: string;
  readonly path: string;
  readonly kind: AstroRouteKind;
  readonly file: string;
  readonly dynamic: boolean;
  /** Layout files the page uses (imported, or `layout:` in markdown frontmatter). */
  readonly layouts: readonly string[];
  /** Endpoint HTTP methods (`GET`, `POST`). */
  readonly methods: readonly string[];
  readonly getStaticPaths: boolean;
  readonly prerender?: boolean;
}

export interface AstroUnitData {
  readonly app: string;
  readonly name: string;
  readonly file: string;
  /** Distinct files that import it. */
  readonly usedBy: number;
  /** `client:*` directives it is rendered with (islands). */
  readonly hydration: readonly string[];
}

export interface AstroCollectionData extends AstroCollection {
  readonly app: string;
}

export type AstroRouteFact = Fact<'astro.route', AstroRouteData>;
export type AstroLayoutFact = Fact<'astro.layout', AstroUnitData>;
export type AstroComponentFact = Fact<'astro.component', AstroUnitData>;
export type AstroCollectionFact = Fact<'astro.collection', AstroCollectionData>;

const UI_FILE = /\.(astro|tsx|jsx|vue|svelte)$/;
// `.mdx` content imports components at its top level (`import Button from '@/components/ui/button.astro'`).
const MODULE_FILE = /\.(astro|mdx|tsx|ts|jsx|js|mjs|mts)$/;

export const astroDetector: Detector = {
  id: 'astro',
  isEnabled: (index) => frontendApps(index).some((a) => a.framework === 'astro'),
  detect(index) {
    return frontendApps(index)
      .filter((a) => a.framework === 'astro')
      .flatMap((app) => detectApp(index, app));
  },
};

function detectApp(index: RepoIndex, app: FrontendApp): Fact[] {
  const files = appFiles(index, app.dir);
  const own = new Set(files);
  const pagesDir = astroPagesDir(index, app.dir);
  const resolver = moduleResolver(index);
  // A layout wraps a page: an `.astro` file under layouts/ (or named *Layout) that renders a `<slot />`. Header and
  // footer parts kept in `components/layout/` have no slot: they are components.
  const slots = new Map<string, boolean>();
  const hasSlot = (f: string) => {
    if (!slots.has(f)) slots.set(f, /<slot\b/.test(index.read(f) ?? ''));
    return slots.get(f)!;
  };
  const isLayoutPath = (f: string) => (/(^|\/)layouts?\//.test(f) || /Layout\.astro$/.test(f)) && (!f.endsWith('.astro') || hasSlot(f));

  // Import graph of the app's modules: importer → imported files, and imported file → local names per importer.
  const importers = new Map<string, Set<string>>();
  const hydration = new Map<string, Set<string>>();
  const importsByFile = new Map<string, string[]>();
  for (const file of files) {
    if (!MODULE_FILE.test(file) || file.endsWith('.d.ts')) continue;
    const sf = parseModule(index, file);
    if (!sf) continue;
    const targets: string[] = [];
    const text = file.endsWith('.astro') || file.endsWith('.mdx') ? templateWithoutComments(index.read(file) ?? '') : '';
    for (const [local, binding] of importsOf(sf)) {
      const target = resolver.resolve(file, binding.module);
      if (!target || target === file) continue;
      targets.push(target);
      add(importers, target, file);
      if (text) {
        const directive = new RegExp(`<${escape(local)}\\b[^>]*?\\bclient:([a-z]+)`, 'g');
        for (const m of text.matchAll(directive)) add(hydration, target, m[1]);
      }
    }
    importsByFile.set(file, [...new Set(targets)]);
  }

  const facts: Fact[] = [];
  const mdLayouts = new Map<string, number>();
  for (const file of files) {
    if (!file.startsWith(`${pagesDir}/`)) continue;
    const route = astroRoute(file.slice(pagesDir.length + 1));
    if (!route) continue;
    let layouts: string[] = [];
    let methods: string[] = [];
    let getStaticPaths = false;
    let prerender: boolean | undefined;
    if (route.kind === 'markdown') {
      const declared = yamlKey(index.read(file) ?? '', 'layout');
      const target = declared ? resolver.resolve(file, declared) : undefined;
      if (target) {
        layouts = [target];
        mdLayouts.set(target, (mdLayouts.get(target) ?? 0) + 1);
      }
    } else {
      const sf = parseModule(index, file);
      if (sf) {
        const exported = exportedNames(sf);
        getStaticPaths = exported.has('getStaticPaths');
        prerender = prerenderFlag(sf);
        if (route.kind === 'endpoint') methods = endpointMethods(sf);
        // A module under pages/ that exports no handler (`export default posts`) serves nothing: Astro builds no route
        // from it. `export * from` may bring handlers in unseen, so it keeps the route.
        if (route.kind === 'endpoint' && methods.length === 0 && !sf.statements.some((st) => ts.isExportDeclaration(st) && !st.exportClause)) continue;
      }
      layouts = (importsByFile.get(file) ?? []).filter(isLayoutPath);
    }
    const data: AstroRouteData = {
      app: app.dir,
      path: route.path,
      kind: route.kind,
      file,
      dynamic: /\[/.test(route.path),
      layouts,
      methods,
      getStaticPaths,
      prerender,
    };
    facts.push({ kind: 'astro.route', id: `${app.dir}:${route.path}`, data, at: [{ file }] });
  }

  for (const [target, from] of [...importers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!UI_FILE.test(target) || target.startsWith(`${pagesDir}/`) || !own.has(target)) continue;
    const layout = isLayoutPath(target) || mdLayouts.has(target);
    const data: AstroUnitData = {
      app: app.dir,
      name: componentName(target),
      file: target,
      usedBy: from.size + (mdLayouts.get(target) ?? 0),
      hydration: [...(hydration.get(target) ?? [])].sort(),
    };
    facts.push({ kind: layout ? 'astro.layout' : 'astro.component', id: `${app.dir}:${relative(app.dir, target)}`, data, at: [{ file: target }] });
  }
  // Layouts nobody imports yet are still layouts of the site.
  for (const file of files) {
    if ((isLayoutPath(file) || mdLayouts.has(file)) && file.endsWith('.astro') && !importers.has(file)) {
      const data: AstroUnitData = { app: app.dir, name: componentName(file), file, usedBy: mdLayouts.get(file) ?? 0, hydration: [] };
      facts.push({ kind: 'astro.layout', id: `${app.dir}:${relative(app.dir, file)}`, data, at: [{ file }] });
    }
  }

  const config = collectionConfig(index, app.dir);
  if (config) {
    for (const c of readCollections(index, app.dir, config)) {
      facts.push({ kind: 'astro.collection', id: `${app.dir}:${c.name}`, data: { app: app.dir, ...c }, at: [{ file: c.file, line: c.line }] });
    }
  }
  return facts;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function componentName(file: string): string {
  const base = file.split('/').pop() ?? file;
  const stem = base.replace(/\.[a-z]+$/i, '');
  return stem === 'index' ? file.split('/').slice(-2, -1)[0] ?? stem : stem;
}

