import { httpFrameworksDetector } from '../detectors/http-frameworks/index.js';
import { otherInfraDetector } from '../detectors/other-infra/index.js';
import { cognitoUsageDetector, dependenciesDetector, paymentsDetector, type DependencyFact } from '../detectors/integrations/index.js';
import { join, stepHeading } from '../markdown/blocks.js';
import { infraAwsSection } from './parts/integrations-infra.js';
import { apiGatewaySection, cloudfrontSection } from './parts/integrations-aws.js';
import { cognitoSection } from './parts/integrations-cognito.js';
import { dependenciesSection } from './parts/integrations-deps.js';
import { packageRankByName } from './parts/roles.js';
import { paymentsSection } from './parts/integrations-payments.js';
import { ENV_DETECTORS } from '../model/env.js';
import type { StepDefinition } from './types.js';

export const integrationsStep: StepDefinition = {
  number: 10,
  title: 'Integration Points',
  detectors: [...ENV_DETECTORS, otherInfraDetector, cognitoUsageDetector, paymentsDetector, httpFrameworksDetector, dependenciesDetector],
  claims: ['payments', 'cloudfront', 'cdk'],
  build(model) {
    const { facts } = model;
    const vars = model.env;
    const markdown = join(
      stepHeading(10, 'Integration Points'),
      cognitoSection(facts, vars),
      paymentsSection(model, 'paddle', vars),
      paymentsSection(model, 'stripe', vars),
      cloudfrontSection(model),
      apiGatewaySection(facts),
      infraAwsSection(model),
      dependenciesSection(facts.of<DependencyFact>('deps.dependency'), packageRankByName(model.index)),
    );
    return { markdown, facts: facts.all };
  },
};
