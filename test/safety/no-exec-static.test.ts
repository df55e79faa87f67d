/**
 * "Never runs the repository" as a rule the code base itself is checked against: only two modules may start
 * processes (git for the file list, the user's own editor), every git call goes through the one helper that disables
 * repository-configured programs, and nothing evaluates code or imports a computed module path (except the code cache,
 * which compiles ts-morph's own files and nothing else).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixture.js';

function sources(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  for (const dir of ['src', 'state']) {
    for (const rel of readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(rel)) continue;
      const file = `${dir}/${rel.split(path.sep).join('/')}`;
      // Comments may describe what the code never does; only code counts.
      const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      out.push({ file, text });
    }
  }
  return out;
}

describe('no code path runs the analysed repository', () => {
  const files = sources();

  it('only the git file lister and the editor hand-off start processes', () => {
    const spawning = files.filter((f) => /['"](node:)?child_process['"]/.test(f.text)).map((f) => f.file);
    expect(spawning.sort()).toEqual(['src/scan/list-files.ts', 'src/wizard/editor.ts']);
    const editor = files.find((f) => f.file === 'src/wizard/editor.ts')!.text;
    expect(editor.match(/spawnSync\(/g)).toHaveLength(1); // the user's $EDITOR on a temp file outside the repository
  });

  it('git runs only through runGit, which overrides core.fsmonitor (a program the repository could name)', () => {
    const lister = files.find((f) => f.file === 'src/scan/list-files.ts')!.text;
    expect(lister).toMatch(/const SAFE_GIT = \['-c', 'core\.fsmonitor=false'\]/);
    // One blocking runner and one that lets the CLI load code while git lists files; both through SAFE_GIT.
    expect(lister.match(/execFileSync\(/g)).toHaveLength(1);
    expect(lister).toMatch(/execFileSync\(program, \[\.\.\.SAFE_GIT, \.\.\.args\]/);
    expect(lister.match(/spawn\(/g)).toHaveLength(1);
    expect(lister).toMatch(/spawn\(program, \[\.\.\.SAFE_GIT, \.\.\.args\], \{ cwd: root, env, stdio: \['ignore', 'pipe', 'ignore'\] \}\)/);
    expect(lister.match(/gitFor\(root\)/g)).toHaveLength(2);
  });

  it('every program is started by the absolute path findProgram resolved, with the trusted PATH (issue 18, case 5)', () => {
    const lister = files.find((f) => f.file === 'src/scan/list-files.ts')!.text;
    // The program and the PATH given to git come from the lookup that skips relative entries and the repository.
    expect(lister).toMatch(/program: findProgram\('git', lookup\), env: \{ \.\.\.process\.env, PATH: trustedPathVariable\(lookup\) \}/);
    expect(lister).toMatch(/const lookup = \{ untrusted: \[root\] \};/);
    const editor = files.find((f) => f.file === 'src/wizard/editor.ts')!.text;
    // Plain words run directly, the program by the path findProgram resolved; otherwise the shell is named by its
    // absolute path and the editor word in its command is replaced by the resolved path.
    expect(editor).toMatch(/const found = findProgram\(word, lookup\);\n\s+return found === undefined \? undefined : \{ file: found, args: \[\.\.\.args, file\], shell: false \};/);
    expect(editor).toMatch(/const resolved = resolvedCommand\(command, lookup\);/);
    expect(editor).toMatch(/return \{ file: '\/bin\/sh', args: \['-c', `\$\{resolved\} "\$@"`, 'editor', file\], shell: true \};/);
    expect(editor).toMatch(/spawnSync\(how\.file, how\.args, \{ stdio: 'inherit', env, shell: how\.shell && how\.file !== '\/bin\/sh' \}\)/);
    expect(editor).toMatch(/const env = \{ \.\.\.process\.env, PATH: trustedPathVariable\(lookup\) \};/);
  });

  it('nothing evaluates code or imports a computed path', () => {
    // The one exception, checked below: the compiler's code cache compiles ts-morph's own files with `vm`.
    const offenders = files.filter(({ file }) => file !== CODE_CACHE).flatMap(({ file, text }) =>
      // `require('pkg')` / `import('pkg')` with a literal name loads our own dependencies; a computed or relative one
      // could load a file of the repository.
      [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /['"]node:vm['"]|['"]vm['"]/, /\bcreateRequire\b/, /\brequire\s*\(\s*(?!['"][^./'"])/, /\bimport\s*\(\s*(?!['"])/]
        .filter((re) => re.test(text))
        .map((re) => `${file}: ${re}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the code cache compiles only ts-morph and the compiler it bundles, found from our own module', () => {
    const cache = files.find((f) => f.file === CODE_CACHE)!.text;
    // The only files it loads: ts-morph, resolved by name from the caller, and the two files of @ts-morph/common.
    expect(cache.match(/loadCommonJs\(/g)).toHaveLength(2); // its definition and one call
    expect(cache).toMatch(/const morph = createRequire\(from\)\.resolve\('ts-morph'\);/);
    expect(cache).toMatch(/const common = createRequire\(morph\)\.resolve\('@ts-morph\/common'\);/);
    expect(cache).toMatch(/for \(const file of \[path\.join\(path\.dirname\(common\), 'typescript\.js'\), common, morph\]\) \{/);
    // …and its one caller passes its own module's URL, never a path of the repository.
    const callers = files.filter((f) => f.file !== CODE_CACHE && /preloadTsMorph\(/.test(f.text));
    expect(callers.map((f) => [f.file, f.text.match(/preloadTsMorph\([^)]*\)/g)])).toEqual([['src/scan/ts.ts', ['preloadTsMorph(import.meta.url)']]]);
  });
});

const CODE_CACHE = 'src/scan/code-cache.ts';
