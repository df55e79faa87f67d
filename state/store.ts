/**
 * Loading and saving the session state. Saving is atomic (temp file, fsync, rename, fsync of the folder), so a
 * session killed at any moment leaves either the previous state or the new one, never a torn file; temp files left
 * by a killed writer are ignored on load and cleaned on the next save.
 *
 * A state file that cannot be used (truncated, hand-edited into nonsense, from a newer version) is never deleted or
 * silently replaced: loading throws StateFileError, a copy is kept beside it as `state.json.bak-<time>`, and the
 * message tells the user to run with --restart (the wizard then calls `backupStateFile` and starts over).
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupPathFor, errCode, sha256, writeFileAtomic } from '../src/output/atomic.js';
import { readRegularFile, UnsafePathError, type PolicyOptions } from '../src/output/path-policy.js';
import { plain } from '../src/markdown/text.js';
import { stepTitle } from '../src/steps/titles.js';
import { ensureStateDir } from './dir.js';
import { StateFileError, StateWriteError, stateWriteFailure, type StateFileProblem } from './errors.js';
import { migrate } from './migrate.js';
import { SessionStateSchema, type SessionState } from './schema.js';

export { StateFileError, StateWriteError } from './errors.js';

/**
 * A state file is a few kilobytes per pending section (accepted sections keep only their hash); anything far bigger
 * is not one of ours, and is not read into memory.
 */
const MAX_STATE_BYTES = 64 * 1024 * 1024;
const POLICY: PolicyOptions = { what: 'The saved session', fix: 'run with --restart to start over (it is moved aside)' };

/** The bytes of a state file or one of its backups, under the path policy; undefined when missing. */
function readStateBytes(file: string): Buffer | undefined {
  return readRegularFile(file, { ...POLICY, maxBytes: MAX_STATE_BYTES });
}

/** An existing backup of `file` with the same bytes, so repeated failed loads do not pile up identical copies. */
function identicalBackup(file: string, bytes: Buffer): string | undefined {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.bak-`;
  const digest = sha256(bytes);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  for (const name of names.filter((n) => n.startsWith(prefix)).sort()) {
    const candidate = path.join(dir, name);
    try {
      const bytes = readStateBytes(candidate);
      if (bytes && sha256(bytes) === digest) return candidate;
    } catch {
      /* unreadable backup: not a match */
    }
  }
  return undefined;
}

/** Copies a bad state file aside (reusing an identical earlier copy); undefined when even that fails. */
function keepCopy(file: string): string | undefined {
  try {
    const bytes = readStateBytes(file);
    if (!bytes) return undefined;
    const existing = identicalBackup(file, bytes);
    if (existing) return existing;
    const target = backupPathFor(file);
    fs.writeFileSync(target, bytes, { flag: 'wx' });
    return target;
  } catch {
    return undefined;
  }
}

function problem(reason: StateFileProblem, file: string, what: string): StateFileError {
  const backup = reason === 'unreadable' ? undefined : keepCopy(file);
  const kept = backup ? `; the old file is kept as ${backup}` : '';
  const advice =
    reason === 'future-version'
      ? `Update project-context to continue it, or run with --restart to start over${kept}.`
      : reason === 'unreadable'
        ? 'Fix its permissions, or run with --restart to start over.'
        : `Run with --restart to start over${kept}.`;
  return new StateFileError(reason, file, `${what} ${advice}`, backup);
}

/**
 * The saved session, migrated to the current version; null when there is none. Throws StateFileError when the file
 * exists but cannot be used.
 */
export function loadState(file: string): SessionState | null {
  let text: string;
  try {
    const bytes = readStateBytes(file);
    if (bytes === undefined) return null;
    text = bytes.toString('utf8');
  } catch (err) {
    if (err instanceof UnsafePathError) throw new StateFileError('unreadable', file, err.message);
    const why = errCode(err) === 'EISDIR' ? 'it is a folder' : errCode(err) === 'EACCES' ? 'permission denied' : (errCode(err) ?? 'unknown error');
    throw problem('unreadable', file, `Cannot read the saved session ${file} (${why}).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const what = text.trim() === '' ? 'is empty' : 'is damaged (not valid JSON)';
    throw problem('corrupt', file, `The saved session ${file} ${what}.`);
  }
  let migrated: unknown;
  try {
    migrated = migrate(raw, file);
  } catch (err) {
    if (err instanceof StateFileError) throw problem(err.reason, file, err.message);
    throw err;
  }
  const parsed = SessionStateSchema.safeParse(migrated);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
    throw problem('invalid', file, `The saved session ${file} is not a valid project-context session (${detail}).`);
  }
  return sanitised(parsed.data);
}

/**
 * A state file is as untrusted as the repository it sits in (it can be committed, or edited by hand): its texts are
 * cleaned like analysed text (terminal escapes and control characters removed, `plain`), titles are ours, and a git
 * HEAD that is not a commit id is dropped. Hashes are kept as they are: a hash that matches nothing in the output is
 * dealt with when the session starts (src/wizard/reconcile.ts), never trusted.
 */
function sanitised(state: SessionState): SessionState {
  return {
    ...state,
    gitHead: state.gitHead !== null && /^[0-9a-f]{40,64}$/.test(state.gitHead) ? state.gitHead : null,
    steps: state.steps.map((s) => ({
      ...s,
      title: stepTitle(s.number),
      ...(s.generated !== undefined ? { generated: plain(s.generated) } : {}),
      ...(s.edited !== undefined ? { edited: plain(s.edited) } : {}),
    })),
  };
}

/** Saves atomically, creating the state folder (and its .gitignore). Throws StateWriteError; the old file then stays. */
export function saveState(file: string, state: SessionState): void {
  const checked = SessionStateSchema.safeParse(state);
  if (!checked.success) {
    // A caller bug, not a user problem: refuse rather than write a file the next run cannot load.
    const issue = checked.error.issues[0];
    throw new Error(`Refusing to save an invalid session state (${issue.path.join('.') || 'root'}: ${issue.message}).`);
  }
  try {
    ensureStateDir(file);
    writeFileAtomic(file, `${JSON.stringify(checked.data, null, 2)}\n`, { policy: { what: 'The saved session', fix: 'choose another file with --state' } });
  } catch (err) {
    if (err instanceof UnsafePathError) throw new StateWriteError('not-a-file', file, err.message);
    throw stateWriteFailure(err, file, `Cannot save progress to ${file}`);
  }
}

/**
 * Moves a bad or old state file aside (for --restart) and returns where it went; null when there is none. When an
 * identical copy was already kept by a failed load, the file is removed and that copy's path is returned.
 */
export function backupStateFile(file: string): string | null {
  let bytes: Buffer | undefined;
  try {
    bytes = readStateBytes(file);
    if (bytes === undefined) return null;
  } catch (err) {
    if (errCode(err) === 'ENOENT') return null;
    // Unreadable, a link, a FIFO, a folder: it can still be renamed aside (the name moves; nothing is followed or deleted).
    const target = backupPathFor(file);
    fs.renameSync(file, target);
    return target;
  }
  const existing = identicalBackup(file, bytes);
  if (existing) {
    fs.unlinkSync(file);
    return existing;
  }
  const target = backupPathFor(file);
  fs.renameSync(file, target);
  return target;
}
