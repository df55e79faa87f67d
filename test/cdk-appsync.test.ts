import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkGraphqlApiFact, CdkGraphqlResolverFact, CdkResourceFact } from '../src/detectors/cdk/index.js';
import type { Fact } from '../src/facts.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

function of<F extends Fact>(facts: readonly Fact[], kind: F['kind']): F[] {
  return facts.filter((f) => f.kind === kind) as F[];
}

/** `Type.field -> data source -> resolver code @ where wired`, the row the GraphQL table is judged on. */
function rows(facts: readonly Fact[]): string[] {
  return of<CdkGraphqlResolverFact>(facts, 'cdk.graphqlResolver')
    .map((r) => {
      const d = r.data;
      const ds = (s: typeof d.dataSource) => (s ? `${s.kind}:${s.entry ?? s.table ?? s.target ?? s.name}` : '-');
      const source = d.kind === 'pipeline' ? `pipeline[${d.functions.map((f) => `${f.name}/${ds(f.dataSource)}/${f.code?.file ?? f.code?.source ?? '-'}`).join(', ')}]` : ds(d.dataSource);
      return `${d.typeName}.${d.fieldName} -> ${source} -> ${d.code?.file ?? d.code?.asWritten ?? d.code?.source ?? '-'} @ ${r.at[0].file}:${r.at[0].line}`;
    })
    .sort();
}

describe('cdk detector — AppSync (aws-cdk-lib L2: add*DataSource, createResolver, Resolver, AppsyncFunction, field table, helper)', () => {
  it('reads the API, its schema file, auth modes and data sources', async () => {
    const facts = await detect(cdkDetector, 'cdk-appsync-l2');
    const [api] = of<CdkGraphqlApiFact>(facts, 'cdk.graphqlApi');
    expect(api.id).toBe('NotesStack/NotesApi');
    expect(api.data.schema).toMatchObject({ kind: 'file', ref: { file: 'graphql/schema.graphql' } });
    expect(api.data.authModes).toEqual(['API_KEY', 'IAM']);
    expect(api.data.dataSources.map((d) => `${d.name}:${d.kind}:${d.entry ?? d.table ?? d.target ?? ''}`)).toEqual([
      'SearchSource:lambda:src/handlers/search.ts',
      'NotesSource:dynamodb:NotesStack/NotesTable',
      'LocalSource:none:',
      'WeatherSource:http:https://api.weather.example.com',
    ]);
  });

  it('maps every Type.field to its data source, resolver code and the line that wires it', async () => {
    const facts = await detect(cdkDetector, 'cdk-appsync-l2');
    expect(rows(facts)).toEqual([
      'Mutation.deleteNote -> dynamodb:NotesStack/NotesTable -> resolvers/deleteNote.js @ lib/notes-stack.ts:38',
      'Mutation.updateNote -> pipeline[loadNote/dynamodb:NotesStack/NotesTable/resolvers/loadNote.js, saveNote/dynamodb:NotesStack/NotesTable/resolvers/saveNote.js] -> resolvers/pipeline.js @ lib/notes-stack.ts:70',
      'Note.weather -> http:https://api.weather.example.com -> templates/weather.request.vtl @ lib/notes-stack.ts:48',
      'Query.getNote -> dynamodb:NotesStack/NotesTable -> resolvers/getNote.js @ lib/notes-stack.ts:38',
      'Query.searchNotes -> lambda:src/handlers/search.ts -> - @ lib/notes-stack.ts:36',
      'Subscription.onNote -> none:LocalSource -> resolvers/onNote.js @ lib/notes-stack.ts:40',
    ]);
    const getNote = of<CdkGraphqlResolverFact>(facts, 'cdk.graphqlResolver').find((r) => r.id === 'Query.getNote')!;
    // Wired through the helper from a literal field table: the loop, the helper's call and the table row are cited.
    expect(getNote.data.source).toBe('table');
    expect(getNote.at).toEqual([
      { file: 'lib/notes-stack.ts', line: 38 },
      { file: 'lib/fields.ts', line: 11 },
      { file: 'lib/fields.ts', line: 6 },
    ]);
    const weather = of<CdkGraphqlResolverFact>(facts, 'cdk.graphqlResolver').find((r) => r.id === 'Note.weather')!;
    expect(weather.data.responseTemplate?.file).toBe('templates/weather.response.vtl');
  });

  it('keeps AppSync constructs among the stack resources', async () => {
    const facts = await detect(cdkDetector, 'cdk-appsync-l2');
    const classes = new Set(of<CdkResourceFact>(facts, 'cdk.resource').map((r) => r.data.className));
    expect([...classes].sort()).toEqual(['AppsyncFunction', 'DynamoDbDataSource', 'GraphqlApi', 'HttpDataSource', 'LambdaDataSource', 'NoneDataSource', 'Resolver']);
  });
});

describe('cdk detector — AppSync L1 (CfnGraphQLApi, CfnGraphQLSchema, CfnDataSource, CfnResolver, CfnFunctionConfiguration)', () => {
  it('links resolvers to data sources by attrName and by literal name, and reads files read at synth time', async () => {
    const facts = await detect(cdkDetector, 'cdk-appsync-l1');
    const [api] = of<CdkGraphqlApiFact>(facts, 'cdk.graphqlApi');
    expect(api.data.schema).toMatchObject({ kind: 'file', ref: { file: 'graphql/schema.graphql' }, at: { file: 'index.ts', line: 19 } });
    expect(api.data.authModes).toEqual(['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM']);
    expect(rows(facts)).toEqual([
      'Mutation.createPost -> pipeline[enrich/http:https://feed.example.com/resolvers/enrich.request.vtl] -> inline @ index.ts:71',
      'Query.feed -> http:https://feed.example.com -> resolvers/feed.request.vtl @ index.ts:54',
      'Query.getPost -> lambda:lambda/posts.js -> resolvers/getPost.js @ index.ts:44',
    ]);
  });
});

describe('cdk detector — AppSync alpha module (Schema.fromAsset, createResolver without id, forEach helper, code-first addQuery)', () => {
  it('reads both APIs, the helper-wired fields and the code-first resolvable field only', async () => {
    const facts = await detect(cdkDetector, 'cdk-appsync-alpha');
    const apis = of<CdkGraphqlApiFact>(facts, 'cdk.graphqlApi');
    expect(apis.map((a) => `${a.data.name?.text}:${a.data.schema?.kind}:${a.data.schema?.ref?.file ?? ''}`).sort()).toEqual(['blog-admin:code-first:', 'blog:file:schema/blog.graphql']);
    expect(rows(facts)).toEqual([
      'Query.allPosts -> dynamodb:BlogStack/PostsTable -> MappingTemplate.dynamoDbScanTable(…) @ lib/blog-stack.ts:46',
      'Query.getPost -> dynamodb:BlogStack/PostsTable -> MappingTemplate.dynamoDbGetItem(…) @ lib/blog-stack.ts:36',
      'Query.listPosts -> lambda:functions/posts.js -> - @ lib/resolvers.ts:6',
      'Query.searchPosts -> lambda:functions/posts.js -> - @ lib/resolvers.ts:6',
    ]);
    const listPosts = of<CdkGraphqlResolverFact>(facts, 'cdk.graphqlResolver').find((r) => r.data.fieldName === 'listPosts')!;
    expect(listPosts.id).toBe('BlogStack/BlogApi Query.listPosts');
    expect(listPosts.data.via).toEqual({ file: 'lib/blog-stack.ts', line: 33 });
    const allPosts = of<CdkGraphqlResolverFact>(facts, 'cdk.graphqlResolver').find((r) => r.data.fieldName === 'allPosts')!;
    expect(allPosts.data).toMatchObject({ api: 'BlogStack/AdminApi', source: 'code-first', conditions: ['props.withAdmin'] });
  });
});

describe('step 3 — GraphQL APIs (AppSync)', () => {
  it('prints the schema, auth and the resolver table with cited files that exist', async () => {
    const s = await section(backendApiStep, 'cdk-appsync-l2');
    expect(s.markdown).toContain('6 GraphQL resolvers on AppSync and 1 Lambda function, read from the AWS CDK code.');
    expect(s.markdown).toContain('### GraphQL API: notes-api (AppSync)');
    expect(s.markdown).toContain('- Schema: `/graphql/schema.graphql`');
    expect(s.markdown).toContain('| `Query.searchNotes` | Lambda `/src/handlers/search.ts` | direct Lambda | `/lib/notes-stack.ts:36` | — |');
    expect(s.markdown).toContain('| `Query.getNote` | DynamoDB `NotesTable` | `/resolvers/getNote.js` (JS) | `/lib/notes-stack.ts:38` | from a field table (`/lib/fields.ts:6`) |');
    expect(s.markdown).toContain(
      '| `Mutation.updateNote` | pipeline: `loadNote` (DynamoDB `NotesTable`) → `saveNote` (DynamoDB `NotesTable`) | `/resolvers/pipeline.js` (JS); `loadNote`: `/resolvers/loadNote.js`; `saveNote`: `/resolvers/saveNote.js` | `/lib/notes-stack.ts:70` | — |',
    );
    expect(s.markdown).toContain('| `SearchFn` | `/src/handlers/search.ts` | — | — | — | — | GraphQL `Query.searchNotes` | `/lib/notes-stack.ts:26` |');
    expect(s.markdown).not.toContain('not mapped here');
    expect(missingCitations(s.markdown, await indexOf('cdk-appsync-l2'))).toEqual([]);
  });

  it('marks the code-first API, its condition and the helper call site', async () => {
    const s = await section(backendApiStep, 'cdk-appsync-alpha');
    expect(s.markdown).toContain('- Schema: code-first (types are built in the CDK code, no SDL file)');
    expect(s.markdown).toContain('- Authorization: `API_KEY` (the CDK default)');
    expect(s.markdown).toContain('| `Query.listPosts` | Lambda `/functions/posts.js` | direct Lambda | `/lib/resolvers.ts:6`, called at `/lib/blog-stack.ts:33` |');
    expect(s.markdown).toContain('only if `props.withAdmin`; code-first field');
    expect(missingCitations(s.markdown, await indexOf('cdk-appsync-alpha'))).toEqual([]);
  });

  it('reads L1 resolvers and their templates', async () => {
    const s = await section(backendApiStep, 'cdk-appsync-l1');
    expect(s.markdown).toContain('| `Query.feed` | HTTP `https://feed.example.com` | `/resolvers/feed.request.vtl`, inline (VTL) | `/index.ts:54` |');
    expect(s.markdown).toContain('| `Query.getPost` | Lambda `/lambda/posts.js` | `/resolvers/getPost.js` (JS) | `/index.ts:44` |');
    expect(missingCitations(s.markdown, await indexOf('cdk-appsync-l1'))).toEqual([]);
  });
});
