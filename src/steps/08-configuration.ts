import type { CiWorkflowFact } from '../detectors/ci/index.js';
import { configFilesDetector, type ConfigFileFact } from '../detectors/config-files/index.js';
import { scriptsDetector, type ScriptFact } from '../detectors/scripts/index.js';
import { secretsSourcesDetector, type SecretSourceFact } from '../detectors/secrets-sources/index.js';
import { join, stepHeading } from '../markdown/blocks.js';
import { configFilesSection, scriptsSection } from './parts/config-and-scripts.js';
import { envVarsSection } from './parts/env-vars.js';
import { secretsSection } from './parts/secrets-management.js';
import { ENV_DETECTORS } from '../model/env.js';
import type { StepDefinition } from './types.js';

export const configurationStep: StepDefinition = {
  number: 8,
  title: 'Configuration & Environment',
  detectors: [...ENV_DETECTORS, configFilesDetector, scriptsDetector, secretsSourcesDetector],
  claims: ['env', 'env-read', 'config-files', 'secrets-store'],
  build(model) {
    const { index, facts } = model;
    const markdown = join(
      stepHeading(8, 'Configuration & Environment'),
      envVarsSection(model),
      configFilesSection(model, facts.of<ConfigFileFact>('config.file')),
      secretsSection(model, facts.of<SecretSourceFact>('secrets.source'), facts.of<CiWorkflowFact>('ci.workflow')),
      scriptsSection(index, facts.of<ScriptFact>('scripts.script')),
    );
    return { markdown, facts: facts.all };
  },
};
