// The interactive path: the built CLI in a real pseudo-terminal (node-pty + a headless xterm, as in
// test/helpers/pty.ts), and the review screen rendered in-process with a 2,000-line section.
import { spawn } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { render } from 'ink-testing-library';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createElement } from 'react';

const COLS = 110;
const ROWS = 34;
const PGDN = '\u001b[6~';

function terminal(cli, args, extraEnv = {}) {
  const term = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true });
  const env = { ...process.env, TERM: 'xterm-256color' };
  delete env.CI;
  delete env.GITHUB_ACTIONS;
  delete env.PROJECT_CONTEXT_TIMINGS;
  Object.assign(env, extraEnv);
  const started = performance.now();
  const pty = spawn(process.execPath, [cli, ...args], { name: 'xterm-256color', cols: COLS, rows: ROWS, env });
  let exited;
  pty.onData((d) => term.write(d));
  pty.onExit(({ exitCode }) => (exited = exitCode));
  const screen = () => {
    const buffer = term.buffer.active;
    const lines = [];
    for (let i = 0; i < ROWS; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const flush = () => new Promise((resolve) => term.write('', resolve));
  /** Resolves with the time (ms since `since`) at which the screen first satisfies `check`. */
  const until = async (check, since, timeoutMs = 60_000) => {
    for (;;) {
      await flush();
      if (check(screen())) return performance.now() - since;
      if (exited !== undefined) throw new Error(`the CLI exited (${exited}); screen:\n${screen()}`);
      if (performance.now() - since > timeoutMs) throw new Error(`timed out; screen:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  return { pty, started, screen, until, exited: () => exited };
}

/**
 * Starts the wizard on `repo` with a fresh state and measures: process start → "Step 1 of" on screen; after the user
 * has read for `readMs`, a PgDn → the "lines a–b" header changing; then accepting step 1 → "Step 2 of", and after
 * reading step 2 for `readMs`, accepting it → "Step 3 of" (steps after the first are analysed while the user reads).
 */
export async function measureTerminal(cli, repo, readMs = 2000) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pc-bench-pty-'));
  const t = terminal(cli, [repo, '--output', path.join(tmp, 'out.md'), '--state', path.join(tmp, 'state.json')]);
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  try {
    const firstPaintMs = await t.until((s) => s.trim() !== '', t.started);
    const firstStepMs = await t.until((s) => s.includes('Step 1 of'), t.started);
    const header = () => t.screen().match(/lines \d+–\d+ of \d+/)?.[0];
    await pause(readMs);
    const before = header();
    let pressed = performance.now();
    t.pty.write(PGDN);
    const pgdnMs = await t.until(() => header() !== before, pressed, 5_000);
    pressed = performance.now();
    t.pty.write('a');
    const nextStepMs = await t.until((s) => s.includes('Step 2 of'), pressed);
    await pause(readMs);
    pressed = performance.now();
    t.pty.write('a');
    const thirdStepMs = await t.until((s) => s.includes('Step 3 of'), pressed);
    t.pty.write('q');
    const deadline = Date.now() + 10_000;
    while (t.exited() === undefined && Date.now() < deadline) await pause(20);
    return { firstPaintMs, firstStepMs, pgdnMs, nextStepMs, thirdStepMs };
  } finally {
    if (t.exited() === undefined) t.pty.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A whole interactive session on `repo`: every step accepted after `readMs` of reading. For each accept, how long the
 * accepted section stays on screen (until its "Step k of" header is gone) and how long until the next step is shown;
 * then the process's peak RSS (analysis worker included) from the timings channel.
 */
export async function measureSession(cli, repo, readMs = 1000, env = {}) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pc-bench-session-'));
  const timings = path.join(tmp, 'timings.jsonl');
  const t = terminal(cli, [repo, '--output', path.join(tmp, 'out.md'), '--state', path.join(tmp, 'state.json')], { PROJECT_CONTEXT_TIMINGS: timings, ...env });
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  const accepts = [];
  try {
    const total = Number((await t.until((s) => /Step 1 of \d+/.test(s), t.started, 120_000), t.screen().match(/Step 1 of (\d+)/)[1]));
    for (let k = 1; k <= total; k++) {
      await pause(readMs);
      const pressed = performance.now();
      t.pty.write('a');
      const header = `Step ${k} of ${total}`;
      const goneMs = await t.until((s) => !s.includes(header) || t.exited() !== undefined, pressed, 120_000).catch(() => NaN);
      const nextMs = k < total ? await t.until((s) => s.includes(`Step ${k + 1} of ${total}`), pressed, 120_000) : goneMs;
      accepts.push({ step: k, goneMs, nextMs });
    }
    const deadline = Date.now() + 30_000;
    while (t.exited() === undefined && Date.now() < deadline) await pause(20);
    const events = readFileSync(timings, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const exit = events.find((e) => e.event === 'exit');
    return { accepts, peakRssMb: exit ? exit.maxRssKb / 1024 : NaN };
  } finally {
    if (t.exited() === undefined) t.pty.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A section of about `lines` markdown lines mixing what steps print: headings, bullets, tables, code. */
export function bigSection(lines) {
  const out = ['## 3. Backend & API', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(`### Service ${i}`, '', `Handlers live in \`/packages/svc-${i}/src/handlers\`; each one reads \`TABLE_NAME\`.`, '');
    out.push('| Method | Path | Handler | Auth |', '| --- | --- | --- | --- |');
    for (let k = 0; k < 8; k++) out.push(`| GET | \`/v1/items-${i}/{id}\` | \`/packages/svc-${i}/src/handlers/h${k}.ts:${k + 3}\` | Cognito |`);
    out.push('');
    for (let k = 0; k < 6; k++) out.push(`- **repository ${k}** — \`QueryCommand\` on \`by${i}UpdatedAt\` with a \`tenantId\` key and a long explanation that wraps onto the next row of the terminal`);
    out.push('', '```ts', `export const handler = withHandler(async () => ({ ok: ${i} }));`, '```', '');
  }
  return out.slice(0, lines).join('\n');
}

/**
 * Renders the review screen with a 2,000-line section in-process (ink-testing-library) and times the first render
 * and each PgDn until the new frame is written. This is Ink's render path without the terminal's own latency.
 */
export async function measureRepaint(distDir, lines = 2000, presses = 30) {
  const { ReviewScreen } = await import(path.join(distDir, 'src/ui/review/ReviewScreen.js'));
  const model = { step: 3, position: 3, total: 10, title: 'Backend & API', markdown: bigSection(lines), edited: false };
  const mountStarted = performance.now();
  const view = render(createElement(ReviewScreen, { model, onAction: () => {}, columns: COLS, rows: ROWS }));
  const firstRenderMs = performance.now() - mountStarted;
  // A person presses a key some time after the section appears; pressing within the same millisecond would time the
  // end of the first render (its effects and garbage collection), not a repaint.
  await new Promise((r) => setTimeout(r, 200));
  const times = [];
  const rows = Number((view.lastFrame() ?? '').match(/lines \d+–\d+ of (\d+)/)?.[1] ?? 0);
  for (let i = 0; i < presses; i++) {
    const before = view.lastFrame();
    const pressed = performance.now();
    view.stdin.write(PGDN);
    while (view.lastFrame() === before && performance.now() - pressed < 2_000) await new Promise((r) => setImmediate(r));
    times.push(performance.now() - pressed);
  }
  view.unmount();
  times.sort((a, b) => a - b);
  return { rows, firstRenderMs, medianMs: times[Math.floor(times.length / 2)], maxMs: times.at(-1) };
}
