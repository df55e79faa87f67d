/**
 * The state folder (`.project-context/` by default) holds only machine files: the state, its lock, backups of bad
 * state files, and temporary files of atomic writes. A `.gitignore` containing `*` keeps all of them (itself
 * included) out of `git status`, so nobody commits a session by accident.
 */
import fs from 'node:fs';
import path from 'node:path';
import { errCode, makeDirs } from '../src/output/atomic.js';

export const DEFAULT_STATE_DIR = '.project-context';

/** Whether a folder entry is one of the files the state store makes for `stateBase` (e.g. `state.json`). */
function isOurs(name: string, stateBase: string): boolean {
  if (name === '.gitignore' || name === stateBase) return true;
  if (name.startsWith(`${stateBase}.`)) return /^\.(lock|bak-|stale-|tmp-|\d+\.)/.test(name.slice(stateBase.length));
  return name.startsWith(`.${stateBase}.`);
}

/**
 * Creates the folder of `stateFile` if needed and gives it a `.gitignore` of `*` when the folder is ours: just
 * created, named `.project-context`, or holding nothing but our files. An existing `.gitignore` is never replaced.
 */
export function ensureStateDir(stateFile: string): void {
  const dir = path.dirname(stateFile);
  const existed = fs.existsSync(dir);
  makeDirs(dir);
  const ignore = path.join(dir, '.gitignore');
  if (fs.existsSync(ignore)) return;
  const ours =
    !existed ||
    path.basename(dir) === DEFAULT_STATE_DIR ||
    fs.readdirSync(dir).every((name) => isOurs(name, path.basename(stateFile)));
  if (!ours) return;
  try {
    fs.writeFileSync(ignore, '# Written by project-context: session files, never committed.\n*\n', { flag: 'wx' });
  } catch (err) {
    if (errCode(err) !== 'EEXIST') throw err;
  }
}
