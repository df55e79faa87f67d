import type { ConfigFileFact } from '../../detectors/config-files/index.js';
import type { ScriptFact } from '../../detectors/scripts/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { escaped, oneLine } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { value } from './format.js';
import { packageOrder, packageTitle } from './env-vars.js';

const CATEGORY_ORDER = ['workspace', 'node-version', 'typescript', 'cdk', 'framework', 'bundler', 'test', 'lint', 'format', 'styles', 'container', 'hosting', 'dependencies', 'git-hooks', 'release', 'editor'];

/** Every configuration file with what it configures, grouped by kind. */
export function configFilesSection(model: StepModel, configs: readonly ConfigFileFact[]): string {
  if (configs.length === 0) {
    const none = model.none('config-files', 'No configuration files recognised (tsconfig, bundler, framework, lint, format, Node version, workspace).');
    return join(heading(3, 'Configuration files'), none ?? 'No configuration file this step knows was found.');
  }
  const sorted = [...configs].sort(
    (a, b) => CATEGORY_ORDER.indexOf(a.data.category) - CATEGORY_ORDER.indexOf(b.data.category) || (a.data.file < b.data.file ? -1 : 1),
  );
  const rows = sorted.map((f) => [cite(f.data.file), oneLine(f.data.tool), f.data.items.length ? f.data.items.map(escaped).join('; ') : '—']);
  return join(heading(3, 'Configuration files'), table(['File', 'Tool', 'Configures'], rows));
}

/** Every package.json script, per package, with its command. */
export function scriptsSection(index: RepoIndex, scripts: readonly ScriptFact[]): string {
  if (scripts.length === 0) return join(heading(3, 'Build and deployment scripts'), 'No package.json scripts.');
  // By folder: two packages may share a name.
  const packages = [...new Set(scripts.map((s) => s.data.dir))].sort(packageOrder(index));
  const blocks = packages.map((pkg) => {
    const own = scripts.filter((s) => s.data.dir === pkg);
    const manifest = own[0].data.manifest;
    const rows = own.map((s) => [value(s.data.name), value(s.data.command)]);
    return join(`${heading(4, packageTitle(index, pkg))}`, `Scripts in ${cite(manifest)}:`, table(['Script', 'Command'], rows));
  });
  return join(heading(3, 'Build and deployment scripts'), ...blocks);
}
