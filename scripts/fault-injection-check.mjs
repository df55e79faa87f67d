/**
 * The invariants scripts/fault-injection.mjs checks after every run (killed or not), across every session of a
 * scenario — one repository, one state file, runs with different `--steps`, `--restart`, `--yes` and interactive:
 *
 * - the state file loads (state/store.js), the output's markers are intact, blocks are in step order and no step
 *   appears twice (duplicated), and no block differs from its own hash (we never write one that does);
 * - each step the state calls accepted has its block, with the hash recorded for exactly the accepted text, and a
 *   step accepted in a session stays accepted with that hash in that session;
 * - a block of a step not accepted in this session is allowed only as the one write in flight (its "accepted" save
 *   lost to the kill; the next start must mark it accepted), as a section an earlier session of the scenario accepted
 *   or wrote in flight (a new `--steps` selection starts beside the file as it is), or while a restart is removing the
 *   old file;
 * - nothing accepted by any session is ever lost: its block stays in the output, or — only after a restart — is in a
 *   `PROJECT-CONTEXT.md.bak-*` backup, byte for byte (same hash);
 * - every block in the output has its record in PROJECT-CONTEXT.facts.json (written before the block), so --check
 *   works on whatever a crash left;
 * - outside the crash window the state's outputHash matches the file (no false "another program changed it");
 * - a run that ended by itself leaves no lock (session or output write lock) and no temp files.
 *
 * Each problem has a category, so the report can count lost and duplicated blocks separately.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What a scenario has seen so far: accepted hashes per session, and the latest accepted hash of every step. */
export function newTracker() {
  return { sessions: new Map(), ever: new Map(), restarted: false };
}

/**
 * `finished`: the run's session has every step decided. `clean`: the run also exited by itself (not killed), so its
 * locks and temp files must be gone. Returns [{ kind: 'lost' | 'duplicated' | 'other', message }].
 */
export function checkRun({ parseOutput, loadState, readFactRecord }, files, tracker, { finished, clean }) {
  const problems = [];
  const fail = (kind, message) => problems.push({ kind, message });
  let state = null;
  try {
    state = loadState(files.state);
  } catch (error) {
    return [{ kind: 'other', message: `the state file does not load: ${error.message}` }];
  }
  let bytes;
  try {
    bytes = existsSync(files.output) ? readFileSync(files.output) : undefined;
  } catch (error) {
    return [{ kind: 'other', message: `the output cannot be read: ${error.message}` }];
  }
  const text = bytes?.toString('utf8');
  const doc = text === undefined ? { blocks: [], malformed: [], strays: [] } : parseOutput(text);
  if (!state) {
    if (text !== undefined) fail('other', 'an output exists but no state was ever saved');
    if (tracker.ever.size > 0) fail('lost', 'the state file is gone after steps were accepted');
    return problems;
  }
  for (const m of doc.malformed) fail(/more than once/.test(m) ? 'duplicated' : 'other', `damaged markers: ${m}`);
  // Every block has its facts in the record beside the output (written before the block), so --check works on
  // whatever a crash left.
  if (readFactRecord && doc.blocks.length > 0) {
    const read = readFactRecord(files.output);
    if (read.kind !== 'ok') fail('other', `the fact record beside the output is ${read.kind}`);
    else for (const b of doc.blocks) if (!read.record.sections.some((r) => r.step === b.step && r.hash === b.hash)) fail('other', `step ${b.step}'s block has no fact record`);
  }
  const order = doc.blocks.map((b) => b.step);
  if (order.some((s, i) => i > 0 && s === order[i - 1])) fail('duplicated', `a block appears twice: ${order.join(',')}`);
  else if (order.some((s, i) => i > 0 && s < order[i - 1])) fail('other', `blocks out of step order: ${order.join(',')}`);
  for (const b of doc.blocks) if (b.handEdited) fail('other', `step ${b.step}'s block does not match its own hash`);
  const blocks = new Map(doc.blocks.map((b) => [b.step, b]));
  // A restart saved the new session, then was killed before removing the old file: its old blocks may still be there.
  const clearing = !!state.clearOutput && bytes !== undefined && sha256(bytes) === state.clearOutput.hash;

  let seen = tracker.sessions.get(state.createdAt);
  if (!seen) tracker.sessions.set(state.createdAt, (seen = new Map()));
  let inFlight = 0;
  /** Blocks written for an accept whose save the kill cut off: the user accepted them, so they must stay too. */
  const written = [];
  for (const record of state.steps) {
    const block = blocks.get(record.number);
    if (record.status === 'accepted') {
      if (!block) fail('lost', `step ${record.number} is accepted but not in the output`);
      else if (!record.hash || block.hash !== record.hash) fail('other', `step ${record.number}'s block differs from the accepted text`);
      const before = seen.get(record.number);
      if (before !== undefined && before !== record.hash) fail('other', `step ${record.number}'s accepted text changed after it was accepted`);
      seen.set(record.number, record.hash);
      continue;
    }
    if (seen.has(record.number)) fail('lost', `step ${record.number} was accepted in this session and is now ${record.status}`);
    if (!block) continue;
    if (record.status === 'generated' && record.hash === block.hash && !finished) {
      inFlight += 1;
      written.push([record.number, block.hash]);
    }
    else if (!clearing && !tracker.ever.has(record.number)) fail('other', `step ${record.number} (${record.status}) has a block no session accepted`);
  }
  if (inFlight > 1) fail('other', `${inFlight} blocks written without their accept being saved (at most one write can be in flight)`);
  // The hash of our last write tells "another program changed the file" apart: outside the crash window it must match.
  if (inFlight === 0 && bytes !== undefined && state.outputHash && !clearing && state.outputHash !== sha256(bytes)) {
    fail('other', "the state's outputHash does not match the output (stale)");
  }

  // Across sessions: nothing ever accepted disappears, except into a restart's backup.
  const backups = tracker.restarted ? backupBlocks(parseOutput, files) : [];
  for (const [step, hash] of tracker.ever) {
    if (blocks.has(step)) continue;
    if (backups.some((b) => b.step === step && b.hash === hash)) {
      tracker.ever.delete(step); // moved to a backup by a restart
      continue;
    }
    fail('lost', `step ${step} was accepted (hash ${hash}) and its block is gone${tracker.restarted ? ', and in no backup' : ''}`);
  }
  for (const record of state.steps) if (record.status === 'accepted') tracker.ever.set(record.number, record.hash);
  // A new session (another --steps selection) may start beside such a block without ever accepting it itself.
  for (const [step, hash] of written) tracker.ever.set(step, hash);
  for (const step of blocks.keys()) {
    const inSession = state.steps.some((r) => r.number === step);
    if (!inSession && !tracker.ever.has(step) && !clearing) fail('other', `a block for step ${step}, which no session of this scenario accepted`);
  }

  if (finished) {
    const open = state.steps.filter((s) => s.status === 'pending' || s.status === 'generated').map((s) => s.number);
    if (open.length > 0) fail('other', `finished with steps ${open.join(',')} undecided`);
  }
  if (clean) {
    // Only a run that exited by itself cleans up; one killed leaves its lock (stale, taken over by the next).
    const outputLock = path.join(path.dirname(files.output), `.${path.basename(files.output)}.lock`);
    for (const lock of [`${files.state}.lock`, outputLock]) if (existsSync(lock)) fail('other', `a lock is left after a finished run: ${lock}`);
    for (const file of [files.output, files.state]) {
      const leftovers = readdirSync(path.dirname(file)).filter((n) => n.startsWith(`.${path.basename(file)}.tmp-`) || n.startsWith(`..${path.basename(file)}.lock.tmp-`));
      if (leftovers.length > 0) fail('other', `temp files left after a finished run: ${leftovers.join(', ')}`);
    }
  }
  return problems;
}

/**
 * Every block in the output's backups (`PROJECT-CONTEXT.md.bak-*`), as {step, hash}: a restart keeps them in the
 * session's folder (beside the state file); older builds kept them beside the output.
 */
function backupBlocks(parseOutput, files) {
  const prefix = `${path.basename(files.output)}.bak-`;
  const out = [];
  for (const dir of new Set([path.dirname(files.output), path.dirname(files.state)])) {
    let names = [];
    try {
      names = readdirSync(dir).filter((n) => n.startsWith(prefix));
    } catch {
      continue; // no session folder yet
    }
    for (const name of names) {
      try {
        for (const b of parseOutput(readFileSync(path.join(dir, name), 'utf8')).blocks) if (!b.handEdited) out.push({ step: b.step, hash: b.hash });
      } catch {
        /* unreadable backup: holds nothing */
      }
    }
  }
  return out;
}
