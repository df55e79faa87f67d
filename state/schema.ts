/**
 * The resumable session file (`.project-context/state.json`). Versioned: any change to this shape that an older
 * reader would misread bumps STATE_VERSION and adds a step to the ladder in migrate.ts.
 *
 * Unknown fields are tolerated and dropped when the file is read (zod's default): a hand-added note or a field from a
 * newer build of the same version must not make a user lose a session. Everything the wizard relies on is checked.
 */
import path from 'node:path';
import { z } from 'zod';
import { STEP_COUNT } from '../src/steps/titles.js';

export const STATE_VERSION = 1;

export type StepStatus = 'pending' | 'generated' | 'accepted' | 'skipped';

export interface StepRecord {
  number: number;
  title: string;
  status: StepStatus;
  /** Markdown as generated from the code. */
  generated?: string;
  /** Markdown after the user's edit (absent when not edited). */
  edited?: string;
  /** sectionHash() of the text that was accepted (or is pending acceptance). */
  hash?: string;
  /** Cited file → content hash when generated, to tell later whether the repository changed under the section. */
  citedFiles?: Record<string, string>;
  generatedAt?: string;
  decidedAt?: string;
  /**
   * `u` is taking this step's accepted block out of the output: the hash of that block. Saved before the file
   * changes and cleared after, so a session that died in between finishes the removal on its next start.
   */
  undoing?: string;
}

export interface SessionState {
  version: 1;
  tool: 'project-context';
  /** Absolute paths. */
  root: string;
  output: string;
  /** HEAD when the session started. */
  gitHead: string | null;
  /** The selected steps, in order. */
  steps: StepRecord[];
  /** sha256 of PROJECT-CONTEXT.md right after our last write. */
  outputHash?: string;
  /**
   * A restart in progress: the output (these bytes, backed up to `backup`) is to be removed. Saved before the removal,
   * so a restart killed in between is finished by the next start instead of leaving old sections in the new session.
   */
  clearOutput?: { hash: string; backup: string };
  createdAt: string;
  updatedAt: string;
}

const isoTime = z.iso.datetime({ offset: true });
const absolutePath = z.string().min(1).refine((p) => path.isAbsolute(p), 'must be an absolute path');

const StepRecordSchema = z.object({
  number: z.number().int().min(1).max(STEP_COUNT),
  title: z.string(),
  status: z.enum(['pending', 'generated', 'accepted', 'skipped']),
  generated: z.string().optional(),
  edited: z.string().optional(),
  hash: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex characters').optional(),
  citedFiles: z.record(z.string(), z.string()).optional(),
  generatedAt: isoTime.optional(),
  decidedAt: isoTime.optional(),
  undoing: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex characters').optional(),
});

export const SessionStateSchema: z.ZodType<SessionState> = z.object({
  version: z.literal(STATE_VERSION),
  tool: z.literal('project-context'),
  root: absolutePath,
  output: absolutePath,
  gitHead: z.string().nullable(),
  steps: z.array(StepRecordSchema).superRefine((steps, ctx) => {
    const seen = new Set<number>();
    for (const [i, s] of steps.entries()) {
      if (seen.has(s.number)) ctx.addIssue({ code: 'custom', path: [i, 'number'], message: `step ${s.number} is listed twice` });
      seen.add(s.number);
    }
  }),
  outputHash: z.string().regex(/^(?:[0-9a-f]{64})?$/, 'must be a sha256 hex digest').optional(),
  clearOutput: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest'), backup: absolutePath }).optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

/** A fresh session: every selected step pending. */
export function createSessionState(init: {
  root: string;
  output: string;
  gitHead: string | null;
  steps: ReadonlyArray<{ number: number; title: string }>;
  now?: Date;
}): SessionState {
  const now = (init.now ?? new Date()).toISOString();
  return {
    version: STATE_VERSION,
    tool: 'project-context',
    root: init.root,
    output: init.output,
    gitHead: init.gitHead,
    steps: init.steps.map((s) => ({ number: s.number, title: s.title, status: 'pending' })),
    createdAt: now,
    updatedAt: now,
  };
}
