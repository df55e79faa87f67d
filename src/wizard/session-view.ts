import os from 'node:os';
import path from 'node:path';
import type { NoticeBoard } from './notices.js';
import type { Session } from './session.js';
import type { SessionView, StepMark } from './ui.js';

/** The rail, the output path and the notices for the screens, with `current` the step on screen (if any). */
export function sessionView(session: Session, current: number | undefined, notices: NoticeBoard): SessionView {
  const stale = new Set(session.stale);
  return {
    steps: session.steps.map((s) => ({ number: s.number, title: s.title, mark: markOf(s.status, s.number === current, stale.has(s.number)) })),
    output: displayPath(session.paths.output),
    notices: notices.all(),
  };
}

function markOf(status: string, current: boolean, stale: boolean): StepMark {
  if (current) return 'current';
  if (status === 'accepted') return stale ? 'stale' : 'done';
  if (status === 'skipped') return 'skipped';
  return 'pending';
}

/** A path as the user would type it: relative to the current folder when inside it, `~/…` in the home folder. */
export function displayPath(file: string, cwd = process.cwd(), home = os.homedir()): string {
  const relative = path.relative(cwd, file);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative;
  const inHome = path.relative(home, file);
  if (home && inHome && !inHome.startsWith('..') && !path.isAbsolute(inHome)) return `~${path.sep}${inHome}`;
  return file;
}
