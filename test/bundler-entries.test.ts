import { describe, expect, it } from 'vitest';
import { packagesDetector, type PackageFact } from '../src/detectors/packages/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const rootPackage = async (files: Record<string, string>) =>
  ((await detect(packagesDetector, tempRepo(files))) as PackageFact[]).map((f) => f.data)[0];

describe('package entry points built by a bundler config', () => {
  it('maps main/module/types to the tsup entry that builds them (package.json copied into dist/)', async () => {
    const pkg = await rootPackage({
      'package.json': JSON.stringify({ name: 'claps', main: './claps.js', module: './claps.mjs', types: './claps.d.ts', scripts: { export: 'tsup && cp package.json ./dist/' } }),
      'tsup.config.ts': [
        'import { defineConfig } from "tsup";',
        'export default defineConfig({',
        '  entry: {',
        '    claps: "./components/claps/claps.tsx",',
        '    api: "./components/claps/api.ts",',
        '  },',
        '  format: ["cjs", "esm"],',
        '  dts: true,',
        '});',
      ].join('\n'),
      'components/claps/claps.tsx': 'export default function Claps() { return null; }\n',
      'components/claps/api.ts': 'export default function api() {}\n',
    });
    expect(pkg.unresolvedEntries).toEqual([]);
    expect(pkg.entryPoints).toContainEqual({
      file: 'components/claps/claps.tsx',
      role: 'main, module, types',
      builtTo: './claps.js',
      builtBy: { file: 'tsup.config.ts', line: 4 },
    });
    expect(pkg.entryPoints).toContainEqual({ file: 'components/claps/api.ts', role: 'tsup entry "api"', builtBy: { file: 'tsup.config.ts', line: 5 } });
  });

  it('names array entries by their path below the common folder, and reads a Vite library entry', async () => {
    const tsdown = await rootPackage({
      'package.json': JSON.stringify({ name: 'tool', main: './dist/main.cjs', exports: { './core': './dist/core/run.js' } }),
      'tsdown.config.ts': "export default [{ entry: ['lib/cli/main.ts'] }, { entry: ['lib/core/run.ts', 'lib/core/x.ts'], outDir: 'dist/core' }];\n",
      'lib/cli/main.ts': 'export {};\n',
      'lib/core/run.ts': 'export {};\n',
      'lib/core/x.ts': 'export {};\n',
    });
    expect(tsdown.unresolvedEntries).toEqual([]);
    expect(tsdown.entryPoints).toContainEqual(expect.objectContaining({ file: 'lib/core/run.ts', role: 'exports["./core"]' }));
    expect(tsdown.entryPoints).toContainEqual(expect.objectContaining({ file: 'lib/cli/main.ts', role: 'main' }));

    const vite = await rootPackage({
      'package.json': JSON.stringify({ name: 'widget', main: './dist/widget.umd.cjs', module: './dist/widget.js', exports: { './gone': './dist/gone.js' } }),
      'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({ build: { lib: { entry: 'packages/widget/entry.ts', fileName: 'widget' } } });\n",
      'packages/widget/entry.ts': 'export {};\n',
    });
    expect(vite.entryPoints).toContainEqual(expect.objectContaining({ file: 'packages/widget/entry.ts', role: 'main, module' }));
    // Nothing maps `gone.js`: it stays build output with no source.
    expect(vite.unresolvedEntries).toEqual([{ role: 'exports["./gone"]', declared: './dist/gone.js', built: true }]);
  });

  it('maps built outputs to a Rollup input map, also when a function builds the output folders', async () => {
    const pkg = await rootPackage({
      'package.json': JSON.stringify({
        name: 'smoz',
        main: 'dist/cjs/index.js',
        module: 'dist/mjs/index.js',
        exports: { '.': { import: './dist/mjs/index.js' }, './serverless-plugin': { import: './dist/mjs/serverless-plugin.js' }, './other': './dist/mjs/other.js' },
        bin: { smoz: 'dist/cli/index.cjs' },
      }),
      'rollup.config.ts': [
        "const outputPath = 'dist';",
        'const entryPoints = {',
        "  index: 'src/index.ts',",
        "  'serverless-plugin': 'src/serverless/plugin.ts',",
        '};',
        'const outCommon = (dest: string) => [',
        '  { dir: `${dest}/mjs`, format: "esm" },',
        '  { dir: `${dest}/cjs`, format: "cjs" },',
        '];',
        'export const buildLibrary = (dest: string) => ({ input: entryPoints, output: outCommon(dest) });',
        "export const buildCli = (dest: string) => ({ input: 'src/cli/index.ts', output: { file: `${dest}/cli/index.cjs` } });",
        'export default [buildLibrary(outputPath), buildCli(outputPath)];',
      ].join('\n'),
      'src/index.ts': 'export {};\n',
      'src/serverless/plugin.ts': 'export {};\n',
      'src/cli/index.ts': 'export {};\n',
    });
    expect(pkg.entryPoints).toContainEqual({ file: 'src/index.ts', role: 'main, module, exports', builtTo: 'dist/cjs/index.js', builtBy: { file: 'rollup.config.ts', line: 3 } });
    expect(pkg.entryPoints).toContainEqual({ file: 'src/serverless/plugin.ts', role: 'exports["./serverless-plugin"]', builtTo: './dist/mjs/serverless-plugin.js', builtBy: { file: 'rollup.config.ts', line: 4 } });
    // The file-name convention still finds the CLI (its rollup output file is built from a parameter).
    expect(pkg.entryPoints).toContainEqual(expect.objectContaining({ file: 'src/cli/index.ts', role: 'bin.smoz' }));
    // Nothing names `other`: the config builds it from something it does not say, not "no matching source file".
    expect(pkg.unresolvedEntries).toEqual([{ role: 'exports["./other"]', declared: './dist/mjs/other.js', built: true, bundler: 'rollup.config.ts' }]);
  });

  it('reads static Rollup outputs: an input array with output.dir and entryFileNames, and output.file', async () => {
    const pkg = await rootPackage({
      'package.json': JSON.stringify({ name: 'lib', main: './lib/main.cjs', module: './es/worker/index.mjs', types: './types/public.d.ts' }),
      'rollup.config.mjs': [
        'export default [',
        "  { input: 'source/main.ts', output: { file: 'lib/main.cjs', format: 'cjs' } },",
        "  { input: ['source/jobs/worker.ts'], output: { dir: 'es', entryFileNames: '[name]/index.mjs' } },",
        '];',
      ].join('\n'),
      'source/main.ts': 'export {};\n',
      'source/jobs/worker.ts': 'export {};\n',
    });
    expect(pkg.entryPoints).toContainEqual({ file: 'source/main.ts', role: 'main', builtTo: './lib/main.cjs', builtBy: { file: 'rollup.config.mjs', line: 2 } });
    expect(pkg.entryPoints).toContainEqual({ file: 'source/jobs/worker.ts', role: 'module', builtTo: './es/worker/index.mjs', builtBy: { file: 'rollup.config.mjs', line: 3 } });
    // Every entry was read: `types` is build output with no source named by the config.
    expect(pkg.unresolvedEntries).toEqual([{ role: 'types', declared: './types/public.d.ts', built: true }]);
  });
});
