/**
 * The main thread's handle on the analysis. Interactive runs analyse the first step here, at once, and start a worker
 * thread (analysis-worker.ts) that works ahead through the other steps on the second core: the next section is ready
 * when the user accepts the one on screen, and the terminal answers keys at once however long a detector takes.
 * `--yes` has nobody to keep waiting and runs everything in this thread (a second thread would cost ~110 MB for a
 * ~10% shorter run). Where the worker cannot run (from TypeScript sources under tsx or vitest, or with
 * PROJECT_CONTEXT_WORKER=0) everything runs here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FileCache } from '../scan/file-cache.js';
import type { GeneratedSection } from '../steps/generate.js';
import type { StepContext } from '../steps/types.js';
import type { WorkerInput, WorkerMessage, WorkerRequest } from './analysis-worker.js';
import { Analyzer, type ProgressListener, type StepSource } from './analyzer.js';
import { readingNotes } from './reading-notes.js';
import { timing } from './timings.js';

export interface AnalysisHandle extends StepSource {
  /** Notes on files that could not be read, for the end of the run. */
  notes(): Promise<string[]>;
  /** Ends the worker; pending requests are abandoned. */
  close(): void;
}

export interface AnalysisOptions {
  readonly root: string;
  readonly context: StepContext;
  /** Our own output and state files, never analysed. */
  readonly exclude: readonly string[];
  /** The steps the session will show, in order. */
  readonly steps: readonly number[];
  /** Where per-file results are kept between runs (beside the state file). */
  readonly cacheFile?: string;
  /** Analyse the steps after the first in a worker thread, ahead of the review. */
  readonly workAhead: boolean;
  /** Messages while the index is built. */
  readonly onProgress?: ProgressListener;
}

const WORKER = new URL('./analysis-worker.js', import.meta.url);

export async function openAnalysis(options: AnalysisOptions): Promise<AnalysisHandle> {
  const cache = options.cacheFile ? FileCache.load(options.cacheFile) : undefined;
  const local = await Analyzer.open(options.root, options.context, options.onProgress, options.exclude, cache);
  const here: AnalysisHandle = Object.assign(local, { notes: async () => readingNotes(local.repoIndex), close: () => undefined });
  const usable = WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER)) && process.env.PROJECT_CONTEXT_WORKER !== '0';
  if (!options.workAhead || !usable || options.steps.length < 2) return here;
  const { root, context, exclude, cacheFile } = options;
  const ahead = WorkerAnalysis.start({ root, context, exclude, cacheFile, steps: options.steps.slice(1) });
  return new SplitAnalysis(here, options.steps[0], ahead);
}

/** The first step from this thread, the others from the worker (or from this thread if the worker failed). */
class SplitAnalysis implements AnalysisHandle {
  constructor(
    private readonly here: AnalysisHandle,
    private readonly first: number,
    private readonly ahead: Promise<WorkerAnalysis>,
  ) {
    ahead.catch(() => undefined);
  }

  private worker(): Promise<AnalysisHandle> {
    return this.ahead.catch(() => this.here);
  }

  async section(step: number, onProgress?: ProgressListener): Promise<GeneratedSection> {
    if (step === this.first) return this.here.section(step, onProgress);
    return (await this.worker()).section(step, onProgress);
  }

  async regenerate(step: number, onProgress?: ProgressListener): Promise<GeneratedSection> {
    return (await this.worker()).regenerate(step, onProgress);
  }

  async notes(): Promise<string[]> {
    const lists = await Promise.all([this.here.notes(), this.worker().then((w) => (w === this.here ? [] : w.notes()))]);
    return [...new Set(lists.flat())];
  }

  stop(): void {
    this.here.stop();
    void this.ahead.then((w) => w.stop(), () => undefined);
  }

  close(): void {
    void this.ahead.then((w) => w.close(), () => undefined);
  }
}

interface Pending {
  readonly resolve: (value: never) => void;
  readonly reject: (error: Error) => void;
  readonly step?: number;
  readonly onProgress?: ProgressListener;
}

class WorkerAnalysis implements AnalysisHandle {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private stopped = false;
  private readonly reported = new Set<number>();

  private constructor(private readonly worker: Worker) {}

  static start(input: WorkerInput): Promise<WorkerAnalysis> {
    const worker = new Worker(WORKER, { workerData: input });
    const analysis = new WorkerAnalysis(worker);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'opened') {
          analysis.idle();
          resolve(analysis);
        } else analysis.receive(message);
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
  }

  section(step: number, onProgress?: ProgressListener): Promise<GeneratedSection> {
    return this.request({ kind: 'section', step }, onProgress);
  }

  regenerate(step: number, onProgress?: ProgressListener): Promise<GeneratedSection> {
    this.reported.delete(step);
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
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject, step: 'step' in body ? body.step : undefined, onProgress });
      this.worker.ref();
      this.worker.postMessage({ id, ...body } as WorkerRequest);
    });
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'progress') {
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
