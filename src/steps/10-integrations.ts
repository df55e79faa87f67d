import { cdkDetector } from '../detectors/cdk/index.js';
import { envDetector } from '../detectors/env/index.js';
import { ciDetector } from '../detectors/ci/index.js';
import { httpFrameworksDetector } from '../detectors/http-frameworks/index.js';
import { cognitoUsageDetector, dependenciesDetector, paymentsDetector, type DependencyFact } from '../detectors/integrations/index.js';
import { join, stepHeading } from '../markdown/blocks.js';
import { envModel } from './parts/env-model.js';
import { apiGatewaySection, cloudfrontSection } from './parts/integrations-aws.js';
import { cognitoSection } from './parts/integrations-cognito.js';
import { dependenciesSection } from './parts/integrations-deps.js';
import { paymentsSection } from './parts/integrations-payments.js';
import type { StepDefinition } from './types.js';

export const integrationsStep: StepDefinition = {
  number: 10,
  title: 'Integration Points',
  detectors: [cdkDetector, cognitoUsageDetector, paymentsDetector, httpFrameworksDetector, dependenciesDetector, envDetector, ciDetector],
  build(index, facts) {
    const vars = envModel(facts);
    const markdown = join(
      stepHeading(10, 'Integration Points'),
      cognitoSection(facts, vars),
      paymentsSection(index, 'paddle', facts, vars),
      paymentsSection(index, 'stripe', facts, vars),
      cloudfrontSection(facts),
      apiGatewaySection(facts),
      dependenciesSection(facts.of<DependencyFact>('deps.dependency')),
    );
    return { markdown, facts: facts.all };
  },
};
