/**
 * The main thread's handle on the analysis. An interactive run starts the analysis in a worker thread
 * (analysis-worker.ts) before it loads the terminal UI, so Ink loads on one core while the other reads the repository
 * and generates step 1; the worker then works ahead through the other steps while the user reviews, and the terminal
 * answers keys at once however long a detector takes. `--yes` has nobody to keep waiting and runs in this thread (a
 * second thread would cost ~110 MB for a ~12% shorter run). Where the worker cannot run (TypeScript sources under tsx
 * or vitest, or PROJECT_CONTEXT_WORKER=0) everything runs in this thread.
 *
 * This module and everything it imports statically stay light: the analysis (and the TypeScript compiler) is loaded
 * by the worker, or imported here only when it runs in this thread.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { twoHeapPolicy } from '../cli/heap-policy.js';
import { listFiles, type FileListing } from '../scan/list-files.js';
import type { GeneratedSection } from '../steps/generate.js';
import type { StepContext } from '../steps/types.js';
import type { WorkerInput, WorkerMessage, WorkerRequest } from './analysis-worker.js';
import type { ProgressListener, StepSource } from './analyzer.js';
import { timing } from './timings.js';

export interface AnalysisHandle extends StepSource {
  /** The steps the session will show, in order: a worker analyses them ahead of the review. */
  plan(steps: readonly number[]): void;
  /** Notes on files that could not be read, for the end of the run. */
  notes(): Promise<string[]>;
}

export interface AnalysisOptions {
  readonly root: string;
  readonly context: StepContext;
  /** Our own output, state and cache files, never analysed. */
  readonly exclude: readonly string[];
  /** Where per-file results are kept between runs (beside the state file). */
  readonly cacheFile?: string;
  /** In a worker thread when possible (interactive runs). */
  readonly inWorker: boolean;
}

/** An analysis being opened: the handle once the index is built, progress messages meanwhile, and the way to end it. */
export interface AnalysisStart {
  readonly opened: Promise<AnalysisHandle>;
  /** The steps the session will show, known before the analysis opened: a worker starts on the first at once. */
  plan(steps: readonly number[]): void;
  onProgress(listener: ProgressListener): void;
  /** Ends the worker (also before it has opened); pending requests are abandoned. */
  close(): void;
}

const WORKER = new URL('./analysis-worker.js', import.meta.url);
const WORKER_YOUNG_MB = 4;

export function startAnalysis(options: AnalysisOptions): AnalysisStart {
  const usable = options.inWorker && WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER)) && process.env.PROJECT_CONTEXT_WORKER !== '0';
  if (usable) return WorkerAnalysis.start({ root: options.root, context: options.context, exclude: options.exclude, cacheFile: options.cacheFile });
  let listener: ProgressListener | undefined;
  let saveCache: (() => void) | undefined;
  // Git lists the files while this thread loads the analysis code (a tenth of a second or more at 20,000 files).
  const listing = startListing(options.root);
  const opened = (async (): Promise<AnalysisHandle> => {
    const [{ Analyzer }, { FileCache }, { readingNotes }] = await Promise.all([
      import('./analyzer.js'),
      import('../scan/file-cache.js'),
      import('./reading-notes.js'),
    ]);
    const cache = options.cacheFile ? FileCache.load(options.cacheFile) : undefined;
    const analyzer = await Analyzer.open(options.root, options.context, {
      onProgress: (m) => listener?.(m),
      exclude: options.exclude,
      cache,
      saveEachStep: options.inWorker,
      listing,
    });
    saveCache = () => analyzer.saveCache();
    return Object.assign(analyzer, { plan: () => undefined, notes: async () => readingNotes(analyzer.repoIndex) });
  })();
  // Whoever awaits `opened` gets the error; until then it must not count as an unhandled rejection.
  opened.catch(() => undefined);
  // The run ended (or failed): what the steps computed is kept for the next run.
  return { opened, plan: () => undefined, onProgress: (l) => (listener = l), close: () => saveCache?.() };
}

/** `listFiles` of the root's real path, as `buildIndex` would call it; undefined when the root cannot be resolved. */
function startListing(root: string): Promise<FileListing> | undefined {
  let real: string;
  try {
    real = realpathSync(path.resolve(root));
  } catch {
    return undefined; // buildIndex reports it
  }
  const listing = listFiles(real);
  // Whoever awaits it gets the error; until then it must not count as an unhandled rejection.
  listing.catch(() => undefined);
  return listing;
}

interface Pending {
  readonly resolve: (value: never) => void;
  readonly reject: (error: Error) => void;
  readonly step?: number;
  readonly onProgress?: ProgressListener;
  /** The regeneration count when asked: an answer from before a regeneration is not kept. */
  readonly generation: number;
}

class WorkerAnalysis implements AnalysisHandle {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private stopped = false;
  private readonly reported = new Set<number>();
  /**
   * Sections already received, so accepting one (which needs its facts) does not wait for the worker, which may be
   * deep in a detector for a later step and answers only between detectors.
   */
  private readonly received = new Map<number, GeneratedSection>();
  private generation = 0;
  /** What the worker last said about each step it works on, so that asking for a step analysed ahead shows at once
   * where it is (`Reading HTTP server routes (4 of 6)`) rather than nothing until its next detector starts. */
  private readonly phase = new Map<number, string>();

  private constructor(private readonly worker: Worker) {}

  static start(input: WorkerInput): AnalysisStart {
    twoHeapPolicy();
    // A small young generation: the analysis allocates fast, and a big nursery stays in memory (≈ 50 MB at 20k files).
    const worker = new Worker(WORKER, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    const analysis = new WorkerAnalysis(worker);
    let listener: ProgressListener | undefined;
    const opened = new Promise<AnalysisHandle>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'opened') {
          timing('index-built', { files: message.files });
          analysis.idle();
          resolve(analysis);
        } else if (message.kind === 'progress' && message.step === undefined) listener?.(message.message);
        else analysis.receive(message);
      });
      worker.on('error', (error) => {
        analysis.fail(error);
        reject(error);
      });
      worker.on('exit', (code) => {
        const error = new Error(`The analysis stopped unexpectedly (exit code ${code}).`);
        analysis.fail(error);
        reject(error);
      });
    });
    opened.catch(() => undefined);
    return { opened, plan: (steps) => analysis.plan(steps), onProgress: (l) => (listener = l), close: () => analysis.close() };
  }

  plan(steps: readonly number[]): void {
    if (!this.stopped) this.worker.postMessage({ id: 0, kind: 'plan', steps } satisfies WorkerRequest);
  }

  section(step: number, onProgress?: ProgressListener): Promise<GeneratedSection> {
    const known = this.received.get(step);
    if (known) return Promise.resolve(known);
    return this.request({ kind: 'section', step }, onProgress);
  }

  regenerate(step: number, onProgress?: ProgressListener): Promise<GeneratedSection> {
    this.reported.delete(step);
    this.generation += 1;
    this.received.clear();
    this.phase.clear();
    return this.request({ kind: 'regenerate', step }, onProgress);
  }

  notes(): Promise<string[]> {
    return this.request({ kind: 'notes' });
  }

  /** Ctrl+C: the analysis ends now, and whoever waits for a section keeps waiting while the wizard exits. */
  stop(): void {
    this.stopped = true;
    void this.worker.terminate();
  }

  close(): void {
    this.stopped = true;
    void this.worker.terminate();
  }

  /** Only a pending request keeps the process alive: an idle worker never holds up the exit. */
  idle(): void {
    if (this.pending.size === 0) this.worker.unref();
  }

  private request<T>(body: { kind: 'section' | 'regenerate'; step: number } | { kind: 'notes' }, onProgress?: ProgressListener): Promise<T> {
    if (this.stopped) return new Promise<never>(() => undefined);
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (value: never) => void,
        reject,
        step: 'step' in body ? body.step : undefined,
        onProgress,
        generation: this.generation,
      });
      this.worker.ref();
      this.worker.postMessage({ id, ...body } as WorkerRequest);
      const phase = body.kind === 'section' ? this.phase.get(body.step) : undefined;
      if (phase) onProgress?.(phase);
    });
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'progress') {
      if (message.step !== undefined) this.phase.set(message.step, message.message);
      for (const p of this.pending.values()) if (p.step === message.step) p.onProgress?.(message.message);
      return;
    }
    if (message.kind === 'opened') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    this.idle();
    if (message.kind === 'error') pending.reject(new Error(message.message));
    else if (message.kind === 'notes') pending.resolve(message.notes as never);
    else {
      const { section } = message;
      if (pending.generation === this.generation) this.received.set(section.step, section);
      if (!this.reported.has(section.step)) {
        this.reported.add(section.step);
        timing('step', { step: section.step, stepMs: message.stepMs, lines: section.markdown.split('\n').length });
      }
      pending.resolve(section as never);
    }
  }

  private fail(error: Error): void {
    if (this.stopped) return;
    this.failure = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
