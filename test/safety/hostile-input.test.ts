/**
 * Hostile and odd repositories, each run through every available step with `--yes` by the built CLI. Each case has a
 * plain-language outcome: exit 0 with an honest section (and a note on stderr where something was left out), or the
 * documented one-sentence error. Never a stack trace, never a hang, never raw control characters in the output.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STEPS } from '../../src/steps/registry.js';
import { citedPaths } from '../../src/steps/verify-citations.js';
import { CONTROL, expectCompleteOutput, expectPlain, leftBehind, runCli } from './cli.js';

const AVAILABLE = STEPS.filter((s) => s.definition).map((s) => s.number);

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repo(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-hostile-'));
  made.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function commitAll(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
}

const PACKAGE = JSON.stringify({ name: 'odd', version: '1.0.0', description: 'An odd repository.' });

/** A run that must finish every step: exit 0, plain streams, a complete output free of control characters. */
async function expectFinished(dir: string, extra: readonly string[] = []) {
  const run = await runCli([dir, '--yes', ...extra]);
  expectPlain(run);
  expect(run.code, run.stderr).toBe(0);
  const left = leftBehind(dir);
  expectCompleteOutput(left.output, AVAILABLE);
  expect(left.output).not.toMatch(CONTROL);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(CONTROL);
  return { run, ...left };
}

describe.concurrent('hostile input, --yes through every available step', { timeout: 120_000 }, () => {
  it('a missing path: exit 1 and one sentence naming it', async () => {
    const missing = path.join(os.tmpdir(), 'pc-hostile-does-not-exist', 'repo');
    const run = await runCli([missing, '--yes']);
    expectPlain(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`There is no folder at ${missing}.`);
  });

  it('a file instead of a folder: exit 1, naming the folder to try', async () => {
    const dir = repo({ 'notes.txt': 'hello\n' });
    const run = await runCli([path.join(dir, 'notes.txt'), '--yes']);
    expectPlain(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is a file; project-context needs the repository');
    expect(run.stderr).toContain(`Try: project-context ${dir}`);
  });

  it('an empty folder: every step says there is nothing to map', async () => {
    const { output } = await expectFinished(repo());
    expect(output).toContain('No package.json found');
  });

  it('a folder with no package.json (plain TypeScript files): steps run and say so', async () => {
    const { output } = await expectFinished(repo({ 'README.md': '# Loose scripts\n\nA few scripts.\n', 'scripts/build.ts': 'export const build = () => 1;\n' }));
    expect(output).toContain('No package.json found');
    expect(output).toContain('Loose scripts');
  });

  it('a repository in another language (only Python): no JavaScript facts invented', async () => {
    const dir = repo({
      'README.md': '# Pyapp\n\nA Flask service.\n',
      'requirements.txt': 'flask==3.0.0\n',
      'app/main.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/health")\ndef health():\n    return "ok"\n',
      'setup.py': 'from setuptools import setup\nsetup(name="pyapp")\n',
    });
    commitAll(dir);
    const { output } = await expectFinished(dir);
    expect(output).toContain('No package.json found');
    expect(output).not.toMatch(/\bGET\b|\/health/); // the Flask route is not mistaken for a JavaScript one
  });

  it('TypeScript with syntax errors: the valid parts are still read', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ name: 'broken-ts', dependencies: { express: '^4.19.0' } }),
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/ok', (req, res) => res.send('ok'));\napp.listen(3000);\n",
      'src/broken.ts': 'export const = ;;; class { interface <<< \n function (((\n',
      'src/half.tsx': 'export function View() { return <div><span>unclosed </div>; \n',
    });
    const { output } = await expectFinished(dir);
    expect(output).toContain('broken-ts');
  });

  it('a 20 MB minified JavaScript file: skipped by size, the run stays fast', async () => {
    const chunk = 'function a0(b,c){return b+c}var TOKEN_IN_THE_BUNDLE=1;';
    const dir = repo({ 'package.json': PACKAGE, 'dist/bundle.min.js': chunk.repeat(Math.ceil(20_000_000 / chunk.length)), 'src/index.ts': 'export const x = 1;\n' });
    commitAll(dir);
    const started = Date.now();
    const { output } = await expectFinished(dir);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(output).not.toContain('TOKEN_IN_THE_BUNDLE');
  });

  it('binary files with a .ts name: not parsed, not quoted, reported as binary when a step tried them', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    bytes.write('BINARY_CANARY', 100, 'latin1');
    const dir = repo({ 'package.json': JSON.stringify({ name: 'bin-ts', dependencies: { express: '^4.19.0' } }), 'src/index.ts': bytes, 'src/routes.ts': bytes });
    const { run, output } = await expectFinished(dir);
    expect(output).not.toContain('BINARY_CANARY');
    expect(run.stderr).toMatch(/Not analysed — binary: \/src\/index\.ts/);
  });

  it('invalid UTF-8 in README, package.json and source: the output is valid UTF-8', async () => {
    const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]);
    const dir = repo({
      'package.json': Buffer.concat([Buffer.from('{"name":"latin","description":"Caf'), bad, Buffer.from(' menu"}')]),
      'README.md': Buffer.concat([Buffer.from('# Caf'), bad, Buffer.from('\n\nA caf'), bad, Buffer.from(' menu.\n')]),
      'src/menu.ts': Buffer.concat([Buffer.from('export const name = "'), bad, Buffer.from('";\n')]),
    });
    const { output } = await expectFinished(dir); // leftBehind decodes strictly: invalid UTF-8 would throw
    expect(output).toContain('latin');
  });

  it('symbolic link loops (git and plain folders): listed, never followed, no hang', async () => {
    for (const git of [false, true]) {
      const dir = repo({ 'package.json': PACKAGE, 'src/index.ts': 'export const x = 1;\n' });
      symlinkSync('loop-b', path.join(dir, 'loop-a'));
      symlinkSync('loop-a', path.join(dir, 'loop-b'));
      symlinkSync('.', path.join(dir, 'self'));
      symlinkSync('..', path.join(dir, 'src', 'up'));
      symlinkSync('loop-a', path.join(dir, 'package-link.json'));
      if (git) commitAll(dir);
      await expectFinished(dir);
    }
  });

  it('symbolic links pointing outside the repository: never followed, their content never appears', async () => {
    const outside = repo({
      'secret.ts': 'export const OUTSIDE_CANARY_TS = "outside-canary-7f3a";\n',
      'README.md': '# OUTSIDE_CANARY_README\n\noutside-canary-7f3a\n',
      'pkg/package.json': JSON.stringify({ name: 'outside-canary-pkg', description: 'outside-canary-7f3a' }),
    });
    for (const git of [false, true]) {
      const dir = repo({ 'package.json': JSON.stringify({ name: 'linked', workspaces: ['packages/*'] }), 'src/index.ts': 'export const x = 1;\n' });
      symlinkSync(path.join(outside, 'README.md'), path.join(dir, 'README.md'));
      symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'src', 'secret.ts'));
      mkdirSync(path.join(dir, 'packages'));
      symlinkSync(path.join(outside, 'pkg'), path.join(dir, 'packages', 'outside'));
      symlinkSync(outside, path.join(dir, 'everything-outside'));
      if (git) commitAll(dir);
      const { run, output, state } = await expectFinished(dir);
      for (const text of [output, state, run.stdout, run.stderr]) {
        expect(text).not.toMatch(/outside-canary|OUTSIDE_CANARY/);
      }
    }
  });

  it('unreadable files: left out and reported (as an unprivileged user, since root reads everything)', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ name: 'locked', dependencies: { express: '^4.19.0' } }),
      'README.md': '# LOCKED_README_CANARY\n',
      'src/server.ts': "import express from 'express';\nexport const LOCKED_SOURCE_CANARY = express();\n",
      'src/open.ts': 'export const open = 1;\n',
    });
    chmodSync(path.join(dir, 'README.md'), 0o000);
    chmodSync(path.join(dir, 'src/server.ts'), 0o000);
    // Root ignores file modes, so the wizard runs as `nobody` and owns the folder (to write its output there).
    const asRoot = process.getuid?.() === 0;
    if (asRoot) for (const p of [dir, path.join(dir, 'src'), path.join(dir, 'package.json'), path.join(dir, 'src/open.ts')]) chownSync(p, 65534, 65534);
    const run = await runCli([dir, '--yes'], asRoot ? { uid: 65534, gid: 65534, env: { HOME: dir } } : {});
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    const { output } = leftBehind(dir);
    expectCompleteOutput(output, AVAILABLE);
    expect(output).not.toMatch(/LOCKED_(README|SOURCE)_CANARY/);
    expect(run.stderr).toMatch(/Not analysed — unreadable \([^)]*\): [^\n]*\/README\.md/);
  });

  it('a FIFO and a folder where files are expected: never opened for reading, no hang', async () => {
    const dir = repo({ 'package.json': PACKAGE });
    execFileSync('mkfifo', [path.join(dir, 'README.md')]);
    mkdirSync(path.join(dir, 'src', 'index.ts'), { recursive: true });
    writeFileSync(path.join(dir, 'src', 'index.ts', 'inner.ts'), 'export const y = 2;\n');
    await expectFinished(dir);
  });

  it('PROJECT-CONTEXT.md or the session folder committed as links out of the repository: refused, nothing written there', async () => {
    const elsewhere = repo({ 'precious.txt': 'keep me\n' });
    const linkedOutput = repo({ 'package.json': PACKAGE });
    symlinkSync(path.join(elsewhere, 'precious.txt'), path.join(linkedOutput, 'PROJECT-CONTEXT.md'));
    const linkedState = repo({ 'package.json': PACKAGE });
    symlinkSync(elsewhere, path.join(linkedState, '.project-context'));
    for (const [dir, says] of [
      [linkedOutput, 'is a symbolic link; project-context does not read or write through links.'],
      [linkedState, `${path.join(linkedState, '.project-context')} is a symbolic link; project-context does not read or write through links.`],
    ] as const) {
      commitAll(dir);
      const run = await runCli([dir, '--yes']);
      expectPlain(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(says);
    }
    expect(readdirSync(elsewhere)).toEqual(['precious.txt']);
    expect(readFileSync(path.join(elsewhere, 'precious.txt'), 'utf8')).toBe('keep me\n');
  });

  it('a package.json that is not JSON: read as empty, and stderr says which', async () => {
    const dir = repo({ 'package.json': '{ "name": "half-written", "dependencies": { "react": ', 'src/index.ts': 'export const x = 1;\n' });
    const { run } = await expectFinished(dir);
    expect(run.stderr).toContain('This package.json is not valid JSON and was read as empty: /package.json.');
  });

  it('terminal escape sequences in file names and contents: stripped from the output, the state and the streams', async () => {
    const esc = '\u001b';
    const dir = repo({
      'package.json': JSON.stringify({
        name: `evil${esc}]0;PWNED-TITLE\u0007pkg`,
        description: `Looks fine ${esc}[2J${esc}[31mRED${esc}[0m \u009b6n and a bell \u0007.`,
        workspaces: ['packages/*'],
      }),
      'README.md': `# Title ${esc}]8;;http://evil.example${esc}\\link${esc}]8;;${esc}\\ ${esc}[?1049h\n\nA tagline ${esc}P+q544e${esc}\\ with escapes.\n`,
      [`packages/a${esc}[31mred/package.json`]: JSON.stringify({ name: `pkg${esc}[5m`, description: `blink ${esc}[6n` }),
      [`src/${esc}]0;PWNED-NAME\u0007.ts`]: `export const s = "${esc}]0;PWNED-CONTENT\u0007";\n`,
    });
    commitAll(dir);
    const { run, output, state } = await expectFinished(dir);
    const generated = JSON.parse(state ?? '{}').steps.map((s: { generated?: string }) => s.generated ?? '').join('\n');
    for (const text of [output ?? '', generated, run.stdout, run.stderr]) {
      expect(text).not.toMatch(CONTROL);
      expect(text).not.toContain('PWNED');
    }
    // Printed without their control characters, those names would be other (nonexistent) paths: they are left out.
    const cited = citedPaths(output ?? '').map((c) => c.file);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((f) => f !== '' && !existsSync(path.join(dir, f)))).toEqual([]);
    expect(run.stderr).toContain('named with terminal control characters (a path that cannot be printed as it is): 2 files');
  });

  it('pathologically nested code: those files are left out and named, the rest of the repository is still mapped', async () => {
    const depth = 100_000;
    const dir = repo({
      'package.json': JSON.stringify({ name: 'deep', dependencies: { express: '^4.19.0' } }),
      // Both mention express and process.env, so the detectors that pre-filter on text do try to parse them.
      'src/deep.ts': `import express from 'express';\nexport const x = ${'['.repeat(depth)}${']'.repeat(depth)};\n`,
      'src/ifs.ts': `import express from 'express';\n${'if (process.env.A) {'.repeat(20_000)}${'}'.repeat(20_000)}\n`,
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\n",
    });
    const { run, output } = await expectFinished(dir);
    expect(output).toContain('GET /health');
    expect(run.stderr).toMatch(/nested too deeply to parse[^\n]*\/src\/(deep|ifs)\.ts/);
  });
});
