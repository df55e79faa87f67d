/**
 * Environment variables a frontend app reads: `import.meta.env.X` (Vite, Astro), `process.env.X` (Next.js, CRA),
 * destructuring from either, and the names its `.env*` files declare. Names only: values are never read or shown.
 */
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { mentions } from '../shared/ast.js';
import { parseAstro } from '../astro/frontmatter.js';

export interface EnvRead {
  readonly name: string;
  readonly at: Citation;
  /** `import.meta.env` (where Vite and Astro put their built-ins) or `process.env`; undefined when matched as text. */
  readonly via?: 'import.meta' | 'process';
}

const BUILTIN = new Set(['MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'SITE', 'ASSETS_PREFIX', 'NODE_ENV']);
const TEMPLATE_FILE = /\.(astro|vue|svelte|html|mdx)$/;
const TEXT_READ = /\b(?:import\.meta\.env|process\.env)(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g;

/**
 * `MODE`, `BASE_URL`… are built-ins of `import.meta.env` only: `process.env.BASE_URL` in a Next.js app, or a name the
 * app's own dotenv files declare, is the project's variable. `NODE_ENV` is set by the tools either way.
 */
export function isBuiltinEnv(name: string, reads: readonly EnvRead[] = [], declaredByApp = false): boolean {
  if (!BUILTIN.has(name)) return false;
  if (name === 'NODE_ENV') return true;
  return !declaredByApp && !reads.some((r) => r.via === 'process');
}

/** Which prefix exposes a variable to browser code, per framework. */
export function publicPrefix(framework: string, buildTool?: string): string | undefined {
  if (framework === 'next') return 'NEXT_PUBLIC_';
  if (framework === 'astro') return 'PUBLIC_';
  if (buildTool === 'react-scripts') return 'REACT_APP_';
  if (buildTool === 'vite' || framework === 'remix' || framework === 'vue' || framework === 'svelte') return 'VITE_';
  return undefined;
}

export function envReads(index: RepoIndex, files: readonly string[]): EnvRead[] {
  const out: EnvRead[] = [];
  for (const file of files) {
    const source = isSourceFile(file);
    if (!source && !TEMPLATE_FILE.test(file)) continue;
    const text = index.read(file);
    if (!mentions(text, ['import.meta.env', 'process.env'])) continue;
    if (source) out.push(...fromTree(index.parse(file)));
    else {
      // Template markup is not TypeScript; the frontmatter is, and the rest is matched as text.
      if (file.endsWith('.astro')) out.push(...fromTree(parseAstro(index, file)));
      const seen = new Set(out.filter((r) => r.at.file === file).map((r) => `${r.name}:${r.at.line}`));
      for (const m of text!.matchAll(TEXT_READ)) {
        const line = text!.slice(0, m.index).split('\n').length;
        const name = m[1] ?? m[2];
        if (!seen.has(`${name}:${line}`)) out.push({ name, at: { file, line } });
      }
    }
  }
  return out;
}

function isEnvObject(e: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'env') return false;
  const left = e.expression;
  return (ts.isIdentifier(left) && left.text === 'process') || ts.isMetaProperty(left);
}

function via(envObject: ts.Expression): EnvRead['via'] {
  return ts.isPropertyAccessExpression(envObject) && ts.isMetaProperty(envObject.expression) ? 'import.meta' : 'process';
}

function fromTree(sf: ts.SourceFile | undefined): EnvRead[] {
  if (!sf) return [];
  const out: EnvRead[] = [];
  const file = sf.fileName.replace(/\.astro\.ts$/, '.astro');
  walk(sf, (node) => {
    if (ts.isPropertyAccessExpression(node) && isEnvObject(node.expression)) {
      out.push({ name: node.name.text, at: { file, line: lineOf(node, sf) }, via: via(node.expression) });
    } else if (ts.isElementAccessExpression(node) && isEnvObject(node.expression) && ts.isStringLiteralLike(node.argumentExpression)) {
      out.push({ name: node.argumentExpression.text, at: { file, line: lineOf(node, sf) }, via: via(node.expression) });
    } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer && isEnvObject(node.initializer)) {
      for (const el of node.name.elements) {
        const key = el.propertyName ?? el.name;
        if (ts.isIdentifier(key)) out.push({ name: key.text, at: { file, line: lineOf(el, sf) }, via: via(node.initializer) });
      }
    }
  });
  return out;
}

/** Variable names declared in the app's `.env`, `.env.example`, `.env.development`… files. */
export function envFileNames(index: RepoIndex, files: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of files) {
    const base = file.split('/').pop() ?? '';
    if (!/^\.env(\.|$)/.test(base)) continue;
    for (const line of (index.read(file) ?? '').split(/\r?\n/)) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
      if (!m) continue;
      const list = out.get(m[1]) ?? [];
      if (!list.includes(file)) list.push(file);
      out.set(m[1], list);
    }
  }
  return out;
}
