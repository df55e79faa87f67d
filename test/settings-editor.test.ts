import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProgram } from '../src/scan/find-program.js';
import { chooseEditor, editInEditor, editorInvocation } from '../src/wizard/editor.js';
import { CLI } from './helpers/pty.js';

function script(body: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pc-ed-')), 'ed.sh');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function cli(args: string[], configDir: string) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PROJECT_CONTEXT_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('project-context config', () => {
  it('remembers an editor, shows it, and clears it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-config-'));
    expect(cli(['config', 'editor', 'code', '--wait'], dir).status).toBe(2); // --wait is not a flag of ours
    const set = cli(['config', 'editor', 'code -w'], dir);
    expect(set.status).toBe(0);
    expect(set.stdout).toContain('editor = code -w');
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({ editor: 'code -w' });
    const show = cli(['config'], dir);
    expect(show.stdout).toContain(`Settings file: ${path.join(dir, 'config.json')}`);
    expect(show.stdout).toContain('editor = code -w');
    expect(cli(['config', 'editor', ''], dir).stdout).toContain('editor = (not set)');
  });

  it('refuses unknown settings (exit 2) and ignores a hand-broken settings file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-config-'));
    const bad = cli(['config', 'colour', 'blue'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Unknown setting "colour"');
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ editor: 42 }));
    expect(cli(['config'], dir).stdout).toContain('editor = (not set)');
  });
});

describe('choosing and running the editor', () => {
  it('prefers --editor, then the saved setting, then $VISUAL, then $EDITOR, then vi', () => {
    expect(chooseEditor('nano', 'code -w', { VISUAL: 'emacs', EDITOR: 'ed' })).toBe('nano');
    expect(chooseEditor(undefined, 'code -w', { VISUAL: 'emacs', EDITOR: 'ed' })).toBe('code -w');
    expect(chooseEditor(undefined, undefined, { VISUAL: 'emacs', EDITOR: 'ed' })).toBe('emacs');
    expect(chooseEditor(undefined, undefined, { EDITOR: 'ed' })).toBe('ed');
    expect(chooseEditor(undefined, undefined, {})).toBe('vi');
  });


  it('returns the saved text without the instruction banner, and passes the command\'s own arguments before the file', () => {
    const ed = script('for last; do :; done\n[ "$1" = --some-flag ] || exit 9\nsed -i "s/old/new/" "$last"');
    const result = editInEditor('## 1. Title\n\nold text\n', `${ed} --some-flag`, 'step-1');
    expect(result).toEqual({ kind: 'changed', text: '## 1. Title\n\nnew text\n' });
  });

  it('reports a failing editor, an emptied file, and no change', () => {
    expect(editInEditor('x\n', script('exit 3'), 's')).toEqual({ kind: 'failed', message: expect.stringContaining('exited with code 3') });
    expect(editInEditor('x\n', script(': > "$1"'), 's')).toEqual({ kind: 'empty' });
    expect(editInEditor('x\n', script('true'), 's')).toEqual({ kind: 'unchanged' });
    expect(editInEditor('x\n', '/no/such/editor', 's').kind).toBe('failed');
  });
});

describe('starting the editor', () => {
  it('runs plain words directly by the program\'s absolute path, without a shell; quotes and variables go through /bin/sh', () => {
    const cat = findProgram('cat')!;
    expect(cat).toMatch(/^\/.*\/cat$/);
    expect(editorInvocation('cat', '/t/s.md')).toEqual({ file: cat, args: ['/t/s.md'], shell: false });
    expect(editorInvocation(`${cat} -u`, '/t/s.md')).toEqual({ file: cat, args: ['-u', '/t/s.md'], shell: false });
    expect(editorInvocation('cat -c "set tw=0"', '/t/s.md')).toEqual({ file: '/bin/sh', args: ['-c', `'${cat}' -c "set tw=0" "$@"`, 'editor', '/t/s.md'], shell: true });
    expect(editorInvocation(`"${cat}" -u`, '/t/s.md')).toEqual({ file: '/bin/sh', args: ['-c', `'${cat}' -u "$@"`, 'editor', '/t/s.md'], shell: true });
    expect(editorInvocation('$HOME/bin/ed', '/t/s.md')).toEqual({ file: '/bin/sh', args: ['-c', '$HOME/bin/ed "$@"', 'editor', '/t/s.md'], shell: true });
    expect(editorInvocation('no-such-editor-here', '/t/s.md')).toBeUndefined();
  });

  it.runIf(existsSync('/proc/self/comm'))('a plain editor command is the wizard process\'s own child, not a shell\'s', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'pc-ed-')), 'parent');
    const ed = script(`cat /proc/$PPID/comm > ${out}\necho changed >> "$1"`);
    expect(editInEditor('x\n', ed, 's').kind).toBe('changed');
    expect(readFileSync(out, 'utf8').trim()).not.toMatch(/^(sh|dash|bash)$/);
    expect(editInEditor('x\n', `"${ed}"`, 's').kind).toBe('changed');
    expect(readFileSync(out, 'utf8').trim()).toMatch(/^(sh|dash|bash)$/);
  });

  it('names an editor found nowhere as not found, started directly or through the shell', () => {
    expect(editInEditor('x\n', 'no-such-editor-here', 's')).toEqual({ kind: 'failed', message: expect.stringContaining('"no-such-editor-here" was not found') });
    expect(editInEditor('x\n', '"no-such-editor-here"', 's')).toEqual({ kind: 'failed', message: expect.stringContaining('was not found') });
  });
});
