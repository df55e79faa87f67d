import { constantsOf, property, propertyNameText, staticString } from '../shared/ast.js';
import { commonDir } from '../shared/common-dir.js';
import { exportedConfig } from '../config-files/js-config.js';
import { ts } from '../../scan/ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { readRollupConfig } from './rollup-entries.js';

/**
 * The entries a library bundler config names, read from its syntax tree (never executed): tsup/tsdown `entry`
 * (`{ claps: './components/claps/claps.tsx' }` or `['src/index.ts', 'src/cli.ts']`) and Vite library mode
 * (`build.lib.entry` with `build.lib.fileName`). package.json's `main: ./claps.js` is then the build output of
 * `components/claps/claps.tsx`, which no file-name convention could find.
 */
export interface BundlerEntry {
  /** Output name without extension, relative to the output folder: `claps`, `cli/index`. */
  readonly name: string;
  /** Repo-relative source file as the config names it (it may not exist). */
  readonly source: string;
  /** Output folder relative to the package (`dist` unless the config says otherwise). */
  readonly outDir: string;
  /** Vite names outputs `<fileName>.<format>.js` (`lib.es.js`, `lib.umd.cjs`) as well as `<fileName>.js`. */
  readonly formatSuffix: boolean;
  readonly config: string;
  readonly line: number;
  /** `tsup`, `tsdown`, `Vite library`, `rollup`. */
  readonly tool: string;
  /**
   * The output folder is not static (Rollup options built by a function: `dir: \`${dest}/mjs\``): the entry builds
   * `<name>.js` in some folder, so a declared `dist/mjs/<name>.js` is its output.
   */
  readonly anyDir?: boolean;
}

const CONFIGS = /^(tsup|tsdown|vite|rollup)\.config\.[cm]?[jt]s$/;
const OUT_EXT = /(\.d)?\.[cm]?[jt]sx?$|\.d\.[cm]?ts$/;
const BUILD_DIR = /^(dist|build|lib|out|esm|cjs)\//;
const FORMAT = /\.(es|esm|mjs|cjs|umd|iife|module|common)$/;

/** Every entry the package's bundler configs name (configs in the package folder itself). */
export function bundlerEntries(index: RepoIndex, dir: string, own: readonly string[]): BundlerEntry[] {
  const prefix = dir ? `${dir}/` : '';
  const out: BundlerEntry[] = [];
  for (const file of own) {
    if (!file.startsWith(prefix) || !CONFIGS.test(file.slice(prefix.length))) continue;
    const rollup = /^rollup\./.test(file.slice(prefix.length));
    const raw =
      index.memo('bundler-entries@3', file, (text) => (rollup ? (/\binput\b/.test(text) ? readRollupConfig(index, file) : []) : /\bentry\b/.test(text) ? readConfig(index, file) : [])) ?? [];
    const tool = /^vite/.test(file.slice(prefix.length)) ? 'Vite library' : file.slice(prefix.length).split('.')[0];
    for (const e of raw) out.push({ ...e, source: normalise(prefix + e.source), config: file, tool });
  }
  return out;
}

/** The source a declared output (`claps.js`, `./dist/cli/index.mjs`, `dist/lib.umd.cjs`) is built from, or undefined. */
export function entryBuiltTo(entries: readonly BundlerEntry[], rel: string, has: (file: string) => boolean): BundlerEntry | undefined {
  const stem = rel.replace(/^\.\//, '').replace(OUT_EXT, '');
  // Entries whose output folder is unknown match by name alone: two sources of one name say nothing.
  const loose = entries.filter((e) => e.anyDir && has(e.source) && BUILD_DIR.test(stem) && stem.endsWith(`/${e.name}`));
  const looseOk = new Set(loose.map((e) => e.source)).size === 1;
  for (const e of entries) {
    if (!has(e.source)) continue;
    const out = e.outDir.replace(/^\.\//, '').replace(/\/$/, '');
    // Relative to the package (`dist/claps.js`) or to the output folder, when package.json is copied into it.
    const names = [stem, stem.startsWith(`${out}/`) ? stem.slice(out.length + 1) : stem];
    if (e.formatSuffix) names.push(...names.map((n) => n.replace(FORMAT, '')));
    if (names.includes(e.name)) return e;
    // An output folder the config does not give (`${dest}/mjs`): a file of that name in a build folder.
    if (looseOk && loose.includes(e)) return e;
  }
  return undefined;
}

export type RawBundlerEntry = Omit<BundlerEntry, 'config' | 'tool'>;
type Raw = RawBundlerEntry;

function readConfig(index: RepoIndex, file: string): Raw[] {
  const sf = index.parse(file);
  if (!sf) return [];
  const constants = constantsOf(sf);
  const vite = /(^|\/)vite\.config\./.test(file);
  const out: Raw[] = [];
  for (const config of configObjects(sf, constants)) {
    const lib = vite ? property(property(config, 'build'), 'lib') : undefined;
    const entry = deref(vite ? property(lib, 'entry') : property(config, 'entry'), constants);
    if (!entry) continue;
    const outDir = text(vite ? property(property(config, 'build'), 'outDir') : property(config, 'outDir'), constants) ?? 'dist';
    const fileName = vite ? text(property(lib, 'fileName'), constants) : undefined;
    const line = (n: ts.Node) => index.lineAt(file, n.getStart(sf)) ?? 1;
    const add = (name: string, source: string, node: ts.Node) =>
      out.push({ name, source, outDir, formatSuffix: vite, line: line(node) });
    if (ts.isObjectLiteralExpression(entry)) {
      for (const p of entry.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const name = propertyNameText(p.name);
        const source = text(p.initializer, constants);
        if (name && source && !source.includes('*')) add(name, source, p);
      }
      continue;
    }
    const list = ts.isArrayLiteralExpression(entry) ? [...entry.elements] : [entry];
    const sources = list.flatMap((n) => {
      const s = text(n, constants);
      return s && !s.includes('*') ? [{ s: s.replace(/^\.\//, ''), n }] : [];
    });
    // esbuild names outputs by their path below the entries' common folder (`src/cli/main.ts` → `cli/main.js`).
    const base = commonDir(sources.map((x) => x.s));
    for (const { s, n } of sources) {
      const name = vite && fileName && sources.length === 1 ? fileName : s.slice(base.length).replace(/\.[cm]?[jt]sx?$/, '');
      add(name, s, n);
    }
  }
  return out;
}

/** The exported config, or each config of an exported array (`defineConfig([{…}, {…}])`). */
function configObjects(sf: ts.SourceFile, constants: Map<string, ts.Expression>): ts.ObjectLiteralExpression[] {
  for (const st of sf.statements) {
    if (!ts.isExportAssignment(st)) continue;
    let e: ts.Expression | undefined = deref(st.expression, constants);
    if (e && ts.isCallExpression(e) && e.arguments.length === 1) e = deref(e.arguments[0], constants);
    if (e && ts.isArrayLiteralExpression(e)) {
      return e.elements.map((x) => deref(x, constants)).filter((x): x is ts.ObjectLiteralExpression => !!x && ts.isObjectLiteralExpression(x));
    }
  }
  const one = exportedConfig(sf);
  return one ? [one] : [];
}

export function deref(e: ts.Expression | undefined, constants: Map<string, ts.Expression>, depth = 0): ts.Expression | undefined {
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
  if (e && ts.isIdentifier(e) && depth < 4) return deref(constants.get(e.text), constants, depth + 1) ?? e;
  return e;
}

export function text(e: ts.Expression | undefined, constants: Map<string, ts.Expression>): string | undefined {
  const s = e && staticString(e, constants);
  return s?.resolved ? s.text : undefined;
}

/** `pkg/./components/x.tsx` → `pkg/components/x.tsx`. */
function normalise(path: string): string {
  return path.replace(/(^|\/)\.\//g, '$1');
}

const BUNDLER_CONFIG = /^(tsdown|tsup|rollup|rolldown|webpack|esbuild|unbuild|build|vite|rspack|microbundle)\.config\.[cm]?[jt]s$/;

/**
 * The package's bundler config when its entries could not all be read (a webpack or esbuild config, glob entries,
 * Rollup options whose output folder a function builds): what it builds is then unknown, not "no source file".
 */
export function unsureBundler(index: RepoIndex, dir: string, bundled: readonly BundlerEntry[]): string | undefined {
  const config = bundlerConfig(index, dir);
  if (!config) return undefined;
  const read = bundled.filter((e) => e.config === config);
  return read.length === 0 || read.some((e) => e.anyDir) ? config : undefined;
}

/** The package's own bundler config (`rollup.config.ts`), when it has one. */
export function bundlerConfig(index: RepoIndex, dir: string): string | undefined {
  const prefix = dir ? `${dir}/` : '';
  return index.files.find((f) => f.startsWith(prefix) && BUNDLER_CONFIG.test(f.slice(prefix.length)));
}
