import { cdkDetector, type CdkAppFact, type CdkStackFact } from '../detectors/cdk/index.js';
import { ciDetector } from '../detectors/ci/index.js';
import { composeDetector } from '../detectors/compose/index.js';
import { dockerfileDetector } from '../detectors/dockerfile/index.js';
import { kubernetesDetector } from '../detectors/kubernetes/index.js';
import { tasksDetector } from '../detectors/tasks/index.js';
import { otherInfraDetector } from '../detectors/other-infra/index.js';
import { scriptsDetector } from '../detectors/scripts/index.js';
import { heading, join, stepHeading } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { appPart, crossStackPart, deploymentPart, environmentPart } from './parts/cdk-deploy.js';
import { plural } from './parts/cdk-shared.js';
import { stackDiagram, stackSection, stacksTable } from './parts/cdk-stacks.js';
import { otherInfraPart } from './parts/other-infra.js';
import { noCdk, noneOr } from './parts/claims.js';
import { runtimePart, runtimeSummary } from './parts/runtime.js';
import type { StepDefinition } from './types.js';

export const infrastructureStep: StepDefinition = {
  number: 6,
  title: 'Infrastructure & CDK',
  detectors: [cdkDetector, otherInfraDetector, scriptsDetector, ciDetector, composeDetector, dockerfileDetector, kubernetesDetector, tasksDetector],
  claims: ['infrastructure', 'deploy', 'cdk'],
  build(model) {
    const { facts } = model;
    const apps = facts.of<CdkAppFact>('cdk.app');
    const stacks = facts.of<CdkStackFact>('cdk.stack');
    const other = otherInfraPart(facts);
    const runtime = runtimePart(facts);
    const runtimeSection = runtime !== '' && join(heading(3, 'Containers, manifests and task runners'), `Found: ${runtimeSummary(facts).join(', ')}.`, runtime);
    const title = stepHeading(6, 'Infrastructure & CDK');
    if (apps.length === 0 && stacks.length === 0) {
      const none = other !== ''
        ? `${noCdk(model)}; the infrastructure is described by the tools below.`
        : runtime !== ''
          ? `${noCdk(model)}; how it runs is described by the files below.`
          : noneOr(
              model,
              'infrastructure',
              'No infrastructure code found: no AWS CDK app, no serverless.yml, SST, CloudFormation/SAM template or Terraform configuration, no Docker Compose file, Dockerfile, Kubernetes manifest, Makefile, justfile or Procfile.',
              'No AWS CDK app, serverless.yml, SST or Terraform configuration is mapped here, but these infrastructure files exist:',
            );
      return { markdown: join(title, none, other, runtimeSection), facts: [...facts.all] };
    }
    const where = [...new Set(apps.map((a) => a.data.dir))].map((d) => (d === '' ? 'the repository root' : cite(d)));
    const markdown = join(
      title,
      `${apps.length > 1 ? `${apps.length} AWS CDK apps` : 'An AWS CDK app'} in ${where.join(', ')} with ${plural(stacks.length, 'stack')}. Everything below is read from the CDK code without running it.`,
      heading(3, 'CDK app'),
      appPart(apps),
      heading(3, 'Stacks'),
      stackDiagram(stacks, facts),
      stacksTable(stacks, facts),
      ...stacks.map((s) => stackSection(s, facts)),
      section('Environment and stages', environmentPart(apps, stacks)),
      section('Cross-stack references', crossStackPart(stacks)),
      heading(3, 'Deployment'),
      deploymentPart(model),
      other !== '' && join(heading(3, 'Other infrastructure tools'), other),
      runtimeSection,
    );
    return { markdown, facts: [...facts.all] };
  },
};

function section(title: string, body: string): string {
  return body.trim() === '' ? '' : join(heading(3, title), body);
}
