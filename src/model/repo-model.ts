/**
 * The repository model every step renders from: the index, the detectors' facts (each detector run at most once per
 * analysis, on demand, so the first section does not wait for all of them) and the negative claims, which are
 * conclusions over every detector that could contradict them.
 */
import type { Analysis } from '../analysis/run-detectors.js';
import { FactSet, type Detector } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { decidePackageManager, type PackageManager } from '../detectors/shared/package-manager.js';
import type { ClaimTopic, NegativeClaim } from './claims.js';
import { ENV_DETECTORS, envModelOf, type EnvModel } from './env.js';
import { topic, type Evidence } from './topics.js';

export class RepoModel {
  /** Facts by detector list: detectors run once, so a set never changes within an analysis and is shared. */
  private readonly factSets = new Map<string, FactSet>();

  private constructor(private readonly analysis: Analysis) {}

  private static readonly models = new WeakMap<Analysis, RepoModel>();

  /** The one model of an analysis: every step of a run shares it (and its per-topic facts). */
  static of(analysis: Analysis): RepoModel {
    let model = RepoModel.models.get(analysis);
    if (!model) RepoModel.models.set(analysis, (model = new RepoModel(analysis)));
    return model;
  }

  get index(): RepoIndex {
    return this.analysis.index;
  }

  /** Facts of these detectors (run now if they have not run yet). */
  facts(detectors: readonly Detector[]): FactSet {
    const key = detectors.map((d) => d.id).join(' ');
    let set = this.factSets.get(key);
    if (!set) this.factSets.set(key, (set = new FactSet(this.analysis.run(detectors))));
    return set;
  }

  /** Every environment variable with its reads and sets: the one view steps 5, 8, 9 and 10 render. */
  env(): EnvModel {
    return envModelOf(this.facts(ENV_DETECTORS), this.index);
  }

  /** Everything in the repository that shows a `topic` exists; empty when the whole model confirms it does not. */
  evidence(id: ClaimTopic, subject?: string): Evidence[] {
    const t = topic(id);
    return t.evidence(this.facts(t.detectors), this.index, subject);
  }
}

/**
 * What one step's builder sees: the repository model, the facts of the detectors the step declares (only those, so a
 * section does not depend on which steps ran before it), and the way to make a negative claim.
 */
export class StepModel {
  private readonly made: NegativeClaim[] = [];

  constructor(
    readonly repo: RepoModel,
    readonly facts: FactSet,
  ) {}

  get index(): RepoIndex {
    return this.repo.index;
  }

  /**
   * The repository's package manager: the one decision (lockfile, `packageManager`, pnpm workspace, the install
   * command the repository runs) every step names scripts with, so step 5's dev command and step 9's agree.
   */
  get packageManager(): PackageManager {
    return decidePackageManager(this.index)?.tool ?? 'npm';
  }

  /** The environment model of the whole repository (not only of this step's detectors). */
  get env(): EnvModel {
    return this.repo.env();
  }

  /**
   * `text` when the whole repository confirms there is no `topic` (recorded with the section), otherwise undefined:
   * the step then says what it found instead of "none".
   */
  none(id: ClaimTopic, text: string, subject?: string): string | undefined {
    if (this.repo.evidence(id, subject).length > 0) return undefined;
    this.made.push({ topic: id, ...(subject !== undefined ? { subject } : {}), text });
    return text;
  }

  /** What contradicts a claim about `topic`, for the sentence a step writes instead of it. */
  evidence(id: ClaimTopic, subject?: string): Evidence[] {
    return this.repo.evidence(id, subject);
  }

  claims(): readonly NegativeClaim[] {
    return this.made;
  }
}

/** The detectors a step needs before it is built: its own and those of every topic it may make a claim about. */
export function stepDetectors(detectors: readonly Detector[], claims: readonly ClaimTopic[] = []): Detector[] {
  const out = new Map(detectors.map((d) => [d.id, d]));
  for (const id of claims) for (const d of topic(id).detectors) if (!out.has(d.id)) out.set(d.id, d);
  return [...out.values()];
}
