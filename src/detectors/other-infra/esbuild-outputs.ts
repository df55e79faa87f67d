/**
 * Build scripts that call esbuild (`esbuild-lambda.js`: `esbuild.build({ entryPoints: ['src/lambda/handler.ts'],
 * outdir: 'dist-lambda' })`), read from their syntax trees and never run: which source file each output is built
 * from. A Lambda whose archive zips `dist-lambda/handler.mjs` then runs `src/lambda/handler.ts`.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, walk } from '../../scan/ts.js';
import { constantsOf, lastName, property, propertyNameText, staticString } from '../shared/ast.js';
import { commonDir } from '../shared/common-dir.js';

export interface BuiltOutput {
  /** Output path without extension, repo-relative (`dist-lambda/handler`). */
  readonly out: string;
  /** The source it is built from, repo-relative (it exists in the repository). */
  readonly source: string;
  /** The build script and the line of the entry. */
  readonly file: string;
  readonly line: number;
}

/** Script names that build: `esbuild-lambda.js`, `build.mjs`, `scripts/bundle.ts`. */
const SCRIPT = /(^|\/)[^/]*(esbuild|build|bundle)[^/]*\.[cm]?[jt]s$/i;
const EXT = /\.[cm]?[jt]sx?$/;

/** Every output the repository's esbuild scripts name, by output stem. */
export function esbuildOutputs(index: RepoIndex): Map<string, BuiltOutput> {
  const out = new Map<string, BuiltOutput>();
  for (const file of index.files) {
    if (!SCRIPT.test(file) || file.endsWith('.d.ts') || /(^|\/)node_modules\//.test(file)) continue;
    const found = index.memo('esbuild-outputs@1', file, (text) => (/\bentryPoints\b/.test(text) && /esbuild/.test(text) ? read(index, file) : [])) ?? [];
    for (const o of found) if (!out.has(o.out)) out.set(o.out, o);
  }
  return out;
}

/** `path.join('.', outDir)`, `path.resolve(__dirname, 'dist')`, a template or a constant: a relative path, when static. */
function pathText(e: ts.Expression | undefined, constants: Map<string, ts.Expression>, depth = 0): string | undefined {
  if (!e || depth > 4) return undefined;
  if (ts.isIdentifier(e) && constants.has(e.text)) return pathText(constants.get(e.text), constants, depth + 1);
  if (ts.isCallExpression(e) && /^(join|resolve)$/.test(lastName(e.expression) ?? '')) {
    const parts = e.arguments.filter((a) => !(ts.isIdentifier(a) && a.text === '__dirname')).map((a) => pathText(a, constants, depth + 1));
    return parts.every((p): p is string => p !== undefined) ? path.posix.join('.', ...parts) : undefined;
  }
  const s = staticString(e, constants);
  return s?.resolved ? s.text : undefined;
}

function read(index: RepoIndex, file: string): BuiltOutput[] {
  const sf = index.parse(file);
  if (!sf) return [];
  const constants = constantsOf(sf);
  const out: BuiltOutput[] = [];
  walk(sf, (n) => {
    if (!ts.isObjectLiteralExpression(n)) return;
    let entries = property(n, 'entryPoints');
    if (entries && ts.isIdentifier(entries)) entries = constants.get(entries.text);
    if (!entries) return;
    // esbuild resolves paths from its working folder: the script's package folder (npm runs scripts there) or its own.
    const bases = [...new Set([packageDir(index, file), path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file)])];
    const pairs: { src: string; name?: string; node: ts.Node }[] = [];
    if (ts.isArrayLiteralExpression(entries)) {
      for (const el of entries.elements) {
        if (ts.isObjectLiteralExpression(el)) {
          const src = pathText(property(el, 'in'), constants);
          if (src) pairs.push({ src, name: pathText(property(el, 'out'), constants), node: el });
        } else {
          const src = pathText(el, constants);
          if (src) pairs.push({ src, node: el });
        }
      }
    } else if (ts.isObjectLiteralExpression(entries)) {
      for (const p of entries.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const src = pathText(p.initializer, constants);
        if (src) pairs.push({ src, name: propertyNameText(p.name), node: p });
      }
    }
    const usable = pairs.filter((p) => !p.src.includes('*'));
    const outfile = pathText(property(n, 'outfile'), constants);
    const outdir = pathText(property(n, 'outdir'), constants);
    const outbase = pathText(property(n, 'outbase'), constants);
    const before = out.length;
    const common = commonDir(usable.map((p) => path.posix.normalize(p.src)));
    for (const base of bases) {
      const at = (p: string) => path.posix.normalize(path.posix.join(base || '.', p));
      for (const p of usable) {
        const source = at(p.src);
        if (source.startsWith('..') || !index.has(source)) continue;
        let target: string | undefined;
        if (outfile !== undefined && usable.length === 1) target = at(outfile).replace(EXT, '');
        else if (outdir !== undefined) {
          const below = p.name ?? (outbase !== undefined ? path.posix.relative(path.posix.normalize(outbase), path.posix.normalize(p.src)) : path.posix.normalize(p.src).slice(common.length));
          target = at(path.posix.join(outdir, below)).replace(EXT, '');
        }
        if (target && !target.startsWith('..')) out.push({ out: target, source, file, line: index.lineAt(file, p.node.getStart(sf)) ?? 1 });
      }
      if (out.length > before) break;
    }
  });
  return out;
}

/**
 * The folder of the closest package.json above the file ('' for the root). Not `index.packageOf`: npm runs a script in
 * any folder with a package.json, while packageOf knows only the packages of the workspace layout (no `build/` or
 * `dist/` folder, no unreadable manifest, but Nx projects without one).
 */
function packageDir(index: RepoIndex, file: string): string {
  let dir = path.posix.dirname(file);
  while (dir !== '.' && dir !== '') {
    if (index.has(`${dir}/package.json`)) return dir;
    dir = path.posix.dirname(dir);
  }
  return '';
}
