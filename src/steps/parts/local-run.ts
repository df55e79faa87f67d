/**
 * Step 9's view of the runtime facts: how to bring the stack up locally (Docker Compose), the Make/just targets a
 * developer runs day to day, Procfile processes, and which targets deploy.
 */
import path from 'node:path';
import type { ComposeServiceFact } from '../../detectors/compose/index.js';
import { invocation, type TaskData, type TaskFact } from '../../detectors/tasks/index.js';
import type { FactSet } from '../../facts.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { cell, code } from '../../markdown/text.js';
import { byFileLine, names, value } from './format.js';
import { composeLayers, type ComposeLayer } from './compose-layers.js';
import { pushTo } from '../../collections.js';
import type { ScriptData, ScriptFact } from '../../detectors/scripts/index.js';
import { baseFile, missingDependencies, repoRunner, startedServices, type RepoRunner } from './compose-commands.js';

const DEFAULT_COMPOSE = /^(compose|docker-compose)\.ya?ml$/;
const OVERRIDE = /^(compose|docker-compose)\.override\.ya?ml$/;
const DAILY = /(^|[:_-])(setup|install|bootstrap|init|deps|dev|develop|start|run|serve|up|down|stop|logs|build|test|tests|e2e|lint|fmt|format|check|typecheck|migrate|migration|seed|db|clean|generate|codegen)([:_-]|$)/;
/** Commands that ship something: a target that runs one is a deployment step. */
export const DEPLOY_COMMAND = /\b(cdk deploy|sst deploy|serverless deploy|sls deploy|sam deploy|terraform apply|kubectl apply|helm (upgrade|install)|docker (push|buildx build[^|]*--push)|fly deploy|vercel( --prod)?\b|netlify deploy|wrangler (deploy|publish)|gcloud (run deploy|app deploy)|aws s3 sync|aws cloudformation (deploy|create-stack|update-stack)|amplify (publish|push)|npm publish|pulumi up|copilot deploy|eb deploy)\b/;
const DEPLOY_NAME = /(^|[:_-])(deploy|release|publish|ship)([:_-]|$)|^push([:_-]|$)/;

export function isDeployTask(t: TaskData): boolean {
  return t.tool !== 'procfile' && (DEPLOY_NAME.test(t.name) || t.commands.some((c) => DEPLOY_COMMAND.test(c)));
}

/**
 * `### Containers and task runners`: compose up, daily targets, Procfile; '' when the repository has none. `run` says
 * how a package.json script is run (the repository's package manager).
 */
export function localRunSection(facts: FactSet, run: (s: ScriptData) => string = (s) => `npm run ${s.name}`): string {
  const services = facts.of<ComposeServiceFact>('compose.service').map((f) => f.data).sort(byFileLine);
  const tasks = facts.of<TaskFact>('tasks.task').map((f) => f.data).sort(byFileLine);
  const items: string[] = [];
  const byFile = new Map<string, typeof services>();
  for (const s of services) pushTo(byFile, s.file, s);
  const layers = composeLayers(services);
  const scripts = facts.of<ScriptFact>('scripts.script').map((f) => f.data);
  const isOverlay = (f: string) => layers.has(f) || OVERRIDE.test(path.posix.basename(f));
  // The base files first: the overlays are read on top of them.
  for (const [file, list] of [...byFile].sort(([a], [b]) => Number(isOverlay(a)) - Number(isOverlay(b)))) {
    const base = path.posix.basename(file);
    if (OVERRIDE.test(base)) {
      items.push(`${cite(file)} is merged into ${code('docker compose up')} automatically (it changes ${names(list.map((s) => s.name), 6)}).`);
      continue;
    }
    const layer = layers.get(file);
    if (layer) {
      items.push(overlayItem(file, list, layer, (under) => repoRunner(file, under, scripts, tasks, run)));
      continue;
    }
    const dir = path.posix.dirname(file);
    // A file whose services need a service it does not define is brought up over the file that defines it.
    const missing = missingDependencies(list);
    const under = missing.length > 0 ? baseFile(file, missing, byFile) : undefined;
    const runner = under ? repoRunner(file, under, scripts, tasks, run) : undefined;
    const command = under
      ? `docker compose -f ${under} -f ${file} up`
      : DEFAULT_COMPOSE.test(base) ? (dir === '.' ? 'docker compose up' : `docker compose --project-directory ${dir} up`) : `docker compose -f ${file} up`;
    const built = list.filter((s) => s.build);
    const envFiles = [...new Set(list.flatMap((s) => s.envFiles.filter((f) => !f.exists).map((f) => f.path)))];
    items.push(
      (runner ? `${code(runner.command)} (${cite(runner.file, runner.line)}) ` : `${code(command)} `) +
        startedServices(list, file) +
        (under ? `, with ${names(missing, 4)} from ${cite(under)}` : '') +
        (built.length > 0 ? `; builds ${names(built.map((s) => s.name), 4)} from source` : '') +
        (envFiles.length > 0 ? `; it reads ${envFiles.map((f) => code(f)).join(', ')}, which is not committed — create it first` : '') +
        '.',
    );
  }
  // The root's targets first: they are what the README's "make dev" means; nested Makefiles serve their folder.
  const depth = (t: TaskData) => t.file.split('/').length;
  const daily = tasks.filter((t) => t.tool !== 'procfile' && (DAILY.test(t.name) || t.help)).sort((a, b) => depth(a) - depth(b) || byFileLine(a, b));
  const rest = tasks.filter((t) => t.tool !== 'procfile' && !daily.includes(t));
  const targetRows = daily.slice(0, 12).map((t) => [code(invocation(t)), runs(t), cite(t.file, t.line)]);
  const processes = tasks.filter((t) => t.tool === 'procfile');
  if (items.length === 0 && targetRows.length === 0 && rest.length === 0 && processes.length === 0) return '';
  return join(
    heading(3, 'Containers and task runners'),
    items.length > 0 && join('**Docker Compose:**', bullets(items)),
    targetRows.length > 0 && join('**Targets for day-to-day work:**', table(['Command', 'Runs', 'Defined in'], targetRows)),
    (daily.length > 12 || rest.length > 0) &&
      `Other targets: ${names([...daily.slice(12), ...rest].map((t) => invocation(t)), 10)} (step 6 lists them with their commands).`,
    processes.length > 0 &&
      join(`**Procfile processes** (started by a Procfile runner such as ${code('heroku local')} or ${code('foreman start')}):`, bullets(processes.map((p) => `${code(p.name)}: ${p.command ? value(p.command) : '—'} — ${cite(p.file, p.line)}`))),
  );
}

/**
 * An overlay: the combined command over its bases (or the repository's own script for it), what it adjusts and what it
 * adds; without a single base that defines what it adjusts, no command (one that cannot work is worse than none).
 */
function overlayItem(file: string, list: readonly ComposeServiceFact['data'][], layer: ComposeLayer, runner: (base: string) => RepoRunner | undefined): string {
  const added = list.filter((s) => !layer.adjusts.includes(s.name)).map((s) => s.name);
  const built = list.filter((s) => s.build).map((s) => s.name);
  const settings = list.filter((s) => s.buildSettings).map((s) => s.name);
  // A file that only changes how the base's services are built (a CI layer cache) says that, once.
  const onlySettings =
    settings.length === layer.adjusts.length &&
    list.every((s) => !s.buildSettings || (!s.command && s.ports.length + s.environment.length + s.envFiles.length + s.dependsOn.length + s.profiles.length === 0));
  const what = `${onlySettings ? 'changes the build settings of' : 'adjusts'} ${names(layer.adjusts, 6)}${added.length > 0 ? ` and adds ${names(added, 6)}` : ''}`;
  if (!layer.bases) return `${cite(file)} ${what}: it is used with ${code('-f')} after the compose file that defines ${layer.adjusts.length === 1 ? 'it' : 'them'}.`;
  const bases = layer.bases;
  const own = runner(bases[bases.length - 1]);
  const command = own ? `${code(own.command)} (${cite(own.file, own.line)})` : code(`docker compose ${[...bases, file].map((f) => `-f ${f}`).join(' ')} up`);
  return (
    `${command}: ${cite(file)} is an overlay of ${bases.map((b) => cite(b)).join(' + ')}; it ${what}` +
    (built.length > 0 ? `; builds ${names(built, 4)} from source` : '') +
    (settings.length > 0 && !onlySettings ? `; changes the build settings of ${names(settings, 4)}` : '') +
    '.'
  );
}

/** Deploy targets as deployment-section bullets: `make deploy` — runs `cdk deploy --all` (/Makefile:12). */
export function deployTaskItems(facts: FactSet): string[] {
  return facts
    .of<TaskFact>('tasks.task')
    .map((f) => f.data)
    .filter(isDeployTask)
    .sort(byFileLine)
    .map((t) => {
      const deploys = t.commands.find((c) => DEPLOY_COMMAND.test(c));
      return `${code(invocation(t))} — ${deploys ? value(deploys) : runs(t)} (${cite(t.file, t.line)})`;
    });
}

function runs(t: TaskData): string {
  const what = taskCommands(t);
  return t.help ? `${what} — ${cell(t.help)}` : what;
}

/**
 * What a target runs: its commands in order (three at most, then a count), so `yarn install` is never shown as all a
 * `build` target does; or the targets it runs.
 */
export function taskCommands(t: TaskData): string {
  if (!t.command) return t.needs.length > 0 ? `runs ${names(t.needs, 4)}` : '—';
  const from = Math.max(0, t.commands.indexOf(t.command));
  const list = t.commands.slice(from).filter((c) => !/^@?echo\b/.test(c));
  if (list.length <= 1) return value(t.command);
  const shown = list.slice(0, 3).map(value).join(' → ');
  return list.length > 3 ? `${shown} (+${list.length - 3} more)` : shown;
}
