import { httpFrameworksDetector } from '../detectors/http-frameworks/index.js';
import { cognitoUsageDetector, dependenciesDetector, paymentsDetector, type DependencyFact } from '../detectors/integrations/index.js';
import { heading, join, stepHeading } from '../markdown/blocks.js';
import { apiGatewaySection, cloudfrontSection } from './parts/integrations-aws.js';
import { cognitoSection } from './parts/integrations-cognito.js';
import { dependenciesSection } from './parts/integrations-deps.js';
import { packageRankByName } from './parts/roles.js';
import { paymentsSection } from './parts/integrations-payments.js';
import type { StepModel } from '../model/repo-model.js';
import { noCdk } from './parts/claims.js';
import { ENV_DETECTORS } from '../model/env.js';
import type { StepDefinition } from './types.js';

export const integrationsStep: StepDefinition = {
  number: 10,
  title: 'Integration Points',
  detectors: [...ENV_DETECTORS, cognitoUsageDetector, paymentsDetector, httpFrameworksDetector, dependenciesDetector],
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
      awsAbsent(model),
      dependenciesSection(facts.of<DependencyFact>('deps.dependency'), packageRankByName(model.index)),
    );
    return { markdown, facts: facts.all };
  },
};

/** Without a CDK app the AWS sections have nothing to show: one line says so instead of three empty sections. */
function awsAbsent(model: StepModel): string {
  const { facts } = model;
  if (facts.has('cdk.app') || facts.has('cdk.stack') || facts.has('cognito.usage')) return '';
  return join(heading(3, 'AWS services'), `${noCdk(model)}, so there is no Cognito, CloudFront or API Gateway configuration to map here.`);
}
