import type { CiWorkflowFact } from '../detectors/ci/index.js';
import { composeDetector } from '../detectors/compose/index.js';
import { tasksDetector } from '../detectors/tasks/index.js';
import { configFilesDetector, type ConfigFileFact } from '../detectors/config-files/index.js';
import { scriptsDetector, type PackageManagerFact, type ScriptFact, type WorkspaceDepFact } from '../detectors/scripts/index.js';
import { testingDetector, type TestSetupFact } from '../detectors/testing/index.js';
import { troubleshootingDetector, type TroubleshootingFact } from '../detectors/troubleshooting/index.js';
import { join, stepHeading } from '../markdown/blocks.js';
import { ciWorkflowsSection, deploymentSection } from './parts/ci-workflows.js';
import { buildOrderSection, devWorkflowSection } from './parts/dev-workflow.js';
import { guidesDetector } from '../detectors/guides/index.js';
import { guidesPart } from './parts/guides.js';
import { deployTaskItems, localRunSection } from './parts/local-run.js';
import { testingSection, troubleshootingSection } from './parts/testing-and-troubleshooting.js';
import { ENV_DETECTORS } from '../model/env.js';
import type { StepDefinition } from './types.js';

export const workflowsStep: StepDefinition = {
  number: 9,
  title: 'Common Workflows',
  detectors: [scriptsDetector, configFilesDetector, testingDetector, ...ENV_DETECTORS, troubleshootingDetector, guidesDetector, composeDetector, tasksDetector],
  claims: ['tests', 'deploy', 'ci', 'package-json', 'env-set'],
  build(model) {
    const { index, facts } = model;
    const pmFact = facts.of<PackageManagerFact>('scripts.packageManager')[0];
    const pm = pmFact?.data.tool ?? 'npm';
    const scripts = facts.of<ScriptFact>('scripts.script');
    const configs = facts.of<ConfigFileFact>('config.file');
    const workflows = facts.of<CiWorkflowFact>('ci.workflow');
    const markdown = join(
      stepHeading(9, 'Common Workflows'),
      guidesPart(facts),
      devWorkflowSection(model, pmFact, scripts, configs),
      localRunSection(facts),
      buildOrderSection(index, facts.of<WorkspaceDepFact>('scripts.workspaceDep'), scripts),
      testingSection(model, pm, facts.of<TestSetupFact>('testing.package')),
      deploymentSection(model, pm, scripts, workflows, deployTaskItems(facts)),
      ciWorkflowsSection(model, workflows),
      troubleshootingSection(model, facts.of<TroubleshootingFact>('docs.troubleshooting'), configs),
    );
    return { markdown, facts: facts.all };
  },
};
