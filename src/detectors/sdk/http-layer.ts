/**
 * The HTTP layer of an SDK: which file sends requests and with what (fetch, axios, ky…), and what the code says about
 * retries, backoff, timeouts and auth headers — each a fact found in that file, never assumed.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { constantsOf, lastName, mentions, propertyNameText } from '../shared/ast.js';
import { enclosingFunctionName, importsCached } from '../shared/component-ref.js';

export interface HttpLayer {
  readonly file: string;
  readonly line: number;
  /** Class or function that sends the request (`HttpClient.request`). */
  readonly where?: string;
  readonly transport: string;
  readonly retries: boolean;
  readonly backoff: boolean;
  readonly timeout: boolean;
  /** Status codes named in a retry constant (`RETRYABLE_STATUS = new Set([429, 500])`). */
  readonly retryStatuses: readonly number[];
  /** Header names that carry credentials (`Authorization`, `x-api-key`). */
  readonly authHeaders: readonly string[];
}

const LIBRARIES: Record<string, string> = {
  axios: 'axios',
  ky: 'ky',
  got: 'got',
  undici: 'undici',
  'node-fetch': 'node-fetch',
  'cross-fetch': 'cross-fetch',
  'isomorphic-fetch': 'isomorphic-fetch',
  ofetch: 'ofetch',
  superagent: 'superagent',
  redaxios: 'redaxios',
  wretch: 'wretch',
  'openapi-fetch': 'openapi-fetch',
};

/**
 * Clients a framework injects (`constructor(private http: HttpService)`, `http = inject(HttpClient)`): the class is
 * imported only as a type, the requests go through the instance (`this.http.get(…)`).
 */
const INJECTED: Record<string, { readonly name: string; readonly transport: string }> = {
  '@nestjs/axios': { name: 'HttpService', transport: 'HttpService (@nestjs/axios)' },
  '@angular/common/http': { name: 'HttpClient', transport: 'HttpClient (@angular/common/http)' },
};
const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'jsonp']);
const AUTH_HEADER = /^(authorization|x-api-key|api-key|x-auth-token|x-access-token)$/i;

export function httpLayer(index: RepoIndex, files: readonly string[]): HttpLayer | undefined {
  const layers: HttpLayer[] = [];
  for (const file of files) {
    const text = index.read(file);
    if (!mentions(text, ['fetch(', 'fetch ', ...Object.keys(LIBRARIES), ...Object.keys(INJECTED), 'XMLHttpRequest', 'https.request'])) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const found = sendIn(sf);
    if (!found) continue;
    const constants = constantsOf(sf);
    const retryStatuses: number[] = [];
    for (const [name, value] of constants) {
      if (!/retr/i.test(name)) continue;
      walk(value, (n) => {
        if (ts.isNumericLiteral(n) && /^[1-5]\d\d$/.test(n.text)) retryStatuses.push(Number(n.text));
      });
    }
    const authHeaders = new Set<string>();
    walk(sf, (n) => {
      const key = headerKey(n);
      if (key && AUTH_HEADER.test(key)) authHeaders.add(key);
    });
    layers.push({
      file,
      line: found.line,
      where: found.where,
      transport: found.transport,
      retries: /\b(max)?_?retr(y|ies)\w*|maxAttempts|attempt\b/i.test(text!),
      backoff: /\*\*\s*\(?\s*(attempt|retry|retries|i|n)\b|Math\.pow\(\s*2|backoff|jitter|exponential/i.test(text!),
      timeout: /AbortController|AbortSignal\.timeout|\btimeout\w*\b/i.test(text!),
      retryStatuses: [...new Set(retryStatuses)].sort(),
      authHeaders: [...authHeaders].sort(),
    });
  }
  // The file with the most of these traits is the layer; others merely call fetch once.
  const score = (l: HttpLayer) => Number(l.retries) + Number(l.backoff) + Number(l.timeout) + l.authHeaders.length;
  return layers.sort((a, b) => score(b) - score(a) || (a.file < b.file ? -1 : 1))[0];
}

function sendIn(sf: ts.SourceFile): { line: number; where?: string; transport: string } | undefined {
  const imports = importsCached(sf);
  const library = [...imports.values()].map((b) => LIBRARIES[b.module]).find(Boolean);
  const holders = injectedHolders(sf, imports);
  let found: { line: number; where?: string; transport: string } | undefined;
  walk(sf, (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n) && !ts.isNewExpression(n)) return;
    const name = lastName(n.expression);
    const root = ts.isPropertyAccessExpression(n.expression) ? lastName(n.expression.expression) : undefined;
    // `$fetch` is ofetch's (Nuxt's auto-imported) fetch.
    const isFetch = name === 'fetch' || name === '$fetch';
    const isLibrary = library && ((root && imports.get(root) && LIBRARIES[imports.get(root)!.module]) || (name && imports.get(name) && LIBRARIES[imports.get(name)!.module]));
    const isXhr = ts.isNewExpression(n) && name === 'XMLHttpRequest';
    const injected = holders.size && ts.isCallExpression(n) && name && VERBS.has(name) && root ? holders.get(root) : undefined;
    if (!isFetch && !isLibrary && !isXhr && !injected) return;
    const owner = enclosingClass(n);
    const fn = enclosingFunctionName(n);
    found = {
      line: lineOf(n, sf),
      where: owner ? (fn ? `${owner}.${fn}` : owner) : fn,
      transport: isFetch ? name! : isXhr ? 'XMLHttpRequest' : injected ?? library!,
    };
    return false;
  });
  return found;
}

/** Names (parameters, properties) holding an injected HTTP client, with its transport: `httpService` → `HttpService (@nestjs/axios)`. */
function injectedHolders(sf: ts.SourceFile, imports: ReturnType<typeof importsCached>): Map<string, string> {
  const bindings = new Map<string, string>();
  for (const [local, b] of imports) if (INJECTED[b.module]?.name === b.imported) bindings.set(local, INJECTED[b.module].transport);
  const holders = new Map<string, string>();
  if (bindings.size === 0) return holders;
  const typeOf = (t: ts.TypeNode | undefined) => (t && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) ? bindings.get(t.typeName.text) : undefined);
  walk(sf, (n) => {
    if ((ts.isParameter(n) || ts.isPropertyDeclaration(n)) && ts.isIdentifier(n.name)) {
      const init = n.initializer;
      // `http = inject(HttpClient)`
      const injected = init && ts.isCallExpression(init) && lastName(init.expression) === 'inject' && init.arguments[0] && ts.isIdentifier(init.arguments[0]) ? bindings.get(init.arguments[0].text) : undefined;
      const transport = typeOf(n.type) ?? injected;
      if (transport) holders.set(n.name.text, transport);
    }
  });
  return holders;
}

/** A header name set in the code: `{ Authorization: … }`, `headers.Authorization = …`, `headers['x-api-key'] = …`, `.set('Authorization', …)`. */
function headerKey(n: ts.Node): string | undefined {
  if (ts.isPropertyAssignment(n) && n.name) return propertyNameText(n.name);
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = n.left;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
    if (ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression)) return left.argumentExpression.text;
  }
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(set|append)$/.test(n.expression.name.text)) {
    const first = n.arguments[0];
    if (first && ts.isStringLiteralLike(first)) return first.text;
  }
  return undefined;
}

function enclosingClass(node: ts.Node): string | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) if (ts.isClassDeclaration(cur)) return cur.name?.text;
  return undefined;
}
