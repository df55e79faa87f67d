/**
 * Files a package script preloads into the process it starts: `NODE_OPTIONS="--import ./mocks/index.js" remix-serve …`,
 * `node -r ./setup.js server.js`, `--loader ./loader.mjs`. Such a file runs with the app (indie-stack's `npm run dev`
 * loads its `mocks/`), so its env reads are not test-only even where its folder name says test code. Scripts named
 * `test…` (and their pre/post hooks) are left out: what only tests preload stays test code.
 */
import { posix } from 'node:path';
import type { RepoIndex } from '../scan/repo-index.js';

const PRELOAD = /(?:--import|--require|--loader|--experimental-loader|(?<![\w-])-r)(?:=|\s+)(['"]?)([^\s'"]+)\1/g;
const TEST_SCRIPT = /^(pre|post)?test(\W|$)/;
const EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '/index.js', '/index.ts'];

export function preloadedFiles(index: RepoIndex): Set<string> {
  const out = new Set<string>();
  for (const pkg of index.packages) {
    for (const [name, script] of Object.entries(pkg.manifest.scripts ?? {})) {
      if (TEST_SCRIPT.test(name) || typeof script !== 'string' || !script.includes('-')) continue;
      // NODE_OPTIONS="--import ./x.js" nests the quotes: take the text inside them as part of the command.
      for (const m of script.replace(/\\?"/g, ' ').matchAll(PRELOAD)) {
        const path = m[2];
        if (!/^\.\.?\//.test(path)) continue;
        const base = posix.normalize(posix.join(pkg.dir, path));
        const file = EXTENSIONS.map((e) => base + e).find((f) => index.has(f));
        if (file) out.add(file);
      }
    }
  }
  return out;
}
