/**
 * Hand-check round 17 (tux86/nestjs-serverless-boilerplate): GraphQL modules whose `path` the code builds
 * (`graphqlConfig({ path: \`${config.appGlobalPrefix}/graphql\` })`) are not served at the default /graphql: the map
 * says where each path is built.
 */
import { describe, expect, it } from 'vitest';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const module = (name: string) =>
  [
    "import { Module } from '@nestjs/common';",
    "import { GraphQLModule } from '@nestjs/graphql';",
    "import { graphqlConfig } from '../graphql-config';",
    "import { config } from '../config';",
    '@Module({',
    '  imports: [',
    '    GraphQLModule.forRoot(',
    '      graphqlConfig({',
    '        path: `${config.appGlobalPrefix}/graphql`,',
    '      }),',
    '    ),',
    '  ],',
    '})',
    `export class ${name}Module {}`,
    '',
  ].join('\n');

describe('GraphQL modules with a built path', () => {
  it('names the modules and the path expression instead of claiming /graphql', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0', '@nestjs/graphql': '^12.0.0' } }),
      'src/apps/public.module.ts': module('Public'),
      'src/apps/internal.module.ts': module('Internal'),
      'src/graphql-config.ts': 'export const graphqlConfig = (options: { path: string }) => ({ path: options.path, autoSchemaFile: true });\n',
      'src/config.ts': "export const config = { appGlobalPrefix: process.env.APP_GLOBAL_PREFIX ?? '' };\n",
      'src/users.resolver.ts': [
        "import { Query, Resolver } from '@nestjs/graphql';",
        '@Resolver()',
        'export class UsersResolver {',
        "  @Query(() => String, { name: 'hello' })",
        "  hello() { return 'hi'; }",
        '}',
        '',
      ].join('\n'),
    });
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).not.toContain('served at /graphql');
    expect(md).toContain('served at a path the code builds: `` `${config.appGlobalPrefix}/graphql` `` in 2 GraphQL modules (`/src/apps/internal.module.ts:9`, `/src/apps/public.module.ts:9`)');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});
