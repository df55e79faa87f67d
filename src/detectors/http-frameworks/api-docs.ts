/**
 * Where a server serves its API documentation UI: `app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec))`
 * (swagger-ui-express), `fastify.register(swaggerUi, { routePrefix })` (@fastify/swagger-ui), NestJS
 * `SwaggerModule.setup('api', app, doc)`, Hono `app.get('/ui', swaggerUI({ url }))`. Each is one "API docs" line; a UI
 * mounted as middleware is not an endpoint, one registered with a verb stays a route (see `docsRouteLines`).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { callLine, lineOf, parseSource, ts, walk } from '../../scan/ts.js';
import { lastName, mentions, property } from '../shared/ast.js';
import { importsCached } from '../shared/component-ref.js';
import { clip } from '../../secrets/clip.js';

export interface ApiDocsData {
  readonly tool: 'Swagger UI';
  /** The path as written: the literal (`/docs`), or the expression (`env.swagger.route`) when `resolved` is false. */
  readonly path: string;
  readonly resolved: boolean;
  /** The router it is mounted on when that is not the app itself (`openAPIRouter`): the path is relative to it. */
  readonly on?: string;
  readonly file: string;
  readonly line: number;
}
export interface ApiDocsFact {
  readonly kind: 'http.docs';
  readonly id: string;
  readonly data: ApiDocsData;
  readonly at: readonly { file: string; line: number }[];
}

const NEEDLES = ['swagger-ui-express', '@fastify/swagger-ui', '@nestjs/swagger', '@hono/swagger-ui', '@fastify/swagger', 'fastify-swagger'];
const APP_NAMES = /^(app|server|fastify|api|instance|application|expressApp|this)$/;
/** @fastify/swagger-ui's default `routePrefix`. */
const FASTIFY_DEFAULT = '/documentation';

/** The API docs UIs one file mounts, memoised per file text. */
export function apiDocsIn(index: RepoIndex, file: string): readonly ApiDocsData[] {
  const text = index.read(file);
  if (!text || !mentions(text, NEEDLES)) return [];
  return index.memo('http.api-docs@2', file, (t) => scan(file, t)) ?? [];
}

/** `file:line` of routes whose handler is the docs UI itself (`app.get('/api-docs', swaggerUi.setup(spec))`). */
export function docsRouteLines(docs: readonly ApiDocsData[]): Set<string> {
  return new Set(docs.map((d) => `${d.file}:${d.line}`));
}

function scan(file: string, text: string): ApiDocsData[] {
  const sf = parseSource(file, text);
  const imports = importsCached(sf);
  const from = (e: ts.Expression, modules: RegExp): boolean => {
    const root = ts.isPropertyAccessExpression(e) ? e.expression : e;
    const b = ts.isIdentifier(root) ? imports.get(root.text) : undefined;
    return !!b && modules.test(b.module);
  };
  // `swaggerUi.serve`, `swaggerUi.setup(spec)`, `swaggerUI({ url })`: an argument that is the UI handler.
  const isUi = (a: ts.Expression): boolean => {
    const e = ts.isCallExpression(a) ? a.expression : a;
    return from(e, /^swagger-ui-express$/) || (ts.isCallExpression(a) && from(e, /^@hono\/swagger-ui$/));
  };
  const out: ApiDocsData[] = [];
  const add = (path: ts.Expression | undefined, fallback: string | undefined, node: ts.CallExpression, receiver?: ts.Expression) => {
    const literal = path && ts.isStringLiteralLike(path) ? path.text : undefined;
    const written = path ? clip(path.getText(sf).replace(/\s+/g, ' '), 60) : fallback;
    if (written === undefined) return;
    const name = receiver && (lastName(receiver) ?? (receiver.kind === ts.SyntaxKind.ThisKeyword ? 'this' : undefined));
    const on = name && !APP_NAMES.test(name) ? name : undefined;
    out.push({ tool: 'Swagger UI', path: literal ?? written, resolved: !path || literal !== undefined, ...(on ? { on } : {}), file, line: callLine(node, sf) });
  };
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    const method = n.expression.name.text;
    const args = n.arguments;
    if ((method === 'use' || method === 'get' || method === 'all') && args.length >= 2 && args.slice(1).some(isUi)) {
      add(args[0], undefined, n, n.expression.expression);
    } else if (method === 'use' && args.length >= 1 && args.every(isUi)) {
      add(undefined, '/', n, n.expression.expression);
    } else if (method === 'register' && args[0] && from(args[0], /^(@fastify\/swagger-ui|fastify-swagger)$/)) {
      const options = args[1] && ts.isObjectLiteralExpression(args[1]) ? args[1] : undefined;
      // fastify-swagger (v4 and earlier) serves the UI only with `exposeRoute: true`.
      if (from(args[0], /^fastify-swagger$/) && property(options, 'exposeRoute')?.kind !== ts.SyntaxKind.TrueKeyword) return;
      add(property(options, 'routePrefix'), args[1] && !options ? undefined : FASTIFY_DEFAULT, n);
    } else if (method === 'setup' && from(n.expression.expression, /^@nestjs\/swagger$/) && args[0]) {
      add(args[0], undefined, n);
    }
  });
  return out.map((d) => (d.path.startsWith('/') || !d.resolved ? d : { ...d, path: `/${d.path}` }));
}
