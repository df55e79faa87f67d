/** The CDK app's configuration (context, env vars, stages), cross-stack references, and how it is deployed. */
import type { FactSet } from '../../facts.js';
import type { CdkAppFact, CdkOtherAppFact, CdkStackFact } from '../../detectors/cdk/index.js';
import type { CiWorkflowFact } from '../../detectors/ci/index.js';
import type { ScriptFact } from '../../detectors/scripts/index.js';
import { invocation, type TaskFact } from '../../detectors/tasks/index.js';
import { bullets, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, escaped } from '../../markdown/text.js';
import { at, plural, written } from './cdk-shared.js';
import { names } from './format.js';
import type { StepModel } from '../../model/repo-model.js';
import { noneOr } from './claims.js';
import { isCdkFeatureFlag } from '../../detectors/config-files/readers.js';
import { pushTo } from '../../collections.js';


export function appPart(apps: readonly CdkAppFact[]): string {
  // The app cdk.json names first; other scripts that create an App are deployed with `cdk --app <script>`.
  const ordered = [...apps.filter((a) => a.data.cdkJson), ...apps.filter((a) => !a.data.cdkJson)];
  const withJson = ordered.some((a) => a.data.cdkJson);
  return join(
    ...ordered.map((app) => {
      const d = app.data;
      const flags = d.contextKeys.filter(isCdkFeatureFlag);
      const items = [
        d.cdkJson
          ? `${cite(d.cdkJson)}${d.command ? `: ${code(d.command)}` : ordered.length > 1 ? ' (no `app` command: the apps below are deployed with `cdk --app` naming them)' : ''}`
          : withJson && d.entry
            ? `Another app, created in ${cite(d.entry)} (deployed with ${code(`cdk --app …`)} naming it)`
            : `No cdk.json: the app is created in ${d.entry ? cite(d.entry) : 'code'}`,
        d.entry ? `Entry: ${cite(d.entry)}` : d.command ? `Entry: not found in the repository (${code(d.command)})` : '',
        `AWS CDK v${d.cdkVersion} (${d.cdkVersion === 2 ? code('aws-cdk-lib') : code('@aws-cdk/*')} packages)`,
        flags.length > 0 ? `${plural(flags.length, 'CDK feature flag')} set in cdk.json context` : '',
      ].filter(Boolean);
      return bullets(items);
    }),
  );
}

/**
 * Apps apart from the deployed one (a script in docs/ or examples/ creating its own App): where they are and their
 * stacks, so a reader knows they exist; nothing of theirs is counted in this section or any other.
 */
export function otherAppsPart(others: readonly CdkOtherAppFact[], withJson: boolean): string {
  return bullets(
    others.map((o) => {
      const d = o.data;
      const stacks = d.stacks.map((s) => `${code(s.className)} (${s.instances > 0 ? at(s.at) : `${at(s.at)}, not instantiated`})`);
      const shown = stacks.length > 8 ? [...stacks.slice(0, 8), `+${stacks.length - 8} more`] : stacks;
      return `Another CDK app in ${cite(d.entry)} (${withJson ? 'not the cdk.json app' : 'not the deployed app'}; AWS CDK v${d.cdkVersion}), with ${plural(d.stacks.length, 'stack')}${shown.length > 0 ? `: ${shown.join(', ')}` : ''}. It is not counted in this map.`;
    }),
  );
}

/**
 * Context keys (cdk.json and `-c key=value`), env vars read at synth time, stage-dependent stack ids. Apps that run
 * from one folder share its cdk.json `context` (the CDK CLI reads the cdk.json of the folder it runs in, whichever
 * app `--app` names), and their code reads are gathered per folder: one table per folder, naming its apps.
 */
export function environmentPart(apps: readonly CdkAppFact[], stacks: readonly CdkStackFact[]): string {
  const blocks: string[] = [];
  const folders = new Map<string, CdkAppFact[]>();
  for (const app of apps) pushTo(folders, app.data.dir, app);
  for (const group of folders.values()) {
    const contextKeys = [...new Set(group.flatMap((a) => (a.data.cdkJson ? a.data.contextKeys : [])))];
    const contextReads = unique(group.flatMap((a) => a.data.contextReads), (r) => `${r.key}@${r.at.file}:${r.at.line}`);
    const fileKeys = group.flatMap((a) => a.data.contextFileKeys ?? []);
    const envReads = unique(group.flatMap((a) => a.data.envReads), (r) => `${r.name}@${r.at.file}:${r.at.line}`);
    const whole = contextReads.filter((r) => r.key === '*');
    const keys = new Set([...contextKeys.filter((k) => !isCdkFeatureFlag(k)), ...contextReads.map((r) => r.key).filter((k) => k !== '*')]);
    const rows = [...keys].sort().map((key) => {
      const reads = contextReads.filter((r) => r.key === key);
      const unread = whole.length > 0 ? `with every key, by \`getAllContext()\` at ${at(whole[0].at)}` : 'not read in the code read';
      const inFile = fileKeys.find((k) => k.key === key);
      const setIn = contextKeys.includes(key) ? 'cdk.json' : inFile ? at(inFile.at) : `command line (${code(`-c ${key}=…`)})`;
      return [code(key), setIn, reads.map((r) => at(r.at)).join(', ') || unread];
    });
    // Several apps: say which ones a table is for (each app's own reads are not told apart within a folder).
    const entries = group.map((a) => a.data.entry).filter((e): e is string => e !== undefined).sort();
    const label = apps.length > 1 && entries.length > 0 ? ` — ${entries.length > 1 ? 'apps' : 'app'} ${entries.map((e) => cite(e)).join(', ')}` : '';
    if (rows.length > 0) blocks.push(join(`Context values (\`cdk.json\` \`context\`, ${fileKeys.length > 0 ? '`cdk.context.json`, ' : ''}or \`cdk deploy -c key=value\`)${label}:`, table(['Key', 'Set in', 'Read at'], rows)));
    const env = new Map<string, string[]>();
    for (const r of envReads) pushTo(env, r.name, at(r.at));
    if (env.size > 0) {
      blocks.push(join(`Environment variables read when the app is synthesized${label}:`, table(['Variable', 'Read at'], [...env.entries()].map(([n, where]) => [code(n), where.join(', ')]))));
    }
  }
  const staged = stacks.flatMap((s) => s.data.instances.filter((i) => !i.id.resolved && i.id.text.includes('${')).map((i) => i.id.text));
  if (staged.length > 0) blocks.push(`Stack ids are computed (${names(staged, 6)}): one set of stacks per value, e.g. per stage.`);
  return join(...blocks);
}

export function crossStackPart(stacks: readonly CdkStackFact[]): string {
  const rows = stacks.flatMap((s) =>
    s.data.crossStackRefs.map((r) => [code(s.id), code(r.prop), code(r.fromStack), written(r.expression, false), at(r.at)]),
  );
  return table(['Stack', 'Receives', 'From', 'Expression', 'Where'], rows);
}

function unique<T>(list: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(key(x)) && seen.add(key(x)));
}

const CDK_COMMAND = /(^|[\s;&|(])(npx\s+)?(cdk|aws-cdk)\s+(deploy|synth|diff|destroy|bootstrap|watch|--app|-a)(?![\w-])/;

/** package.json scripts that run the CDK CLI (and scripts that call them), then CI jobs that deploy. */
export function deploymentPart(model: StepModel): string {
  const { facts } = model;
  const scripts = facts.of<ScriptFact>('scripts.script').map((s) => s.data);
  // `"cdk": "cdk"` runs the CDK CLI with whatever follows (`npm run cdk deploy`).
  const cdk = scripts.filter((s) => CDK_COMMAND.test(s.command) || /^\s*(npx\s+)?(cdk|aws-cdk)\s*$/.test(s.command));
  const cdkCallers = cdk.map((c) => scriptCaller(c.name, c.package));
  const callers = scripts.filter((s) => !cdk.includes(s) && cdkCallers.some((calls) => calls(s.command)));
  const scriptRows = [...cdk, ...callers].map((s) => [code(s.name), code(s.command), s.package ? code(s.package) : '—', cite(s.manifest, s.line)]);
  const deployNames = [...cdk, ...callers].filter((s) => /deploy/.test(s.name) || /\bdeploy\b/.test(s.command));
  const deployCallers = deployNames.map((s) => scriptCaller(s.name, s.package));
  const jobs: string[] = [];
  // A job that only synthesises or diffs (a smoke test) runs the CDK CLI but deploys nothing.
  const checks: string[] = [];
  for (const wf of facts.of<CiWorkflowFact>('ci.workflow')) {
    const d = wf.data;
    const triggers = d.triggers.map((t) => (t.detail ? `${t.event} (${t.detail})` : t.event)).join(', ');
    for (const job of d.jobs) {
      const steps = job.steps.filter(
        (st) => st.run && (CDK_COMMAND.test(st.run) || deployCallers.some((calls) => calls(st.run!))),
      );
      for (const st of steps) {
        const env = job.environment ? `, environment ${written(job.environment, false)}` : '';
        const command = st.run!.split('\n').find((l) => CDK_COMMAND.test(l) || deployCallers.some((calls) => calls(l))) ?? st.run!.split('\n')[0];
        const deploys = /\b(cdk|aws-cdk)\s+([^\n;&|]*\s)?(deploy|destroy|bootstrap)\b/.test(st.run!) || deployCallers.some((calls) => calls(st.run!));
        (deploys ? jobs : checks).push(`${cite(d.file, st.line)} — job ${code(job.id)}${job.needs.length ? ` (after ${names(job.needs)})` : ''}${env}, on ${triggers ? escaped(triggers) : 'manual runs'}: ${code(command.trim())}`);
      }
    }
  }
  const targets = facts.of<TaskFact>('tasks.task').map((t) => t.data).filter((t) => t.tool !== 'procfile' && t.commands.some((c) => CDK_COMMAND.test(c)));
  const targetItems = targets.map((t) => `${code(invocation(t))} — ${code(t.commands.find((c) => CDK_COMMAND.test(c))!)} (${cite(t.file, t.line)})`);
  const blocks = [
    scriptRows.length > 0 ? join('Scripts that run the CDK CLI:', table(['Script', 'Command', 'Package', 'Defined at'], scriptRows)) : '',
    targetItems.length > 0 ? join('Make and just targets that run the CDK CLI:', bullets(targetItems)) : '',
    jobs.length > 0 ? join('CI jobs that deploy:', bullets(jobs)) : '',
    checks.length > 0 ? join('CI jobs that run the CDK CLI without deploying (synth or diff):', bullets(checks)) : '',
  ];
  if (blocks.every((b) => b === '')) {
    return noneOr(
      model,
      'deploy',
      'No package.json script, Make or just target, CI workflow or shell script in the repository runs the CDK CLI (`cdk deploy`).',
      'No package.json script or CI workflow names the CDK CLI itself, but these may run it:',
      'cdk',
    );
  }
  return join(...blocks);
}

/**
 * Whether a command runs script `name` of package `pkg`: `npm run deploy -w @kv/infrastructure`, `yarn deploy`,
 * `pnpm --filter x deploy`, `turbo run deploy`. The pattern is compiled once per script, not once per command.
 */
function scriptCaller(name: string, pkg: string): (command: string) => boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const runs = new RegExp(`\\b(npm|yarn|pnpm|bun|turbo)\\b[^;&|\\n]*\\b(run\\s+)?${escaped}\\b`);
  return (command) => runs.test(command) && (!/\s(-w|--workspace|--filter|-F)\b/.test(command) || command.includes(pkg));
}

