import { commandText, references } from './github.js';
import type { CiEnvVar, CiJob, CiProvider, CiStep, CiWorkflowData } from './types.js';
import { get, keys, scalar, strings, type YamlNode } from '../../scan/yaml.js';
import { pushTo } from '../../collections.js';

/** GitLab keys that are settings, not jobs. */
const GITLAB_RESERVED = new Set([
  'stages', 'variables', 'default', 'include', 'workflow', 'image', 'services', 'before_script', 'after_script',
  'cache', 'pages', 'types',
]);

export function gitlabPipeline(file: string, doc: YamlNode, text: string): CiWorkflowData {
  const jobs: CiJob[] = [];
  if (doc.kind === 'map') {
    for (const e of doc.entries) {
      if (GITLAB_RESERVED.has(e.key) || e.key.startsWith('.') || e.value.kind !== 'map') continue;
      const commands = ['before_script', 'script', 'after_script'].flatMap((k) => commandSteps(get(e.value, k)));
      const environment = get(e.value, 'environment');
      jobs.push({
        id: e.key,
        needs: needsOf(get(e.value, 'needs')),
        stage: scalar(get(e.value, 'stage')) ?? 'test',
        environment: scalar(environment) ?? scalar(get(environment, 'name')),
        condition: rulesText(e.value),
        matrix: keys(get(get(e.value, 'parallel'), 'matrix')),
        env: variables(get(e.value, 'variables')),
        steps: commands,
        line: e.line,
      });
    }
  }
  const rules = get(get(doc, 'workflow'), 'rules');
  const triggers =
    rules?.kind === 'seq'
      ? rules.items.map((r) => scalar(get(r, 'if'))).filter((x): x is string => !!x).map((detail) => ({ event: 'rule', detail }))
      : [];
  return {
    provider: 'gitlab-ci',
    file,
    triggers,
    stages: strings(get(doc, 'stages')),
    env: variables(get(doc, 'variables')),
    jobs,
    ...references(text),
  };
}

function rulesText(job: YamlNode): string | undefined {
  const only = strings(get(job, 'only'));
  if (only.length > 0) return `only: ${only.join(', ')}`;
  const rules = get(job, 'rules');
  if (rules?.kind !== 'seq') return undefined;
  const ifs = rules.items.map((r) => scalar(get(r, 'if'))).filter(Boolean);
  return ifs.length > 0 ? ifs.join(' or ') : undefined;
}

function needsOf(node: YamlNode | undefined): string[] {
  if (node?.kind !== 'seq') return strings(node);
  return node.items.map((i) => scalar(i) ?? scalar(get(i, 'job'))).filter((x): x is string => !!x);
}

function variables(node: YamlNode | undefined): CiEnvVar[] {
  if (node?.kind !== 'map') return [];
  return node.entries.map((e) => {
    const value = scalar(e.value) ?? scalar(get(e.value, 'value')) ?? '';
    return { name: e.key, line: e.line, source: /\$/.test(value) ? 'expression' : 'literal' };
  });
}

function commandSteps(node: YamlNode | undefined): CiStep[] {
  if (!node) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  return items.flatMap((i) => {
    const run = commandText(i);
    return run ? [{ run, env: [], line: i.line }] : [];
  });
}

/** CircleCI 2.x: `jobs` with `steps`, and `workflows` whose jobs `requires` each other. */
export function circleci(file: string, doc: YamlNode, text: string): CiWorkflowData {
  const requires = new Map<string, string[]>();
  const workflows = get(doc, 'workflows');
  if (workflows?.kind === 'map') {
    for (const wf of workflows.entries) {
      const list = get(wf.value, 'jobs');
      if (list?.kind !== 'seq') continue;
      for (const item of list.items) {
        const name = scalar(item) ?? (item.kind === 'map' ? item.entries[0]?.key : undefined);
        if (!name) continue;
        const req = item.kind === 'map' ? strings(get(item.entries[0].value, 'requires')) : [];
        pushTo(requires, name, ...req);
      }
    }
  }
  const jobsNode = get(doc, 'jobs');
  const jobs: CiJob[] =
    jobsNode?.kind === 'map'
      ? jobsNode.entries.map((e) => ({
          id: e.key,
          needs: [...new Set(requires.get(e.key) ?? [])],
          runsOn: scalar(get(get(e.value, 'docker'), 'image')) ?? scalar(get(e.value, 'executor')),
          matrix: [],
          env: variables(get(e.value, 'environment')),
          steps: circleSteps(get(e.value, 'steps')),
          line: e.line,
        }))
      : [];
  return { provider: 'circleci', file, triggers: [], stages: keys(workflows), env: [], jobs, ...references(text) };
}

function circleSteps(node: YamlNode | undefined): CiStep[] {
  if (node?.kind !== 'seq') return [];
  return node.items.map((item) => {
    const simple = scalar(item);
    if (simple) return { uses: simple, env: [], line: item.line };
    const first = item.kind === 'map' ? item.entries[0] : undefined;
    if (first?.key === 'run') {
      const run = commandText(first.value) ?? commandText(get(first.value, 'command'));
      return { name: scalar(get(first.value, 'name')), run, env: [], line: item.line };
    }
    return { uses: first?.key, env: [], line: item.line };
  });
}

/**
 * Bitbucket Pipelines, Azure Pipelines and AWS CodeBuild (Travis CI has its own reader, travis.ts): the commands they run, one job per file, in the
 * order written. Their structure differs too much for more without a reader per tool.
 */
export function genericPipeline(provider: CiProvider, file: string, doc: YamlNode, text: string): CiWorkflowData {
  const steps: CiStep[] = [];
  const visit = (node: YamlNode, depth: number): void => {
    if (depth > 12) return;
    if (node.kind === 'seq') node.items.forEach((i) => visit(i, depth + 1));
    if (node.kind !== 'map') return;
    for (const e of node.entries) {
      if (['script', 'commands', 'bash', 'powershell', 'install', 'before_install', 'before_script'].includes(e.key)) {
        const items = e.value.kind === 'seq' ? e.value.items : [e.value];
        for (const i of items) {
          const run = commandText(i);
          if (run) steps.push({ run, env: [], line: i.line });
        }
      } else visit(e.value, depth + 1);
    }
  };
  visit(doc, 0);
  const job: CiJob = { id: 'pipeline', needs: [], matrix: [], env: [], steps, line: 1 };
  const triggers = strings(get(doc, 'trigger')).map((b) => ({ event: 'push', detail: `branches: ${b}` }));
  return { provider, file, triggers, stages: [], env: [], jobs: [job], ...references(text) };
}
