import { describe, expect, it } from 'vitest';
import { graphqlServersDetector, type GraphqlOperationData } from '../src/detectors/graphql-servers/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

async function operations(): Promise<GraphqlOperationData[]> {
  return (await detect(graphqlServersDetector, 'be-graphql')).map((f) => f.data as GraphqlOperationData);
}

describe('GraphQL servers', () => {
  it('reads NestJS @Resolver classes with their guards and the GraphQL module path', async () => {
    const nest = (await operations()).filter((o) => o.server === 'nest');
    expect(nest.map((o) => `${o.type}.${o.field} ${o.handler} ${o.file}:${o.line} ${o.endpoint}`)).toEqual([
      'Query.users UsersResolver.findAll packages/admin-api/src/users/users.resolver.ts:7 /admin/graphql',
      'Mutation.banUser UsersResolver.banUser packages/admin-api/src/users/users.resolver.ts:12 /admin/graphql',
    ]);
    expect(nest[1].middleware.map((m) => `${m.name}:${m.kind}:${m.code?.file}`)).toEqual([
      'GqlThrottlerGuard:global:packages/admin-api/src/throttler.guard.ts',
      'GqlAuthGuard:guard:packages/admin-api/src/users/gql-auth.guard.ts',
    ]);
  });

  it('reads Apollo resolver maps, spreads of imported objects, wrappers and graphql-shield rules', async () => {
    const maps = (await operations()).filter((o) => o.server === 'resolver-map');
    expect(maps.map((o) => `${o.type}.${o.field} ${o.handler ?? 'inline'} ${o.file}:${o.line}`)).toEqual([
      'Query.books listBooks packages/books-api/src/schema/resolvers.ts:8',
      'Query.me inline packages/books-api/src/schema/resolvers.ts:9',
      'Query.users inline packages/books-api/src/schema/admin.ts:2',
      'Mutation.addBook addBook packages/books-api/src/schema/resolvers.ts:13',
    ]);
    expect(maps[0]).toMatchObject({ handlerAt: { file: 'packages/books-api/src/schema/books.ts', line: 1 }, endpoint: '/graphql' });
    expect(maps[1].middleware).toEqual([
      { name: 'isAuthenticated', kind: 'rule', at: { file: 'packages/books-api/src/permissions.ts', line: 5 }, code: { file: 'packages/books-api/src/schema/guards.ts', line: 3 } },
    ]);
    expect(maps[3].middleware.map((m) => `${m.name}:${m.kind}:${m.from ?? m.code?.file}`)).toEqual([
      'combineResolvers:wrapper:graphql-resolvers',
      'isAuthenticated:wrapper:packages/books-api/src/schema/guards.ts',
    ]);
  });

  it('keeps operation ids stable, told apart by place only when two apps share a name', async () => {
    const ids = (await detect(graphqlServersDetector, 'be-graphql')).map((f) => f.id);
    expect(ids).toContain('graphql Mutation.addBook');
    expect(ids).toContain('graphql @shelf/books-api Query.users');
  });

  it('writes one section per server app', async () => {
    const md = (await section(backendApiStep, 'be-graphql')).markdown;
    expect(missingCitations(md, await indexOf('be-graphql'))).toEqual([]);
    expect(md).toContain('### GraphQL server: @shelf/admin-api');
    expect(md).toContain('2 operations (NestJS GraphQL), served at /admin/graphql.');
    expect(md).toContain('Every operation here passes through `GqlThrottlerGuard`.');
    expect(md).toContain('| `Query.me` | inline | `isAuthenticated` | `/packages/books-api/src/schema/resolvers.ts:9` |');
  });

  it('cites the imported function behind a shorthand property in a spread resolver object, never "inline"', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shorthand', dependencies: { '@apollo/server': '^4.11.0', graphql: '^16.9.0' } }),
      'src/server.ts': "import { ApolloServer } from '@apollo/server';\nimport { resolvers } from './resolvers';\nexport const server = new ApolloServer({ typeDefs: '', resolvers });\n",
      'src/resolvers/index.ts': "import { AuthMutations } from './auth';\n\nexport const resolvers = {\n  Mutation: {\n    ...AuthMutations,\n  },\n};\n",
      'src/resolvers/auth/index.ts': "import { signIn } from './sign-in';\n\nexport const AuthMutations = {\n  signIn,\n};\n",
      'src/resolvers/auth/sign-in.ts': "// Signs a user in.\nexport const signIn = async () => true;\n",
    });
    const ops = (await detect(graphqlServersDetector, root)).map((f) => f.data as GraphqlOperationData);
    expect(ops.map((o) => `${o.type}.${o.field} ${o.handler ?? 'inline'} ${o.handlerAt?.file}:${o.handlerAt?.line}`)).toEqual([
      'Mutation.signIn signIn src/resolvers/auth/sign-in.ts:2',
    ]);
  });
});
