/**
 * The version ladder for state files. Each entry upgrades a parsed file from version N to N + 1; `migrate` climbs
 * from the file's version to STATE_VERSION. Version 1 is the first, so the ladder is empty until the shape changes:
 * then add `LADDER[1] = (v1) => v2`, bump STATE_VERSION, and add a test that loads a saved version-1 file.
 */
import { StateFileError } from './errors.js';
import { STATE_VERSION } from './schema.js';

export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

const LADDER: Readonly<Record<number, Migration>> = {};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Climbs `raw` up `ladder` to `target`. Anything without a usable integer `version` is returned untouched for the
 * schema to reject as invalid; a version above `target` throws StateFileError('future-version').
 */
export function climb(raw: unknown, ladder: Readonly<Record<number, Migration>>, target: number, file = ''): unknown {
  if (!isRecord(raw) || !Number.isInteger(raw.version)) return raw;
  let current = raw;
  let version = raw.version as number;
  if (version > target) {
    throw new StateFileError(
      'future-version',
      file,
      `${file || 'The state file'} was written by a newer project-context (state version ${version}; this one reads up to ${target}).`,
    );
  }
  while (version < target) {
    const step = ladder[version];
    if (!step) return current; // no path up from here: the schema reports it as invalid
    current = { ...step(current), version: version + 1 };
    version += 1;
  }
  return current;
}

/** Upgrades a parsed state file to the current version (see the module comment). */
export function migrate(raw: unknown, file = ''): unknown {
  return climb(raw, LADDER, STATE_VERSION, file);
}
