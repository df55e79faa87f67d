/**
 * At the end of an interactive session the wizard asks before it adds the pointer to AGENTS.md / CLAUDE.md; no
 * answer writes nothing, and a file that has the pointer is not asked about again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInTerminal } from '../helpers/pty.js';
import { tempRepo } from '../helpers/temp-repo.js';

const QUESTION = 'AGENTS.md and CLAUDE.md are what AI assistants read first here';

describe('the pointer in AGENTS.md and CLAUDE.md', { timeout: 180_000 }, () => {
  it('is offered at the end, added on yes, and not offered again', async () => {
    const root = tempRepo({ 'AGENTS.md': '# Agents\n', 'CLAUDE.md': '# Claude\n' });
    const run = runInTerminal([root, '--steps', '1']);
    await run.waitFor('Step 1 of 10');
    run.press('a');
    await run.waitFor(QUESTION);
    run.press('\r');
    expect(await run.exited()).toBe(0);
    expect(run.history().join('\n')).toContain('Added a line pointing at the map to AGENTS.md and CLAUDE.md.');
    for (const name of ['AGENTS.md', 'CLAUDE.md']) expect(readFileSync(path.join(root, name), 'utf8')).toMatch(/^# \w+\n\nSee \[PROJECT-CONTEXT\.md\]\(PROJECT-CONTEXT\.md\)/);

    const again = runInTerminal([root, '--steps', '1', '--restart']);
    await again.waitFor('Step 1 of 10');
    again.press('a');
    expect(await again.exited()).toBe(0);
    expect(again.history().join('\n')).not.toContain(QUESTION);
    expect(readFileSync(path.join(root, 'AGENTS.md'), 'utf8').match(/PROJECT-CONTEXT\.md\)/g)).toHaveLength(1);
  });

  it('no leaves the file as it was; quitting early does not ask', async () => {
    const root = tempRepo({ 'AGENTS.md': '# Agents\n' });
    const run = runInTerminal([root, '--steps', '1,2']);
    await run.waitFor('Step 1 of 10');
    run.press('q');
    expect(await run.exited()).toBe(0);
    expect(run.history().join('\n')).not.toContain('what AI assistants read first');

    const next = runInTerminal([root, '--steps', '1,2']);
    await next.waitFor('Resume at step 1');
    next.press('\r');
    await next.waitFor('Step 1 of 10');
    next.press('a');
    await next.waitFor('Step 2 of 10');
    next.press('a');
    await next.waitFor('AGENTS.md is what AI assistants read first here');
    next.press('2');
    expect(await next.exited()).toBe(0);
    expect(readFileSync(path.join(root, 'AGENTS.md'), 'utf8')).toBe('# Agents\n');
  });
});
