import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { githubAction, githubWorkflow } from './github.js';
import { circleci, genericPipeline, gitlabPipeline } from './other.js';
import { travisPipeline } from './travis.js';
import type { CiProvider, CiWorkflowData, CiWorkflowFact } from './types.js';
import { parseYaml, type YamlProblem } from '../../scan/yaml.js';
import { problemFacts } from '../shared/parse-problems.js';
import { redactData, redactText } from '../../secrets/outbound.js';

export type * from './types.js';

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION = /^\.github\/actions\/.+\/action\.ya?ml$|^action\.ya?ml$/;
const OTHER: Readonly<Record<string, CiProvider>> = {
  '.gitlab-ci.yml': 'gitlab-ci',
  '.circleci/config.yml': 'circleci',
  'bitbucket-pipelines.yml': 'bitbucket-pipelines',
  'azure-pipelines.yml': 'azure-pipelines',
  'buildspec.yml': 'aws-codebuild',
  '.travis.yml': 'travis-ci',
};

export function isCiFile(file: string): boolean {
  return WORKFLOW.test(file) || ACTION.test(file) || file in OTHER;
}

/** CI files read as text (YAML), never run: triggers, jobs, their order, the commands they run and the secrets they use. */
export const ciDetector: Detector = {
  id: 'ci',
  isEnabled: (index) => index.files.some(isCiFile),
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    const isPath = (p: string): boolean => index.has(p) || index.hasDir(p);
    for (const file of index.files.filter(isCiFile)) {
      // A pure function of the file's text: kept across runs, so an unchanged workflow is not parsed again. The cache
      // is a file in the session folder, so what it keeps is redacted as the fact will be (`curl -u ci:…` in a `run:`).
      const read = index.memo('ci.file@6', file, (text) => {
        const problems: YamlProblem[] = [];
        const data = redactData(readCiFile(file, text, problems), { isPath });
        return { data, problems: problems.map((p) => ({ ...p, message: redactText(p.message) })) };
      });
      if (!read) continue;
      facts.push({ kind: 'ci.workflow', id: file, data: read.data, at: [{ file }] } satisfies CiWorkflowFact, ...problemFacts(file, 'YAML', read.problems));
    }
    return facts;
  },
};

/** `problems` receives what the YAML parser could not read (the rest of the file is still used). */
export function readCiFile(file: string, text: string, problems: YamlProblem[] = []): CiWorkflowData {
  const { root: doc, problems: found } = parseYaml(text);
  problems.push(...found);
  if (WORKFLOW.test(file)) return githubWorkflow(file, doc, text);
  if (ACTION.test(file)) return githubAction(file, doc, text);
  const provider = OTHER[file];
  if (provider === 'gitlab-ci') return gitlabPipeline(file, doc, text);
  if (provider === 'circleci') return circleci(file, doc, text);
  if (provider === 'travis-ci') return travisPipeline(file, doc, text);
  return genericPipeline(provider, file, doc, text);
}
