#!/usr/bin/env node
// `npm run build` step 2: bundles the CLI and its analysis worker into dist/bin/ with esbuild.
//
// Why: loading ~400 small ES modules (ours, Ink, React, marked, zod) cost the CLI ~0.45 s before it could draw
// anything; one bundle per entry loads in about a third of that. Dynamic imports stay separate chunks (splitting),
// so `--yes` still never loads React and the UI thread never loads the compiler. tsc still compiles every file to
// dist/src (type-checked, used by the tests that import modules); dist/bin is what users run.
//
// ts-morph stays outside the bundle: it is CommonJS around a 9 MB compiler that gains nothing from bundling, and it
// is loaded with `require` (see src/scan/ts.ts). It is the package's one runtime dependency: everything else is in
// the bundle, so `dependencies` in package.json lists only what `external` does (test/package-deps.test.ts checks
// the list this script writes to dist/bundle-externals.json).
import { build } from 'esbuild';
import { isBuiltin } from 'node:module';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist/bin');

// Built beside, then swapped in: a CLI started during a rebuild finds the old bundle or the new one, never half of one.
const NEXT = `${OUT}.next-${process.pid}`;
const OLD = `${OUT}.old-${process.pid}`;
/**
 * With DEV=true, Ink connects to React DevTools: it imports react-devtools-core (not a dependency) and reads its own
 * package.json (not in the bundle), and the wizard crashed. Ink's `isDev` is false here and its devtools module is
 * empty, so DEV=true (set for other tools, often) changes nothing, and neither the devtools client nor `ws` is bundled.
 */
const withoutInkDevtools = {
  name: 'without-ink-devtools',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]utils\.js$/ }, () => ({ contents: 'export const isDev = () => false;', loader: 'js' }));
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]devtools\.js$/ }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * marked-terminal highlights code blocks through cli-highlight, which loads highlight.js with all of its 190
 * languages: a 2 MB chunk the review screen waited ~0.12 s for before showing step 1. Sections hold TypeScript, shell,
 * JSON and YAML; these and a few more a user's edit may hold are registered, and a block in any other language is
 * shown plain (cli-highlight's unknown-language path, which marked-terminal catches).
 */
const HIGHLIGHT_LANGUAGES = ['typescript', 'javascript', 'json', 'bash', 'shell', 'yaml', 'xml', 'css', 'markdown', 'plaintext', 'dockerfile', 'sql', 'ini', 'diff', 'python', 'go'];
const highlightSubset = {
  name: 'highlight-subset',
  setup(b) {
    b.onResolve({ filter: /^highlight\.js$/ }, () => ({ path: 'highlight.js', namespace: 'highlight-subset' }));
    b.onLoad({ filter: /.*/, namespace: 'highlight-subset' }, () => ({
      contents: [
        "const hljs = require('highlight.js/lib/core');",
        ...HIGHLIGHT_LANGUAGES.map((l) => `hljs.registerLanguage('${l}', require('highlight.js/lib/languages/${l}'));`),
        'module.exports = hljs;',
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
};

/** The review screen turns marked-terminal's `:emoji:` codes off (`emoji: false`): its 300 KB emoji table is not bundled. */
const withoutEmoji = {
  name: 'without-emoji',
  setup(b) {
    b.onResolve({ filter: /^node-emoji$/ }, () => ({ path: 'node-emoji', namespace: 'without-emoji' }));
    b.onLoad({ filter: /.*/, namespace: 'without-emoji' }, () => ({ contents: 'export function get() { return undefined; }', loader: 'js' }));
  },
};

rmSync(NEXT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { cli: 'src/cli.tsx', 'analysis-worker': 'src/wizard/analysis-worker.ts' },
  outdir: NEXT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  external: ['ts-morph'],
  plugins: [withoutInkDevtools, highlightSubset, withoutEmoji],
  metafile: true,
  // React's production build: the development one checks every render and is twice the size.
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies inside an ES module bundle call `require` for Node's built-ins.
  banner: { js: "import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);" },
  // Flat, beside the entries: `new URL('./analysis-worker.js', import.meta.url)` must resolve from any chunk.
  chunkNames: '[name]-[hash]',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// What the bundle still imports at run time, besides Node's own modules: the package's runtime dependencies.
const externals = new Set();
for (const output of Object.values(result.metafile.outputs)) {
  for (const i of output.imports) if (i.external && !isBuiltin(i.path)) externals.add(i.path.replace(/^((?:@[^/]+\/)?[^/]+).*$/, '$1'));
}
writeFileSync(path.join(ROOT, 'dist/bundle-externals.json'), `${JSON.stringify([...externals].sort(), null, 2)}\n`);
try {
  renameSync(OUT, OLD);
} catch {
  /* the first build: nothing to move aside */
}
renameSync(NEXT, OUT);
rmSync(OLD, { recursive: true, force: true });
