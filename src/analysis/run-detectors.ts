import type { Detector, Fact } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { redactFacts } from '../secrets/outbound.js';
import { phaseName } from './phase-names.js';

/** A detector that threw: reported in the section's notes instead of failing the whole step. */
export interface DetectorFailure {
  readonly detector: string;
  readonly message: string;
}

/**
 * Runs detectors against one index, each at most once (several steps share e.g. the CDK detector), and keeps going
 * when one fails on input nobody anticipated. Facts leave here redacted (`redactFacts`): no step, report, digest or
 * server ever sees a raw one, so none can print a secret value that a detector read.
 */
export class Analysis {
  private readonly results = new Map<string, readonly Fact[]>();
  private readonly failed = new Map<string, DetectorFailure>();

  constructor(readonly index: RepoIndex) {}

  private readonly isPath = (p: string): boolean => this.index.has(p) || this.index.hasDir(p);

  run(detectors: readonly Detector[], onProgress?: (message: string) => void): Fact[] {
    const facts: Fact[] = [];
    const seen = new Set<string>();
    for (const detector of detectors) {
      // A step's list may name a detector twice (its own and one of a shared list): its facts count once.
      if (seen.has(detector.id)) continue;
      seen.add(detector.id);
      let result = this.results.get(detector.id);
      if (!result) {
        onProgress?.(phaseName(detector.id));
        result = redactFacts(this.detect(detector), { isPath: this.isPath });
        this.results.set(detector.id, result);
      }
      facts.push(...result);
    }
    return facts;
  }

  failures(): DetectorFailure[] {
    return [...this.failed.values()];
  }

  private detect(detector: Detector): readonly Fact[] {
    try {
      return detector.isEnabled(this.index) ? detector.detect(this.index) : [];
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.failed.set(detector.id, { detector: detector.id, message });
      if (process.env.DEBUG) console.error(error);
      return [];
    }
  }
}
