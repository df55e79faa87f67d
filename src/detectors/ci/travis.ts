import { commandText, references } from './github.js';
import type { CiJob, CiStep, CiTrigger, CiWorkflowData } from './types.js';
import { entry, get, scalar, strings, type YamlNode } from '../../scan/yaml.js';

/** The phases of a Travis job that run commands, in the order Travis runs them. */
const PHASES = ['before_install', 'install', 'before_script', 'script', 'after_success', 'after_failure', 'after_script'];
const DEPLOY_PHASES = ['before_deploy', 'after_deploy'];

/**
 * Travis CI: the default job (top-level phases), `jobs.include` / `matrix.include` entries, and `deploy:` providers
 * with their `on:` conditions. The generic reader skipped `deploy:`, so a repository that publishes from Travis was
 * said to have no deploy (found on davellanedam/node-express-mongodb-jwt-rest-api-skeleton: `provider: npm`).
 */
export function travisPipeline(file: string, doc: YamlNode, text: string): CiWorkflowData {
  const jobs: CiJob[] = [];
  const include = get(get(doc, 'jobs'), 'include') ?? get(get(doc, 'matrix'), 'include');
  const includes = include?.kind === 'seq' ? include.items.filter((i) => i.kind === 'map') : [];
  const topSteps = phaseSteps(doc, PHASES);
  // Travis's documented default for Node.js when no `script:` is given; said as a default, not as a command in the file.
  if (scalar(get(doc, 'language')) === 'node_js' && !get(doc, 'script')) topSteps.push({ uses: 'Travis node_js default: npm test', env: [], line: entry(doc, 'language')!.line });
  // Without `include`, the top-level phases are the one job; with it, they are the defaults each entry inherits.
  if (includes.length === 0 || get(doc, 'script')) jobs.push({ id: 'test', needs: [], matrix: [], env: [], steps: topSteps, line: doc.line || 1 });
  includes.forEach((item, i) => {
    const stage = scalar(get(item, 'stage'));
    const id = scalar(get(item, 'name')) ?? (stage ? `${stage} ${i + 1}` : `job ${i + 1}`);
    jobs.push({ ...job(id, item, phaseSteps(item, PHASES), [], item.line, scalar(get(item, 'if'))), stage });
  });
  // A top-level `deploy:` runs after the script phase of the default job succeeds.
  const deploy = deployJob(doc, jobs.length ? [jobs[0].id] : []);
  if (deploy) jobs.push(deploy);
  const triggers: CiTrigger[] = [];
  const only = strings(get(get(doc, 'branches'), 'only'));
  if (only.length) triggers.push({ event: 'push', detail: `branches: ${only.join(', ')}` });
  const cond = scalar(get(doc, 'if'));
  if (cond) triggers.push({ event: 'if', detail: cond });
  const stages = strings(get(doc, 'stages')).length ? strings(get(doc, 'stages')) : stageNames(get(doc, 'stages'));
  const env = envNames(get(get(doc, 'env'), 'global') ?? get(doc, 'env'));
  return { provider: 'travis-ci', file, triggers, stages, env, jobs, ...references(text) };
}

/** An include entry: its own `deploy:` runs in the same job, after its script. */
function job(id: string, node: YamlNode, steps: CiStep[], needs: string[], line: number, condition?: string): CiJob {
  const own = deployJob(node, []);
  return {
    id,
    needs,
    condition,
    matrix: [],
    env: [],
    steps: own ? [...steps, ...own.steps] : steps,
    deploy: own?.deploy,
    line,
  };
}

function deployJob(node: YamlNode, needs: string[]): CiJob | undefined {
  const e = entry(node, 'deploy');
  if (!e) return undefined;
  const items = e.value.kind === 'seq' ? e.value.items : [e.value];
  const providers: string[] = [];
  const steps: CiStep[] = phaseSteps(node, DEPLOY_PHASES.slice(0, 1));
  const conditions: string[] = [];
  for (const d of items) {
    const provider = scalar(get(d, 'provider')) ?? scalar(d);
    if (!provider) continue;
    providers.push(provider);
    const script = commandText(get(d, 'script'));
    steps.push(script ? { name: `deploy (${provider})`, run: script, env: [], line: d.line } : { name: 'deploy', uses: `Travis deploy provider ${provider}`, env: [], line: d.line });
    const on = get(d, 'on');
    const parts = [...strings(get(on, 'branch')).map((b) => `branch ${b}`), ...(scalar(get(on, 'tags')) === 'true' ? ['tags'] : [])];
    if (scalar(get(on, 'condition'))) parts.push(scalar(get(on, 'condition'))!);
    if (parts.length) conditions.push(parts.join(', '));
  }
  if (providers.length === 0) return undefined;
  steps.push(...phaseSteps(node, DEPLOY_PHASES.slice(1)));
  return { id: 'deploy', needs, condition: conditions.join(' or ') || undefined, matrix: [], env: [], steps, deploy: providers, line: e.line };
}

function phaseSteps(node: YamlNode, phases: readonly string[]): CiStep[] {
  return phases.flatMap((k) => {
    const v = get(node, k);
    if (!v) return [];
    return (v.kind === 'seq' ? v.items : [v]).flatMap((i) => {
      const run = commandText(i);
      return run ? [{ run, env: [], line: i.line }] : [];
    });
  });
}

/** `stages: [test, { name: deploy, if: tag IS present }]`. */
function stageNames(node: YamlNode | undefined): string[] {
  return node?.kind === 'seq' ? node.items.map((i) => scalar(get(i, 'name'))).filter((x): x is string => !!x) : [];
}

/** `env: [NODE_ENV=test]` or `env: { global: [...] }`: the names only, never the values. */
function envNames(node: YamlNode | undefined) {
  const items = node?.kind === 'seq' ? node.items : [];
  return items.flatMap((i) => {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(scalar(i) ?? '');
    return m ? [{ name: m[1], line: i.line, source: /\$/.test(m[2]) ? ('expression' as const) : ('literal' as const) }] : [];
  });
}
