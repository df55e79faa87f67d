import { httpFrameworksDetector } from '../detectors/http-frameworks/index.js';
import { otherInfraDetector } from '../detectors/other-infra/index.js';
import type { InfraRouteFact } from '../detectors/other-infra/types.js';
import { cognitoUsageDetector, dependenciesDetector, paymentsDetector, type DependencyFact } from '../detectors/integrations/index.js';
import { bullets, heading, join, stepHeading } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { code, oneLine } from '../markdown/text.js';
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
  const routes = facts.of<InfraRouteFact>('infra.route').map((f) => f.data);
  if (routes.length === 0) return join(heading(3, 'AWS services'), `${noCdk(model)}, so there is no Cognito, CloudFront or API Gateway configuration to map here.`);
  // Serverless Framework, SAM or SST define API Gateway (and may name Cognito authorizers) without CDK.
  const tools = [...new Set(routes.map((r) => TOOL[r.tool] ?? r.tool))].join(', ');
  const guarded = routes.filter((r) => r.authorizer);
  return join(
    heading(3, 'AWS services'),
    `${noCdk(model)}; API Gateway is configured with ${tools}: ${routes.length} route${routes.length === 1 ? '' : 's'} (step 3 lists them), ${guarded.length ? `${guarded.length} with an authorizer` : 'none with an authorizer'}.`,
    bullets(guarded.map((r) => `${code(`${r.method} ${r.path}`)} — ${oneLine(r.authorizer!)} (${cite(r.file, r.line)})`)),
  );
}

const TOOL: Record<string, string> = { serverless: 'Serverless Framework', sam: 'AWS SAM', cloudformation: 'CloudFormation', sst: 'SST', terraform: 'Terraform' };
