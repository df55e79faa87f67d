/**
 * The secret canary through the whole wizard: the planted values (test/fixtures/secret-canary) must reach neither
 * PROJECT-CONTEXT.md, nor the state file (or anything else in the session folder), nor the terminal — in a `--yes` run and in an interactive run in a real
 * terminal, where the repository also carries terminal escape sequences in a file name and in file contents, which
 * must not reach the screen raw either.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import stripAnsi from 'strip-ansi';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/steps/registry.js';
import { leakedSecrets, PLANTED, plantCanaryRepo } from '../fixtures/secret-canary/planted.js';
import { runInTerminal } from '../helpers/pty.js';
import { expectCompleteOutput, expectPlain, leftBehind, runCli } from './cli.js';

const AVAILABLE = STEPS.filter((s) => s.definition).map((s) => s.number);
const ESC = '\u001b';

/** Everything a leak could hide in: the text as is, without escape codes, and with line wrapping undone. */
function leaks(text: string): string[] {
  const plain = stripAnsi(text);
  return [...new Set([...leakedSecrets(text), ...leakedSecrets(plain), ...leakedSecrets(plain.replace(/\s+/g, ''))])];
}

/** The state file (raw and its texts decoded) and every other file the wizard keeps in its session folder (caches). */
function stateTexts(root: string): string {
  const dir = path.join(root, '.project-context');
  const raw = readFileSync(path.join(dir, 'state.json'), 'utf8');
  const steps = (JSON.parse(raw) as { steps: Array<{ generated?: string; edited?: string }> }).steps;
  const others = readdirSync(dir).map((name) => readFileSync(path.join(dir, name), 'utf8'));
  return [raw, ...steps.map((s) => `${s.generated ?? ''}\n${s.edited ?? ''}`), ...others].join('\n');
}

describe('secret canary through the whole wizard', { timeout: 120_000 }, () => {
  it('the canary really holds the secrets (so a clean result means something)', () => {
    const root = plantCanaryRepo();
    expect(leakedSecrets(readFileSync(path.join(root, '.env'), 'utf8')).length).toBeGreaterThan(3);
    expect(Object.keys(PLANTED).length).toBeGreaterThan(10);
  });

  it('--yes: nothing planted reaches PROJECT-CONTEXT.md, the state file, stdout or stderr', async () => {
    const root = plantCanaryRepo();
    const run = await runCli([root, '--yes']);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    const { output } = leftBehind(root);
    expectCompleteOutput(output, AVAILABLE);
    expect(output).toContain('STRIPE_SECRET_KEY'); // names are fine, and are there
    expect(leaks(output ?? '')).toEqual([]);
    expect(leaks(stateTexts(root))).toEqual([]);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
  });

  it('interactive: nothing planted and no escape sequence from the repository reaches the screen', async () => {
    const root = plantCanaryRepo();
    appendFileSync(path.join(root, 'README.md'), `\nStatus ${ESC}]0;PWNED-README${ESC}\\ and ${ESC}[6n and ${ESC}[?1049h and \u009b2J.\n`);
    const api = path.join(root, 'packages/api/src');
    mkdirSync(api, { recursive: true });
    writeFileSync(path.join(api, `${ESC}]0;PWNED-NAME\u0007handler.ts`), `export const banner = "${ESC}]2;PWNED-CONTENT\u0007";\n`);
    expect(existsSync(path.join(root, '.env'))).toBe(true);

    const term = runInTerminal([root]);
    for (const step of AVAILABLE) {
      await term.waitFor(new RegExp(`Step ${step} of 10 — [^\\n]*\\n(?:.*\\n)*.*a\\s+accept`), 30_000);
      // Page down to the end, so that every line of the section is drawn at least once.
      const position = () => /lines \d+–\d+ of \d+ \((\d+)%\)/.exec(term.screen())?.[0] ?? '';
      for (let page = 0; page < 100 && !position().includes('(100%)'); page++) {
        const before = position();
        term.press(' ');
        for (let wait = 0; wait < 400 && position() === before; wait++) await new Promise((r) => setTimeout(r, 25));
      }
      term.press('a');
    }
    expect(await term.exited(30_000)).toBe(0);
    const raw = term.output();
    expect(leaks(raw)).toEqual([]);
    expect(raw).not.toContain('PWNED');
    for (const sequence of [`${ESC}]`, `${ESC}[6n`, '\u009b', '\u0007']) expect(raw).not.toContain(sequence);
    // The wizard itself takes the alternate screen, once, with its very first bytes; the README's copy never arrives.
    expect(raw.indexOf(`${ESC}[?1049h`)).toBe(0);
    expect(raw.indexOf(`${ESC}[?1049h`, 1)).toBe(-1);
    expect(leaks(stateTexts(root))).toEqual([]);
    expect(leaks(leftBehind(root).output ?? '')).toEqual([]);
  });
});
