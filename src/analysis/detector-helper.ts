/**
 * A second core for `--yes`. The costly detectors that no early step needs (backend routes, data access, client
 * routes, SDKs, dependencies) run in a helper thread with its own index while this thread lists the repository,
 * writes the first steps and runs the other detectors; a step that needs one of them takes its facts from the
 * helper. Detectors are pure functions of the repository's files, so the facts are the same whichever thread found
 * them (test/detector-helper.test.ts compares whole runs).
 *
 * The helper is an accelerator, never a dependency: a detector it has not started when it is needed runs here (and
 * the helper is told to skip it), and if the thread fails to start or dies, everything runs here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Fact } from '../facts.js';
import type { SkippedFile } from '../scan/repo-index.js';
import type { DetectorFailure } from './run-detectors.js';
import { stepDetectors } from '../model/repo-model.js';
import { stepEntry } from '../steps/registry.js';

export interface HelperInput {
  readonly root: string;
  readonly exclude: readonly string[];
  readonly ignore?: readonly string[];
  readonly cacheFile?: string;
  /** Detector ids, in the order the steps need them. */
  readonly detectors: readonly string[];
  /** With fewer files the helper ends after listing them (the run is short; this thread does everything). */
  readonly minFiles: number;
  readonly port: MessagePort;
}

export type HelperRequest = { readonly skip: string };

export type HelperMessage =
  | { readonly kind: 'start'; readonly id: string }
  | {
      readonly kind: 'done';
      readonly id: string;
      readonly facts: readonly Fact[];
      readonly failure?: DetectorFailure;
      readonly skippedFiles: readonly SkippedFile[];
    }
  | { readonly kind: 'broken'; readonly message: string };

export interface HelperResult {
  readonly facts: readonly Fact[];
  readonly failure?: DetectorFailure;
  readonly skippedFiles: readonly SkippedFile[];
}

/**
 * The detectors worth a second thread, in the order `--yes` needs them: each is costly on a big repository
 * (hundreds of milliseconds at 20,000 files) and first needed after step 2, so the helper has them ready or nearly
 * so when a step asks.
 */
export const HELPER_DETECTORS = ['backend-code', 'react-router', 'db-access', 'sdk', 'dependencies'] as const;

const WORKER = new URL('./detector-worker.js', import.meta.url);
const HELPER_YOUNG_MB = 4;

type State = { kind: 'queued' } | { kind: 'running'; done: Promise<HelperResult | undefined> } | { kind: 'done'; result: HelperResult } | { kind: 'mine' };

export class DetectorHelper {
  private readonly states = new Map<string, State>();
  private readonly waiting = new Map<string, (result: HelperResult | undefined) => void>();
  private broken = false;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    ids: readonly string[],
  ) {
    for (const id of ids) this.states.set(id, { kind: 'queued' });
    port.on('message', (m: HelperMessage) => this.receive(m));
    worker.on('error', () => this.fail());
    worker.on('exit', () => this.fail());
    // The helper never keeps the process alive: the run ends when this thread is done.
    worker.unref();
    port.unref();
  }

  /** A helper for these detectors, or undefined where the thread cannot run (sources under vitest, or turned off). */
  static start(input: Omit<HelperInput, 'port'>): DetectorHelper | undefined {
    const usable = WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER)) && process.env.PROJECT_CONTEXT_WORKER !== '0';
    if (!usable || input.detectors.length === 0) return undefined;
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER, {
      workerData: { ...input, port: port2 },
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: HELPER_YOUNG_MB },
    });
    return new DetectorHelper(worker, port1, input.detectors);
  }

  owns(id: string): boolean {
    const state = this.states.get(id);
    return state?.kind === 'done' || (!this.broken && state !== undefined && state.kind !== 'mine');
  }

  /**
   * The detector's facts from the helper: at once when it finished, after it finishes when it is running, or
   * undefined — run it here — when it has not started (the helper is told to skip it) or the helper failed.
   */
  take(id: string): HelperResult | Promise<HelperResult | undefined> | undefined {
    const state = this.states.get(id);
    if (state?.kind === 'done') return state.result;
    if (!state || this.broken || state.kind === 'mine') return undefined;
    if (state.kind === 'running') return this.awaited(state.done);
    this.states.set(id, { kind: 'mine' });
    this.port.postMessage({ skip: id } satisfies HelperRequest);
    return undefined;
  }

  /** While this thread waits for the helper, the helper keeps the process alive (else the run would just end). */
  private async awaited(done: Promise<HelperResult | undefined>): Promise<HelperResult | undefined> {
    this.worker.ref();
    this.port.ref();
    try {
      return await done;
    } finally {
      this.worker.unref();
      this.port.unref();
    }
  }

  close(): void {
    this.broken = true;
    this.port.close();
    void this.worker.terminate();
  }

  private receive(message: HelperMessage): void {
    if (message.kind === 'broken') return this.fail();
    const state = this.states.get(message.id);
    if (!state || state.kind === 'mine') return;
    if (message.kind === 'start') {
      this.states.set(message.id, { kind: 'running', done: new Promise((resolve) => this.waiting.set(message.id, resolve)) });
      return;
    }
    const result: HelperResult = { facts: message.facts, failure: message.failure, skippedFiles: message.skippedFiles };
    this.states.set(message.id, { kind: 'done', result });
    this.waiting.get(message.id)?.(result);
    this.waiting.delete(message.id);
  }

  /** The thread ended (its work done, or failed): what it did not send runs in this thread; whoever waits is told so. */
  private fail(): void {
    this.broken = true;
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}

/** Below this many files the whole run takes about a second: the helper would only add its start-up. */
export const HELPER_MIN_FILES = 2_000;

/**
 * The helper for a `--yes` run of `steps`: the HELPER_DETECTORS those steps need; it ends at once on a repository
 * too small for it to pay. PROJECT_CONTEXT_HELPER lists other detector ids, whatever the size (for measuring and
 * tests), or `none`.
 */
export function startHelper(input: Omit<HelperInput, 'port' | 'detectors' | 'minFiles'>, steps: readonly number[]): DetectorHelper | undefined {
  const list = process.env.PROJECT_CONTEXT_HELPER;
  if (list === 'none') return undefined;
  const needed = new Set(steps.flatMap((n) => stepDetectors(stepEntry(n).definition.detectors, stepEntry(n).definition.claims).map((d) => d.id)));
  const wanted = list === undefined ? [...HELPER_DETECTORS] : list.split(',').filter(Boolean);
  return DetectorHelper.start({ ...input, detectors: wanted.filter((id) => needed.has(id)), minFiles: list === undefined ? HELPER_MIN_FILES : 0 });
}
