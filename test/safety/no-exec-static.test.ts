/**
 * "Never runs the repository" as a rule the code base itself is checked against: only two modules may start
 * processes (git for the file list, the user's own editor), every git call goes through the one helper that disables
 * repository-configured programs, and nothing evaluates code or imports a computed module path.
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
    expect(lister.match(/execFileSync\(/g)).toHaveLength(1);
    expect(lister).toMatch(/execFileSync\('git', \[\.\.\.SAFE_GIT, \.\.\.args\]/);
  });

  it('nothing evaluates code or imports a computed path', () => {
    const offenders = files.flatMap(({ file, text }) =>
      // `require('pkg')` / `import('pkg')` with a literal name loads our own dependencies; a computed or relative one
      // could load a file of the repository.
      [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /['"]node:vm['"]|['"]vm['"]/, /\bcreateRequire\b/, /\brequire\s*\(\s*(?!['"][^./'"])/, /\bimport\s*\(\s*(?!['"])/]
        .filter((re) => re.test(text))
        .map((re) => `${file}: ${re}`),
    );
    expect(offenders).toEqual([]);
  });
});
