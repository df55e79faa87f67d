import type { Detector, Fact } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { phaseName } from './phase-names.js';

/** A detector that threw: reported in the section's notes instead of failing the whole step. */
export interface DetectorFailure {
  readonly detector: string;
  readonly message: string;
}

/**
 * Runs detectors against one index, each at most once (several steps share e.g. the CDK detector), and keeps going
 * when one fails on input nobody anticipated.
 */
export class Analysis {
  private readonly results = new Map<string, readonly Fact[]>();
  private readonly failed = new Map<string, DetectorFailure>();

  constructor(readonly index: RepoIndex) {}

  run(detectors: readonly Detector[], onProgress?: (message: string) => void): Fact[] {
    const facts: Fact[] = [];
    for (const detector of detectors) {
      let result = this.results.get(detector.id);
      if (!result) {
        onProgress?.(phaseName(detector.id));
        result = this.detect(detector);
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
