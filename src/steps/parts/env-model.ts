/** One view of every environment variable: where the code reads it and every place that sets or declares it. */
import type { CiWorkflowFact } from '../../detectors/ci/index.js';
import type { CdkLambdaFact } from '../../detectors/cdk/facts.js';
import { looksSecret, type EnvDeclaredFact, type EnvReadData, type EnvReadFact } from '../../detectors/env/index.js';
import type { InfraFunctionFact } from '../../detectors/other-infra/types.js';
import type { ComposeServiceFact } from '../../detectors/compose/index.js';
import type { DockerfileFact } from '../../detectors/dockerfile/index.js';
import type { K8sResourceFact } from '../../detectors/kubernetes/index.js';
import type { Citation, FactSet } from '../../facts.js';

export interface SetSite {
  readonly kind: 'cdk' | 'ci' | 'example' | 'dotenv' | 'type' | 'serverless' | 'container';
  readonly at: Citation;
  /** Lambda construct id, CI job, function name, or compose service / Kubernetes workload / Dockerfile. */
  readonly owner?: string;
  /** CI value source: `secret X`, `var X`, `literal`. */
  readonly source?: string;
  /** A CDK value that is a literal in the code (names a literal, never its value). */
  readonly literal?: boolean;
}

export interface EnvVarView {
  readonly name: string;
  readonly reads: EnvReadData[];
  readonly sets: SetSite[];
  readonly secret: boolean;
  readonly builtin: boolean;
}

export function envModel(facts: FactSet): Map<string, EnvVarView> {
  const vars = new Map<string, EnvVarView>();
  const view = (name: string): EnvVarView => {
    let v = vars.get(name);
    if (!v) vars.set(name, (v = { name, reads: [], sets: [], secret: looksSecret(name), builtin: false }));
    return v;
  };
  for (const f of facts.of<EnvReadFact>('env.read')) {
    const v = view(f.data.name);
    v.reads.push(f.data);
    if (f.data.builtin) (v as { builtin: boolean }).builtin = true;
  }
  for (const f of facts.of<EnvDeclaredFact>('env.declared')) {
    view(f.data.name).sets.push({ kind: f.data.source, at: { file: f.data.file, line: f.data.line } });
  }
  for (const f of facts.of<CdkLambdaFact>('cdk.lambda')) {
    for (const e of f.data.environment ?? []) {
      view(e.name).sets.push({ kind: 'cdk', at: e.at, owner: f.data.constructId, literal: e.literal });
    }
  }
  for (const f of facts.of<InfraFunctionFact>('infra.function')) {
    for (const name of f.data.environment) {
      const set = f.data.environmentAt?.find((e) => e.name === name);
      view(name).sets.push({ kind: 'serverless', at: set ? { file: set.file, line: set.line } : { file: f.data.file, line: f.data.line }, owner: f.data.name });
    }
  }
  // Containers: compose `environment`, Dockerfile `ENV`, Kubernetes container `env` (names only, as everywhere).
  for (const f of facts.of<ComposeServiceFact>('compose.service')) {
    for (const e of f.data.environment) view(e.name).sets.push({ kind: 'container', at: { file: f.data.file, line: e.line }, owner: `compose ${f.data.name}` });
  }
  for (const f of facts.of<DockerfileFact>('docker.dockerfile')) {
    for (const e of f.data.env) view(e.name).sets.push({ kind: 'container', at: { file: f.data.file, line: e.line }, owner: 'Dockerfile' });
  }
  for (const f of facts.of<K8sResourceFact>('k8s.resource')) {
    for (const name of new Set(f.data.containers.flatMap((c) => c.env))) {
      view(name).sets.push({ kind: 'container', at: { file: f.data.file, line: f.data.line }, owner: `${f.data.kind} ${f.data.name}` });
    }
  }
  for (const f of facts.of<CiWorkflowFact>('ci.workflow')) {
    const w = f.data;
    const add = (e: { name: string; source: string; ref?: string; line: number }, owner?: string) =>
      view(e.name).sets.push({ kind: 'ci', at: { file: w.file, line: e.line }, owner, source: e.ref ? `${e.source} ${e.ref}` : e.source });
    for (const e of w.env) add(e);
    for (const job of w.jobs) {
      for (const e of job.env) add(e, job.id);
      for (const step of job.steps) for (const e of step.env) add(e, job.id);
    }
  }
  for (const v of vars.values()) {
    v.reads.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    v.sets.sort((a, b) => (a.at.file < b.at.file ? -1 : a.at.file > b.at.file ? 1 : (a.at.line ?? 0) - (b.at.line ?? 0)));
  }
  return vars;
}

export function sortedVars(vars: Map<string, EnvVarView>): EnvVarView[] {
  return [...vars.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
