/**
 * The module a frontend app talks to its API through: an axios/ky/ofetch instance, an openapi-fetch, tRPC, Apollo or
 * GraphQL client, a workspace SDK, or a `fetch` wrapper in an `api`/`client` file — with the endpoints it names.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { constantsOf, lastName, property } from '../shared/ast.js';
import { importsCached } from '../shared/component-ref.js';
import { importGraph, importersThroughBarrels } from './graph.js';
import { httpCalls, mayHaveHttpCalls, type HttpCall } from '../shared/http-calls.js';
import { oneLine } from '../../markdown/text.js';
import type { FrontendApp } from '../frontend-build/apps.js';
import { clip } from '../../secrets/clip.js';

export interface ApiClientData {
  readonly app: string;
  readonly file: string;
  readonly line: number;
  /** `axios`, `ky`, `fetch`, `openapi-fetch`, `@trpc/client`, `@apollo/client`, or the workspace SDK package. */
  readonly transport: string;
  /** The base URL expression as written (`import.meta.env.VITE_API_URL`). */
  readonly baseUrl?: string;
  /**
   * Other base URLs the module builds the same client with, with their lines (`treaty(env.SERVER_URL)` on the server,
   * `treaty(env.VITE_SERVER_URL)` in the browser): the first is `baseUrl`, at `line`.
   */
  readonly moreBaseUrls?: readonly { readonly url: string; readonly line: number }[];
  /** Endpoints named literally in the client module and in the files that import it. */
  readonly endpoints: readonly (HttpCall & { readonly file: string })[];
  /** Other files of the app that call it, counted. */
  readonly usedBy: number;
  /**
   * When the transport is a workspace SDK package: how many files of the app import it (any form: `import type`, a
   * subpath, `require`). The module cited is only one of them, so its own importers say nothing of the SDK's use.
   */
  readonly sdkImportedBy?: number;
}

const FACTORIES: readonly [RegExp, RegExp, string][] = [
  [/^axios$/, /^create$/, 'axios'],
  [/^ky$/, /^(create|extend)$/, 'ky'],
  [/^ofetch$/, /^(create|\$fetch)$/, 'ofetch'],
  [/^openapi-fetch$/, /^(default|createClient)$/, 'openapi-fetch'],
  [/^@trpc\/(client|react-query|next)/, /^(createTRPCProxyClient|createTRPCClient|createTRPCReact|createTRPCNext)$/, 'tRPC'],
  [/^@apollo\/client/, /^ApolloClient$/, 'Apollo Client'],
  [/^graphql-request$/, /^GraphQLClient$/, 'graphql-request'],
  [/^hono\/client$/, /^hc$/, 'hono/client'],
  [/^@elysiajs\/eden$/, /^(treaty|edenTreaty|edenFetch)$/, 'Eden Treaty (@elysiajs/eden)'],
  [/^wretch$/, /^default$/, 'wretch'],
];
const CLIENT_IMPORT = /from\s+['"](axios|ky|ofetch|openapi-fetch|@trpc\/[\w-]+|@apollo\/client[\w/-]*|graphql-request|hono\/client|@elysiajs\/eden|wretch)['"]/;
const DIRECT_CALL = /import\s+\w+\s+from\s+['"](axios|ky|ofetch)['"][\s\S]*?\b\w+\.(?:get|post|put|patch|delete|request)\(/;
const API_FILE = /(^|\/)(api|apis|api-?client|client|http|fetcher|request|requests|services?|lib\/api)(\/|\.|-|$)/i;
const BASE_KEYS = ['baseURL', 'baseUrl', 'prefixUrl', 'uri', 'url', 'baseQuery'];

export function apiClientsOf(index: RepoIndex, app: FrontendApp, files: readonly string[], sdkPackages: ReadonlySet<string>): ApiClientData[] {
  const found: Omit<ApiClientData, 'usedBy'>[] = [];
  const sdkSpecifiers = [...sdkPackages].flatMap((p) => [`'${p}'`, `"${p}"`]);
  for (const file of files) {
    if (!isSourceFile(file) || /\.(test|spec|stories)\.[jt]sx?$/.test(file)) continue;
    const text = index.read(file);
    if (!text) continue;
    const sdkImport = sdkSpecifiers.some((s) => text.includes(s));
    // Server route handlers (`app/api/**/route.ts`, `pages/api/**`) serve the API; they are not its client.
    const routeHandler = /(^|\/)(app|pages)\/api\/|(^|\/)route\.[jt]sx?$/.test(file);
    // The global `fetch(` (not `client.guilds.fetch(`), outside server-only modules (`*.server.ts`).
    const named = !routeHandler && API_FILE.test(file) && !/\.server\.[cm]?[jt]sx?$/.test(file) && /(^|[^.\w$])fetch\(/m.test(text);
    if (!sdkImport && !named && !CLIENT_IMPORT.test(text)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    // An `api` module calling the library's default export directly (`axios.get(url)`), with no instance created.
    const direct = !routeHandler && API_FILE.test(file) ? DIRECT_CALL.exec(text)?.[1] : undefined;
    const client = clientIn(sf, sdkPackages) ?? (direct ? { node: sf.statements.find((st) => ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text === direct) ?? sf, transport: direct } : undefined);
    if (!client && !named) continue;
    const constants = constantsOf(sf);
    // Eden takes the server's URL first (`treaty<App>(env.SERVER_URL, { … })`), not an options object.
    const baseOf = (c: ClientCall) => {
      const urlFirst = c.options && c.transport.startsWith('Eden') && !ts.isObjectLiteralExpression(c.options);
      return urlFirst ? short(c.options!.getText(sf)) : c.options ? baseUrlOf(c.options, sf) : undefined;
    };
    const baseUrl = client?.options ? baseOf(client) : baseConstant(constants, sf);
    // The same client built again in the file with another base URL (a server and a browser branch).
    const more: { url: string; line: number }[] = [];
    for (const c of client && baseUrl ? clientsIn(sf, sdkPackages).slice(1) : []) {
      const url = c.transport === client!.transport ? baseOf(c) : undefined;
      if (url && url !== baseUrl && !more.some((m) => m.url === url)) more.push({ url, line: lineOf(c.node, sf) });
    }
    found.push({
      app: app.dir,
      file,
      line: client ? lineOf(client.node, sf) : 1,
      transport: client?.transport ?? 'fetch',
      baseUrl,
      ...(more.length ? { moreBaseUrls: more } : {}),
      endpoints: httpCalls(sf, sf, constants).map((c) => ({ ...c, file })),
    });
  }
  // How many files import each client module: the shared one is the one to read first.
  const graph = importGraph(index, app.dir, files);
  return found.map((f) => {
    const importers = importersThroughBarrels(index, graph, f.file);
    const calls = [...f.endpoints];
    for (const edge of importers) {
      // Most files importing a client module only pass it on or call wrappers: parsing them all costs more than the rest.
      if (!mayHaveHttpCalls(index.read(edge.from) ?? '')) continue;
      const sf = index.parse(edge.from);
      if (sf) calls.push(...httpCalls(sf, sf, constantsOf(sf)).map((c) => ({ ...c, file: edge.from })));
    }
    const seen = new Set<string>();
    const endpoints = calls
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
      .filter((c) => {
        const key = `${c.method} ${c.path}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const sdkImportedBy = sdkPackages.has(f.transport) ? importersOfPackage(index, files, f.transport) : undefined;
    return { ...f, endpoints, usedBy: importers.length, ...(sdkImportedBy !== undefined ? { sdkImportedBy } : {}) };
  });
}

/** Source files (tests aside) naming the package or a subpath of it in an import, export, `require` or `import()`. */
function importersOfPackage(index: RepoIndex, files: readonly string[], pkg: string): number {
  const name = pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(`(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*)['"]${name}(?:/[^'"]*)?['"]`);
  return files.filter((f) => isSourceFile(f) && !/\.(test|spec|stories)\.[jt]sx?$/.test(f) && re.test(index.read(f) ?? '')).length;
}

interface ClientCall {
  readonly node: ts.Node;
  readonly transport: string;
  readonly options?: ts.Expression;
}

function clientIn(sf: ts.SourceFile, sdkPackages: ReadonlySet<string>): ClientCall | undefined {
  return clientsIn(sf, sdkPackages, true)[0];
}

/** The client factory calls of the file, in source order (a call is not searched inside); only the first when `first`. */
function clientsIn(sf: ts.SourceFile, sdkPackages: ReadonlySet<string>, first = false): ClientCall[] {
  const imports = importsCached(sf);
  const all: ClientCall[] = [];
  walk(sf, (node) => {
    if (first && all.length > 0) return false;
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
    const callee = node.expression;
    const name = lastName(callee);
    const root = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : name;
    const binding = root ? imports.get(root) : undefined;
    if (!binding || !name) return;
    const imported = root === name ? binding.imported : name;
    const options = node.arguments?.[0];
    for (const [module, fn, transport] of FACTORIES) {
      if (module.test(binding.module) && fn.test(imported)) {
        all.push({ node, transport, options });
        return false;
      }
    }
    if (sdkPackages.has(binding.module) && (ts.isNewExpression(node) || /^create/.test(imported))) {
      all.push({ node, transport: binding.module, options });
      return false;
    }
    return undefined;
  });
  return all;
}

function baseUrlOf(options: ts.Expression, sf: ts.SourceFile): string | undefined {
  for (const key of BASE_KEYS) {
    const value = property(options, key);
    if (value) return short(value.getText(sf));
  }
  return undefined;
}

function baseConstant(constants: Map<string, ts.Expression>, sf: ts.SourceFile): string | undefined {
  for (const [name, value] of constants) {
    if (/^(api_?)?(base_?url|url|endpoint|host)$|^api_?(url|base|root)$/i.test(name)) return short(value.getText(sf));
  }
  return undefined;
}

function short(text: string): string {
  const t = oneLine(text);
  return clip(t, 70);
}
