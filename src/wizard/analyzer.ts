import { Analysis } from '../analysis/run-detectors.js';
import type { FileCache } from '../scan/file-cache.js';
import { buildIndex, type BuildIndexOptions, type ManagedIndex, type RepoIndex } from '../scan/repo-index.js';
import { generateSection, type GeneratedSection } from '../steps/generate.js';
import { STEPS, stepEntry } from '../steps/registry.js';
import { stepDetectors } from '../model/repo-model.js';
import type { StepContext } from '../steps/types.js';
import { threadCpuMs, timing } from './timings.js';

export type ProgressListener = (message: string) => void;

/** What the review loops need from an analysis: in this thread (`Analyzer`) or in a worker (`openAnalysis`). */
export interface StepSource {
  section(step: number, onProgress?: ProgressListener): Promise<GeneratedSection>;
  regenerate(step: number, onProgress?: ProgressListener): Promise<GeneratedSection>;
  stop(): void;
}

/** Every detector's per-file tree functions, computed on each parse (see TreeMemo). */
const TREE_MEMOS = STEPS.flatMap((s) => stepDetectors(s.definition.detectors, s.definition.claims).flatMap((d) => d.treeMemos ?? []));

/** Lets the event loop run (a spinner repaint, a Ctrl+C key) between two pieces of synchronous analysis. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface OpenOptions {
  /** Progress of the index build. */
  readonly onProgress?: ProgressListener;
  /** Our own files (the output, the state file), never analysed as part of the repository. */
  readonly exclude?: readonly string[];
  /** Per-file results of earlier runs, kept for the next one. */
  readonly cache?: FileCache;
  /**
   * Save `cache` after each step (the default), where a user may quit between steps. A `--yes` run passes false and
   * saves once at its end with `saveCache()` (each save writes the whole cache: ~0.2 s over ten steps at 20,000
   * files). Losing them to a crash costs only time on the next run.
   */
  readonly saveEachStep?: boolean;
  /** The file listing, started before the analysis code loaded (see `startAnalysis`). */
  readonly listing?: BuildIndexOptions['listing'];
}

/**
 * Owns the repository index and the detector results for one wizard run. Steps are analysed lazily, when first
 * shown, so the first section appears after only its own detectors ran.
 */
export class Analyzer implements StepSource {
  private analysis: Analysis;
  private readonly sections = new Map<number, GeneratedSection>();
  private stopped = false;

  private constructor(
    private index: ManagedIndex,
    private readonly context: StepContext,
    private readonly cache: FileCache | undefined,
    private readonly saveEachStep: boolean,
  ) {
    this.analysis = new Analysis(index);
    index.watchTrees(TREE_MEMOS);
  }

  static async open(root: string, context: StepContext, options: OpenOptions = {}): Promise<Analyzer> {
    const { onProgress, exclude = [], cache, saveEachStep = true, listing } = options;
    const index = await buildIndex(root, { onProgress, exclude, ignore: context.ignore, cache, listing });
    timing('index-built', { files: index.files.length });
    return new Analyzer(index, context, cache, saveEachStep);
  }

  /**
   * Ctrl+C arrived: the wizard is restoring the terminal and exiting. The analysis does not go on to show a screen
   * (or save a section) meanwhile; it simply never resumes after its current detector.
   */
  stop(): void {
    this.stopped = true;
  }

  /** Saves the per-file results now: a run opened with `saveEachStep: false` calls this at its end. */
  saveCache(): void {
    this.cache?.save();
  }

  /** A tick for the event loop; after stop() it never returns. */
  private async pause(): Promise<void> {
    await tick();
    if (this.stopped) await new Promise<never>(() => undefined);
  }

  get repoIndex(): RepoIndex {
    return this.index;
  }

  async section(step: number, onProgress?: ProgressListener): Promise<GeneratedSection> {
    const cached = this.sections.get(step);
    if (cached) return cached;
    const definition = stepEntry(step).definition;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const thread = threadCpuMs();
    const detectors = stepDetectors(definition.detectors, definition.claims);
    for (const [i, detector] of detectors.entries()) {
      const before = performance.now();
      this.analysis.run([detector], onProgress && ((phase) => onProgress(`${phase} (${i + 1} of ${detectors.length})`)));
      timing('detector', { step, detector: detector.id, detectorMs: Math.round(performance.now() - before) });
      await this.pause();
    }
    onProgress?.('Writing the section');
    const section = generateSection(definition, this.analysis, this.context);
    // Trees are most of the memory; what later steps need from them was memoised while they existed (TREE_MEMOS).
    this.index.releaseTrees();
    await this.pause();
    this.sections.set(step, section);
    if (this.saveEachStep) this.cache?.save();
    const used = process.cpuUsage(cpu);
    timing('step', {
      step,
      stepMs: Math.round(performance.now() - started),
      // Process CPU (the collector's helper threads included): steadier than wall time on a loaded machine.
      stepCpuMs: Math.round((used.user + used.system) / 1000),
      ...(thread === undefined ? {} : { stepThreadCpuMs: (threadCpuMs() ?? thread) - thread }),
      lines: section.markdown.split('\n').length,
    });
    return section;
  }

  /** Re-lists the repository and re-reads only files whose size or mtime changed, then regenerates the step. */
  async regenerate(step: number, onProgress?: ProgressListener): Promise<GeneratedSection> {
    this.index = await buildIndex(this.index.root, { onProgress, previous: this.index, exclude: this.index.excluded, ignore: this.context.ignore, cache: this.cache });
    this.index.watchTrees(TREE_MEMOS);
    this.analysis = new Analysis(this.index);
    this.sections.clear();
    return this.section(step, onProgress);
  }
}
