/**
 * The review screen in a real terminal (issue 15): where am I (the step rail, the output path), finding things in a
 * long section (/ n N, half pages, the mouse wheel), 80×24 as a first-class size, the help covering the section, and
 * an editor that is not there.
 */
import { describe, expect, it } from 'vitest';
import { runInTerminal } from '../helpers/pty.js';
import { tempExample, tempRepo } from '../helpers/temp-repo.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the review screen in a real terminal', { timeout: 120_000 }, () => {
  it('shows the rail and the output path; / n N search; Ctrl+D Ctrl+U; wheel arrows (alternate scroll mode) scroll', async () => {
    const root = tempExample();
    const run = runInTerminal([root, '--steps', '1,2,3', '--output', 'docs/CONTEXT.md'], {}, root);
    await run.waitFor('Step 1 of 10');
    expect(run.screen()).toMatch(/▸1 ·2 ·3\s+→ docs\/CONTEXT\.md/);
    // The mouse wheel: in the alternate screen with mode 1007 the terminal sends it as ↑/↓ (CSI or SS3 form).
    expect(run.output()).toContain('\u001b[?1007h');
    run.press('\u001bOB\u001bOB\u001b[B');
    await run.waitFor(/lines 4–/);
    run.press('\u001bOA');
    await run.waitFor(/lines 3–/);
    run.press('\u0004'); // Ctrl+D: half a page (29 rows of section: 14)
    await run.waitFor(/lines 17–/);
    run.press('\u0015');
    await run.waitFor(/lines 3–/);
    run.press('/');
    await run.waitFor('Enter searches, Esc cancels');
    run.press('dynamodb\r');
    await run.waitFor(/"dynamodb" 1 of \d+/);
    const total = Number(/"dynamodb" 1 of (\d+)/.exec(run.screen())?.[1]);
    expect(total).toBeGreaterThan(1);
    run.press('n');
    await run.waitFor(`"dynamodb" 2 of ${total}`);
    run.press('N');
    run.press('N');
    await run.waitFor(`"dynamodb" ${total} of ${total}`);
    expect(run.screen()).toContain('went round');
    run.press('a');
    await run.waitFor('Step 2 of 10');
    expect(run.screen()).toMatch(/✓1 ▸2 ·3\s+→ docs\/CONTEXT\.md/);
    run.press('q');
    expect(await run.exited()).toBe(0);
  });

  it('the help covers the section, so a, s and Enter do nothing until it is closed', async () => {
    const root = tempRepo();
    const run = runInTerminal([root, '--steps', '1']);
    await run.waitFor('Step 1 of 10');
    run.press('?');
    await run.waitFor('accept: write this section');
    run.press('a');
    await run.waitFor('Close the help first (? or Esc)');
    run.press('s');
    run.press('\r');
    await sleep(300);
    expect(run.screen()).toContain('accept: write this section');
    run.press('\u001b');
    await run.waitFor(/── lines 1–/);
    run.press('q');
    expect(await run.exited()).toBe(0);
  });

  it('an editor that does not exist is named as not found', async () => {
    const root = tempRepo();
    const run = runInTerminal([root, '--steps', '1'], { EDITOR: 'no-such-editor-here' });
    await run.waitFor('Step 1 of 10');
    run.press('e');
    await run.waitFor('The editor "no-such-editor-here" was not found');
    expect(run.screen()).not.toContain('127');
    run.press('q');
    expect(await run.exited()).toBe(0);
  });

  it('at 80×24: the keys keep ?, the architecture diagram is whole, table cells break between words; smaller asks for room', async () => {
    const root = tempExample();
    const run = runInTerminal([root, '--steps', '1,2,3'], {}, undefined, undefined, { cols: 80, rows: 24 });
    await run.waitFor('Step 1 of 10');
    const bar = run.screen().split('\n').at(-1) ?? '';
    expect(bar).toMatch(/a\s+accept .*\?\s+help$/);
    run.press('/');
    run.press('High-level architecture\r');
    await run.waitFor('"High-level architecture" 1 of 1');
    for (let i = 0; i < 6; i++) run.press('j');
    await sleep(300);
    const diagram = run.screen();
    expect(diagram).toMatch(/┌─+┐ {3}┌─+┐ {3}┌─+┐/);
    expect(diagram).toMatch(/│ Astro site +│ {3}│ +Client SDK +│ {3}│ +React SPA +│/);
    // Sections of every step: no table cell splits a word (`API Gatewa` / `y`).
    const seen: string[] = [];
    for (const step of [1, 2, 3]) {
      await run.waitFor(`Step ${step} of 10`);
      run.press('g');
      for (let page = 0; page < 40; page++) {
        seen.push(run.screen());
        if (/\(100%\)/.test(run.screen())) break;
        run.press(' ');
        await sleep(80);
      }
      if (step < 3) run.press('a');
    }
    // (test/ui-markdown-rows.test.ts checks every table of every step at this width, cell by cell.)
    expect(seen.join('\n')).not.toMatch(/\b(Gatewa|Dynam|Lambd|Cognit|infrastruc)\s*│/);
    run.pty.resize(45, 12);
    run.term.resize(45, 12);
    await run.waitFor('The terminal is too small');
    expect(run.screen()).toContain('needs at least');
    run.pty.resize(80, 24);
    run.term.resize(80, 24);
    await run.waitFor('Step 3 of 10');
    run.press('q');
    expect(await run.exited()).toBe(0);
  });
});
