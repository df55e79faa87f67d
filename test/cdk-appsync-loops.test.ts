import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkGraphqlResolverData } from '../src/detectors/cdk/facts-appsync.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** Resolvers wired in a loop over field names read from the schema at synth time (aws-genai-llm-chatbot's shape). */
function loopRepo(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'gql', private: true, dependencies: { 'aws-cdk-lib': '^2.150.0', constructs: '^10.0.0', graphql: '^16.0.0' } }),
    'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
    'bin/app.ts': "import * as cdk from 'aws-cdk-lib';\nimport { ApiStack } from '../lib/api-stack';\nconst app = new cdk.App();\nnew ApiStack(app, 'Api');\n",
    'schema.graphql': 'type Query { a: String\n b: String }\ntype Mutation { c: String }\n',
    'lambda/index.py': 'def handler(event, context):\n    return None\n',
    'lib/api-stack.ts': [
      "import * as cdk from 'aws-cdk-lib';",
      "import * as appsync from 'aws-cdk-lib/aws-appsync';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import { readFileSync } from 'fs';",
      "import { parse } from 'graphql';",
      "import { Construct } from 'constructs';",
      'export class ApiStack extends cdk.Stack {',
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      "    const api = new appsync.GraphqlApi(this, 'Api', { name: 'api', definition: appsync.Definition.fromFile('schema.graphql') });",
      "    const fn = new lambda.Function(this, 'Handler', { runtime: lambda.Runtime.PYTHON_3_11, handler: 'index.handler', code: lambda.Code.fromAsset('lambda') });",
      "    const ds = api.addLambdaDataSource('ds', fn);",
      "    const schema = parse(readFileSync('schema.graphql', 'utf8'));",
      '    const fields = (schema.definitions[0] as any).fields.map((f: any) => f.name.value);',
      '    for (const fieldName of fields) {',
      "      api.createResolver(`${fieldName}-resolver`, { typeName: 'Query', fieldName, dataSource: ds });",
      '    }',
      "    (schema.definitions[1] as any).fields.forEach((f: any) => ds.createResolver(`m-${f.name.value}`, { typeName: 'Mutation', fieldName: f.name.value }));",
      '  }',
      '}',
    ].join('\n'),
  });
}

describe('AppSync resolvers created in a loop', () => {
  it('are marked as made in a loop, and the step counts them as a lower bound', async () => {
    const root = loopRepo();
    const resolvers = (await detect(cdkDetector, root)).filter((f) => f.kind === 'cdk.graphqlResolver').map((f) => f.data as CdkGraphqlResolverData);
    expect(resolvers.map((r) => `${r.typeName} ${r.inLoop?.file}:${r.inLoop?.line}`).sort()).toEqual(['Mutation lib/api-stack.ts:18', 'Query lib/api-stack.ts:15']);
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).toContain('At least 2 GraphQL resolvers on AppSync');
    expect(md).toContain('at least 2 resolvers (some are created in a loop, one per pass)');
    expect(md).toContain('created in a loop at `/lib/api-stack.ts:15`: one resolver per pass');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});
