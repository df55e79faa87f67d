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
});
