import type { Fact } from '../../facts.js';

export type CiProvider =
  | 'github-actions'
  | 'github-composite-action'
  | 'gitlab-ci'
  | 'circleci'
  | 'bitbucket-pipelines'
  | 'azure-pipelines'
  | 'aws-codebuild'
  | 'travis-ci';

/** What starts a workflow: `push` with `branches: main`, `schedule` with its cron, `workflow_dispatch` with inputs… */
export interface CiTrigger {
  readonly event: string;
  readonly detail?: string;
}

/**
 * An environment variable a CI file sets. Only where its value comes from is kept, never the value: a literal may be
 * a token pasted inline.
 */
export interface CiEnvVar {
  readonly name: string;
  readonly source: 'secret' | 'var' | 'literal' | 'expression';
  /** The secret or variable it is read from (`secrets.AWS_ACCESS_KEY_ID` → `AWS_ACCESS_KEY_ID`). */
  readonly ref?: string;
  readonly line: number;
}

export interface CiStep {
  readonly name?: string;
  /** Shell command(s), redacted. */
  readonly run?: string;
  /** `actions/checkout@v4`, or a CircleCI orb command. */
  readonly uses?: string;
  /** Step-level `env:`. */
  readonly env: readonly CiEnvVar[];
  /** Names the `run:` command sets: `X=… cmd`, `export X=…`, `echo "X=…" >> $GITHUB_ENV` (run-sets.ts). */
  readonly runSets?: readonly CiEnvVar[];
  readonly line: number;
}

export interface CiJob {
  readonly id: string;
  readonly name?: string;
  /** Jobs that must finish first (`needs:`, GitLab stages order is in `stage`). */
  readonly needs: readonly string[];
  readonly stage?: string;
  readonly runsOn?: string;
  readonly environment?: string;
  readonly condition?: string;
  /** Matrix dimensions (`node`, `workspace`). */
  readonly matrix: readonly string[];
  /** A reusable workflow the job calls (`uses:` at job level). */
  readonly calls?: string;
  readonly env: readonly CiEnvVar[];
  readonly steps: readonly CiStep[];
  /** Travis `deploy:` providers the job runs (`npm`, `heroku`, `pages`). */
  readonly deploy?: readonly string[];
  readonly line: number;
}

export interface CiWorkflowData {
  readonly provider: CiProvider;
  readonly file: string;
  readonly name?: string;
  readonly triggers: readonly CiTrigger[];
  /** GitLab `stages:` order. */
  readonly stages: readonly string[];
  /** Workflow-level `env:` / `variables:`. */
  readonly env: readonly CiEnvVar[];
  readonly jobs: readonly CiJob[];
  /** `secrets.X` references, by name, with the first line each appears on. */
  readonly secrets: readonly { readonly name: string; readonly line: number }[];
  /** `vars.X` references (GitHub configuration variables). */
  readonly vars: readonly { readonly name: string; readonly line: number }[];
}

export type CiWorkflowFact = Fact<'ci.workflow', CiWorkflowData>;
