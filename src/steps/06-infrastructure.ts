import { cdkDetector, type CdkAppFact, type CdkOtherAppFact, type CdkStackFact } from '../detectors/cdk/index.js';
import { ciDetector } from '../detectors/ci/index.js';
import { composeDetector } from '../detectors/compose/index.js';
import { dockerfileDetector } from '../detectors/dockerfile/index.js';
import { kubernetesDetector } from '../detectors/kubernetes/index.js';
import { tasksDetector } from '../detectors/tasks/index.js';
import { otherInfraDetector } from '../detectors/other-infra/index.js';
import { scriptsDetector } from '../detectors/scripts/index.js';
import { supabaseDetector } from '../detectors/supabase/index.js';
import { heading, join, stepHeading } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { appPart, crossStackPart, deploymentPart, environmentPart, otherAppsPart } from './parts/cdk-deploy.js';
import { plural } from './parts/cdk-shared.js';
import { deployedPart, stackDiagram, stackSection, stacksTable } from './parts/cdk-stacks.js';
import { otherInfraPart } from './parts/other-infra.js';
import { noCdk, noneOr } from './parts/claims.js';
import { runtimePart, runtimeSummary } from './parts/runtime.js';
import { supabaseProjectPart } from './parts/supabase-project.js';
import type { StepDefinition } from './types.js';

export const infrastructureStep: StepDefinition = {
  number: 6,
  title: 'Infrastructure & CDK',
  detectors: [cdkDetector, otherInfraDetector, scriptsDetector, ciDetector, composeDetector, dockerfileDetector, kubernetesDetector, tasksDetector, supabaseDetector],
  claims: ['infrastructure', 'deploy', 'cdk'],
  build(model) {
    const { facts } = model;
    const apps = facts.of<CdkAppFact>('cdk.app');
    const stacks = facts.of<CdkStackFact>('cdk.stack');
    const cdk = apps.length > 0 || stacks.length > 0;
    const other = otherInfraPart(facts, cdk ? 4 : 3);
    const runtime = runtimePart(facts);
    const runtimeSection = runtime !== '' && join(heading(3, 'Containers, manifests and task runners'), `Found: ${runtimeSummary(facts).join(', ')}.`, runtime);
    const title = stepHeading(6, 'Infrastructure & CDK');
    const supabase = supabaseProjectPart(facts);
    if (!cdk) {
      const none = other !== ''
        ? `${noCdk(model)}; the infrastructure is described by the tools below.`
        : runtime !== '' || supabase !== ''
          ? `${noCdk(model)}; how it runs is described by the ${runtime !== '' ? 'files' : 'Supabase project'} below.`
          : noneOr(
              model,
              'infrastructure',
              'No infrastructure code found: no AWS CDK app, no serverless.yml, SST, CloudFormation/SAM template or Terraform configuration, no Docker Compose file, Dockerfile, Kubernetes manifest, Makefile, justfile or Procfile.',
              'No AWS CDK app, serverless.yml, SST or Terraform configuration is mapped here, but these infrastructure files exist:',
            );
      return { markdown: join(title, none, other, supabase, runtimeSection), facts: [...facts.all] };
    }
    // An app with no cdk.json in its folder is where its script is (`examples/app.ts`), not the package it sits in.
    const withJson = new Set(apps.filter((a) => a.data.cdkJson).map((a) => a.data.dir));
    const folderOf = (a: CdkAppFact) => (!withJson.has(a.data.dir) && a.data.entry ? a.data.entry.split('/').slice(0, -1).join('/') : a.data.dir);
    const where = [...new Set(apps.map(folderOf))].map((d) => (d === '' ? 'the repository root' : cite(d)));
    const markdown = join(
      title,
      stacks.length > 0
        ? `${appCount(apps) > 1 ? `${appCount(apps)} AWS CDK apps` : 'An AWS CDK app'} in ${where.join(', ')} with ${plural(stacks.length, 'stack')}. Everything below is read from the CDK code without running it.`
        : withoutStacks(apps, where),
      heading(3, 'CDK app'),
      appPart(apps),
      otherAppsPart(facts.of<CdkOtherAppFact>('cdk.otherApp'), apps.some((a) => a.data.cdkJson && a.data.entry)),
      stacks.length > 0 && heading(3, 'Stacks'),
      deployedPart(apps, stacks),
      stackDiagram(stacks, facts),
      stacksTable(stacks, facts),
      ...stacks.map((s) => stackSection(s, facts)),
      section('Environment and stages', environmentPart(apps, stacks)),
      section('Cross-stack references', crossStackPart(stacks)),
      heading(3, 'Deployment'),
      deploymentPart(model),
      other !== '' && join(heading(3, 'Other infrastructure tools'), other),
      supabase,
      runtimeSection,
    );
    return { markdown, facts: [...facts.all] };
  },
};

/**
 * The headline when no stack was read: never "0 stacks" (a construct library's stacks live in its tests, and an entry
 * the evaluator could not follow still creates some), but what was found — cdk.json without `app` (the constructs
 * are read on their own), or the entry whose stacks could not be followed.
 */
function withoutStacks(apps: readonly CdkAppFact[], where: readonly string[]): string {
  const entries = apps.map((a) => a.data.entry).filter((e): e is string => e !== undefined);
  if (entries.length > 0) {
    return `AWS CDK code in ${where.join(', ')}: its constructs are read on their own, as the stacks the app entry ${entries.map((e) => cite(e)).join(', ')} creates could not be followed statically.`;
  }
  const json = apps.map((a) => a.data.cdkJson).filter((f): f is string => f !== undefined);
  const why = json.length > 0 ? ` (${json.map((f) => cite(f)).join(', ')} names no \`app\` command)` : '';
  // (Worded so that no negative word comes before "read": the claims check would take it for a "not read" claim.)
  return `AWS CDK code in ${where.join(', ')}: each construct class is read once, through the class that creates it or else on its own with unknown props${why}.`;
}

/** A cdk.json without an `app` command only holds settings: the apps are the scripts that create one. */
function appCount(apps: readonly CdkAppFact[]): number {
  return apps.filter((a) => a.data.entry).length || apps.length;
}

function section(title: string, body: string): string {
  return body.trim() === '' ? '' : join(heading(3, title), body);
}
