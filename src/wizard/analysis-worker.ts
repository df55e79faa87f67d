/**
 * The analysis thread. It builds the index at once, then generates the sections of the session's steps (its `plan`)
 * in order, ahead of the review: while the user reads step N, step N+1 is being analysed here, on the second core,
 * and the terminal stays responsive however long one detector takes. Requests from the main thread (see
 * worker-analysis.ts) are answered from that work, or start it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { digestOf } from '../check/fact-digest.js';
import { FileCache } from '../scan/file-cache.js';
import type { GeneratedSection } from '../steps/generate.js';
import type { StepContext } from '../steps/types.js';
import { Analyzer } from './analyzer.js';
import { readingNotes } from './reading-notes.js';

export interface WorkerInput {
  readonly root: string;
  readonly context: StepContext;
  readonly exclude: readonly string[];
  readonly cacheFile?: string;
}

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'section' | 'regenerate'; readonly step: number }
  /** Steps to analyse ahead, in the order they will be shown. */
  | { readonly id: number; readonly kind: 'plan'; readonly steps: readonly number[] }
  | { readonly id: number; readonly kind: 'notes' };

export type WorkerMessage =
  | { readonly kind: 'opened'; readonly files: number }
  | { readonly kind: 'progress'; readonly step?: number; readonly message: string }
  | { readonly kind: 'section'; readonly id: number; readonly section: GeneratedSection; readonly stepMs: number }
  | { readonly kind: 'notes'; readonly id: number; readonly notes: string[] }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs only as a worker thread.');
const input = workerData as WorkerInput;
const post = (message: WorkerMessage) => port.postMessage(message);

const cache = input.cacheFile ? FileCache.load(input.cacheFile) : undefined;
const analyzer = await Analyzer.open(input.root, input.context, {
  onProgress: (message) => post({ kind: 'progress', message }),
  exclude: input.exclude,
  cache,
});
post({ kind: 'opened', files: analyzer.repoIndex.files.length });

/** One computation per step (and per regeneration): the look-ahead and a request for the same step share it. */
const inflight = new Map<number, Promise<{ section: GeneratedSection; stepMs: number }>>();

function sectionOf(step: number, regenerate = false): Promise<{ section: GeneratedSection; stepMs: number }> {
  const known = regenerate ? undefined : inflight.get(step);
  if (known) return known;
  const started = performance.now();
  const onProgress = (message: string) => post({ kind: 'progress', step, message });
  const timed = (section: GeneratedSection) => ({ section, stepMs: Math.round(performance.now() - started) });
  if (!regenerate) {
    const pending = analyzer.section(step, onProgress).then(timed);
    inflight.set(step, pending);
    return pending;
  }
  // Whatever was analysed before the new index exists is forgotten, at the start and again at the end.
  inflight.clear();
  const pending: Promise<{ section: GeneratedSection; stepMs: number }> = analyzer.regenerate(step, onProgress).then((section) => {
    inflight.clear();
    inflight.set(step, pending);
    return timed(section);
  });
  inflight.set(step, pending);
  return pending;
}

let plan: readonly number[] = [];
/** Whether the first section was sent; working ahead starts a little after that. */
let answered = false;
const FIRST_PAINT_MS = 150;
let lookingAhead = false;
async function lookAhead(): Promise<void> {
  if (lookingAhead) return;
  lookingAhead = true;
  try {
    for (let i = 0; i < plan.length; i++) await sectionOf(plan[i]).catch(() => undefined);
  } finally {
    lookingAhead = false;
  }
}

port.on('message', (request: WorkerRequest) => {
  void (async () => {
    try {
      if (request.kind === 'plan') {
        plan = request.steps;
        if (answered) void lookAhead();
        // Sent while the terminal loads its UI: the first section is made meanwhile, not after the UI asks for it.
        else if (plan.length > 0 && inflight.size === 0) void sectionOf(plan[0]).catch(() => undefined);
        return;
      }
      if (request.kind === 'notes') {
        post({ kind: 'notes', id: request.id, notes: readingNotes(analyzer.repoIndex) });
        return;
      }
      const { section, stepMs } = await sectionOf(request.step, request.kind === 'regenerate');
      // The facts stay here: the terminal thread needs only their digest (for the fact record), and a copy of a big
      // step's facts there would cost tens of megabytes.
      post({ kind: 'section', id: request.id, section: { ...section, facts: [], digest: digestOf(section.facts) }, stepMs });
      if (!answered) {
        answered = true;
        // The first section is about to be drawn: leave the processor to the terminal for a moment before working ahead.
        setTimeout(() => void lookAhead(), FIRST_PAINT_MS);
      }
      // A regeneration re-read the repository: the sections analysed ahead were of the old files.
      if (request.kind === 'regenerate') void lookAhead();
    } catch (error) {
      post({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  })();
});

