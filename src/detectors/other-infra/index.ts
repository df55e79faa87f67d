import path from 'node:path';
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isBuildOrVendor } from '../shared/source-scope.js';
import { problemFacts } from '../shared/parse-problems.js';
import { cfnTemplate, isTemplateCandidate } from './cfn-template.js';
import { emptyFindings, isServerlessConfig, serverlessService } from './serverless.js';
import { sstProject } from './sst.js';
import { terraformFolder, type FunctionInstances } from './terraform.js';
import { folderBlocks, localsOf, moduleCallers } from './terraform-modules.js';
import { instanceRoutes } from './terraform-instance-routes.js';
import { WRANGLER_CONFIG, wranglerProject } from './wrangler.js';
import type {
  InfraFunctionFact, InfraProjectFact, InfraResourceFact, InfraRouteFact, InfraTableFact,
} from './types.js';
import { pushTo } from '../../collections.js';

export type * from './types.js';

const SST_CONFIG = /(^|\/)sst\.config\.[cm]?[jt]s$/;

function configs(index: RepoIndex) {
  const usable = index.files.filter((f) => !isBuildOrVendor(index, f) && !/(^|\/)(\.terraform|\.sst|\.serverless)\//.test(f));
  const tfByDir = new Map<string, string[]>();
  for (const f of usable) {
    if (!f.endsWith('.tf')) continue;
    const dir = path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f);
    pushTo(tfByDir, dir, f);
  }
  return {
    serverless: usable.filter(isServerlessConfig),
    sst: usable.filter((f) => SST_CONFIG.test(f)),
    templates: usable.filter((f) => isTemplateCandidate(index, f)),
    terraform: tfByDir,
    wrangler: usable.filter((f) => WRANGLER_CONFIG.test(f)),
  };
}

/**
 * Serverless Framework, SST, CloudFormation/SAM templates, Terraform and Cloudflare Wrangler, read as text:
 * `infra.project|function|route|table|resource` facts.
 */
export const otherInfraDetector: Detector = {
  id: 'other-infra',
  isEnabled(index: RepoIndex): boolean {
    return index.files.some((f) => isServerlessConfig(f) || SST_CONFIG.test(f) || f.endsWith('.tf') || isTemplateCandidate(index, f) || WRANGLER_CONFIG.test(f));
  },
  detect(index: RepoIndex): Fact[] {
    const found = emptyFindings();
    const { serverless, sst, templates, terraform, wrangler } = configs(index);
    for (const file of serverless) serverlessService(index, file, found);
    for (const file of sst) sstProject(index, file, sst, found);
    for (const file of templates) cfnTemplate(index, file, found);
    for (const file of wrangler) wranglerProject(index, file, found);
    const tfBlocks = new Map([...terraform].map(([dir, files]) => [dir, folderBlocks(index, files)]));
    const callers = moduleCallers(tfBlocks);
    const tfLocals = new Map([...tfBlocks].map(([dir, blocks]) => [dir, localsOf(blocks)]));
    const localsOfFile = (file: string) => tfLocals.get(path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file)) ?? new Map();
    const instances: FunctionInstances = new Map();
    for (const [dir, files] of [...terraform].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) terraformFolder(index, dir, files, tfBlocks.get(dir)!, callers, found, localsOfFile, instances);
    instanceRoutes(found.routes, tfBlocks, instances);

    const at = (d: { file: string; line: number }) => [{ file: d.file, line: d.line }];
    const byPlace = <T extends { file: string; line: number }>(list: T[]) =>
      list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    return [
      ...byPlace(found.projects).map((d): InfraProjectFact => ({ kind: 'infra.project', id: `${d.tool} ${d.file}`, data: d, at: at(d) })),
      ...byPlace(found.functions).map((d): InfraFunctionFact => ({ kind: 'infra.function', id: `${d.tool} ${d.name} ${d.file}`, data: d, at: at(d) })),
      ...byPlace(found.routes).map((d): InfraRouteFact => ({ kind: 'infra.route', id: `${d.tool} ${d.method} ${d.path} ${d.file}:${d.line}`, data: d, at: at(d) })),
      ...byPlace(found.tables).map((d): InfraTableFact => ({ kind: 'infra.table', id: `${d.tool} ${d.name} ${d.file}`, data: d, at: at(d) })),
      ...byPlace(found.resources).map((d): InfraResourceFact => ({ kind: 'infra.resource', id: `${d.tool} ${d.type} ${d.name} ${d.file}:${d.line}`, data: d, at: at(d) })),
      ...byPlace(found.problems).flatMap((p) => problemFacts(p.file, p.format, [p])),
    ];
  },
};
