/** Astro's file-based routing: a file under `src/pages/` → the URL it is served at, and what kind of route it is. */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';

const CONFIG_NAMES = ['astro.config.mjs', 'astro.config.ts', 'astro.config.js', 'astro.config.mts', 'astro.config.cjs'];

/** The app's pages folder: `<srcDir>/pages`, `srcDir` read from astro.config when a string literal (`srcDir: "."`), else `src`. */
export function astroPagesDir(index: RepoIndex, appDir: string): string {
  const config = CONFIG_NAMES.map((n) => (appDir ? `${appDir}/${n}` : n)).find((f) => index.has(f));
  const srcDir = config ? /\bsrcDir\s*:\s*(['"])([^'"\n]+)\1/.exec(index.read(config) ?? '')?.[2] : undefined;
  const dir = path.posix.normalize(path.posix.join(appDir || '.', srcDir ?? 'src', 'pages'));
  return dir.replace(/^\.\//, '');
}

export type AstroRouteKind = 'page' | 'markdown' | 'endpoint';

const PAGE = /\.(astro|html)$/;
const MARKDOWN = /\.(md|mdx|markdown)$/;
const ENDPOINT = /\.(ts|js|mjs|mts)$/;

/** `blog/[slug].astro` → `/blog/[slug]`, `rss.xml.js` → `/rss.xml`; undefined for `_private` files and non-routes. */
export function astroRoute(relative: string): { path: string; kind: AstroRouteKind } | undefined {
  if (relative.split('/').some((p) => p.startsWith('_')) || relative.endsWith('.d.ts')) return undefined;
  const kind: AstroRouteKind | undefined = PAGE.test(relative)
    ? 'page'
    : MARKDOWN.test(relative)
      ? 'markdown'
      : ENDPOINT.test(relative)
        ? 'endpoint'
        : undefined;
  if (!kind) return undefined;
  const parts = relative.replace(/\.[a-z]+$/, '').split('/');
  if (parts[parts.length - 1] === 'index') parts.pop();
  return { path: `/${parts.join('/')}`, kind };
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL']);
// Astro 1–2 used lower-case handler names (`del` for DELETE).
const LEGACY: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE', all: 'ALL' };

/** Exported names of a module's top level (functions, consts, classes, `export { a as b }`, re-exports). */
export function exportedNames(sf: ts.SourceFile): Map<string, ts.Node> {
  const out = new Map<string, ts.Node>();
  const exported = (n: ts.Node) =>
    ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name && exported(st)) out.set(st.name.text, st);
    else if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) out.set(d.name.text, d);
        // `export const { GET, POST } = handlers` (NextAuth): each bound name is an export.
        else if (ts.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) if (ts.isIdentifier(el.name)) out.set(el.name.text, el);
        }
      }
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      // `export { GET, POST } from '@/auth'` re-exports handlers: they are this module's too.
      for (const el of st.exportClause.elements) out.set(el.name.text, el);
    }
  }
  return out;
}

/** HTTP methods an endpoint module exports (`export const POST`, `export function GET`). */
export function endpointMethods(sf: ts.SourceFile): string[] {
  const methods = new Set<string>();
  for (const name of exportedNames(sf).keys()) {
    if (METHODS.has(name)) methods.add(name);
    else if (LEGACY[name]) methods.add(LEGACY[name]);
  }
  return [...methods].sort();
}

/** `export const prerender = true|false`, when the page sets it. */
export function prerenderFlag(sf: ts.SourceFile): boolean | undefined {
  const node = exportedNames(sf).get('prerender');
  if (!node || !ts.isVariableDeclaration(node) || !node.initializer) return undefined;
  if (node.initializer.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.initializer.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}
