/**
 * HTTP requests a piece of code names literally: `http.get('/v1/x')`, `this.request('POST', `/v1/kv/${ns}`)`,
 * `fetch(`${this.baseUrl}/v1/keys`, { method: 'DELETE' })`. Used for SDK methods and frontend API clients.
 */
import { lineOf, ts, walk } from '../../scan/ts.js';
import { lastName, property, staticString } from './ast.js';
import { clip } from '../../secrets/clip.js';

export interface HttpCall {
  /** Upper-case verb, the expression as written when it is not a literal, or `?` when nothing names it. */
  readonly method: string;
  /** Path with template parts written `{name}` and a leading base URL removed: `/v1/kv/{namespace}/{key}`. */
  readonly path: string;
  /** False when the method or a path part is not literal (shown as written). */
  readonly resolved: boolean;
  readonly line: number;
}

/** The method of a call whose method is not written where we can read it. */
export const UNKNOWN_METHOD = '?';
/** Callees whose default method is GET: the global `fetch`, ofetch's `$fetch`/`ofetch`. */
const FETCHES = /^(fetch|ofetch|\$fetch)$/;
const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);
const REQUESTERS = /^(_?request|fetch|send|call|makeRequest|doRequest|req|http|apiFetch|fetchJson|fetchApi|ofetch|\$fetch|fetcher)$/i;
const CLIENT_OBJECT = /http|api|client|ky|axios|instance|request|fetch|rest|transport/i;
const NOT_HTTP_OBJECT = /^(map|params|searchParams|headers|cookies?|localStorage|sessionStorage|cache|store|formData|url|query|storage|redis|kv|env|config|process|router|app|Reflect|weakMap|set)$/i;
const BASE = /^\$\{[^}]*(base|url|host|endpoint|origin|root|api|server|prefix)[^}]*\}/i;

/** A property call named like a verb (`.get`, `?.__post`), and a call named like a requester (whole word, any case). */
const VERB_CALL_TEXT = /\.\s*_*(get|post|put|patch|delete|del|head|options)\b/;
const REQUESTER_TEXT = /\b(_?request|fetch|send|call|makeRequest|doRequest|req|http|apiFetch|fetchJson|fetchApi|ofetch|fetcher)\b/i;

/**
 * Cheap test on a file's text: false only when `httpCalls` can find nothing in it (no callee is named like a verb or a
 * requester), so the file need not be parsed for its calls.
 */
export function mayHaveHttpCalls(text: string): boolean {
  return VERB_CALL_TEXT.test(text) || REQUESTER_TEXT.test(text);
}

export function httpCalls(node: ts.Node, sf: ts.SourceFile, fileConstants: ReadonlyMap<string, ts.Expression> = new Map()): HttpCall[] {
  const out: HttpCall[] = [];
  // Constants declared inside the function win over same-named ones elsewhere in the file (`const url = …` per method).
  const constants = node === sf ? fileConstants : new Map([...fileConstants, ...localConstants(node)]);
  const visit = (n: ts.Node): void => {
    if (!ts.isCallExpression(n)) return;
    const call = readCall(n, sf, constants);
    if (call) out.push(call);
  };
  // An arrow function's expression body is itself the call (`get = () => this.http.get('/x')`).
  visit(node);
  walk(node, visit);
  return out;
}

function readCall(n: ts.CallExpression, sf: ts.SourceFile, constants: ReadonlyMap<string, ts.Expression>): HttpCall | undefined {
  const name = lastName(n.expression);
  if (!name) return undefined;
  const args = n.arguments;
  const verb = name.replace(/^_+/, '');
  if (VERBS.has(verb) && ts.isPropertyAccessExpression(n.expression) && args[0]) {
    const object = lastName(n.expression.expression) ?? (n.expression.expression.kind === ts.SyntaxKind.ThisKeyword ? 'this' : '');
    if (NOT_HTTP_OBJECT.test(object)) return undefined;
    const path = pathOf(args[0], sf, constants, CLIENT_OBJECT.test(object) || object === 'this');
    if (!path) return undefined;
    return { method: verb === 'del' ? 'DELETE' : verb.toUpperCase(), path: path.text, resolved: path.resolved, line: lineOf(n, sf) };
  }
  if (!REQUESTERS.test(name)) return undefined;
  let method: { text: string; resolved: boolean } | undefined;
  let path: { text: string; resolved: boolean } | undefined;
  // Whether the method could be hidden in an argument we cannot read (`fetch(url, opts)`, `{ ...init }`).
  let hidden = false;
  for (const arg of args) {
    if (ts.isObjectLiteralExpression(arg)) {
      const written = property(arg, 'method');
      method ??= methodOf(written, sf, constants);
      if ((written && !method) || arg.properties.some((p) => ts.isSpreadAssignment(p))) hidden = true;
      path ??= pathOf(property(arg, 'path') ?? property(arg, 'url') ?? property(arg, 'endpoint'), sf, constants, true);
      continue;
    }
    const verb = methodOf(arg, sf, constants);
    if (verb?.resolved && !method) {
      method = verb;
      continue;
    }
    const before = path;
    path ??= pathOf(arg, sf, constants, name.toLowerCase() !== 'fetch');
    if (before || !path) hidden = true;
  }
  if (!path) return undefined;
  // GET only where it is the default we can see: `fetch(url)` or `fetch(url, { headers })`. A project's own wrapper
  // (`request(url, { method })`, `api(path, opts)`) may default to anything, so its method stays unknown.
  const m = method ?? (FETCHES.test(name) && !hidden ? { text: 'GET', resolved: true } : { text: UNKNOWN_METHOD, resolved: false });
  return { method: m.text, path: path.text, resolved: m.resolved && path.resolved, line: lineOf(n, sf) };
}

function methodOf(e: ts.Expression | undefined, sf: ts.SourceFile, constants: ReadonlyMap<string, ts.Expression>) {
  if (!e) return undefined;
  const s = staticString(e, constants);
  if (s?.resolved && /^(get|post|put|patch|delete|head|options)$/i.test(s.text)) return { text: s.text.toUpperCase(), resolved: true };
  if (ts.isPropertyAccessExpression(e) && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/i.test(e.name.text)) {
    return { text: e.name.text.toUpperCase(), resolved: true };
  }
  return ts.isIdentifier(e) && /method/i.test(e.text) ? { text: `\${${e.getText(sf)}}`, resolved: false } : undefined;
}

/** A path-like string argument: literal or template, with `${param}` parts named and the base URL dropped. */
export function pathOf(
  e: ts.Expression | undefined,
  sf: ts.SourceFile,
  constants: ReadonlyMap<string, ts.Expression>,
  allowRelative: boolean,
  depth = 0,
): { text: string; resolved: boolean } | undefined {
  if (!e || depth > 6) return undefined;
  if (ts.isConditionalExpression(e)) {
    return pathOf(e.whenFalse, sf, constants, allowRelative, depth + 1) ?? pathOf(e.whenTrue, sf, constants, allowRelative, depth + 1);
  }
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return pathOf(e.expression, sf, constants, allowRelative, depth + 1);
  if (ts.isIdentifier(e)) {
    // `const url = buildPaginationUrl('/segments', options)`: the path the helper is given.
    const init = constants.get(e.text);
    if (init && ts.isCallExpression(init)) {
      for (const arg of init.arguments) {
        const found = pathOf(arg, sf, constants, false, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    if (init && !ts.isStringLiteralLike(init) && !ts.isTemplateExpression(init)) return pathOf(init, sf, constants, allowRelative, depth + 1);
  }
  if (!ts.isStringLiteralLike(e) && !ts.isTemplateExpression(e) && !ts.isBinaryExpression(e) && !ts.isIdentifier(e)) return undefined;
  let text: string;
  let resolved = true;
  if (ts.isTemplateExpression(e)) {
    text = e.head.text;
    for (const span of e.templateSpans) {
      const value = staticString(span.expression, constants);
      text += (value?.resolved ? value.text : `\${${placeholder(span.expression, sf)}}`) + span.literal.text;
    }
  } else {
    const s = staticString(e, constants);
    if (!s) return undefined;
    text = s.text;
    resolved = s.resolved;
  }
  text = text.replace(/^https?:\/\/[^/]+/, '').replace(BASE, '').split('?')[0];
  if (!allowRelative && !text.startsWith('/')) return undefined;
  if (!/^\/?[A-Za-z0-9_\-.{}$:/@~*]*$/.test(text) || text === '' || /^\$\{[^}]*\}$/.test(text)) return undefined;
  if (!text.startsWith('/') && !/[/{]/.test(text) && !allowRelative) return undefined;
  // `${name}` → `{name}` (the parameter the method fills in); ky-style relative paths are shown from the root.
  const named = text.replace(/\$\{([^}]*)\}/g, '{$1}');
  return { text: named.startsWith('/') ? named : `/${named}`, resolved };
}

/** The name a template part stands for: `${encodeURIComponent(key)}` → `key`, `${this.ns}` → `ns`. */
function placeholder(e: ts.Expression, sf: ts.SourceFile): string {
  let cur: ts.Expression = e;
  for (let i = 0; i < 5; i++) {
    if (ts.isCallExpression(cur) && cur.arguments[0]) cur = cur.arguments[0];
    else if (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isNonNullExpression(cur)) cur = cur.expression;
    else break;
  }
  if (ts.isIdentifier(cur)) return cur.text;
  if (ts.isPropertyAccessExpression(cur)) return cur.name.text;
  if (ts.isElementAccessExpression(cur) && ts.isStringLiteralLike(cur.argumentExpression)) return cur.argumentExpression.text;
  const text = cur.getText(sf).replace(/\s+/g, ' ');
  return clip(text, 24);
}


function localConstants(node: ts.Node): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  walk(node, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && !out.has(n.name.text)) out.set(n.name.text, n.initializer);
  });
  return out;
}
