import type { CiWorkflowFact } from '../detectors/ci/index.js';
import { composeDetector } from '../detectors/compose/index.js';
import { tasksDetector } from '../detectors/tasks/index.js';
import { configFilesDetector, type ConfigFileFact } from '../detectors/config-files/index.js';
import { scriptsDetector, type PackageManagerFact, type ScriptFact, type WorkspaceDepFact } from '../detectors/scripts/index.js';
import { testingDetector, type TestSetupFact } from '../detectors/testing/index.js';
import { troubleshootingDetector, type TroubleshootingFact } from '../detectors/troubleshooting/index.js';
import { join, stepHeading } from '../markdown/blocks.js';
import { ciWorkflowsSection, deploymentSection } from './parts/ci-workflows.js';
import { buildOrderSection } from './parts/build-order.js';
import { devWorkflowSection } from './parts/dev-workflow.js';
import { guidesDetector } from '../detectors/guides/index.js';
import { guidesPart } from './parts/guides.js';
import { deployTaskItems, localRunSection } from './parts/local-run.js';
import { testingSection, troubleshootingSection } from './parts/testing-and-troubleshooting.js';
import { ENV_DETECTORS } from '../model/env.js';
import { astroDetector } from '../detectors/astro/index.js';
import { frontendBuildDetector, type FrontendAppFact } from '../detectors/frontend-build/index.js';
import { backendCodeDetector, dbAccessDetector } from '../detectors/backend-code/index.js';
import { httpFrameworksDetector } from '../detectors/http-frameworks/index.js';
import { nextPagesDetector } from '../detectors/nextjs-pages/index.js';
import { ormDetector } from '../detectors/orm/index.js';
import { reactAppDetector } from '../detectors/react-app/index.js';
import { reactRouterDetector } from '../detectors/react-router/index.js';
import { sdkDetector } from '../detectors/sdk/index.js';
import { tanstackRouterDetector } from '../detectors/tanstack-router/index.js';
import { trpcDetector } from '../detectors/trpc/index.js';
import { recipesSection } from './parts/recipes/index.js';
import { runScript } from './parts/run-commands.js';
import type { StepDefinition } from './types.js';

export const workflowsStep: StepDefinition = {
  number: 9,
  title: 'Common Workflows',
  // The recipes read what the other steps map: routes, handlers, tables, models, pages, SDK clients.
  detectors: [
    scriptsDetector,
    configFilesDetector,
    testingDetector,
    ...ENV_DETECTORS,
    troubleshootingDetector,
    httpFrameworksDetector,
    trpcDetector,
    backendCodeDetector,
    dbAccessDetector,
    ormDetector,
    astroDetector,
    reactRouterDetector,
    tanstackRouterDetector,
    nextPagesDetector,
    reactAppDetector,
    sdkDetector,
    guidesDetector,
    composeDetector,
    tasksDetector,
    frontendBuildDetector,
  ],
  claims: ['tests', 'deploy', 'ci', 'package-json', 'env-set'],
  build(model) {
    const { index, facts } = model;
    const pmFact = facts.of<PackageManagerFact>('scripts.packageManager')[0];
    const pm = model.packageManager;
    const scripts = facts.of<ScriptFact>('scripts.script');
    const configs = facts.of<ConfigFileFact>('config.file');
    const workflows = facts.of<CiWorkflowFact>('ci.workflow');
    const markdown = join(
      stepHeading(9, 'Common Workflows'),
      guidesPart(facts),
      devWorkflowSection(model, pmFact, scripts, configs, facts.of<FrontendAppFact>('frontend.app').map((f) => f.data)),
      localRunSection(facts, (s) => runScript(index, pm, s.package, s.name)),
      recipesSection(model, pm),
      buildOrderSection(index, facts.of<WorkspaceDepFact>('scripts.workspaceDep'), scripts),
      testingSection(model, pm, facts.of<TestSetupFact>('testing.package')),
      deploymentSection(model, pm, scripts, workflows, deployTaskItems(facts)),
      ciWorkflowsSection(model, workflows),
      troubleshootingSection(model, facts.of<TroubleshootingFact>('docs.troubleshooting'), configs),
    );
    return { markdown, facts: facts.all };
  },
};
