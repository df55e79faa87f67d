import type { CiJob, CiWorkflowData, CiWorkflowFact } from '../../detectors/ci/index.js';
import type { PackageManager, ScriptFact } from '../../detectors/scripts/index.js';
import { bullets, codeBlock, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, escaped, oneLine } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import { ciResources, type InfraProjectFact, type InfraResourceData, type InfraResourceFact } from '../../detectors/other-infra/types.js';
import { infraCommands, type InfraCommand } from '../../model/infra-commands.js';
import { otherInfraDetector } from '../../detectors/other-infra/index.js';
import { cdkPipelines } from '../../detectors/ci/cdk-pipelines.js';
import { readmeDeploySections } from '../../model/deploy-buttons.js';
import { noneOr } from './claims.js';
import { byFileLine, value } from './format.js';
import { runScript } from './run-commands.js';

const PROVIDER: Record<string, string> = {
  'github-actions': 'GitHub Actions',
  'github-composite-action': 'GitHub composite action',
  'gitlab-ci': 'GitLab CI',
  circleci: 'CircleCI',
  'bitbucket-pipelines': 'Bitbucket Pipelines',
  'azure-pipelines': 'Azure Pipelines',
  'aws-codebuild': 'AWS CodeBuild',
  'travis-ci': 'Travis CI',
};

const DEPLOY = /deploy|release|publish|\bcd\b|ship|production|prod\b/i;

export function isDeployWorkflow(w: CiWorkflowData): boolean {
  return DEPLOY.test(`${w.file} ${w.name ?? ''}`) || w.jobs.some((j) => DEPLOY.test(j.id) || j.environment !== undefined);
}

/** Jobs in the order they run: by `needs:` levels (GitLab: stage order, then needs). */
export function jobLevels(w: CiWorkflowData): CiJob[][] {
  const level = new Map<string, number>();
  const byId = new Map(w.jobs.map((j) => [j.id, j]));
  const depth = (j: CiJob, seen: Set<string>): number => {
    if (level.has(j.id)) return level.get(j.id)!;
    if (seen.has(j.id)) return 0;
    seen.add(j.id);
    const stage = w.stages.length && j.stage ? Math.max(0, w.stages.indexOf(j.stage)) : 0;
    const fromNeeds = Math.max(-1, ...j.needs.map((n) => (byId.has(n) ? depth(byId.get(n)!, seen) : -1))) + 1;
    const l = Math.max(stage, fromNeeds);
    level.set(j.id, l);
    return l;
  };
  w.jobs.forEach((j) => depth(j, new Set()));
  const out: CiJob[][] = [];
  for (const j of w.jobs) (out[level.get(j.id)!] ??= []).push(j);
  return out.filter(Boolean);
}

function commands(job: CiJob, limit = 6): string {
  // A long inline script (a heredoc, `node -e "…"`) is named by its first line, not spelled out.
  const runs = job.steps.flatMap((s) => {
    const lines = (s.run ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    return lines.length > 4 ? [`${lines[0]} (+${lines.length - 1} lines, ${s.name ? `step "${s.name}"` : 'inline script'})`] : lines;
  });
  const uses = job.steps.filter((s) => s.uses && !s.run).map((s) => s.uses!);
  const parts = runs.slice(0, limit).map(value);
  if (runs.length > limit) parts.push(`(+${runs.length - limit} more)`);
  const keyUses = uses.filter((u) => !/^actions\/(checkout|setup-node|cache|upload-artifact|download-artifact)@/.test(u));
  if (keyUses.length) parts.push(`uses ${keyUses.map((u) => code(u)).join(', ')}`);
  if (job.calls) parts.push(`calls ${code(job.calls)}`);
  return parts.join(' · ') || '—';
}

function infraResources(model: StepModel): InfraResourceData[] {
  return model.repo.facts([otherInfraDetector]).of<InfraResourceFact>('infra.resource').map((f) => f.data).sort(byFileLine);
}

/** Each CI file: triggers, then its jobs with what they need and run. */
export function ciWorkflowsSection(model: StepModel, workflows: readonly CiWorkflowFact[]): string {
  if (workflows.length === 0) {
    // CI declared as AWS resources in a template (CodeBuild, CodePipeline): the 'ci' topic's evidence, said as such.
    const declared = ciResources(infraResources(model));
    if (declared.length > 0) {
      return join(
        heading(3, 'CI workflows'),
        'CI is declared as cloud resources in infrastructure templates (the build runs in AWS):',
        bullets(declared.map((r) => `${code(r.name)} ${code(r.type)}${r.detail ? ` (${escaped(r.detail)})` : ''} — ${cite(r.file, r.line)}`)),
      );
    }
    const pipelines = cdkPipelines(model.index);
    if (pipelines.length > 0) {
      return join(
        heading(3, 'CI workflows'),
        'CI is defined in CDK code (CDK Pipelines / CodeBuild; the build runs in AWS):',
        bullets(
          pipelines.map((u) => {
            const shown = u.commands.slice(0, 8).map((c) => code(c)).join(', ');
            const more = u.commands.length > 8 ? ` (+${u.commands.length - 8} more)` : '';
            return `${code(u.construct)} — ${cite(u.file, u.line)}${shown ? ` — runs ${shown}${more}` : ''}`;
          }),
        ),
      );
    }
    return join(
      heading(3, 'CI workflows'),
      noneOr(
        model,
        'ci',
        'No CI configuration found (GitHub Actions, GitLab CI, CircleCI, Bitbucket, Azure Pipelines, CodeBuild, Travis, Jenkins, Drone, Buildkite).',
        'CI files exist but none could be mapped; read them directly:',
      ),
    );
  }
  const blocks = [...workflows]
    .sort((a, b) => (a.data.file < b.data.file ? -1 : 1))
    .map((f) => {
      const w = f.data;
      const triggers = w.triggers.map((t) => (t.detail ? `${code(t.event)} (${escaped(t.detail)})` : code(t.event)));
      const rows = jobLevels(w).flat().map((j) => [
        `${code(j.id)}${j.name && j.name !== j.id ? ` ${escaped(j.name)}` : ''} (${cite(w.file, j.line)})`,
        j.needs.length ? j.needs.map((n) => code(n)).join(', ') : j.stage ? `stage ${code(j.stage)}` : '—',
        [j.environment && `environment ${value(j.environment)}`, j.matrix.length ? `matrix: ${escaped(j.matrix.join(', '))}` : '', j.condition && `if ${value(j.condition)}`].filter(Boolean).join('; ') || '—',
        commands(j),
      ]);
      const secrets = w.secrets.length ? `Secrets: ${w.secrets.map((s) => code(s.name)).join(', ')}.` : '';
      return join(
        heading(4, `${escaped(w.name ?? w.file.split('/').pop()!)} — ${PROVIDER[w.provider]}`),
        `${cite(w.file)}${triggers.length ? ` · on ${triggers.join(', ')}` : ''}${w.stages.length ? ` · stages ${w.stages.map((s) => code(s)).join(' → ')}` : ''}`,
        table(['Job', 'Needs', 'Conditions', 'Runs'], rows),
        secrets,
      );
    });
  return join(heading(3, 'CI workflows'), ...blocks);
}

/** Deploy scripts of every package, then deploy workflows' jobs in the order they run. */
/** `taskItems`: Make/just targets that deploy, already written as bullets (see local-run.ts). */
export function deploymentSection(model: StepModel, pm: PackageManager, scripts: readonly ScriptFact[], workflows: readonly CiWorkflowFact[], taskItems: readonly string[] = []): string {
  const { index } = model;
  // `synth`, `diff`, `destroy`, `bootstrap` are deployment words only for an infrastructure CLI: a `bootstrap:first-admin`
  // script that creates a user is not one.
  const deployScripts = scripts.filter(
    (s) =>
      /^(deploy|release|publish|cdk)([:-].*)?$/.test(s.data.name) ||
      // (or a wrapper that runs the same-named script of a package that does: `npm run synth -w @kv/infrastructure`)
      (/^(synth|diff|destroy|bootstrap)([:-].*)?$/.test(s.data.name) && (/\b(cdk|sst|serverless|sls|terraform|pulumi)\b/.test(s.data.command) || /\brun\s+(synth|diff|destroy|bootstrap)\b/.test(s.data.command))) ||
      /\b(cdk deploy|sst deploy|serverless deploy|sls deploy|vercel|netlify deploy|wrangler (deploy|publish)|fly deploy|firebase deploy|supabase (db push|functions deploy)|npm publish|changeset publish)\b/.test(s.data.command),
  );
  const items = deployScripts.map((s) => `${code(runScript(index, pm, s.data.package, s.data.name))} — ${value(s.data.command)} (${cite(s.data.manifest, s.data.line)})`);
  for (const f of index.files.filter((x) => /^(scripts\/|bin\/)?[\w.-]*(deploy|release|publish|synth|diff|destroy|cleanup)[\w.-]*\.sh$/.test(x))) items.push(`shell script ${cite(f)}`);
  items.push(...taskItems);
  const flows = workflows.filter((w) => isDeployWorkflow(w.data)).map((f) => {
    const levels = jobLevels(f.data);
    const chain = levels.map((l) => l.map((j) => j.id).join(' + ')).join('  →  ');
    const detail = levels.flat().map((j, i) => `${i + 1}. ${code(j.id)}${j.environment ? ` (environment ${value(j.environment)})` : ''}${j.deploy?.length && j.condition ? ` (only on ${value(j.condition)})` : ''}: ${commands(j, 4)}`);
    const triggers = f.data.triggers.map((t) => (t.detail ? `${t.event} (${t.detail})` : t.event)).join(', ');
    return join(`**${escaped(f.data.name ?? f.data.file)}** — ${cite(f.data.file)}${triggers ? `, on ${escaped(triggers)}` : ''}:`, codeBlock(chain), detail.join('\n'));
  });
  const tools = infraCommands(index, model.facts.of<InfraProjectFact>('infra.project').map((f) => f.data), 'deploy');
  if (items.length === 0 && flows.length === 0 && tools.length === 0) {
    return join(
      heading(3, 'Deployment'),
      noneOr(model, 'deploy', 'No deploy scripts, deploy targets, deploy workflows or deploy commands (Makefile, shell scripts) found.', 'No deploy script or workflow is mapped, but these deploy it:'),
    );
  }
  // The README's deploy instructions say where the scripts deploy to (a hosted Supabase project and Vercel).
  const readme = readmeDeploySections(index).map((r) => `${escaped(r.heading)}${r.hosts.length ? ` — ${r.hosts.join(', ')}` : ''} (${cite(r.at)})`);
  return join(
    heading(3, 'Deployment'),
    tools.length > 0 && join('**Infrastructure tools:**', bullets(toolItems(tools))),
    items.length > 0 && join('**Scripts:**', bullets(items)),
    readme.length > 0 && join('**Deploy instructions in the README:**', bullets(readme)),
    ...flows,
  );
}

/** `sst deploy` — SST app at …; the README's own form of the command when it shows one. */
export function toolItems(tools: readonly InfraCommand[], limit = 8): string[] {
  const items = tools.slice(0, limit).map((t) => {
    const run = code(t.dir ? `cd ${t.dir} && ${t.command}` : t.command);
    const readme = t.readme ? `; the README runs ${code(t.readme.text)} (${cite(t.readme.file, t.readme.line)})` : '';
    return `${run} — ${t.what} ${cite(t.project.file, t.project.line)}${readme}`;
  });
  if (tools.length > limit) items.push(`(+${tools.length - limit} more projects, listed in step 6)`);
  return items;
}

