import { describe, expect, it } from 'vitest';
import { importsFromText, moduleReferences } from '../src/detectors/shared/import-text.js';

const refs = (source: string) => moduleReferences(source).map((r) => `${r.kind} ${r.module}${r.typeOnly ? ' (type)' : ''}`);

describe('moduleReferences: every module a file names, read from text', () => {
  it('reads imports with bindings and bare imports', () => {
    expect(refs("import a, { b } from 'x';\nimport * as ns from 'y'\nimport './polyfill';\nimport 'side-effect'")).toEqual([
      'import x',
      'import y',
      'import ./polyfill',
      'import side-effect',
    ]);
  });

  it('reads re-exports: star, named and namespace', () => {
    expect(refs("export * from './a';\nexport { b as c } from './b';\nexport * as ns from './n';")).toEqual([
      'export ./a',
      'export ./b',
      'export ./n',
    ]);
  });

  it('reads dynamic imports and requires, template names included', () => {
    expect(refs("const m = await import('./lazy');\nconst x = require('pkg/sub');\nrequire(`./tpl`);\nmodule.exports = require('./y');")).toEqual([
      'dynamic ./lazy',
      'require pkg/sub',
      'require ./tpl',
      'require ./y',
    ]);
  });

  it('marks type-only imports and re-exports', () => {
    expect(
      refs(
        "import type { Env } from './env';\nimport { type A, type B } from './types';\nimport { type C, d } from './mixed';\nexport type { E } from './e';",
      ),
    ).toEqual(['import ./env (type)', 'import ./types (type)', 'import ./mixed', 'export ./e (type)']);
  });

  it('skips commented-out imports, line and block', () => {
    const source = "// import { a } from 'gone';\n/*\nimport 'gone-too';\nconst x = require('gone-three');\n*/\nimport { b } from 'kept';";
    expect(refs(source)).toEqual(['import kept']);
  });

  it('does not let a declaration without a semicolon swallow the import after it', () => {
    expect(refs("export type Props = { a: number }\nimport { env } from './env'\n")).toEqual(['import ./env']);
    expect(importsFromText("export const revalidate = 60\nimport { db } from './db'\n").get('db')).toEqual({ module: './db', imported: 'db' });
  });
});

describe('importsFromText: local names from the same scan', () => {
  it('binds defaults, namespaces, named (renamed, type) imports and requires, not re-exports', () => {
    const bindings = importsFromText(
      "import a, { b as c, type T } from 'x';\nimport * as ns from 'y';\nexport { z } from 'z';\nconst { r: s } = require('q');\nconst m = require('m');",
    );
    expect(Object.fromEntries(bindings)).toEqual({
      a: { module: 'x', imported: 'default' },
      c: { module: 'x', imported: 'b' },
      T: { module: 'x', imported: 'T' },
      ns: { module: 'y', imported: '*' },
      s: { module: 'q', imported: 'r' },
      m: { module: 'm', imported: '*' },
    });
  });
});
