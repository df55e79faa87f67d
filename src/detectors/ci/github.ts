import type { CiEnvVar, CiJob, CiStep, CiTrigger, CiWorkflowData } from './types.js';
import { yamlLinesWithoutComments } from './yaml-comments.js';
import { runSets } from './run-sets.js';
import { get, keys, scalar, strings, type YamlNode } from '../../scan/yaml.js';

/** A GitHub Actions workflow (`.github/workflows/*.yml`) as a plain model. */
export function githubWorkflow(file: string, doc: YamlNode, text: string): CiWorkflowData {
  const jobsNode = get(doc, 'jobs');
  const jobs: CiJob[] =
    jobsNode?.kind === 'map' ? jobsNode.entries.map((e) => githubJob(e.key, e.value, e.line, text.split('\n'))) : [];
  return {
    provider: 'github-actions',
    file,
    name: scalar(get(doc, 'name')),
    triggers: githubTriggers(get(doc, 'on') ?? get(doc, 'true')),
    stages: [],
    env: envVars(get(doc, 'env')),
    jobs,
    ...references(text),
  };
}

/** A composite action (`.github/actions/x/action.yml`): its steps as one job. */
export function githubAction(file: string, doc: YamlNode, text: string): CiWorkflowData {
  const runs = get(doc, 'runs');
  const using = scalar(get(runs, 'using'));
  const steps = stepsOf(get(runs, 'steps'), text.split('\n'));
  const job: CiJob = {
    id: using ?? 'composite',
    needs: [],
    matrix: [],
    env: [],
    steps,
    line: runs?.line ?? 1,
  };
  return {
    provider: 'github-composite-action',
    file,
    name: scalar(get(doc, 'name')),
    triggers: [{ event: 'uses', detail: 'called as a step of other workflows' }],
    stages: [],
    env: [],
    jobs: [job],
    ...references(text),
  };
}

function githubTriggers(on: YamlNode | undefined): CiTrigger[] {
  if (!on) return [];
  if (on.kind !== 'map') return strings(on).map((event) => ({ event }));
  return on.entries.map((e) => ({ event: e.key, detail: triggerDetail(e.key, e.value) }));
}

function triggerDetail(event: string, node: YamlNode): string | undefined {
  if (event === 'schedule') {
    const crons = node.kind === 'seq' ? node.items.map((i) => scalar(get(i, 'cron'))).filter(Boolean) : [];
    return crons.length > 0 ? `cron ${crons.join(', ')}` : undefined;
  }
  if (event === 'workflow_dispatch' || event === 'workflow_call') {
    const inputs = keys(get(node, 'inputs'));
    return inputs.length > 0 ? `inputs: ${inputs.join(', ')}` : undefined;
  }
  const parts: string[] = [];
  for (const key of ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore', 'types', 'workflows']) {
    const values = strings(get(node, key));
    if (values.length > 0) parts.push(`${key}: ${values.join(', ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function githubJob(id: string, node: YamlNode, line: number, lines: readonly string[]): CiJob {
  const environment = get(node, 'environment');
  const matrix = get(get(node, 'strategy'), 'matrix');
  return {
    id,
    name: scalar(get(node, 'name')),
    needs: strings(get(node, 'needs')),
    runsOn: scalar(get(node, 'runs-on')) ?? (strings(get(node, 'runs-on')).join(', ') || undefined),
    environment: scalar(environment) ?? scalar(get(environment, 'name')),
    condition: scalar(get(node, 'if')),
    matrix: keys(matrix).filter((k) => k !== 'include' && k !== 'exclude'),
    calls: scalar(get(node, 'uses')),
    env: envVars(get(node, 'env')),
    steps: stepsOf(get(node, 'steps'), lines),
    line,
  };
}

function stepsOf(node: YamlNode | undefined, lines: readonly string[]): CiStep[] {
  if (node?.kind !== 'seq') return [];
  return node.items.map((item) => {
    const runNode = get(item, 'run');
    const run = commandText(runNode);
    const sets = runSets(run, runNode?.line ?? item.line, lines);
    return {
      name: scalar(get(item, 'name')),
      run,
      uses: scalar(get(item, 'uses')),
      env: envVars(get(item, 'env')),
      ...(sets.length ? { runSets: sets } : {}),
      line: item.line,
    };
  });
}

/** Step-level `env:` too: every name a workflow sets, with where its value comes from. */
export function envVars(node: YamlNode | undefined): CiEnvVar[] {
  if (node?.kind !== 'map') return [];
  return node.entries.map((e) => ({ name: e.key, line: e.line, ...valueSource(e.value) }));
}

/** What may stand before a context name: not a word character, `-` (a step id `set-vars`) or `.` (a property path). */
const CONTEXT_START = String.raw`(?<![\w$.-])`;

export function valueSource(node: YamlNode): Pick<CiEnvVar, 'source' | 'ref'> {
  const value = scalar(node) ?? '';
  const ref = (kind: string) => new RegExp(String.raw`${CONTEXT_START}${kind}(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_-]*)['"]\s*\])`).exec(value);
  const secret = value.includes('${{') ? ref('secrets') : null;
  if (secret) return { source: 'secret', ref: secret[1] ?? secret[2] };
  const variable = value.includes('${{') ? ref('vars') : null;
  if (variable && /^\$\{\{[^}]*\}\}$/.test(value.trim())) return { source: 'var', ref: variable[1] ?? variable[2] };
  if (value.includes('${{') || /^\$[A-Za-z_{]/.test(value)) return { source: 'expression' };
  return { source: 'literal' };
}

/**
 * `secrets.X` / `secrets['X']` and `vars.X` anywhere in the file outside comments, first line of each. The context
 * name must start there (after `${{`, a space, `(`, `!`): `steps.set-vars.outputs.url` names a step, not `vars.outputs`.
 */
export function references(text: string): Pick<CiWorkflowData, 'secrets' | 'vars'> {
  const found = { secrets: new Map<string, number>(), vars: new Map<string, number>() };
  yamlLinesWithoutComments(text).forEach((line, i) => {
    for (const m of line.matchAll(/(?<![\w$.-])(secrets|vars)(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_-]*)['"]\s*\])/g)) {
      const map = found[m[1] as 'secrets' | 'vars'];
      const name = m[2] ?? m[3];
      if (!map.has(name)) map.set(name, i + 1);
    }
  });
  const list = (m: Map<string, number>) =>
    [...m].map(([name, line]) => ({ name, line })).sort((a, b) => a.name.localeCompare(b.name));
  return { secrets: list(found.secrets), vars: list(found.vars) };
}

/** A command as written; a block scalar's final line break is not part of it. */
export function commandText(node: YamlNode | undefined): string | undefined {
  const text = scalar(node)?.replace(/\n+$/, '');
  return text === '' ? undefined : text;
}
