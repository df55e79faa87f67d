/**
 * A CDK Pipelines `CodePipeline` with a `CodeBuildStep` synth step, defined in CDK code, is CI configuration: step 9
 * once said "No CI configuration found (… CodeBuild …)" of a repository whose pipeline is in lib/pipeline-stack.ts.
 */
import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { tempRepo } from './helpers/temp-repo.js';
import { section } from './helpers/fixture.js';

const stack = [
  "import { Stack } from 'aws-cdk-lib';",
  "import { BuildSpec } from 'aws-cdk-lib/aws-codebuild';",
  "import { CodePipeline as CdkCodePipelineL3, CodeBuildStep, CodePipelineSource } from 'aws-cdk-lib/pipelines';",
  'export class PipelineStack extends Stack {',
  '  constructor(scope, id, props) {',
  '    super(scope, id, props);',
  "    new CdkCodePipelineL3(this, 'Pipeline', {",
  "      synth: new CodeBuildStep('Synth', {",
  "        input: CodePipelineSource.codeCommit(repo, 'main'),",
  "        partialBuildSpec: BuildSpec.fromObject({ phases: { install: { commands: ['chmod 666 /var/run/docker.sock'] } } }),",
  "        commands: ['npm ci', 'npm run build', 'npm run cdk -- synth'],",
  '      }),',
  '    });',
  '  }',
  '}',
  '',
].join('\n');

describe('CI defined in CDK code', () => {
  it('step 9 names the CDK pipeline and its synth commands instead of "No CI configuration found"', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { 'aws-cdk-lib': '^2.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'lib/pipeline-stack.ts': stack,
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('No CI configuration found');
    expect(md).toContain('`CodePipeline` — `/lib/pipeline-stack.ts:7`');
    expect(md).toContain("`CodeBuildStep` — `/lib/pipeline-stack.ts:8` — runs `npm ci`, `npm run build`, `npm run cdk -- synth`");
    expect(md).not.toContain('chmod 666');
  });
});
