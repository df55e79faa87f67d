import { oneLine } from '../markdown/text.js';
import { MAX_READ_BYTES, type RepoIndex, type SkippedFile } from '../scan/repo-index.js';
import { pushTo } from '../collections.js';

const WHY: Record<SkippedFile['reason'], string> = {
  'too-large': `larger than ${MAX_READ_BYTES / 1_000_000} MB`,
  binary: 'binary',
  'too-deep': 'nested too deeply to parse (generated code)',
  'outside-root': 'links out of the repository (never followed)',
  unreadable: 'unreadable (no permission, a broken or looping link, or not a regular file)',
  'control-characters': 'named with terminal control or invisible characters (a path that cannot be printed as it is)',
  'secret-in-name': 'named with what looks like a key or token (never printed)',
  'cloud-assembly': 'CDK synth output committed to the repository (generated templates and bundled copies of the code)',
};

const SHOWN = 3;

const COUNTED: ReadonlySet<SkippedFile['reason']> = new Set(['control-characters', 'secret-in-name']);

/**
 * Plain sentences about what the analysis could not use: files it skipped and manifests that are not JSON. The
 * sections stay honest without them; these lines tell the user why something they expected may be missing.
 */
export function readingNotes(index: RepoIndex): string[] {
  const notes: string[] = [];
  const byReason = new Map<SkippedFile['reason'], string[]>();
  for (const { file, reason } of index.skipped()) pushTo(byReason, reason, file);
  // Names with control characters or a key in them are counted, not listed: printed without them (or redacted) they
  // would name other files, or leak the key.
  const parts = [...byReason].map(([reason, files]) => `${WHY[reason]}: ${COUNTED.has(reason) ? count(files) : list(files)}`);
  if (parts.length > 0) notes.push(`Not analysed — ${parts.join('; ')}.`);
  const broken = index.files.filter(
    (f) => (f === 'package.json' || f.endsWith('/package.json')) && index.read(f) !== undefined && index.readJson(f) === undefined,
  );
  if (broken.length > 0) {
    const what = broken.length === 1 ? 'This package.json is not valid JSON and was' : 'These package.json files are not valid JSON and were';
    notes.push(`${what} read as empty: ${list(broken)}.`);
  }
  return notes;
}

function count(files: readonly string[]): string {
  return files.length === 1 ? '1 file' : `${files.length} files`;
}

function list(files: readonly string[]): string {
  const shown = files.slice(0, SHOWN).map((f) => `/${oneLine(f)}`).join(', ');
  return files.length > SHOWN ? `${shown} and ${files.length - SHOWN} more` : shown;
}
