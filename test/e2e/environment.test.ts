/**
 * Variables other tools set must not break the wizard: DEV=true (Ink would connect to React DevTools, which is not
 * installed, and crashed) still shows the review screen; CI=true without --yes ends at once, like a run without a
 * terminal, naming --yes, instead of waiting for a key nobody will press.
 */
import { describe, expect, it } from 'vitest';
import { runInTerminal } from '../helpers/pty.js';
import { tempRepo } from '../helpers/temp-repo.js';

describe('environment variables of other tools', { timeout: 120_000 }, () => {
  it('DEV=true: the wizard shows step 1 and quits cleanly', async () => {
    const run = runInTerminal([tempRepo(), '--steps', '1'], { DEV: 'true' });
    await run.waitFor('Step 1 of 10');
    expect(run.screen()).not.toMatch(/react-devtools|Cannot find/);
    run.press('q');
    expect(await run.exited()).toBe(0);
  });

  it('CI=true without --yes: exit 2 naming --yes, before anything is written', async () => {
    const root = tempRepo();
    const run = runInTerminal([root], { CI: 'true' });
    expect(await run.exited()).toBe(2);
    expect(run.history().join('\n')).toContain('Run with --yes');
  });

  it('CI=false is no CI: the wizard runs', async () => {
    const run = runInTerminal([tempRepo(), '--steps', '1'], { CI: 'false' });
    await run.waitFor('Step 1 of 10');
    run.press('q');
    expect(await run.exited()).toBe(0);
  });
});
