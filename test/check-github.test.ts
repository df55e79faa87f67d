/**
 * `--check --format github` in a GitHub Actions job: every finding is a workflow command the runner turns into an
 * annotation on the line of PROJECT-CONTEXT.md it is about; the exit code is --check's (3 on drift).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubAnnotations } from '../src/check/github-annotations.js';
import { parseCli } from '../src/cli/args.js';
import { CLI } from './helpers/pty.js';
import { tempExample } from './helpers/temp-repo.js';

function edit(file: string, change: (text: string) => string) {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

describe('--check --format github', () => {
  it('a warning on the line citing a lost path and on the heading of a hand-edited section; exit 3', () => {
    const repo = tempExample();
    execFileSync(process.execPath, [CLI, repo, '--yes'], { stdio: 'ignore' });
    const current = spawnSync(process.execPath, [CLI, '--check', '--format', 'github'], { cwd: repo, encoding: 'utf8' });
    expect(current.status).toBe(0);
    expect(current.stdout.trim()).toMatch(/^.*PROJECT-CONTEXT\.md is current\.$/);
    expect(current.stdout).not.toContain('::warning');

    renameSync(path.join(repo, 'packages/api/src/lib/hash.ts'), path.join(repo, 'packages/api/src/lib/hashing.ts'));
    edit(path.join(repo, 'PROJECT-CONTEXT.md'), (t) => t.replace('## 9. Common Workflows', '## 9. Common Workflows\n\nOur own note.'));
    // As in a workflow: run from the checkout's root, the output named relative to it.
    const r = spawnSync(process.execPath, [CLI, '--check', '--format', 'github'], { cwd: repo, encoding: 'utf8' });
    expect(r.status).toBe(3);
    const doc = readFileSync(path.join(repo, 'PROJECT-CONTEXT.md'), 'utf8').split('\n');
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('::warning '));
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/^::warning file=PROJECT-CONTEXT\.md,line=\d+,title=PROJECT-CONTEXT\.md drifted::\S/);
    const lost = warnings.find((w) => w.includes('cites /packages/api/src/lib/hash.ts'))!;
    expect(doc[Number(/line=(\d+)/.exec(lost)![1]) - 1]).toContain('`/packages/api/src/lib/hash.ts');
    const edited = warnings.find((w) => w.includes('step 9 (Common Workflows) was edited by hand'))!;
    expect(doc[Number(/line=(\d+)/.exec(edited)![1]) - 1]).toBe('## 9. Common Workflows');
    expect(r.stdout.trim().split('\n').pop()).toMatch(/PROJECT-CONTEXT\.md drifted: \d+ differences? above/);
  }, 120_000);

  it('escapes what the runner would read as syntax', () => {
    const text = githubAnnotations(
      { schema: 'project-context/check', version: 1, output: '/w/a,b:c.md', root: '/w', current: false, findings: [{ step: 1, kind: 'hand-edited', drift: true, line: 4, message: '100% sure\nnext' }] },
      '/w',
    );
    expect(text.split('\n')[0]).toBe('::warning file=a%2Cb%3Ac.md,line=4,title=PROJECT-CONTEXT.md drifted::100%25 sure%0Anext');
  });

  it('goes with --check only, and takes text, json or github', () => {
    expect(parseCli(['--check', '--format', 'github']).format).toBe('github');
    expect(parseCli(['--check', '--json']).format).toBe('json');
    expect(() => parseCli(['--format', 'github'])).toThrow('--format goes with --check');
    expect(() => parseCli(['--check', '--format', 'xml'])).toThrow('--format takes text, json, github; "xml" is none of them.');
    expect(() => parseCli(['--check', '--json', '--format', 'github'])).toThrow('two formats');
  });
});
