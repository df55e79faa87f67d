/**
 * Next.js API routes: `pages/api/**` handlers (methods read from `req.method` checks, else any method) and App Router
 * `route.ts` files (one route per exported `GET`, `POST`…). URL paths come from the shared Next.js routing rules.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { nextRouteFiles } from '../shared/next-routes.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export interface NextApiRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: string;
  readonly file: string;
  readonly line: number;
}

export function nextApiRoutes(index: RepoIndex, packageDir: string): NextApiRoute[] {
  const out: NextApiRoute[] = [];
  for (const route of nextRouteFiles(index, packageDir)) {
    if (route.kind !== 'route' && route.kind !== 'api') continue;
    const sf = index.parse(route.file);
    if (!sf) continue;
    if (route.kind === 'route') {
      for (const e of exportedMethods(sf)) out.push({ method: e.name, path: route.path, handler: e.name, file: route.file, line: e.line });
    } else {
      const methods = pagesMethods(sf);
      const line = defaultExportLine(sf);
      if (methods.length === 0) out.push({ method: 'ALL', path: route.path, handler: 'default', file: route.file, line });
      for (const m of methods) out.push({ method: m, path: route.path, handler: 'default', file: route.file, line });
    }
  }
  return out;
}

function exportedMethods(sf: ts.SourceFile): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && exported(s) && METHODS.has(s.name.text)) out.push({ name: s.name.text, line: lineOf(s, sf) });
    if (ts.isVariableStatement(s) && exported(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && METHODS.has(d.name.text)) out.push({ name: d.name.text, line: lineOf(s, sf) });
      }
    }
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const el of s.exportClause.elements) if (METHODS.has(el.name.text)) out.push({ name: el.name.text, line: lineOf(el, sf) });
    }
  }
  return out;
}

/** Methods a Pages Router handler branches on: `req.method === 'POST'`, `case 'GET':`, `['GET','POST'].includes(req.method)`. */
function pagesMethods(sf: ts.SourceFile): string[] {
  const text = sf.text;
  if (!/\.method\b/.test(text)) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:method\s*[!=]==?\s*|case\s+|===?\s*req\.method.{0,0})['"`]([A-Z]+)['"`]/g)) if (METHODS.has(m[1])) found.add(m[1]);
  for (const m of text.matchAll(/['"`]([A-Z]+)['"`]\s*(?:===?|!==?)\s*\w+\.method/g)) if (METHODS.has(m[1])) found.add(m[1]);
  for (const m of text.matchAll(/\[([^\]]*)\]\s*\.includes\(\s*\w+\.method/g)) {
    for (const q of m[1].matchAll(/['"`]([A-Z]+)['"`]/g)) if (METHODS.has(q[1])) found.add(q[1]);
  }
  return [...found].sort();
}

function defaultExportLine(sf: ts.SourceFile): number {
  for (const s of sf.statements) {
    if (ts.isExportAssignment(s)) return lineOf(s, sf);
    if (ts.isFunctionDeclaration(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return lineOf(s, sf);
  }
  return 1;
}
