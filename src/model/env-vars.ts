/**
 * The environment model's variables: every read and every set the detectors found, gathered by name from their facts
 * (env reads and sets, CDK Lambdas, other infrastructure's functions, CI, framework configs, Wrangler bindings), with
 * who provides the variables the runtime or a tool sets.
 */
import type { CdkLambdaFact } from '../detectors/cdk/facts.js';
import type { CiWorkflowFact } from '../detectors/ci/index.js';
import { looksSecret, runtimeProvider, type EnvBrowserFact, type EnvConsumedFact, type EnvDeclaredFact, type EnvDynamicReadFact, type EnvReadFact, type EnvSetFact } from '../detectors/env/index.js';
import { CRA, CRA_TOOLS, EXPO, EXPO_ROUTER, EXPO_ROUTER_TOOLS, EXPO_TOOLS, SERVERLESS_OFFLINE, TOOLING, VITEST_RUN, VITEST_TOOLS, VUE_CLI, VUE_CLI_TOOLS } from '../detectors/env/runtime.js';
import type { FrontendAppFact } from '../detectors/frontend-build/index.js';
import type { InfraFunctionFact } from '../detectors/other-infra/types.js';
import type { Citation, FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { pushTo } from '../collections.js';
import { wranglerBindingSets } from './env-binding-sets.js';
import { imageDir, otherAppOf } from './env-iac-sites.js';
import { nodeEnvTooling, toolingOf } from './env-node-env.js';
import { prefixReads } from './env-prefix-reads.js';
import { providerEnvironmentSets, serverlessOfflineSets } from './env-services.js';
import { compare, SET_ORDER, type EnvRead, type EnvVarView, type SetSite } from './env-views.js';

const FUNCTION_TOOL: Record<string, string> = { serverless: 'Serverless', sst: 'SST', terraform: 'Terraform' };

/**
 * Every variable by name, sorted, with its reads (production first) and sets (in `SET_ORDER`). `reaches`: whether a
 * set serves a file, for the copies that read the names set for their own code.
 */
export function collectEnvVars(facts: FactSet, index: RepoIndex, isTestPath: (file: string) => boolean, reaches: (set: SetSite, file: string) => boolean): Map<string, EnvVarView> {
  const vars = new Map<string, { name: string; reads: EnvRead[]; sets: SetSite[]; consumers: { tool: string; at: Citation }[] }>();
  const view = (name: string) => {
    let v = vars.get(name);
    if (!v) vars.set(name, (v = { name, reads: [], sets: [], consumers: [] }));
    return v;
  };
  let tooling: ((file: string) => boolean) | undefined;
  let cra: ((file: string) => boolean) | undefined;
  let vitest: ((file: string) => boolean) | undefined;
  let vueCli: ((file: string) => boolean) | undefined;
  let expo: ((file: string) => boolean) | undefined;
  let expoRouter: ((file: string) => boolean) | undefined;
  const offline = serverlessOfflineSets(facts);
  for (const f of facts.of<EnvReadFact>('env.read')) {
    const v = view(f.data.name);
    // The provider depends on how the read is written: Vite's `MODE` is `import.meta.env.MODE` only.
    // A `process.env` read is never Vite's: Vue CLI's `process.env.BASE_URL` is not Vite's `import.meta.env.BASE_URL`.
    // A schema key validates `process.env` (`envSchema.parse(process.env)`): an api's `BASE_URL` is not Vite's.
    const via = f.data.via === 'process.env' || f.data.via === 'schema' ? 'process' : f.data.via === 'import.meta.env' || f.data.builtin ? 'import.meta' : 'process';
    const provider = offline(f.data.name, f.data.file) ? SERVERLESS_OFFLINE : runtimeProvider(f.data.name, via);
    // `NODE_ENV` is the tooling's only where the package has tooling that sets it (else its own, like any other).
    // `PUBLIC_URL` likewise only where react-scripts builds the code, `BASE_URL` where Vue CLI does, Vitest's `TEST`
    // where Vitest runs the tests, Expo's `EXPO_OS` where the package builds with Expo.
    const runtime =
      (provider === TOOLING && !(tooling ??= nodeEnvTooling(index))(f.data.file)) ||
      (provider === CRA && !(cra ??= toolingOf(index, CRA_TOOLS))(f.data.file)) ||
      (provider === VITEST_RUN && !(vitest ??= toolingOf(index, VITEST_TOOLS))(f.data.file)) ||
      (provider === VUE_CLI && !(vueCli ??= toolingOf(index, VUE_CLI_TOOLS))(f.data.file)) ||
      (provider === EXPO && !(expo ??= toolingOf(index, EXPO_TOOLS))(f.data.file)) ||
      (provider === EXPO_ROUTER && !(expoRouter ??= toolingOf(index, EXPO_ROUTER_TOOLS))(f.data.file))
        ? undefined
        : provider;
    v.reads.push({ ...f.data, test: isTestPath(f.data.file), ...(runtime ? { runtime } : {}) });
    const d = f.data.defaultAt;
    if (d && !v.sets.some((s) => s.kind === 'schema-default' && s.at.file === d.file && s.at.line === d.line)) v.sets.push({ kind: 'schema-default', tool: 'schema default', at: { file: d.file, line: d.line } });
  }
  // A commented-out example line documents where an optional variable would be set; once another file sets it
  // (`# DATABASE_URL=…` under "now configured in the root .env"), it is not a set site of its own.
  const commentedOut: EnvDeclaredFact[] = [];
  for (const f of facts.of<EnvDeclaredFact>('env.declared')) {
    if (f.data.commented) commentedOut.push(f);
    else view(f.data.name).sets.push({ kind: f.data.source, at: { file: f.data.file, line: f.data.line } });
  }
  const cdkFiles = new Set<string>();
  for (const f of facts.of<CdkLambdaFact>('cdk.lambda')) {
    for (const e of f.data.environment ?? []) {
      view(e.name).sets.push({ kind: 'cdk', tool: 'AWS CDK', at: e.at, owner: f.data.constructId, ownerKey: f.id, literal: e.literal, ...(f.data.entry ? { entry: f.data.entry } : {}) });
      cdkFiles.add(`${e.name} ${e.at.file}`);
    }
  }
  const iacFiles = new Set<string>();
  const otherApp = otherAppOf(facts);
  for (const f of facts.of<EnvSetFact>('env.set')) {
    const d = f.data;
    const other = d.kind === 'iac' ? otherApp(d.file) : undefined;
    const codeDir = d.image ? imageDir(index, facts, d.file, d.image) : undefined;
    // The CDK detector saw the variable in this file already, with the Lambda it belongs to (it cites the value's
    // line, this pass the key's).
    if (d.kind === 'iac' && cdkFiles.has(`${d.name} ${d.file}`)) continue;
    // A SAM/CloudFormation key is cited on its own line too; the function fact adds only the function's line.
    if (d.kind === 'iac' || d.kind === 'cloudformation' || d.kind === 'platform') iacFiles.add(`${d.name} ${d.file}`);
    view(d.name).sets.push({
      kind: d.kind,
      tool: d.tool,
      at: { file: d.file, line: d.line },
      ...(d.owner ? { owner: d.owner } : {}),
      ...(d.from ? { from: d.from } : {}),
      ...(d.ref ? { ref: d.ref } : {}),
      ...(d.secretRef ? { secretRef: true } : {}),
      ...(d.key ? { key: d.key } : {}),
      ...(codeDir !== undefined ? { codeDir } : {}),
      ...(other ? { otherApp: other } : {}),
      ...(d.kind === 'code' && isTestPath(d.file) ? { test: true } : {}),
    });
  }
  for (const b of wranglerBindingSets(facts)) view(b.name).sets.push({ kind: 'platform', tool: b.tool, at: { file: b.file, line: b.line }, binding: true, ...(b.owner ? { owner: b.owner } : {}) });
  for (const f of facts.of<InfraFunctionFact>('infra.function')) {
    for (const name of f.data.environment) {
      // The env detector cited the variable's own line in that file; the function's line adds nothing.
      if (iacFiles.has(`${name} ${f.data.file}`)) continue;
      // Where the variable itself is set (a `provider.environment` entry), else the function's own line.
      const set = f.data.environmentAt?.find((e) => e.name === name);
      view(name).sets.push({ kind: 'function', tool: FUNCTION_TOOL[f.data.tool] ?? f.data.tool, at: set ? { file: set.file, line: set.line } : { file: f.data.file, line: f.data.line }, owner: f.data.name, ...(f.data.service ? { service: f.data.service } : {}) });
    }
  }
  for (const { name, set } of providerEnvironmentSets(facts, FUNCTION_TOOL)) {
    const v = view(name);
    if (!v.sets.some((s) => s.at.file === set.at.file && s.at.line === set.at.line)) v.sets.push(set);
  }
  for (const f of facts.of<CiWorkflowFact>('ci.workflow')) {
    const w = f.data;
    const add = (e: { name: string; source: string; ref?: string; line: number }, owner?: string) =>
      view(e.name).sets.push({ kind: 'ci', at: { file: w.file, line: e.line }, ...(owner ? { owner } : {}), source: e.ref ? `${e.source} ${e.ref}` : e.source });
    for (const e of w.env) add(e);
    for (const job of w.jobs) {
      for (const e of job.env) add(e, job.id);
      for (const step of job.steps) for (const e of [...step.env, ...(step.runSets ?? [])]) add(e, job.id);
    }
  }
  for (const f of facts.of<FrontendAppFact>('frontend.app')) {
    const config = f.data.config;
    // Cited at the variable's own property line, not the config object's.
    for (const d of config?.declaredEnv ?? []) {
      view(d.name).sets.push({ kind: 'framework-config', tool: `${f.data.framework} config`, at: { file: config!.file, line: d.line } });
      // Astro's `envField.string({ default })`: unset, the `astro:env` import gets the default, not `undefined`.
      if (d.defaultLine && f.data.framework === 'astro') view(d.name).sets.push({ kind: 'schema-default', tool: 'schema default', at: { file: config!.file, line: d.defaultLine } });
    }
  }
  for (const f of facts.of<EnvConsumedFact>('env.consumed')) view(f.data.name).consumers.push({ tool: f.data.tool, at: { file: f.data.file, line: f.data.line } });
  const copies = facts.of<EnvDynamicReadFact>('env.dynamic').map((f) => f.data);
  // A copy reads the names set for its own code: its package's dotenv files, deployment config, CI.
  const setFor = (name: string, file: string) => (vars.get(name)?.sets ?? []).some((s) => reaches(s, file));
  for (const r of prefixReads(copies, [...vars.keys()], setFor, index)) {
    const provider = runtimeProvider(r.name);
    const runtime = provider === VITEST_RUN && !(vitest ??= toolingOf(index, VITEST_TOOLS))(r.file) ? undefined : provider;
    view(r.name).reads.push({ ...r, test: isTestPath(r.file), ...(runtime ? { runtime } : {}) });
  }

  for (const f of commentedOut) {
    const v = view(f.data.name);
    if (v.sets.every((s) => commentedOut.some((c) => c.data.file === s.at.file && c.data.line === s.at.line))) v.sets.push({ kind: f.data.source, at: { file: f.data.file, line: f.data.line } });
  }

  const browser = new Map<string, Citation[]>();
  for (const f of facts.of<EnvBrowserFact>('env.browser')) pushTo(browser, f.data.name, { file: f.data.file, line: f.data.line });
  const out = new Map<string, EnvVarView>();
  for (const v of [...vars.values()].sort((a, b) => compare(a.name, b.name))) {
    const reads = [...v.reads].sort((a, b) => Number(a.test) - Number(b.test) || compare(a.file, b.file));
    const sets = [...v.sets].sort((a, b) => SET_ORDER.indexOf(a.kind) - SET_ORDER.indexOf(b.kind) || compare(a.at.file, b.at.file) || (a.at.line ?? 0) - (b.at.line ?? 0));
    // One provider for the variable only when it provides every read (a `process.env.MODE` read is the project's own).
    // Unread, a name like `TEST` is the project's: nothing says a test process is meant.
    const unread = reads.length === 0 ? runtimeProvider(v.name) : undefined;
    const runtime = reads.length === 0 ? (unread === VITEST_RUN ? undefined : unread) : reads.every((r) => r.runtime) ? reads[0].runtime : undefined;
    out.set(v.name, { name: v.name, reads, sets, consumers: v.consumers, secret: looksSecret(v.name), ...(runtime ? { runtime } : {}), builtin: !!runtime && runtime.scope === undefined, ...(browser.has(v.name) ? { browser: browser.get(v.name) } : {}) });
  }
  return out;
}
