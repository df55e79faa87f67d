import { cdkDetector } from '../detectors/cdk/index.js';
import { ciDetector, type CiWorkflowFact } from '../detectors/ci/index.js';
import { composeDetector } from '../detectors/compose/index.js';
import { configFilesDetector, type ConfigFileFact } from '../detectors/config-files/index.js';
import { dockerfileDetector } from '../detectors/dockerfile/index.js';
import { envDetector } from '../detectors/env/index.js';
import { kubernetesDetector } from '../detectors/kubernetes/index.js';
import { otherInfraDetector } from '../detectors/other-infra/index.js';
import { scriptsDetector, type ScriptFact } from '../detectors/scripts/index.js';
import { secretsSourcesDetector, type SecretSourceFact } from '../detectors/secrets-sources/index.js';
import { join, stepHeading } from '../markdown/blocks.js';
import { configFilesSection, scriptsSection } from './parts/config-and-scripts.js';
import { envModel } from './parts/env-model.js';
import { envVarsSection } from './parts/env-vars.js';
import { secretsSection } from './parts/secrets-management.js';
import type { StepDefinition } from './types.js';

export const configurationStep: StepDefinition = {
  number: 8,
  title: 'Configuration & Environment',
  detectors: [envDetector, ciDetector, cdkDetector, configFilesDetector, scriptsDetector, secretsSourcesDetector, otherInfraDetector, composeDetector, dockerfileDetector, kubernetesDetector],
  claims: ['env', 'env-read', 'config-files', 'secrets-store'],
  build(model) {
    const { index, facts } = model;
    const vars = envModel(facts);
    const markdown = join(
      stepHeading(8, 'Configuration & Environment'),
      envVarsSection(model, vars),
      configFilesSection(model, facts.of<ConfigFileFact>('config.file')),
      secretsSection(model, facts.of<SecretSourceFact>('secrets.source'), facts.of<CiWorkflowFact>('ci.workflow'), vars),
      scriptsSection(index, facts.of<ScriptFact>('scripts.script')),
    );
    return { markdown, facts: facts.all };
  },
};
