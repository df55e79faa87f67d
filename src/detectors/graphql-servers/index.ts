/**
 * GraphQL servers in code (AppSync is the CDK detector's): Apollo Server, GraphQL Yoga, Mercurius and graphql-tools
 * resolver maps, Pothos/Nexus code-first fields, and NestJS GraphQL / TypeGraphQL `@Resolver` classes with
 * `@Query`, `@Mutation` and `@Subscription` methods — one operation each, with its resolver's code and its guards
 * (`@UseGuards`, global guards, graphql-shield rules, resolver wrappers), and the endpoint when the code names it.
 */
import type { Citation, Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { ts, lineOf } from '../../scan/ts.js';
import { importsOf, property, staticString } from '../shared/ast.js';
import type { MiddlewareUse } from '../shared/middleware-use.js';
import { isAppSource } from '../shared/source-scope.js';
import { stableIds } from '../shared/stable-ids.js';
import { NEST_APP_TEXT, emptyApp, nestUse, readNestApp, type NestApp } from '../http-frameworks/nest-app.js';
import { decorator, guardDecorators } from '../http-frameworks/nest-decorators.js';
import { MAP_TEXT, OPERATION_TYPES, resolverMapOperations, shieldRules, type OperationType } from './resolver-maps.js';

export interface GraphqlOperationData {
  readonly app: string;
  readonly server: 'nest' | 'type-graphql' | 'resolver-map' | 'code-first';
  readonly type: OperationType;
  readonly field: string;
  /** `BooksResolver.books`, a named resolver function, or absent when inline. */
  readonly handler?: string;
  readonly handlerAt?: Citation;
  readonly middleware: readonly MiddlewareUse[];
  /** The HTTP path the server answers on, when the code says (`/graphql` by default for Yoga and NestJS). */
  readonly endpoint?: string;
  /**
   * No literal path, but GraphQL modules whose `path` the code builds (`path: \`${config.appGlobalPrefix}/graphql\``):
   * each expression as written, where. Then no default `/graphql` is assumed.
   */
  readonly endpointBuilt?: readonly { readonly text: string; readonly at: Citation }[];
  readonly file: string;
  readonly line: number;
}

export type GraphqlOperationFact = Fact<'graphql.operation', GraphqlOperationData>;

const SERVER_DEPS = /^(@apollo\/server|apollo-server(-\w+)?|graphql-yoga|@graphql-yoga\/\w+|@nestjs\/graphql|type-graphql|mercurius|@graphql-tools\/schema|graphql-tools|@pothos\/core|nexus|graphql-shield|express-graphql|graphql-http)$/;
const DECORATOR_TEXT = /@(Query|Mutation|Subscription)\(/;

export const graphqlServersDetector: Detector = {
  id: 'graphql-servers',
  isEnabled: (index) => index.packages.some((p) => dependsOn(p.manifest, SERVER_DEPS)),
  detect(index) {
    const ops = graphqlOperations(index);
    const ids = stableIds(ops, [
      (d) => `graphql ${d.type}.${d.field}`,
      (d) => `graphql ${d.app} ${d.type}.${d.field}`,
      (d) => `graphql ${d.app} ${d.type}.${d.field} ${d.file}`,
    ]);
    return ops.map((data, i): GraphqlOperationFact => ({ kind: 'graphql.operation', id: ids[i], data, at: [{ file: data.file, line: data.line }] }));
  },
};

function graphqlOperations(index: RepoIndex): GraphqlOperationData[] {
  const serverDirs = new Set(index.packages.filter((p) => dependsOn(p.manifest, SERVER_DEPS)).map((p) => p.dir));
  const inScope = (file: string) => {
    const pkg = index.packageOf(file);
    return !pkg || serverDirs.has(pkg.dir);
  };
  const apps = new Map<string, NestApp>();
  const endpoints = new Map<string, string>();
  const builtPaths = new Map<string, { text: string; at: Citation }[]>();
  const shields = new Map<string, Map<string, { name: string; at: Citation; code?: Citation }[]>>();
  const decorated: string[] = [];
  const maps: string[] = [];
  const pkgOf = (file: string) => index.packageOf(file)?.dir ?? '';
  for (const file of index.files) {
    if (!isAppSource(index, file) || !inScope(file)) continue;
    const text = index.read(file);
    if (!text) continue;
    const endpoint = endpointIn(text);
    if (endpoint && !endpoints.has(pkgOf(file))) endpoints.set(pkgOf(file), endpoint);
    else if (!endpoint && text.includes('GraphQLModule')) {
      const built = builtPathIn(text);
      if (built) (builtPaths.get(pkgOf(file)) ?? builtPaths.set(pkgOf(file), []).get(pkgOf(file))!).push({ text: built.text, at: { file, line: index.lineAt(file, built.offset) ?? 1 } });
    }
    if (text.includes('@nestjs/') && NEST_APP_TEXT.test(text)) {
      const sf = index.parse(file);
      let app = apps.get(pkgOf(file));
      if (!app) apps.set(pkgOf(file), (app = emptyApp()));
      if (sf) readNestApp(index, file, sf, app);
    }
    if (text.includes('shield(')) {
      const sf = index.parse(file);
      if (sf) shields.set(pkgOf(file), new Map([...(shields.get(pkgOf(file)) ?? []), ...shieldRules(index, sf, file)]));
    }
    if (text.includes('@Resolver') && DECORATOR_TEXT.test(text)) decorated.push(file);
    else if (MAP_TEXT.test(text)) maps.push(file);
  }
  const out: GraphqlOperationData[] = [];
  const appName = (file: string) => index.packageOf(file)?.name ?? '';
  for (const file of decorated) {
    const sf = index.parse(file);
    if (!sf) continue;
    const nest = sf.text.includes('@nestjs/graphql');
    const app = apps.get(pkgOf(file));
    for (const op of decoratedOperations(index, file, sf, app)) {
      out.push({ app: appName(file), server: nest ? 'nest' : 'type-graphql', ...op, ...endpointOf(pkgOf(file), nest) });
    }
  }
  for (const file of maps) {
    const sf = index.parse(file);
    if (!sf) continue;
    const rules = shields.get(pkgOf(file));
    for (const op of resolverMapOperations(index, file, sf)) {
      const shield = (rules?.get(`${op.type}.${op.field}`) ?? rules?.get(`${op.type}.*`) ?? []).map((r): MiddlewareUse => ({ name: r.name, kind: 'rule', at: r.at, ...(r.code ? { code: r.code } : {}) }));
      const wrappers = op.wrappers.map((w): MiddlewareUse => ({ name: w.name, kind: 'wrapper', at: w.at, ...(w.code ? { code: w.code } : {}), ...(w.from ? { from: w.from } : {}) }));
      out.push({
        app: appName(file),
        server: op.style === 'code-first' ? 'code-first' : 'resolver-map',
        type: op.type,
        field: op.field,
        ...(op.handler ? { handler: op.handler } : {}),
        ...(op.handlerAt ? { handlerAt: op.handlerAt } : {}),
        middleware: [...shield, ...wrappers],
        ...endpointOf(pkgOf(file), false),
        file: op.file,
        line: op.line,
      });
    }
  }
  function endpointOf(dir: string, nest: boolean): Pick<GraphqlOperationData, 'endpoint' | 'endpointBuilt'> {
    const built = builtPaths.get(dir);
    if (!endpoints.has(dir) && built) return { endpointBuilt: built };
    const e = endpoints.get(dir) ?? (nest ? '/graphql' : undefined);
    return e ? { endpoint: e } : {};
  }
  const order = (t: string) => OPERATION_TYPES.indexOf(t as OperationType);
  return out.sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : order(a.type) - order(b.type) || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0)));
}

/** `app.use('/graphql', expressMiddleware(server))`, `graphqlEndpoint: '/api/graphql'`, `path: '/gql'` in a GraphQL module. */
function endpointIn(text: string): string | undefined {
  const m =
    /graphqlEndpoint\s*:\s*['"`]([^'"`]+)['"`]/.exec(text) ??
    /\.use\(\s*['"`]([^'"`]+)['"`][^;]*?(?:expressMiddleware|graphqlHTTP|createHandler|yoga)/.exec(text) ??
    (/GraphQLModule/.test(text) ? /\bpath\s*:\s*['"`](\/[^'"`]*)['"`]/.exec(text) : null);
  return m?.[1];
}

/** `path: \`${config.appGlobalPrefix}/graphql\`` or `path: prefix` in a GraphQL module file: a path the code builds. */
function builtPathIn(text: string): { text: string; offset: number } | undefined {
  const m = /\bpath\s*:\s*(`[^`]*\$\{[^`]*`|[A-Za-z_$][\w$.]*(?![\w$.]|\s*\())/.exec(text);
  return m ? { text: m[1], offset: m.index } : undefined;
}

/** `@Resolver(() => Book) class BooksResolver { @Query(() => [Book], { name: 'books' }) findAll() … }`. */
function decoratedOperations(index: RepoIndex, file: string, sf: ts.SourceFile, app: NestApp | undefined): Omit<GraphqlOperationData, 'app' | 'server' | 'endpoint'>[] {
  const out: Omit<GraphqlOperationData, 'app' | 'server' | 'endpoint'>[] = [];
  const imports = importsOf(sf);
  const use = (e: ts.Expression, kind: MiddlewareUse['kind']) => nestUse(index, file, sf, imports, e, kind);
  for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
    if (!cls.name || !decorator(cls, 'Resolver')) continue;
    const classGuards = guardDecorators(cls, use, GUARD_RULES);
    for (const member of cls.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      for (const type of OPERATION_TYPES) {
        const d = decorator(member, type);
        if (!d) continue;
        const options = d.arguments.find((a) => ts.isObjectLiteralExpression(a));
        const name = staticString(property(options, 'name'))?.text ?? member.name.getText(sf);
        out.push({
          type,
          field: name,
          handler: `${cls.name.text}.${member.name.getText(sf)}`,
          handlerAt: { file, line: lineOf(member, sf) },
          middleware: [...(app?.globalGuards ?? []), ...classGuards, ...guardDecorators(member, use, GUARD_RULES)],
          file,
          line: lineOf(member, sf),
        });
      }
    }
  }
  return out;
}


/** type-graphql's `@UseMiddleware` and `@Authorized` guard a resolver as Nest's `@UseGuards` and policies do. */
const GUARD_RULES = {
  guardCalls: new Set(['UseGuards', 'UseMiddleware']),
  policy: /Public|Auth|Role|Permission|Polic|Scope|Abilit|Anonymous|Access|Claim|Protected/,
  always: new Set(['Authorized']),
  skip: new Set<string>(OPERATION_TYPES),
};
