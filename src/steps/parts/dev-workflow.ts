import path from 'node:path';
import type { ConfigFileFact } from '../../detectors/config-files/index.js';
import { readJsonc } from '../../detectors/config-files/readers.js';
import { jsonKeyLine } from '../../scan/json-keys.js';
import type { PackageManager, PackageManagerFact, ScriptFact, WorkspaceDepFact } from '../../detectors/scripts/index.js';
import { lockfileDriftNote } from './lockfile-drift-note.js';
import { nestedRootInstall, outsideWorkspaces, perFolderInstalls, perFolderInstallStep, workspaceRootsInstall } from './install-steps.js';
import { codeBlock, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import { infraCommands } from '../../model/infra-commands.js';
import type { EnvDotenvLoadFact } from '../../detectors/env/types.js';
import { isTestPath } from '../../model/env-views.js';
import type { InfraProjectFact } from '../../detectors/other-infra/types.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';
import { value } from './format.js';
import { Owners } from '../budget/owners.js';
import { byRole } from './roles.js';
import { portSettingText } from './port-setting.js';
import { startsDevServer } from '../../detectors/frontend-build/dev-script.js';
import type { FrontendAppData } from '../../detectors/frontend-build/index.js';
import { defaultDevPort, versionedDefaultNote } from '../../detectors/shared/default-ports.js';
import { DEFAULT_PORTS, devTool, folderPackageManager, installCommand, portInCommand, runScript } from './run-commands.js';
import { workspaceToolOf } from '../../detectors/shared/package-manager.js';
import { rootMembers } from '../../scan/workspaces.js';
import type { FactSet } from '../../facts.js';
import { listenCall, listenPortText, serverEntry } from './server-listen.js';

/** Install, Node version, env files to copy, build and dev servers — in the order a new engineer does them. */
/** `env`, `env.local`: a dotenv file named without its dot. Not `env.sh`, `env.json`: those are files of their own kind. */
const DOTENV_STEM = /(^|\/)env((?:\.(?!(?:sh|bash|zsh|ps1|cmd|bat|js|cjs|mjs|ts|json|ya?ml|toml|py|rb)$)[\w-]+)?)$/;

export function devWorkflowSection(model: StepModel, pmFact: PackageManagerFact | undefined, scripts: readonly ScriptFact[], configs: readonly ConfigFileFact[], apps: readonly FrontendAppData[] = []): string {
  const { index } = model;
  const steps: string[] = [];
  const nodeFiles = configs.filter((c) => c.data.category === 'node-version');
  const root = index.packages.find((p) => p.isRoot);
  const engines = root?.manifest.engines?.node;
  if (nodeFiles.length || engines) {
    const parts = nodeFiles.map((c) => `${c.data.items.map(oneLine).join(', ') || 'version file'} (${cite(c.data.file)})`);
    if (engines) parts.push(`\`engines.node\` ${code(engines)} (${cite(root!.manifestPath)})`);
    steps.push(`**Node.js:** ${parts.join('; ')}${nodeFiles.some((c) => c.data.file === '.nvmrc') ? ' — `nvm use` picks it up' : ''}.`);
  }
  const pm = pmFact?.data;
  // A pnpm-workspace.yaml at the root links its members without a root package.json: one install at the root.
  const separate = !root && index.packages.length > 0 && !(index.workspaceTool && !index.workspaceRoot && pm);
  if (index.workspaceRoots.length > 1 && pm) {
    steps.push(workspaceRootsInstall(index, pm, scripts));
  } else if (index.workspaceRoot && pm) {
    steps.push(nestedRootInstall(index, pm, scripts));
  } else if (separate) {
    const installs = index.packages.map((p) => {
      const own = folderPackageManager(index, p);
      return code(`cd ${p.dir} && ${installCommand(own.tool ?? 'npm', own.lockfile !== undefined)}`);
    });
    steps.push(`**Install:** no root package.json and no workspaces — each package installs on its own: ${installs.join(', ')}.`);
  } else if (pm && perFolderInstalls(model).length > 0) {
    steps.push(perFolderInstallStep(model, scripts));
  } else if (pm) {
    // Without a lockfile or field, the line that showed the tool is named: the README's or Dockerfile's install.
    const shown = !pm.lockfile && !pm.declared && pm.evidence ? `, used by ${cite(pm.evidence.file, pm.evidence.line)}` : '';
    const lock = pm.lockfile ? `lockfile ${cite(pm.lockfile)}${lockfileDriftNote(pm)}` : 'no lockfile committed';
    const ws = index.workspaceTool ? `, ${workspaceToolOf(index)} workspaces: ${index.workspacePatterns.map((p) => code(p)).join(', ')}` : '';
    steps.push(`**Install:** ${code(pm.install)} at the repository root (${pm.tool}${pm.declared ? ` ${code(pm.declared)}` : ''}${shown}, ${lock}${ws}).${outsideWorkspaces(index, pm.tool, scripts)}`);
  }
  const examples = index.files.filter((f) => /(^|\/)\.?env(\.[\w-]+)?\.(example|sample|template)$/.test(f));
  if (examples.length) {
    // `env.sample` (no dot) is copied to `.env`, the file dotenv loads; `.env.example` to `.env`. A script or code file
    // keeps its name: `env.sh.template` → `env.sh`, the file the scripts `source`.
    // An example the application loads itself (`process.loadEnvFile('.env.example')`) is filled in where it is: a copy
    // would never be read. A test setup loading it says nothing about the application, nor does a setup tool that
    // reads the example to write `.env` (`scripts/setup-ports.js` calling its own `loadEnvFile('.env.example')`).
    const loads = model.facts.of<EnvDotenvLoadFact>('env.dotenv-load').map((f) => f.data).filter((l) => !isTestPath(l.file) && !SETUP_TOOL.test(l.file));
    const loadedAt = (f: string) => loads.find((l) => l.loads === f);
    const edited = examples.filter(loadedAt).map((f) => `fill in values in ${cite(f)} — the code loads that file itself (${cite(loadedAt(f)!.file, loadedAt(f)!.line)}), so a copy would not be read`);
    const copies = examples.filter((f) => !loadedAt(f)).map((f) => `${cite(f)} → ${code(f.replace(/\.(example|sample|template)$/, '').replace(DOTENV_STEM, '$1.env$2'))}`);
    const what = [...edited, ...(copies.length ? [`copy ${copies.join(', ')} and fill in values`] : [])].join('; ');
    steps.push(`**Environment:** ${what}${envNamesPointer(index, examples)}.`);
  }
  const rootScripts = scripts.filter((s) => s.data.dir === '');
  const build = rootScripts.find((s) => s.data.name === 'build');
  if (build && pm) steps.push(`**Build:** ${code(runScript(index, pm.tool, build.data.package, 'build'))} — runs ${value(build.data.command)} (${cite(build.data.manifest, build.data.line)}).`);
  // `dev` is what a developer runs; `start` is often the production runner (pm2, `node dist/…`) listed first.
  const dev = rootScripts.find((s) => s.data.name === 'dev') ?? rootScripts.find((s) => s.data.name === 'start');
  if (dev && pm) steps.push(`**Run locally:** ${code(runScript(index, pm.tool, dev.data.package, dev.data.name))} — runs ${value(dev.data.command)} (${cite(dev.data.manifest, dev.data.line)}).`);
  for (const t of infraCommands(index, model.facts.of<InfraProjectFact>('infra.project').map((f) => f.data), 'dev')) {
    const where = t.readme ? ` — as the README runs it (${cite(t.readme.file, t.readme.line)})` : '';
    const run = t.readme?.text ?? (t.dir ? `cd ${t.dir} && ${t.command}` : t.command);
    steps.push(`**Run locally (${t.what} ${cite(t.project.file, t.project.line)}):** ${code(run)}${where}.`);
  }
  const shell = index.files.filter((f) => /^(scripts\/)?[\w.-]*(install|setup|bootstrap|build|dev|start|test)[\w.-]*\.sh$/.test(f));
  if (shell.length) steps.push(`**Shell scripts:** ${shell.map((f) => cite(f)).join(', ')}.`);
  const numbered = steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
  const empty = () => model.none('package-json', 'No package.json, Node version file or dotenv example found.') ?? 'Nothing to install or configure was found at the root; see each package in step 2.';
  return join(heading(3, 'Development workflow'), numbered || empty(), devServers(index, model.facts, pm?.tool ?? 'npm', scripts, configs, apps));
}

/**
 * Step 8 is fitted to its budget on its own, and gives up the env tables of example, test and tooling packages first
 * (a repository whose every package sits under examples/ gets them all as one "Left out here" line). Pointing there
 * is only kept when every file belongs to the product, whose tables that step keeps longest.
 */
function envNamesPointer(index: RepoIndex, files: readonly string[]): string {
  const owners = Owners.of(index);
  return files.every((f) => owners.of(f).tier === 0) ? ' (names are listed in step 8)' : '';
}

/** A helper script rather than the application: under scripts/ or tools/, or named for setting things up. */
const SETUP_TOOL = /(^|\/)(scripts?|tools?|tooling|\.github|\.husky)\/|(^|\/)(setup|bootstrap|install|init|configure|prepare|seed)[\w.-]*\.[cm]?[jt]s$/i;


function devServers(index: RepoIndex, facts: FactSet, pm: 'npm' | 'yarn' | 'pnpm' | 'bun', scripts: readonly ScriptFact[], configs: readonly ConfigFileFact[], apps: readonly FrontendAppData[]): string {
  const rows: string[][] = [];
  const hasDev = new Set(scripts.filter((s) => /^(dev|develop|serve)$/.test(s.data.name)).map((s) => s.data.package));
  for (const s of byRole(index, scripts, (x) => x.data.manifest)) {
    if (!/^(dev|start|serve|develop|watch)$/.test(s.data.name) || (s.data.dir === '' && index.packages.length > 1)) continue;
    if (s.data.name === 'start' && hasDev.has(s.data.package)) continue; // `start` serves a build when a dev script exists
    const tool = devTool(s.data.command);
    // A backend's dev script that runs its server entry (`nest start --watch`, `bun run --watch src/index.ts`): the
    // port is what the entry's `.listen(…)` is given, or "not known".
    const entry = DEFAULT_PORTS[tool ?? ''] === undefined ? serverEntry(index, s.data.dir, s.data.command) : undefined;
    const listen = entry ? listenCall(index, entry) : undefined;
    if (listen && portInCommand(s.data.command) === undefined) {
      rows.push([oneLine(s.data.package), code(runScript(index, pm, s.data.package, s.data.name)), value(s.data.command), listenPortText(index, facts, listen)]);
      continue;
    }
    if (!tool) continue;
    // A config that sets the port to something not read statically still sets it (never "the default" then).
    const config = configs.find((c) => c.data.package === s.data.package && (c.data.devPort !== undefined || c.data.portSetting));
    const cmdPort = portInCommand(s.data.command);
    // A frontend app's dev script: its port is step 5's (one model: `remix vite:dev` is Vite's server, not Remix's).
    const app = apps.find((a) => a.name === s.data.package && s.data.name === (a.scripts.dev !== undefined ? 'dev' : 'start'));
    const appPort = cmdPort === undefined && app ? appDevPort(app) : undefined;
    const port = cmdPort === undefined && VITE_PREVIEW.test(s.data.command) ? previewPort(configs, s.data.package) : appPort !== undefined ? appPort : cmdPort !== undefined
      ? `${cmdPort} (${cite(s.data.manifest, s.data.line)})`
      : config
        ? portSettingText(config.data.file, config.data.portSetting) ?? `${config.data.devPort} (${cite(config.data.file)})`
        : DEFAULT_PORTS[tool] !== undefined && startsDevServer(s.data.command, scriptsOf(scripts, s.data.package)) === false
          ? `— (runs ${tool} but not its dev server)`
          : DEFAULT_PORTS[tool] !== undefined
          ? toolDefault(index, s.data.dir, tool)
          : '—';
    rows.push([oneLine(s.data.package), code(runScript(index, pm, s.data.package, s.data.name)), value(s.data.command), port]);
  }
  if (rows.length === 0) return '';
  const LIMIT = 15;
  const more = rows.length > LIMIT ? `(+${rows.length - LIMIT} more packages with dev servers; their scripts are listed in step 8.)` : '';
  return join('**Dev servers:**', table(['Package', 'Command', 'Runs', 'Port'], rows.slice(0, LIMIT)), more);
}

/** `vite preview` serves the build on `preview.port` (default 4173); the config's `server.port` is the dev server's. */
const VITE_PREVIEW = /\bvite\s+preview\b/;

function previewPort(configs: readonly ConfigFileFact[], pkg: string): string {
  const config = configs.find((c) => c.data.package === pkg && c.data.previewPortSetting);
  const setting = config?.data.previewPortSetting;
  if (config && setting) return portSettingText(config.data.file, setting) ?? (setting.port !== undefined ? `${setting.port} (${cite(config.data.file)})` : '—');
  return "not set; vite preview's default is 4173";
}

/** The port cell of a frontend app's dev script, from the app's model; undefined when the model has none. */
function appDevPort(app: FrontendAppData): string | undefined {
  if (app.devPortFile && app.devPortSource !== 'script') {
    const text = portSettingText(app.devPortFile, app.devPortSetting);
    if (text) return text;
    if (app.devPort !== undefined) return `${app.devPort} (${cite(app.devPortFile)})`;
  }
  // `remix-compiler` is our name for classic `remix dev` (remix-serve): the command is `remix`.
  const tool = app.buildTool === 'remix-compiler' ? 'remix' : app.buildTool ?? app.framework;
  if (app.devPortSource === 'default') return `not set; ${tool}'s default is ${app.devPort}`;
  const note = app.devPort === undefined && !app.devPortFile && app.devScriptServes !== false ? versionedDefaultNote(tool) : undefined;
  return note ? `not set; ${note}` : undefined;
}

/** `not set; astro's default is 3000`, with the default of the major the package uses, or why it is not given. */
function toolDefault(index: RepoIndex, dir: string, tool: string): string {
  const port = defaultDevPort(index, dir, tool, DEFAULT_PORTS, false);
  if (port !== undefined) return `not set; ${tool}'s default is ${port}`;
  return `not set; ${versionedDefaultNote(tool) ?? `${tool}'s default could not be told`}`;
}

/** A package's scripts by name, for following `npm run x` inside a script. */
function scriptsOf(scripts: readonly ScriptFact[], pkg: string): Record<string, string> {
  return Object.fromEntries(scripts.filter((s) => s.data.package === pkg).map((s) => [s.data.name, s.data.command]));
}
