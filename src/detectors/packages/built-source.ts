/** Where a package's declared entries are built from: `dist/index.js` → `src/index.ts`. */
import type { RepoIndex } from '../../scan/repo-index.js';

export const BUILD_DIRS = /^(dist|build|lib|out|esm|cjs|types)\//;
const SOURCE_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs'];

/** The source file a build output is compiled from: `dist/index.js` → `src/index.ts` (or `index.ts`). */
export function sourceOf(index: RepoIndex, dir: string, rel: string): string | undefined {
  const stem = rel.replace(/\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/, '');
  // Compiled in place (`bin/app.js` from `bin/app.ts`), into a build folder (`dist/index.js` from `src/index.ts`), or
  // published from the build folder so that package.json names `./express.js` for what `src/express.ts` builds to
  // (tsdown/tsup entries, `publishConfig.directory`). A folder entry builds from its index file.
  const inner = BUILD_DIRS.test(rel) ? stem.replace(BUILD_DIRS, '') : stem;
  const bases = [stem, `src/${inner}`, inner, `lib/${inner}`, `src/${inner}/index`, `${inner}/index`];
  for (const base of bases) {
    for (const ext of SOURCE_EXTS) {
      const file = join(dir, base + ext);
      if (index.has(file) && !file.endsWith('.d.ts')) return file;
    }
  }
  // An asset copied into the build folder as is (`dist/client/styles.css` from `client/styles.css`).
  const asset = /\.(css|scss|json|svg|png|wasm|html)$/.exec(rel);
  if (asset && BUILD_DIRS.test(rel)) {
    const inner2 = rel.replace(BUILD_DIRS, '');
    for (const candidate of [inner2, `src/${inner2}`]) if (index.has(join(dir, candidate))) return join(dir, candidate);
  }
  return undefined;
}

export function join(dir: string, rel: string): string {
  return dir ? `${dir}/${rel}` : rel;
}
